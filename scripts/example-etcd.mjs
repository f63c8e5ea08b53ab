// `npm run example:etcd`: runs the etcd suite (Cucumber profile "etcd") against a real 3-member cluster; without etcd, one line says how to get it.
import { EtcdNotFoundError, findEtcd } from '../examples/etcd/binary.js';
import { runExample } from './run-example.mjs';

try {
  findEtcd();
} catch (error) {
  if (!(error instanceof EtcdNotFoundError)) throw error;
  console.error(`npm run example:etcd: ${error.message}`);
  process.exit(1);
}

runExample({
  profile: 'etcd',
  name: 'etcd example suite',
  reports: [
    ['HTML report, with an observation timeline per scenario', 'reports/etcd.html'],
    ['JUnit XML report', 'reports/etcd.xml'],
  ],
});
