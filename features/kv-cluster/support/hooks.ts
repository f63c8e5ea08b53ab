// The example suite's own hooks: each scenario's clusters are stopped after it, and no node process outlives the run.
import { After, AfterAll } from '@cucumber/cucumber';
import { nodeProcesses } from './processes.js';
import type { ClusterWorld } from './world.js';

// Defined after the plugin's steps, so Cucumber runs it before the plugin's After hook; the observation has stopped
// all the same, at the end of the scenario's last step, before the cluster it watches goes away.
After({ name: 'kv-cluster example: stop the clusters of the scenario', timeout: 30_000 }, async function (this: ClusterWorld) {
  await this.stopClusters();
});

AfterAll({ name: 'kv-cluster example: no node process is left alive' }, function () {
  const alive = nodeProcesses.stillAlive();
  if (alive.length === 0) return;
  nodeProcesses.killAll(alive);
  throw new Error(
    `${alive.length} of the ${nodeProcesses.count} kv node processes this run started were still alive at its end ` +
      `(pids ${alive.join(', ')}); they are killed now, but a scenario's After hook must stop every process it starts`,
  );
});
