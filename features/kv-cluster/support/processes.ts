// Every node process the example suite starts, remembered by pid, so the end of the run can prove none is left alive.
import { fileURLToPath } from 'node:url';
import type { KvCluster } from '../../../examples/kv-cluster/index.js';
import { ProcessTracker } from '../../../examples/shared/processes.js';

const NODE_SCRIPT = fileURLToPath(new URL('../../../examples/kv-cluster/node.js', import.meta.url));

/** The kv node processes of this run: a process counts as one while it runs the node script. */
export const nodeProcesses = new ProcessTracker((argv) => argv.includes(NODE_SCRIPT));

/** Remembers the pids of every node process of the cluster as it is now (call it after each start or restart). */
export function trackNodes(cluster: KvCluster): void {
  nodeProcesses.track(cluster.nodes().map((node) => node.pid));
}
