// The kv cluster's observer: polls every node's /state each cycle, keeps who is up and what they agree on, and reports changes.
import { isDeepStrictEqual } from 'node:util';
import type { ObservedSource, Observer } from '../../../index.js';
import { NodeRequestError, type NodeClient, type NodeState } from '../../../examples/kv-cluster/index.js';

/** What the observer asks of a source: one node's state, and the address it is asked at. */
export type NodeSource = Pick<NodeClient, 'id' | 'url' | 'state'>;

/** A node that answered its latest poll. */
export interface UpNode {
  readonly up: true;
  readonly port: number;
  readonly pid: number;
  /** The node's Lamport clock. */
  readonly version: number;
  readonly data: Readonly<Record<string, unknown>>;
  /** New processes seen for this node since the observation started. */
  readonly restarts: number;
}

/** A node that did not answer its latest poll: a per-node failure, recorded while the cycle goes on. */
export interface DownNode {
  readonly up: false;
  /** The port it was polled at: its last known address. */
  readonly port: number;
  /** Why: `refused` (nothing listens: the process is gone), `timeout`, `wrong-node`, or another request failure kind. */
  readonly reason: string;
  readonly error: string;
  readonly restarts: number;
}

/** One node as the latest poll saw it. */
export type NodeView = UpNode | DownNode;

/**
 * What a cycle of the cluster observation shows: each node as it answered, nothing computed for a step to compare.
 * The steps' wildcards, quantifiers and agreement say what used to need fields of their own ("up", "down",
 * "converged", "diverged"): `every observed "nodes.*.up" should be true`, `exactly 2 of the observed "nodes.*.up"
 * should be true`, `the observed "nodes.*.data" should all be equal`.
 */
export interface ClusterSnapshot {
  /** Every observed node by id. */
  readonly nodes: Readonly<Record<string, NodeView>>;
}

/** What changed between two cycles. */
export type ClusterEvent =
  | { readonly type: 'node-down'; readonly node: string; readonly port: number; readonly reason: string; readonly error: string }
  | {
      readonly type: 'node-up';
      readonly node: string;
      readonly port: number;
      /** Port of the last process seen for this node; null when none was seen before. */
      readonly previousPort: number | null;
      /** Whether this is a new process rather than the one seen before (a restart, whether or not it was seen down). */
      readonly restarted: boolean;
    }
  | { readonly type: 'key-converged'; readonly key: string; readonly value: unknown; readonly nodes: readonly string[] }
  | { readonly type: 'key-diverged'; readonly key: string; readonly values: Readonly<Record<string, unknown>> };

/** Options of {@link ClusterObserver}. */
export interface ClusterObserverOptions {
  /** Bound for one node's `/state` request, in ms; a node slower than this is down with reason `timeout`. */
  readonly requestTimeoutMs: number;
}

interface NodeRecord {
  view: NodeView;
  /** The last process seen answering for this node, to tell a restart from a node that was only unreachable. */
  lastProcess: { readonly pid: number; readonly port: number } | undefined;
  restarts: number;
}

/**
 * The observer's retained state; advanced in place by each successful poll, untouched by a failed one. What the
 * answering nodes agree and disagree on is kept to report keys that converge or diverge as events.
 */
export interface ClusterState {
  nodes: Map<string, NodeRecord>;
  /** Keys that every node that answered holds with the same value, with that value. */
  converged: Map<string, unknown>;
  /** Keys the answering nodes disagree on, with each holder's value (a node that lacks the key is not listed). */
  diverged: Map<string, Record<string, unknown>>;
}

type Answer =
  | { readonly name: string; readonly port: number; readonly ok: true; readonly state: NodeState }
  | { readonly name: string; readonly port: number; readonly ok: false; readonly reason: string; readonly error: string };

/**
 * Polls all nodes concurrently, each request bounded by `requestTimeoutMs` and cancelled by the cycle's signal. A
 * node that does not answer is a per-node failure in the snapshot; the cycle fails only when no node answers.
 */
export class ClusterObserver implements Observer<NodeSource, ClusterState, ClusterSnapshot, ClusterEvent> {
  readonly #requestTimeoutMs: number;

  constructor(options: ClusterObserverOptions) {
    if (!Number.isFinite(options.requestTimeoutMs) || options.requestTimeoutMs <= 0) {
      throw new RangeError(`ClusterObserver: requestTimeoutMs must be a positive number of ms, got ${options.requestTimeoutMs}`);
    }
    this.#requestTimeoutMs = options.requestTimeoutMs;
  }

  async init(sources: readonly ObservedSource<NodeSource>[], signal: AbortSignal): Promise<ClusterState> {
    const state: ClusterState = { nodes: new Map(), converged: new Map(), diverged: new Map() };
    this.#apply(state, await this.#askAll(sources, signal));
    return state;
  }

  async poll(sources: readonly ObservedSource<NodeSource>[], state: ClusterState, signal: AbortSignal): Promise<ClusterEvent[]> {
    return this.#apply(state, await this.#askAll(sources, signal));
  }

