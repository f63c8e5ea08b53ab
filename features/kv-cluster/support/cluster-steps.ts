// App steps that act on the kv cluster; every check is made with the library's generic steps.
import { Given, When } from '@cucumber/cucumber';
import type { ClusterWorld } from './world.js';

// Starting node processes is bounded by the cluster itself (5 s per node to be ready, 2 s to wire peers); these
// step timeouts only sit above those bounds, so that a slow start fails with the cluster's message.
const START_TIMEOUT_MS = 20_000;

Given('a cluster of {int} node(s)', { timeout: START_TIMEOUT_MS }, async function (this: ClusterWorld, size: number) {
  await this.startCluster({ size });
});

Given(
  'a cluster of {int} nodes in which node {string} answers state reads after {duration}',
  { timeout: START_TIMEOUT_MS },
  async function (this: ClusterWorld, size: number, nodeId: string, delayMs: number) {
    await this.startCluster({ size, stateDelayMs: { [nodeId]: delayMs } });
  },
);

When('a client writes {string} = {json} to node {string}', async function (this: ClusterWorld, key: string, value: unknown, nodeId: string) {
  await this.write(nodeId, key, value);
});

When('node {string} is stopped', { timeout: START_TIMEOUT_MS }, async function (this: ClusterWorld, nodeId: string) {
  await this.stopNode(nodeId);
});

When('node {string} is restarted', { timeout: START_TIMEOUT_MS }, async function (this: ClusterWorld, nodeId: string) {
  await this.restartNode(nodeId);
});

When('the whole cluster is stopped', { timeout: START_TIMEOUT_MS }, async function (this: ClusterWorld) {
  await this.stopCluster();
});

When('the cluster is started again', { timeout: START_TIMEOUT_MS }, async function (this: ClusterWorld) {
  await this.startClusterAgain();
});

When('the membership registry becomes unavailable', function (this: ClusterWorld) {
  this.cluster.registry.setAvailable(false);
});

When('the membership registry becomes available again', function (this: ClusterWorld) {
  this.cluster.registry.setAvailable(true);
});
