// The etcd suite's run-level check: no etcd process and no data dir of this run is left once it ends.
import { AfterAll } from '@cucumber/cucumber';
import { dataDirsLeft, etcdProcesses } from './processes.js';

AfterAll({ name: 'etcd example: no member process or data dir is left' }, function () {
  const alive = etcdProcesses.stillAlive();
  const dirs = dataDirsLeft();
  if (alive.length === 0 && dirs.length === 0) return;
  etcdProcesses.killAll(alive);
  throw new Error(
    `of the ${etcdProcesses.count} etcd processes this run started, ${alive.length} were still alive at its end` +
      (alive.length > 0 ? ` (pids ${alive.join(', ')}, killed now)` : '') +
      (dirs.length > 0 ? `, and ${dirs.length} data dir(s) were left: ${dirs.join(', ')}` : '') +
      '; every scenario must stop the cluster it starts',
  );
});
