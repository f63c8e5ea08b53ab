// Child process of the memory benchmark (needs --expose-gc): heap growth over many cycles, and what 1,000 settled
// waits leave behind. Prints one JSON line. Usage: node --expose-gc --import ./register-ts-node.mjs bench/children/memory.ts <cycles> <waits>
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { ObservationRuntime, ObservationTimeoutError } from '../../lib/index.js';
import { BareLoop } from '../bare-loop.js';
import { ClusterObserver, FlagObserver, FlagSystem, SimulatedCluster } from '../systems.js';
import { VirtualClock } from '../virtual-clock.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('bench/children/memory.ts needs node --expose-gc');
const collect = gc;

const [cyclesArgument, waitsArgument] = process.argv.slice(2);
const cycles = Number(cyclesArgument);
const waits = Number(waitsArgument);
if (!Number.isInteger(cycles) || cycles <= 0 || !Number.isInteger(waits) || waits <= 0 || waits % 4 !== 0) {
  throw new Error(`usage: memory.ts <cycles> <waits, a multiple of 4>; got ${JSON.stringify(process.argv.slice(2))}`);
}
const WARMUP_CYCLES = Math.min(5_000, cycles);

/** Heap in use after full collections, with the finalizers they queue given a turn to run. */
async function settledHeap(): Promise<number> {
  for (let pass = 0; pass < 3; pass += 1) {
    collect();
    await nextMacrotask();
  }
  return process.memoryUsage().heapUsed;
}

function activeTimeouts(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

interface HeapGrowth {
  readonly cycles: number;
  readonly beforeBytes: number;
  readonly afterBytes: number;
  readonly growthBytes: number;
  readonly historyLength: number;
}

/** Heap growth of the runtime over `cycles` cycles that each produce events, with the default history. */
async function runtimeGrowth(): Promise<HeapGrowth & { readonly batchesPublished: number }> {
  const clock = new VirtualClock();
  const runtime = await ObservationRuntime.start(new SimulatedCluster().sources, new ClusterObserver(), { intervalMs: 1, clock });
  await clock.fire(WARMUP_CYCLES);
  const beforeBytes = await settledHeap();
  await clock.fire(cycles);
  const afterBytes = await settledHeap();
  const handle = runtime.handle();
  const { cyclesCompleted, batchesPublished } = handle.status();
  if (cyclesCompleted !== WARMUP_CYCLES + cycles) throw new Error(`the runtime completed ${cyclesCompleted} cycles, expected ${WARMUP_CYCLES + cycles}`);
  const historyLength = handle.history().length;
  await runtime.stop();
  return { cycles, beforeBytes, afterBytes, growthBytes: afterBytes - beforeBytes, historyLength, batchesPublished };
}

/** The same for the hand-written loop, as a reference. */
async function bareGrowth(): Promise<HeapGrowth> {
  const clock = new VirtualClock();
  const loop = new BareLoop(clock, new SimulatedCluster().sources, new ClusterObserver(), 1, 64, 'async');
  await loop.start();
  await clock.fire(WARMUP_CYCLES);
  const beforeBytes = await settledHeap();
  await clock.fire(cycles);
  const afterBytes = await settledHeap();
  loop.stop();
  return { cycles, beforeBytes, afterBytes, growthBytes: afterBytes - beforeBytes, historyLength: loop.history.length };
}

/**
 * Starts `waits` concurrent waits on a running runtime, a quarter of each kind: snapshot and event waits that are
 * satisfied, and snapshot and event waits that time out. Only WeakRefs to their predicates are kept: once every wait
 * has settled and the heap is collected, a predicate still alive means a listener still holds it.
 */
async function waitLeftovers() {
  const timeoutsBefore = activeTimeouts();
  const system = new FlagSystem();
  const runtime = await ObservationRuntime.start(() => system.sources(), new FlagObserver(), { intervalMs: 5 });
  const handle = runtime.handle();
  const predicates: WeakRef<object>[] = [];
  const track = <P extends object>(predicate: P): P => {
    predicates.push(new WeakRef(predicate));
    return predicate;
  };
  const pending: Promise<unknown>[] = [];
  for (let index = 0; index < waits; index += 1) {
    const key = `flag-${index}`;
    const timeoutMs = 40 + (index % 60);
    switch (index % 4) {
      case 0:
        pending.push(
          handle.waitForSnapshot(
            track((value) => value.flags[key] === true),
            { timeoutMs: 5_000 },
          ),
        );
        break;
      case 1:
        pending.push(
          handle.waitForEvent(
            track((event) => event.key === key && event.to === true),
            { timeoutMs: 5_000 },
          ),
        );
        break;
      case 2:
        pending.push(
          handle.waitForSnapshot(
            track((value) => value.flags['never'] === true),
            { timeoutMs },
          ),
        );
        break;
      default:
        pending.push(
          handle.waitForEvent(
            track((event) => event.key === 'never'),
            { timeoutMs },
          ),
        );
    }
  }
  const timeoutsWhileWaiting = activeTimeouts() - timeoutsBefore;
  for (let index = 0; index < waits; index += 1) if (index % 4 < 2) system.flags.set(`flag-${index}`, true);
  const outcomes = await Promise.allSettled(pending);
  pending.length = 0;
  const resolved = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
  const timedOut = outcomes.filter((outcome) => outcome.status === 'rejected' && outcome.reason instanceof ObservationTimeoutError).length;
  outcomes.length = 0;
  // The runtime is still running: its loop timer is the one timeout it may own now.
  const timeoutsAfterSettling = activeTimeouts() - timeoutsBefore;
  // A control wait, still pending when the heap is checked: its predicate must show up as alive, or the check is blind.
  const control = new AbortController();
  let controlPredicate: WeakRef<object> | undefined;
  const controlWait = handle
    .waitForSnapshot(
      (() => {
        const predicate = (value: { flags: Record<string, boolean> }): boolean => value.flags['never'] === true;
        controlPredicate = new WeakRef(predicate);
        return predicate;
      })(),
      { timeoutMs: 60_000, signal: control.signal },
    )
    .catch(() => undefined);
  await settledHeap();
  const livePredicates = predicates.filter((reference) => reference.deref() !== undefined).length;
  const controlAlive = controlPredicate?.deref() !== undefined;
  control.abort();
  await controlWait;
  await runtime.stop();
  const timeoutsAfterStop = activeTimeouts() - timeoutsBefore;
  return { waits, resolved, timedOut, timeoutsWhileWaiting, timeoutsAfterSettling, livePredicates, controlAlive, timeoutsAfterStop };
}

const runtime = await runtimeGrowth();
const bare = await bareGrowth();
const leftovers = await waitLeftovers();
process.stdout.write(`${JSON.stringify({ runtime, bare, waits: leftovers })}\n`);
