// Unit tests of the example suite's cluster observer, against scripted nodes: the cases the live features cannot force.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { observedSource, type ObservedSource } from '../index.js';
import { NodeRequestError, type NodeState, type RequestOptions } from '../examples/kv-cluster/index.js';
import { ClusterObserver, nodeFailures, type NodeSource } from '../features/kv-cluster/support/observer.js';

/** A node whose next answer a test sets: a state, or a request error. */
class ScriptedNode implements NodeSource {
  readonly id: string;
  readonly url: string;
  answer: { pid: number; data: Record<string, unknown>; id?: string } | NodeRequestError;
  readonly seen: RequestOptions[] = [];

  constructor(id: string, port: number, pid: number, data: Record<string, unknown> = {}) {
    this.id = id;
    this.url = `http://127.0.0.1:${port}`;
    this.answer = { pid, data };
  }

  async state(options: RequestOptions = {}): Promise<NodeState> {
    this.seen.push(options);
    const answer = this.answer;
    if (answer instanceof Error) throw answer;
    return { id: answer.id ?? this.id, pid: answer.pid, data: answer.data, versions: {}, version: 1, peers: [], uptimeMs: 1, startedAt: 0 };
  }

  refuse(): void {
    this.answer = new NodeRequestError(this.id, 'refused', `node ${this.id} (${this.url}): GET /state refused`);
  }
}

function sources(...nodes: ScriptedNode[]): ObservedSource<NodeSource>[] {
  return nodes.map((node) => observedSource(node.id, node));
}

const signal = new AbortController().signal;

test('a node that stops answering is a per-node failure, and comes back as a restart when its pid changed', async () => {
  const observer = new ClusterObserver({ requestTimeoutMs: 250 });
  const n1 = new ScriptedNode('n1', 4001, 101, { k: 1 });
  const n2 = new ScriptedNode('n2', 4002, 102, { k: 1 });
  const state = await observer.init(sources(n1, n2), signal);
  assert.deepEqual(n1.seen, [{ signal, timeoutMs: 250 }]);
  assert.deepEqual(Object.fromEntries(state.converged), { k: 1 });

  n2.refuse();
  assert.deepEqual(await observer.poll(sources(n1, n2), state, signal), [
    { type: 'node-down', node: 'n2', port: 4002, reason: 'refused', error: 'node n2 (http://127.0.0.1:4002): GET /state refused' },
  ]);
  const down = observer.snapshot(state);
  assert.deepEqual([down.nodes.n1?.up, down.nodes.n2?.up], [true, false]);
  assert.deepEqual(nodeFailures(down), { n2: 'node n2 (http://127.0.0.1:4002): GET /state refused' });
  assert.deepEqual(await observer.poll(sources(n1, n2), state, signal), [], 'still down: no new event');

  const back = new ScriptedNode('n2', 4999, 202, {});
  const events = await observer.poll(sources(n1, back), state, signal);
  assert.deepEqual(events, [
    { type: 'node-up', node: 'n2', port: 4999, previousPort: 4002, restarted: true },
    { type: 'key-diverged', key: 'k', values: { n1: 1 } },
  ]);
  assert.equal(observer.snapshot(state).nodes.n2?.restarts, 1);

  back.answer = { pid: 202, data: { k: 1 } };
  assert.deepEqual(await observer.poll(sources(n1, back), state, signal), [{ type: 'key-converged', key: 'k', value: 1, nodes: ['n1', 'n2'] }]);
  assert.deepEqual(nodeFailures(observer.snapshot(state)), {});
});

test('a new process seen without an outage in between is still a restart', async () => {
  const observer = new ClusterObserver({ requestTimeoutMs: 250 });
  const n1 = new ScriptedNode('n1', 4001, 101);
  const state = await observer.init(sources(n1), signal);
  n1.answer = { pid: 303, data: {} };
  assert.deepEqual(await observer.poll(sources(n1), state, signal), [{ type: 'node-up', node: 'n1', port: 4001, previousPort: 4001, restarted: true }]);
});

test('the cycle fails, listing every node, only when no node answers; the state is left as it was', async () => {
  const observer = new ClusterObserver({ requestTimeoutMs: 250 });
  const n1 = new ScriptedNode('n1', 4001, 101, { k: 1 });
  const n2 = new ScriptedNode('n2', 4002, 102, { k: 1 });
  const state = await observer.init(sources(n1, n2), signal);
  n1.refuse();
  n2.refuse();
  await assert.rejects(observer.poll(sources(n1, n2), state, signal), /^Error: no node answered \(2 polled\): n1: node n1 .* refused; n2: node n2 .* refused$/);
  assert.deepEqual(
    Object.values(observer.snapshot(state).nodes).map((node) => node.up),
    [true, true],
    'the last good snapshot stays',
  );
  await assert.rejects(observer.poll([], state, signal), /no node answered: the membership lists no node/);
  await assert.rejects(observer.init(sources(n1, n2), signal), /no node answered \(2 polled\)/);
});

test('a node answering as another one is down with reason wrong-node', async () => {
  const observer = new ClusterObserver({ requestTimeoutMs: 250 });
  const n1 = new ScriptedNode('n1', 4001, 101);
  const n2 = new ScriptedNode('n2', 4002, 102);
  n2.answer = { pid: 999, data: {}, id: 'n7' };
  const state = await observer.init(sources(n1, n2), signal);
  assert.deepEqual(observer.snapshot(state).nodes.n2, {
    up: false,
    port: 4002,
    reason: 'wrong-node',
    error: "node n2's address http://127.0.0.1:4002 answered as node n7",
    restarts: 0,
  });
});

test('an aborted cycle rejects with the abort reason instead of recording aborted requests', async () => {
  const observer = new ClusterObserver({ requestTimeoutMs: 250 });
  const n1 = new ScriptedNode('n1', 4001, 101);
  const state = await observer.init(sources(n1), signal);
  const controller = new AbortController();
  const reason = new Error('observation stopped');
  controller.abort(reason);
  n1.answer = new NodeRequestError('n1', 'aborted', 'aborted');
  await assert.rejects(observer.poll(sources(n1), state, controller.signal), (error) => error === reason);
  assert.equal(observer.snapshot(state).nodes.n1?.up, true);
});

test('diverged lists only the holders of a key, and a bad request timeout is refused', async () => {
  assert.throws(() => new ClusterObserver({ requestTimeoutMs: 0 }), /requestTimeoutMs must be a positive number of ms, got 0/);
  const observer = new ClusterObserver({ requestTimeoutMs: 250 });
  const nodes = [new ScriptedNode('n1', 4001, 101, { k: 1 }), new ScriptedNode('n2', 4002, 102, { k: 2 }), new ScriptedNode('n3', 4003, 103)];
  const state = await observer.init(sources(...nodes), signal);
  assert.deepEqual(Object.fromEntries(state.diverged), { k: { n1: 1, n2: 2 } });
  assert.deepEqual(Object.fromEntries(state.converged), {});
  assert.deepEqual(Object.keys(observer.snapshot(state)), ['nodes'], 'the snapshot shows the nodes, nothing computed for a step');
});
