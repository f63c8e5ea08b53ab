// Cucumber profiles: the step catalog's acceptance suite (default), the example suite against the kv cluster, and the etcd suite.
const common = {
  loader: ['ts-node/esm/transpile-only'],
  format: ['progress'],
};

export default {
  ...common,
  paths: ['features/catalog/**/*.feature'],
  import: ['features/catalog/support/**/*.ts'],
};

/** `cucumber-js -p example` (what `npm start` runs): the kv-cluster suite, with HTML and JUnit XML reports. */
export const example = {
  ...common,
  paths: ['features/kv-cluster/**/*.feature'],
  import: ['features/kv-cluster/support/**/*.ts'],
  format: ['progress', 'html:reports/example.html', 'junit:reports/example.xml'],
};

/** `cucumber-js -p etcd` (what `npm run example:etcd` runs): the etcd suite against a real 3-member cluster, with HTML and JUnit XML reports. */
export const etcd = {
  ...common,
  paths: ['features/etcd/**/*.feature'],
  import: ['features/etcd/support/**/*.ts'],
  format: ['progress', 'html:reports/etcd.html', 'junit:reports/etcd.xml'],
};

/** `cucumber-js -p etcdDefined`: the etcd suite's twin, whose support is definitions only (processes and sources). */
export const etcdDefined = {
  ...common,
  paths: ['features/etcd-defined/**/*.feature'],
  import: ['features/etcd-defined/support/**/*.ts'],
  format: ['progress', 'html:reports/etcd-defined.html', 'junit:reports/etcd-defined.xml'],
};
