// Tests of the kv-cluster example against real node processes: convergence, membership changes, failures and leaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClusterStartError, KvCluster, NodeClient, NodeRequestError, type NodeState } from './index.js';
import { isProcessAlive } from '../shared/processes.js';

const NODE_SCRIPT = fileURLToPath(new URL('./node.js', import.meta.url));
// Generous on purpose: convergence takes tens of ms, but a loaded CI machine must not make these tests flaky.
const CONVERGE_MS = 10_000;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = CONVERGE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function states(cluster: KvCluster): Promise<NodeState[]> {
  return Promise.all(cluster.registry.members().map((m) => new NodeClient(m).state()));
}

async function converged(cluster: KvCluster, key: string, value: unknown): Promise<NodeState[]> {
  return waitFor(`${key}=${JSON.stringify(value)} on all running nodes`, async () => {
    const all = await states(cluster);
    return all.every((s) => JSON.stringify(s.data[key]) === JSON.stringify(value)) ? all : undefined;
  });
}

/** Resource types that would be ours (processes, pipes, sockets, timers); others belong to Node or the runner. */
const OURS = new Set(['ProcessWrap', 'PipeWrap', 'TCPWrap', 'TCPSocketWrap', 'ConnectWrap', 'Timeout', 'Immediate']);

function countResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) if (OURS.has(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

function assertNoNewResources(before: Map<string, number>): void {
  const extra = [...countResources()].filter(([type, n]) => n > (before.get(type) ?? 0));
  assert.deepEqual(extra, [], `resources left behind: ${JSON.stringify(process.getActiveResourcesInfo())}`);
}

test('a write to one node converges on all three', async (t) => {
  const startedAt = performance.now();
  const cluster = await KvCluster.start({ size: 3 });
  t.after(() => cluster.stop());
  // Reported, not asserted: a time bound would only make the suite flaky on a loaded machine.
  t.diagnostic(`3-node start took ${Math.round(performance.now() - startedAt)} ms`);

  const nodes = cluster.nodes();
  assert.deepEqual(
    nodes.map((n) => n.id),
    ['n1', 'n2', 'n3'],
  );
  assert.ok(nodes.every((n) => n.running && n.port > 0 && n.url === `http://127.0.0.1:${n.port}`));
  assert.equal(new Set(nodes.map((n) => n.port)).size, 3);

  const entry = await cluster.write('n1', 'colour', { name: 'blue' });
  assert.equal(entry.writer, 'n1');
  const writtenAt = performance.now();
  const all = await converged(cluster, 'colour', { name: 'blue' });
  t.diagnostic(`converged on 3 nodes in ${Math.round(performance.now() - writtenAt)} ms`);
  for (const s of all) {
    assert.equal(s.versions.colour, entry.version);
    assert.equal(s.peers.length, 2);
    assert.equal(s.pid, cluster.node(s.id).pid);
  }

  // Last writer wins: a later write elsewhere supersedes the first everywhere.
  await cluster.write('n3', 'colour', 'green');
  await converged(cluster, 'colour', 'green');
});

test('stopNode makes the node unreachable while the others keep working', async (t) => {
  const cluster = await KvCluster.start({ size: 3 });
  t.after(() => cluster.stop());
  const n2 = cluster.node('n2');
  const n2Client = cluster.client('n2');

  await cluster.stopNode('n2');
  assert.equal(isProcessAlive(n2.pid), false);
  assert.equal(cluster.node('n2').running, false);
  assert.deepEqual(
    cluster.registry.members().map((m) => m.id),
    ['n1', 'n3'],
  );

  await assert.rejects(n2Client.state(), (err: unknown) => {
    assert.ok(err instanceof NodeRequestError);
    assert.equal(err.kind, 'refused');
    assert.equal(err.nodeId, 'n2');
    assert.match(err.message, /node n2 .*refused/);
    return true;
  });
  await assert.rejects(cluster.write('n2', 'k', 1), /node n2/);

  await cluster.write('n1', 'k', 'after-stop');
  const all = await converged(cluster, 'k', 'after-stop');
  for (const s of all) assert.ok(!s.peers.includes(n2.url), `${s.id} still lists the stopped node`);
  await cluster.stopNode('n2'); // no-op
});

test('restartNode gives a new process on the same port, and the node re-converges from its peers', async (t) => {
  const cluster = await KvCluster.start({ size: 3 });
  t.after(() => cluster.stop());
  await cluster.write('n1', 'before', 1);
  await converged(cluster, 'before', 1);
  const old = cluster.node('n3');

  const fresh = await cluster.restartNode('n3');
  assert.equal(fresh.running, true);
  assert.notEqual(fresh.pid, old.pid);
  assert.equal(fresh.port, old.port);
  assert.equal(isProcessAlive(old.pid), false);

  const all = await converged(cluster, 'before', 1);
  assert.ok(all.find((s) => s.id === 'n1')!.peers.includes(fresh.url));
  await cluster.write('n3', 'after', 2);
  await converged(cluster, 'after', 2);
});

test('restartNode revives a stopped node; an unknown node is refused', async (t) => {
  const cluster = await KvCluster.start({ size: 2 });
  t.after(() => cluster.stop());
  await cluster.stopNode('n1');
  await cluster.write('n2', 'k', 'v');
  await assert.rejects(cluster.restartNode('n9'), /unknown node n9/);

  assert.equal((await cluster.restartNode('n1')).running, true);
  const all = await converged(cluster, 'k', 'v');
  assert.equal(all.length, 2);
});

test('the membership registry can be made unavailable and available again', async (t) => {
  const cluster = await KvCluster.start({ size: 2 });
  t.after(() => cluster.stop());
  assert.deepEqual(
    cluster.registry.members(),
    cluster.nodes().map(({ id, url }) => ({ id, url })),
  );

  cluster.registry.setAvailable(false);
  assert.equal(cluster.registry.available, false);
  assert.throws(() => cluster.registry.members(), /membership registry unavailable/);

  cluster.registry.setAvailable(true);
  assert.deepEqual(
    cluster.registry.members().map((m) => m.id),
    ['n1', 'n2'],
  );
});

test('a slow node times out with an error that names it', async (t) => {
  const cluster = await KvCluster.start({ size: 2, stateDelayMs: { n2: 1000 } });
  t.after(() => cluster.stop());
  assert.equal((await cluster.client('n1').state({ timeoutMs: 5000 })).id, 'n1');
  await assert.rejects(cluster.client('n2').state({ timeoutMs: 100 }), (err: unknown) => {
    assert.ok(err instanceof NodeRequestError);
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /node n2 .*timed out after 100 ms/);
    return true;
  });
  const controller = new AbortController();
  const pending = cluster.client('n2').state({ signal: controller.signal, timeoutMs: 5000 });
  controller.abort();
  await assert.rejects(pending, (err: unknown) => err instanceof NodeRequestError && err.kind === 'aborted');
});

test('stop() kills every process and leaves no handle, timer or listener; it is idempotent', async () => {
  const before = countResources();
  const exitListeners = process.listenerCount('exit');
  const cluster = await KvCluster.start({ size: 3 });
  let pids: number[] = [];
  try {
    await cluster.write('n1', 'k', 1);
    await converged(cluster, 'k', 1);
    await cluster.restartNode('n2');
    pids = cluster.nodes().map((n) => n.pid);
    assert.equal(process.listenerCount('exit'), exitListeners + 1);
  } finally {
    await Promise.all([cluster.stop(), cluster.stop()]);
    await cluster.stop();
  }
  for (const pid of pids) assert.equal(isProcessAlive(pid), false, `pid ${pid} survived stop()`);
  assert.ok(cluster.nodes().every((n) => !n.running));
  assert.deepEqual(cluster.registry.members(), []);
  assert.equal(process.listenerCount('exit'), exitListeners);
  assertNoNewResources(before);
  await assert.rejects(cluster.restartNode('n1'), /stopped/);
  await assert.rejects(cluster.write('n1', 'k', 2), /node n1/);
});

test('await using stops the cluster at the end of the scope', async () => {
  let pids: number[];
  {
    await using cluster = await KvCluster.start({ size: 2 });
    pids = cluster.nodes().map((n) => n.pid);
  }
  for (const pid of pids) assert.equal(isProcessAlive(pid), false);
});

test('a start failure kills every process already started', async (t) => {
  const before = countResources();
  const exitListeners = process.listenerCount('exit');

  await t.test('ready timeout', async () => {
    const err = await KvCluster.start({ size: 3, readyTimeoutMs: 1 }).then(
      () => assert.fail('start should fail'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ClusterStartError);
    assert.match(err.message, /process "n\d" did not become ready within 1 ms; awaited a log line containing "\\"ready\\":true"/);
    assert.match(err.nodeId ?? '', /^n[123]$/);
    assert.equal(err.pids.length, 3);
    for (const pid of err.pids) assert.equal(isProcessAlive(pid), false, `pid ${pid} survived the failed start`);
  });

  await t.test('bad node script', async () => {
    const err = await KvCluster.start({ size: 2, nodeScript: `${NODE_SCRIPT}.missing` }).then(
      () => assert.fail('start should fail'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ClusterStartError);
    assert.match(err.message, /process "n\d" exited during start-up \(exit code 1\).*Cannot find module/s);
    for (const pid of err.pids) assert.equal(isProcessAlive(pid), false);
  });

  assert.equal(process.listenerCount('exit'), exitListeners);
  assertNoNewResources(before);
});

test('nodes die with the process that started them even when it is SIGKILLed (no exit hook runs)', async (t) => {
  // The parent starts a cluster the way the example suite does, reports the node pids, and then hangs until killed.
  const parentSource = `
    import { KvCluster } from ${JSON.stringify(new URL('./index.ts', import.meta.url).href)};
    const cluster = await KvCluster.start({ size: 2 });
    process.stdout.write(JSON.stringify(cluster.nodes().map((node) => node.pid)) + '\\n');
    setInterval(() => {}, 1000);
  `;
  const parent = spawn(process.execPath, ['--import', './register-ts-node.mjs', '--input-type=module', '-e', parentSource], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pids: number[] = [];
  t.after(() => {
    parent.kill('SIGKILL');
    for (const pid of pids) if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  });
  pids = await new Promise<number[]>((resolve) => parent.stdout!.once('data', (line: Buffer) => resolve(JSON.parse(line.toString()))));
  assert.equal(pids.length, 2);
  assert.ok(pids.every(isProcessAlive));

  const parentGone = new Promise((resolve) => parent.once('exit', resolve));
  parent.kill('SIGKILL');
  await parentGone;
  await waitFor('the orphaned nodes to exit', async () => (pids.some(isProcessAlive) ? undefined : true), 10_000);
});
