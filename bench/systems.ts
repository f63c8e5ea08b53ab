// The observed systems and observers the benchmarks share: switchable flags (wait latency) and a simulated
// three-node cluster whose state changes every cycle (cycle cost, memory, interval accuracy).
import { observedSource, type ObservedSource, type Observer } from '../lib/index.js';
import { burn } from './stats.js';

/** A system of named boolean flags that trials create, switch on and delete. */
export class FlagSystem {
  readonly flags = new Map<string, boolean>();
  readonly #sources: readonly ObservedSource<FlagSystem>[] = [observedSource('flags', this)];

  sources(): readonly ObservedSource<FlagSystem>[] {
    return this.#sources;
  }
}

/** A flag that appeared, changed or went away (`to` undefined) between two cycles. */
export interface FlagEvent {
  readonly key: string;
  readonly to: boolean | undefined;
}

/** A copy of every flag, as one cycle saw them. */
export interface FlagSnapshot {
  readonly flags: Readonly<Record<string, boolean>>;
}

/** Reports every flag change as an event and snapshots a copy of all flags. */
export class FlagObserver implements Observer<FlagSystem, Map<string, boolean>, FlagSnapshot, FlagEvent> {
  init(sources: readonly ObservedSource<FlagSystem>[]): Map<string, boolean> {
    return new Map(sources[0]!.source.flags);
  }

  poll(sources: readonly ObservedSource<FlagSystem>[], state: Map<string, boolean>): FlagEvent[] {
    const { flags } = sources[0]!.source;
    const events: FlagEvent[] = [];
    for (const [key, value] of flags) {
      if (state.get(key) !== value) {
        events.push({ key, to: value });
        state.set(key, value);
      }
    }
    for (const key of state.keys()) {
      if (!flags.has(key)) {
        events.push({ key, to: undefined });
        state.delete(key);
      }
    }
    return events;
  }

  snapshot(state: Map<string, boolean>): FlagSnapshot {
    return { flags: Object.fromEntries(state) };
  }
}

/** The flag observer, timing its own work per cycle (poll to snapshot), so the runtime's share can be told apart. */
export class TimedFlagObserver extends FlagObserver {
  readonly ownMs: number[] = [];
  #began = 0;

  override poll(...args: Parameters<FlagObserver['poll']>): ReturnType<FlagObserver['poll']> {
    this.#began = performance.now();
    return super.poll(...args);
  }

  override snapshot(state: Map<string, boolean>): FlagSnapshot {
    const value = super.snapshot(state);
    if (this.#began > 0) this.ownMs.push(performance.now() - this.#began);
    this.#began = 0;
    return value;
  }
}

/** What one simulated node answers when asked for its view. */
export interface NodeView {
  readonly term: number;
  readonly leader: string;
  readonly commitIndex: number;
}

/** One node of the simulated cluster. */
export class SimulatedNode {
  term = 1;
  leader = 'n1';
  commitIndex = 0;

  constructor(readonly name: string) {}

  view(): NodeView {
    return { term: this.term, leader: this.leader, commitIndex: this.commitIndex };
  }
}

/**
 * Three nodes whose state moves on every time the sources are refreshed: one node commits an entry per cycle,
 * and every 50th refresh a new term elects the next leader. So every cycle produces at least one event.
 * With `busyMs`, each poll also burns that much CPU (a slow observer).
 */
export class SimulatedCluster {
  readonly nodes = ['n1', 'n2', 'n3'].map((name) => new SimulatedNode(name));
  readonly #sources = this.nodes.map((node) => observedSource(node.name, node));
  #refreshes = 0;

  /** The source provider: advances the cluster by one step, then lists its nodes. */
  readonly sources = (): readonly ObservedSource<SimulatedNode>[] => {
    this.#refreshes += 1;
    const node = this.nodes[this.#refreshes % this.nodes.length]!;
    node.commitIndex += 1;
    if (this.#refreshes % 50 === 0) {
      const term = node.term + 1;
      const leader = this.nodes[term % this.nodes.length]!.name;
      for (const each of this.nodes) {
        each.term = term;
        each.leader = leader;
      }
    }
    return this.#sources;
  };
}

/** A node committed entries, or saw a new leader, between two cycles. */
export type ClusterEvent =
  | { readonly type: 'committed'; readonly node: string; readonly from: number; readonly to: number }
  | { readonly type: 'leader-changed'; readonly node: string; readonly term: number; readonly leader: string };

/** What the cluster observer retains: the last view of each node. */
export interface ClusterState {
  readonly nodes: Map<string, NodeView>;
}

/** Each node's view, the leader they agree on (null when they do not), and the lowest commit index. */
export interface ClusterSnapshot {
  readonly nodes: Readonly<Record<string, NodeView>>;
  readonly leader: string | null;
  readonly committed: number;
}

/** A typical small observer: diff each node's view against the last one, report changes, summarise agreement. */
export class ClusterObserver implements Observer<SimulatedNode, ClusterState, ClusterSnapshot, ClusterEvent> {
  constructor(readonly busyMs = 0) {}

  init(sources: readonly ObservedSource<SimulatedNode>[]): ClusterState {
    return { nodes: new Map(sources.map(({ name, source }) => [name, source.view()])) };
  }

  poll(sources: readonly ObservedSource<SimulatedNode>[], state: ClusterState): ClusterEvent[] {
    if (this.busyMs > 0) burn(this.busyMs);
    const events: ClusterEvent[] = [];
    for (const { name, source } of sources) {
      const view = source.view();
      const before = state.nodes.get(name);
      if (before && before.commitIndex !== view.commitIndex) {
        events.push({ type: 'committed', node: name, from: before.commitIndex, to: view.commitIndex });
      }
      if (before && before.leader !== view.leader) {
        events.push({ type: 'leader-changed', node: name, term: view.term, leader: view.leader });
      }
      state.nodes.set(name, view);
    }
    return events;
  }

  snapshot(state: ClusterState): ClusterSnapshot {
    const views = [...state.nodes.values()];
    const leaders = new Set(views.map((view) => view.leader));
    return {
      nodes: Object.fromEntries(state.nodes),
      leader: leaders.size === 1 ? views[0]!.leader : null,
      committed: Math.min(...views.map((view) => view.commitIndex)),
    };
  }
}
