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