  snapshot(state: ClusterState): ClusterSnapshot {
    const nodes: Record<string, NodeView> = {};
    for (const [id, record] of state.nodes) nodes[id] = record.view;
    return { nodes };
  }

  /** Asks every node at once; throws, listing each node's error, when none answers. */
  async #askAll(sources: readonly ObservedSource<NodeSource>[], signal: AbortSignal): Promise<Answer[]> {
    if (sources.length === 0) throw new Error('no node answered: the membership lists no node');
    const answers = await Promise.all(sources.map((source) => this.#ask(source, signal)));
    // A stopped observation aborts the requests: their "aborted" answers say nothing about the cluster.
    signal.throwIfAborted();
    if (answers.every((answer) => !answer.ok)) {
      const errors = answers.map((answer) => `${answer.name}: ${answer.ok ? '' : answer.error}`);
      throw new Error(`no node answered (${answers.length} polled): ${errors.join('; ')}`);
    }
    return answers;
  }

  async #ask({ name, source }: ObservedSource<NodeSource>, signal: AbortSignal): Promise<Answer> {
    const port = Number(new URL(source.url).port);
    try {
      const state = await source.state({ signal, timeoutMs: this.#requestTimeoutMs });
      if (state.id !== name) {
        // A port freed by a dead node can be taken by another one: its answer is not this node's.
        return { name, port, ok: false, reason: 'wrong-node', error: `node ${name}'s address ${source.url} answered as node ${state.id}` };
      }
      return { name, port, ok: true, state };
    } catch (error) {
      const reason = error instanceof NodeRequestError ? error.kind : 'error';
      return { name, port, ok: false, reason, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Records the answers in the state and returns what changed since the previous cycle. */
  #apply(state: ClusterState, answers: readonly Answer[]): ClusterEvent[] {
    const events: ClusterEvent[] = [];
    const polled = new Set(answers.map((answer) => answer.name));
    for (const id of [...state.nodes.keys()]) if (!polled.has(id)) state.nodes.delete(id);

    for (const answer of answers) {
      const record = state.nodes.get(answer.name);
      const wasUp = record?.view.up ?? false;
      if (answer.ok) {
        const { pid, version, data } = answer.state;
        const previous = record?.lastProcess;
        const restarted = previous !== undefined && previous.pid !== pid;
        const restarts = (record?.restarts ?? 0) + (restarted ? 1 : 0);
        const view: UpNode = Object.freeze({ up: true, port: answer.port, pid, version, data, restarts });
        state.nodes.set(answer.name, { view, lastProcess: { pid, port: answer.port }, restarts });
        // A node seen for the first time (at init, or newly listed) is the baseline, not a change.
        if (record && (!wasUp || restarted)) {
          events.push({ type: 'node-up', node: answer.name, port: answer.port, previousPort: previous?.port ?? null, restarted });
        }
      } else {
        const { port, reason, error } = answer;
        const restarts = record?.restarts ?? 0;
        const view: DownNode = Object.freeze({ up: false, port, reason, error, restarts });
        state.nodes.set(answer.name, { view, lastProcess: record?.lastProcess, restarts });
        if (record && wasUp) events.push({ type: 'node-down', node: answer.name, port, reason, error });
      }
    }
    events.push(...this.#agreement(state));
    return events;
  }

  /** Recomputes what the answering nodes agree on; reports keys that newly converged (or changed value) or diverged. */
  #agreement(state: ClusterState): ClusterEvent[] {
    const up = [...state.nodes].filter((entry): entry is [string, NodeRecord & { view: UpNode }] => entry[1].view.up);
    const upIds = up.map(([id]) => id);
    const keys = [...new Set(up.flatMap(([, record]) => Object.keys(record.view.data)))].sort();
    const converged = new Map<string, unknown>();
    const diverged = new Map<string, Record<string, unknown>>();
    for (const key of keys) {
      const holders = up.filter(([, record]) => Object.hasOwn(record.view.data, key));
      const first = holders[0]![1].view.data[key];
      if (holders.length === up.length && holders.every(([, record]) => isDeepStrictEqual(record.view.data[key], first))) {
        converged.set(key, first);
      } else {
        diverged.set(key, Object.fromEntries(holders.map(([id, record]) => [id, record.view.data[key]])));
      }
    }
    const events: ClusterEvent[] = [];
    for (const [key, value] of converged) {
      if (!state.converged.has(key) || !isDeepStrictEqual(state.converged.get(key), value)) {
        events.push({ type: 'key-converged', key, value, nodes: upIds });
      }
    }
    for (const [key, values] of diverged) {
      if (!state.diverged.has(key)) events.push({ type: 'key-diverged', key, values });
    }
    state.converged = converged;
    state.diverged = diverged;
    return events;
  }
}

/** The per-node failures of a snapshot, by node id: what the report's timeline shows per source. */
export function nodeFailures(snapshot: unknown): Record<string, string> {
  const nodes = (snapshot as Partial<ClusterSnapshot> | undefined)?.nodes ?? {};
  const failures: Record<string, string> = {};
  for (const [id, view] of Object.entries(nodes)) if (!view.up) failures[id] = view.error;
  return failures;
}
