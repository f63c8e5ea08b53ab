// Cucumber profiles: the step catalog's acceptance suite (default) and the example suite against the kv cluster.
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
