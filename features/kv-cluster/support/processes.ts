// Every node process the example suite starts, remembered by pid, so the end of the run can prove none is left alive.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isProcessAlive, type KvCluster } from '../../../examples/kv-cluster/index.js';

const NODE_SCRIPT = fileURLToPath(new URL('../../../examples/kv-cluster/node.js', import.meta.url));
const HAS_PROC = existsSync('/proc/self/stat');
const startedPids = new Set<number>();

/** Remembers the pids of every node process of the cluster as it is now (call it after each start or restart). */
export function trackNodes(cluster: KvCluster): void {
  for (const node of cluster.nodes()) if (node.pid > 0) startedPids.add(node.pid);
}

/** Remembers pids given directly, such as those of a failed start. */
export function trackPids(pids: Iterable<number>): void {
  for (const pid of pids) if (pid > 0) startedPids.add(pid);
}

/** How many node processes the suite has started so far. */
export function trackedCount(): number {
  return startedPids.size;
}

/**
 * The tracked pids that are still a running kv node process. A pid reused by an unrelated process does not count:
 * where /proc exists, the process must be running the node script.
 */
export function nodesStillAlive(): number[] {
  return [...startedPids].filter(isNodeProcess);
}

/** SIGKILLs the given processes, ignoring those already gone. */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile: nothing to kill.
    }
  }
}

function isNodeProcess(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // Without /proc (not Linux) being alive is all there is to check; with it, the process vanished meanwhile.
    return !HAS_PROC;
  }
  return cmdline.split('\0').includes(NODE_SCRIPT);
}
