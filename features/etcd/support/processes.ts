// Every etcd process and data dir the suite creates, remembered, so that the end of the run can prove none is left.
import { existsSync } from 'node:fs';
import { ProcessTracker } from '../../../examples/shared/processes.js';
import type { EtcdCluster } from '../../../examples/etcd/index.js';

/** The etcd members of this run: a process counts as one while its command line carries an example cluster's token. */
export const etcdProcesses = new ProcessTracker((argv) => argv.some((arg) => arg.startsWith('--initial-cluster-token=etcd-example-')));
const dataRoots = new Set<string>();

/** Remembers the cluster's processes (call it after each start or restart) and its data dir. */
export function trackCluster(cluster: EtcdCluster): void {
  etcdProcesses.track(cluster.pids());
  dataRoots.add(cluster.dataRoot);
}

/** The data dirs of this run that still exist. */
export function dataDirsLeft(): string[] {
  return [...dataRoots].filter((dir) => existsSync(dir));
}
