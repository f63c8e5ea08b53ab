// The process module against real etcd: a three-member cluster from definitions alone, its log lines as events, SIGSTOP and SIGTERM.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { onLogMatch, ProcessSet, type LogEvent, type ProcessDefinition } from './index.js';

const MEMBERS = ['e1', 'e2', 'e3'];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function member(name: string): ProcessDefinition {
  const url = (other: string, port: string) => `http://{host}:{port:${other}.${port}}`;
  return {
    command: 'etcd',
    args: [
      `--name=${name}`,
      `--data-dir={dir:${name}}`,
      `--listen-client-urls=${url(name, 'client')}`,
      `--advertise-client-urls=${url(name, 'client')}`,
      `--listen-peer-urls=${url(name, 'peer')}`,
      `--initial-advertise-peer-urls=${url(name, 'peer')}`,
      `--initial-cluster=${MEMBERS.map((other) => `${other}=${url(other, 'peer')}`).join(',')}`,
      '--initial-cluster-state=new',
      '--initial-cluster-token=test-{port:e1.peer}',
      '--heartbeat-interval=50',
      '--election-timeout=500',
      '--logger=zap',
      '--log-outputs=stderr',
    ],
    ports: ['client', 'peer'],
    ready: { http: `${url(name, 'client')}/health` },
    readyTimeoutMs: 60_000,
    stopGraceMs: 5_000,
  };
}

test('three etcd members start from definitions, elect a leader seen in their logs, pause, stop with SIGTERM, and leave nothing', async () => {
  const set = new ProcessSet(Object.fromEntries(MEMBERS.map((name) => [name, member(name)])));
  const elections: LogEvent[] = [];
  const stop = onLogMatch(set, /elected leader (?<leader>[0-9a-f]+) at term (?<term>\d+)/, (event) => elections.push(event));
  const pids: number[] = [];
  try {
    await set.start();
    for (const name of MEMBERS) pids.push(set.status(name).pid!);
    assert.ok(elections.length >= 1, `an election is logged; e1's last lines:\n${set.logTail('e1', 5).join('\n')}`);
    assert.match(elections[0]!.match.leader!, /^[0-9a-f]+$/);
    assert.ok(MEMBERS.includes(elections[0]!.process));
    const dir = set.resolve('{dir:e2}');
    assert.ok(existsSync(join(dir, 'member')), 'e2 keeps its data in its own directory');

    set.pause('e3');
    assert.equal(set.status('e3').state, 'paused');
    set.resume('e3');
    await set.kill('e2', 'SIGTERM');
    assert.equal(set.status('e2').state, 'exited');
    await set.restart('e2');
    assert.equal(set.status('e2').state, 'running');
    assert.equal(set.status('e2').restarts, 1);
    pids.push(set.status('e2').pid!);
  } finally {
    stop();
    await set.stopAll();
  }
  assert.deepEqual(pids.filter(alive), [], 'no etcd process is left');
  assert.equal(existsSync(set.resolve('{dir:e1}')), false, 'the data directories are removed');
});
