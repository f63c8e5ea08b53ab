// 200,000 cycles of an observer that combines each cycle's signal with a timeout and listens on both: nothing it
// attaches reaches another cycle, and nothing accumulates (cycles run back to back on a discrete-event clock).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { VirtualClock } from '../bench/virtual-clock.js';
import { ObservationRuntime, observedSource, type ObservedSource, type Observer } from '../lib/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CYCLES = 200_000;
const WARMUP = 5_000;

async function settledHeap(): Promise<number> {
  for (let pass = 0; pass < 3; pass += 1) {
    gc();
    await nextMacrotask();
  }
  return process.memoryUsage().heapUsed;
}

/** Does what a careful observer over a network does: a per-request timeout combined with the cycle's signal. */
class CombiningObserver implements Observer<number, { polls: number }, number, never> {
  readonly seen = new WeakSet<AbortSignal>();
  readonly sampled: WeakRef<AbortSignal>[] = [];
  reused = 0;
  aborts = 0;

  init(): { polls: number } {
    return { polls: 0 };
  }

  poll(_sources: readonly ObservedSource<number>[], state: { polls: number }, signal: AbortSignal): never[] {
    state.polls += 1;
    if (this.seen.has(signal)) this.reused += 1;
    this.seen.add(signal);
    if (state.polls % 10_000 === 0) this.sampled.push(new WeakRef(signal));
    const request = AbortSignal.any([signal, AbortSignal.timeout(5)]);
    // Left on the cycle's signal on purpose, as a careless observer would.
    signal.addEventListener('abort', () => void (this.aborts += 1));
    // Removed when the "request" is done, as fetch does: on Node 20 a listener left on a combined signal keeps it
    // alive for good (node's own leak, whoever made the signal), which would hide what this test looks for.
    const onRequestAbort = (): void => void (this.aborts += 1);
    request.addEventListener('abort', onRequestAbort);
    request.removeEventListener('abort', onRequestAbort);
    return [];
  }

  snapshot(state: { polls: number }): number {
    return state.polls;
  }
}

test(`${CYCLES.toLocaleString('en')} cycles of an observer that combines and listens on its signal leak nothing`, { timeout: 300_000 }, async () => {
  const clock = new VirtualClock();
  const observer = new CombiningObserver();
  const sources = [observedSource('one', 1)];
  const runtime = await ObservationRuntime.start(() => sources, observer, { intervalMs: 1, clock, cycleTimeoutMs: 1_000 });
  await clock.fire(WARMUP);
  const before = await settledHeap();
  await clock.fire(CYCLES);
  const after = await settledHeap();
  assert.equal(runtime.handle().status().cyclesCompleted, WARMUP + CYCLES);
  assert.equal(runtime.handle().lastFailure(), undefined);
  assert.equal(observer.reused, 0, 'a signal somebody listened to is never handed to another cycle');
  assert.equal(observer.aborts, 0, 'no cycle was aborted, so no listener was called');
  const alive = observer.sampled.filter((reference) => reference.deref() !== undefined).length;
  assert.ok(alive <= 1, `${alive} of ${observer.sampled.length} sampled cycle signals are still reachable`);
  const growthMiB = (after - before) / 2 ** 20;
  // Keeping every cycle's signal and its dependants would cost several MiB here (about 6 per 100,000).
  assert.ok(growthMiB < 2, `the heap grew by ${growthMiB.toFixed(2)} MiB over ${CYCLES} cycles`);
  await runtime.stop();
  assert.equal(clock.pending, 0);
});
