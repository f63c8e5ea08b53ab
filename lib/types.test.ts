// Type-level tests: this file compiles (tsc --noEmit) only if the observer's own types flow through the runtime.
// Each `@ts-expect-error` fails the type check if the line below it ever becomes valid; the runtime test is a smoke run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../test/helpers/manual-clock.js';
import {
  ObservationRuntime,
  StaticSourceProvider,
  observedSource,
  type EventOf,
  type ObservationBatch,
  type ObservationHandle,
  type ObservationSnapshot,
  type ObservedEvent,
  type ObservedSource,
  type Observer,
  type SnapshotOf,
  type SourceOf,
  type StateOf,
} from './index.js';

interface NodeClient {
  readonly url: string;
  height(): Promise<number>;
}

interface ClusterState {
  heights: Map<string, number>;
}

interface ClusterView {
  readonly maxHeight: number;
  readonly nodes: readonly string[];
}

type ClusterEvent = { readonly kind: 'height-advanced'; readonly node: string; readonly height: number };

class ClusterObserver implements Observer<NodeClient, ClusterState, ClusterView, ClusterEvent> {
  async init(sources: readonly ObservedSource<NodeClient>[]): Promise<ClusterState> {
    return { heights: new Map(sources.map((source) => [source.name, 0])) };
  }

  async poll(sources: readonly ObservedSource<NodeClient>[], state: ClusterState): Promise<ClusterEvent[]> {
    const events: ClusterEvent[] = [];
    for (const { name, source } of sources) {
      const height = await source.height();
      if (height > (state.heights.get(name) ?? 0)) events.push({ kind: 'height-advanced', node: name, height });
      state.heights.set(name, height);
    }
    return events;
  }

  snapshot(state: ClusterState): ClusterView {
    return { maxHeight: Math.max(0, ...state.heights.values()), nodes: [...state.heights.keys()] };
  }
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_proof?: T): void {}

// The helper types take an observer apart.
expectType<Equal<SourceOf<ClusterObserver>, NodeClient>>();
expectType<Equal<StateOf<ClusterObserver>, ClusterState>>();
expectType<Equal<SnapshotOf<ClusterObserver>, ClusterView>>();
expectType<Equal<EventOf<ClusterObserver>, ClusterEvent>>();

function client(url: string, height: number): NodeClient {
  return { url, height: async () => height };
}

test('the observer’s types flow through start, the handle, waits and batches', async () => {
  const clock = new ManualClock();
  const provider = new StaticSourceProvider([observedSource('node-a', client('http://a', 3))]);
  const rt = await ObservationRuntime.start(provider, new ClusterObserver(), { intervalMs: 100, clock });

  expectType<Equal<typeof rt, ObservationRuntime<ClusterObserver>>>();
  const handle = rt.handle();
  expectType<Equal<typeof handle, ObservationHandle<ClusterObserver>>>();

  const maxHeight: number | undefined = rt.handle().latestSnapshot()?.value.maxHeight;
  // @ts-expect-error: ClusterView has no such field
  void rt.handle().latestSnapshot()?.value.someField;
  // @ts-expect-error: maxHeight is a number
  const wrong: string | undefined = rt.handle().latestSnapshot()?.value.maxHeight;
  void wrong;
  assert.equal(maxHeight, 0);

  const history: readonly ObservationBatch<ClusterEvent>[] = handle.history();
  const node: string | undefined = history[0]?.events[0]?.node;
  void node;

  const waiting = handle.waitForSnapshot((value, snapshot) => {
    expectType<Equal<typeof value, ClusterView>>();
    expectType<Equal<typeof snapshot, ObservationSnapshot<ClusterView>>>();
    return value.maxHeight >= 3;
  });
  const eventWait = handle.waitForEvent((event, batch) => {
    expectType<Equal<typeof event, ClusterEvent>>();
    expectType<Equal<typeof batch, ObservationBatch<ClusterEvent>>>();
    return event.kind === 'height-advanced';
  });
  // @ts-expect-error: events have no 'height-lost' kind
  void handle.waitForEvent((event) => event.kind === 'height-lost', { timeoutMs: 1 }).catch(() => {});

  handle.subscribe((batch) => {
    expectType<Equal<typeof batch, ObservationBatch<ClusterEvent>>>();
  });

  await clock.advance(100);
  const snapshot = await waiting;
  expectType<Equal<typeof snapshot, ObservationSnapshot<ClusterView>>>();
  assert.equal(snapshot.value.maxHeight, 3);
  const found = await eventWait;
  expectType<Equal<typeof found, ObservedEvent<ClusterEvent>>>();
  assert.deepEqual(found.event, { kind: 'height-advanced', node: 'node-a', height: 3 });

  for await (const batch of handle.batches({ signal: AbortSignal.abort() })) {
    expectType<Equal<typeof batch, ObservationBatch<ClusterEvent>>>();
  }
  await rt.stop();
});

test('a provider must supply the observer’s source type', async () => {
  const clock = new ManualClock();
  const numbers = new StaticSourceProvider([observedSource('n', 42)]);
  // @ts-expect-error: the provider's sources are numbers, the observer wants NodeClient
  await ObservationRuntime.start(numbers, new ClusterObserver(), { clock }).then(
    (rt) => rt.stop(),
    () => {},
  );
  // A plain function provider is checked the same way.
  const rt = await ObservationRuntime.start(async () => [observedSource('a', client('http://a', 1))], new ClusterObserver(), { clock });
  expectType<Equal<SnapshotOf<ClusterObserver>, NonNullable<ReturnType<typeof rt.handle>['latestSnapshot'] extends () => infer R ? R : never>['value']>>();
  await ObservationRuntime.start(async () => [], new ClusterObserver(), {
    clock,
    // @ts-expect-error: config options are checked too
    interval: 100,
  }).then(
    (started) => started.stop(),
    () => {},
  );
  assert.equal(rt.handle().latestSnapshot()?.value.maxHeight, 0);
  await rt.stop();
});
