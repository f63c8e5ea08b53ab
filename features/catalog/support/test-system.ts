// An in-process system under test for the step catalog's features: nodes holding key/values that steps change at will.
import { observedSource, type ObservedSource, type Observer } from '../../../index.js';

/** One node: a bag of values, and a way to make reading it fail. */
export class TestNode {
  readonly values: Record<string, unknown> = {};
  failure: string | undefined;
}

/** Events the test observer reports: a value that changed between cycles, or one a step emitted. */
export type TestEvent =
  | { readonly type: 'changed'; readonly node: string; readonly key: string; readonly from: unknown; readonly to: unknown }
  | { readonly type: string; readonly [key: string]: unknown };

export interface TestSnapshot {
  /** What the system reports about itself as a whole ("leader", "raftTerm", "members"), at the top level. */
  readonly [fact: string]: unknown;
  readonly nodes: Record<string, Record<string, unknown>>;
  readonly nodeCount: number;
  readonly totals: { readonly polls: number };
}

interface TestState {
  nodes: Map<string, Record<string, unknown>>;
  facts: Record<string, unknown>;
  polls: number;
}

export class TestSystem {
  readonly #nodes = new Map<string, TestNode>();
  readonly #emitted: TestEvent[] = [];
  readonly #scheduled: Array<{ polls: number; action: () => void }> = [];
  /** Facts about the whole system, shown at the top level of the snapshot. */
  readonly facts: Record<string, unknown> = {};
  /** Numeric node values that grow by an amount at every poll, so that steps can watch progress. */
  readonly growth = new Map<string, number>();
  refreshFailure: string | undefined;
  pollDelayMs = 0;

  addNode(name: string): TestNode {
    const node = new TestNode();
    this.#nodes.set(name, node);
    return node;
  }

  removeNode(name: string): void {
    if (!this.#nodes.delete(name)) throw new Error(`the test system has no node "${name}"`);
  }

  node(name: string): TestNode {
    const node = this.#nodes.get(name);
    if (!node) throw new Error(`the test system has no node "${name}" (nodes: ${[...this.#nodes.keys()].join(', ') || 'none'})`);
    return node;
  }

  nodes(): readonly string[] {
    return [...this.#nodes.keys()];
  }

  setEverywhere(key: string, value: unknown): void {
    for (const node of this.#nodes.values()) node.values[key] = value;
  }

  emit(event: TestEvent): void {
    this.#emitted.push(event);
  }

  /** Runs `action` at the start of the poll `polls` polls from now: later changes without a timer to leak. */
  afterPolls(polls: number, action: () => void): void {
    this.#scheduled.push({ polls, action });
  }

  /** Called at the start of every poll: runs the actions that are due. */
  tick(): void {
    for (const entry of [...this.#scheduled]) {
      entry.polls -= 1;
      if (entry.polls > 0) continue;
      this.#scheduled.splice(this.#scheduled.indexOf(entry), 1);
      entry.action();
    }
  }

  takeEmitted(): TestEvent[] {
    return this.#emitted.splice(0);
  }

  /** The source list as a provider returns it; fails while `refreshFailure` is set. */
  sources(): ObservedSource<TestNode>[] {
    if (this.refreshFailure !== undefined) throw new Error(this.refreshFailure);
    return [...this.#nodes].map(([name, node]) => observedSource(name, node));
  }
}

/** Copies each node's values every cycle and reports what changed, plus whatever steps emitted. */
export class TestObserver implements Observer<TestNode, TestState, TestSnapshot, TestEvent> {
  readonly #system: TestSystem;

  constructor(system: TestSystem) {
    this.#system = system;
  }

  init(sources: readonly ObservedSource<TestNode>[]): TestState {
    return { nodes: new Map(sources.map(({ name, source }) => [name, { ...source.values }])), facts: { ...this.#system.facts }, polls: 0 };
  }

  async poll(sources: readonly ObservedSource<TestNode>[], state: TestState, signal: AbortSignal): Promise<TestEvent[]> {
    this.#system.tick();
    if (this.#system.pollDelayMs > 0) await delay(this.#system.pollDelayMs, signal);
    const events: TestEvent[] = [];
    const next = new Map<string, Record<string, unknown>>();
    for (const { name, source } of sources) {
      if (source.failure !== undefined) throw new Error(source.failure);
      for (const [key, amount] of this.#system.growth) {
        if (typeof source.values[key] === 'number') source.values[key] = (source.values[key] as number) + amount;
      }
      const before = state.nodes.get(name) ?? {};
      const now = { ...source.values };
      for (const key of new Set([...Object.keys(before), ...Object.keys(now)])) {
        if (JSON.stringify(before[key]) !== JSON.stringify(now[key])) {
          events.push({ type: 'changed', node: name, key, from: before[key] ?? null, to: now[key] ?? null });
        }
      }
      next.set(name, now);
    }
    state.nodes = next;
    state.facts = structuredClone(this.#system.facts);
    state.polls += 1;
    events.push(...this.#system.takeEmitted());
    return events;
  }

  snapshot(state: TestState): TestSnapshot {
    return {
      ...state.facts,
      nodes: Object.fromEntries([...state.nodes].map(([name, values]) => [name, { ...values }])),
      nodeCount: state.nodes.size,
      totals: { polls: state.polls },
    };
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
