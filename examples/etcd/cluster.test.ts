// Tests of the etcd cluster control against real etcd processes: forming, kill -9, SIGSTOP/SIGCONT, restart, and
// that no process or data dir outlives the cluster, its owner's exit, SIGINT, SIGTERM or SIGKILL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { isProcessAlive } from '../shared/processes.js';
import { ClusterStartError, EtcdCluster, EtcdNotFoundError, EtcdRequestError, findEtcd } from './index.js';

const INDEX = fileURLToPath(new URL('./index.ts', import.meta.url));
const REGISTER = fileURLToPath(new URL('../../register-ts-node.mjs', import.meta.url));

/** Resource types that would be ours (processes, pipes, sockets, timers); others belong to Node or the runner. */
const OURS = new Set(['ProcessWrap', 'PipeWrap', 'TCPWrap', 'TCPSocketWrap', 'TCPServerWrap', 'ConnectWrap', 'Timeout', 'Immediate']);

function countResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) if (OURS.has(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

async function waitUntil(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

describe('findEtcd', () => {
  it('takes ETCD_BIN when it is an executable file, and says in one line how to install etcd otherwise', () => {
    const found = findEtcd();
    assert.equal(findEtcd({ ETCD_BIN: found }), found);
    for (const env of [{ ETCD_BIN: '/no/such/etcd' }, { PATH: '/no/such/dir' }, {}]) {
      assert.throws(
        () => findEtcd(env),
        (error: unknown) => {
          assert.ok(error instanceof EtcdNotFoundError);
          assert.equal(error.name, 'EtcdNotFoundError');
          assert.doesNotMatch(error.message, /\n/);
          assert.match(error.message, /apt-get install etcd-server.*ETCD_BIN/);
          return true;
        },
      );
    }
  });
});

describe('EtcdCluster', () => {
  it('forms a 3-member cluster, kills, freezes, thaws and restarts members, and leaves nothing behind', async (t) => {
    const before = countResources();
    const signalListeners = process.listenerCount('SIGTERM');
    const startedAt = performance.now();
    const cluster = await EtcdCluster.start();
    t.diagnostic(`3-member start took ${Math.round(performance.now() - startedAt)} ms`);
    let pids: readonly number[] = [];
    try {
      const members = cluster.members();
      assert.deepEqual(
        members.map((m) => [m.name, m.state]),
        [
          ['e1', 'running'],
          ['e2', 'running'],
          ['e3', 'running'],
        ],
      );
      const urls = members.flatMap((m) => [m.clientUrl, m.peerUrl]);
      assert.equal(new Set(urls).size, 6, 'six distinct ports');
      assert.ok(urls.every((url) => url.startsWith('http://127.0.0.1:')));
      assert.ok(members.every((m) => /^\d+$/.test(m.id) && m.dataDir.startsWith(cluster.dataRoot) && existsSync(m.dataDir)));
      assert.equal(process.listenerCount('SIGTERM'), signalListeners + 1, 'a SIGTERM hook while members run');

      const statuses = await Promise.all(members.map((m) => cluster.client(m.name).status()));
      assert.equal(new Set(statuses.map((s) => s.leader)).size, 1, 'one leader for all');
      assert.deepEqual(
        statuses.map((s) => s.memberId),
        members.map((m) => m.id),
      );

      await cluster.client('e1').put('colour', 'blue');
      const e3 = cluster.member('e3');
      await cluster.kill('e3');
      assert.equal(isProcessAlive(e3.pid), false);
      assert.equal(cluster.member('e3').state, 'killed');
      await assert.rejects(cluster.client('e3').status(), (error: unknown) => error instanceof EtcdRequestError && error.kind === 'refused');
      await assert.rejects(cluster.kill('e3'), /member e3 cannot be killed: it is killed/);

      cluster.freeze('e2');
      assert.equal(cluster.member('e2').state, 'frozen');
      await assert.rejects(cluster.client('e2').status({ timeoutMs: 300 }), (error: unknown) => {
        assert.ok(error instanceof EtcdRequestError);
        assert.equal(error.kind, 'timeout');
        assert.match(error.message, /member e2 \(http:\/\/127\.0\.0\.1:\d+\): POST \/v3\/maintenance\/status timed out after 300 ms/);
        return true;
      });
      assert.throws(() => cluster.freeze('e2'), /member e2 cannot be frozen: it is frozen/);
      cluster.thaw('e2');
      assert.throws(() => cluster.thaw('e2'), /member e2 cannot be thawed: it is running/);
      assert.equal((await cluster.client('e2').status()).memberId, members[1]!.id);

      const restarted = await cluster.restart('e3');
      assert.notEqual(restarted.pid, e3.pid);
      assert.equal(restarted.clientUrl, e3.clientUrl, 'same address');
      assert.equal(restarted.state, 'running');
      // Its own data dir brought it back: the key written before the kill, as this member holds it.
      const deadline = Date.now() + 10_000;
      while (
        (
          (await cluster
            .client('e3')
            .range('col')
            .catch(() => ({}))) as Record<string, string>
        ).colour !== 'blue'
      ) {
        assert.ok(Date.now() < deadline, 'e3 holds colour=blue within 10 s of its restart');
        await sleep(100);
      }
      assert.throws(() => cluster.member('e9'), /unknown member e9 \(known: e1, e2, e3\)/);
      cluster.freeze('e1');
      pids = cluster.pids();
      assert.equal(pids.length, 4);
    } finally {
      await Promise.all([cluster.stop(), cluster.stop()]);
    }
    for (const pid of pids) assert.equal(isProcessAlive(pid), false, `pid ${pid} survived stop(), frozen or not`);
    assert.equal(existsSync(cluster.dataRoot), false, 'the data dirs are removed');
    assert.equal(process.listenerCount('SIGTERM'), signalListeners, 'the SIGTERM hook is gone');
    const extra = [...countResources()].filter(([type, n]) => n > (before.get(type) ?? 0));
    assert.deepEqual(extra, [], `resources left behind: ${process.getActiveResourcesInfo().join(', ')}`);
    await assert.rejects(cluster.restart('e1'), /the cluster is stopped/);
  });

  it('a start that fails kills what it spawned, removes its data dirs and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-etcd-'));
    try {
      const fake = join(dir, 'etcd');
      writeFileSync(fake, '#!/bin/sh\necho "fake etcd: refusing to start" >&2\nexit 3\n');
      chmodSync(fake, 0o755);
      const error = await EtcdCluster.start({ binary: fake, tmpDir: dir }).then(
        () => assert.fail('the start should fail'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ClusterStartError);
      assert.match(error.message, /start of 3 member\(s\) failed: member e\d exited before it was ready: fake etcd: refusing to start; all 3 spawned/);
      for (const pid of error.pids) assert.equal(isProcessAlive(pid), false);
      assert.deepEqual(readdirSync(dir), ['etcd'], 'the data root is removed');
      await assert.rejects(EtcdCluster.start({ size: 0 }), /size must be an integer >= 1, got 0/);
      await assert.rejects(EtcdCluster.start({ electionTimeoutMs: -1 }), /electionTimeoutMs must be a positive number of ms, got -1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The owner starts a cluster, prints its pids and data dir, and idles until a signal ends it.
  const OWNER = `
    const { EtcdCluster } = await import(${JSON.stringify(INDEX)});
    const cluster = await EtcdCluster.start();
    process.stdout.write(JSON.stringify({ pids: cluster.pids(), dataRoot: cluster.dataRoot }) + '\\n');
    setInterval(() => {}, 1000);
  `;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`${signal} to the process that owns a cluster: every member dies with it${signal === 'SIGKILL' ? ' (the kernel kills them: setpriv --pdeathsig)' : ', and the data dirs go'}`, async (t) => {
      const owner = spawn(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', OWNER], { stdio: ['ignore', 'pipe', 'inherit'] });
      let started: { pids: number[]; dataRoot: string } | undefined;
      t.after(() => {
        owner.kill('SIGKILL');
        for (const pid of started?.pids ?? []) if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
        if (started) rmSync(started.dataRoot, { recursive: true, force: true });
      });
      started = await new Promise((resolve, reject) => {
        owner.stdout!.once('data', (line: Buffer) => resolve(JSON.parse(line.toString())));
        owner.once('exit', (code) => reject(new Error(`the owner exited (${code}) before its cluster ran`)));
      });
      assert.equal(started!.pids.length, 3);
      assert.ok(started!.pids.every(isProcessAlive));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => owner.once('exit', (_code, how) => resolve(how)));
      owner.kill(signal);
      assert.equal(await exited, signal, `the owner ends by ${signal}, as it would without the hook`);
      await waitUntil('every member to be gone', () => !started!.pids.some(isProcessAlive));
      if (signal !== 'SIGKILL') assert.equal(existsSync(started!.dataRoot), false, 'the data dirs are removed');
    });
  }
});
