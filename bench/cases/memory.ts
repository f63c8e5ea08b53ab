// Case 4: heap growth over many cycles with the default history, and what settled waits leave behind.
import { runChild } from '../children.js';
import { atMost, type CaseResult } from '../report.js';
import { round } from '../stats.js';

/** Sizes of the memory case. */
export interface MemoryOptions {
  readonly cycles: number;
  /** Concurrent waits; a multiple of 4 (four kinds). */
  readonly waits: number;
}

/** What `npm run bench` runs; the tiny size only proves the harness works. */
export const MEMORY_FULL: MemoryOptions = { cycles: 200_000, waits: 1_000 };
export const MEMORY_TINY: MemoryOptions = { cycles: 50, waits: 8 };

interface Growth {
  readonly cycles: number;
  readonly beforeBytes: number;
  readonly afterBytes: number;
  readonly growthBytes: number;
  readonly historyLength: number;
}

interface MemoryChildResult {
  readonly runtime: Growth & { readonly batchesPublished: number };
  readonly bare: Growth;
  readonly waits: {
    readonly waits: number;
    readonly resolved: number;
    readonly timedOut: number;
    readonly timeoutsWhileWaiting: number;
    readonly timeoutsAfterSettling: number;
    readonly livePredicates: number;
    readonly controlAlive: boolean;
    readonly timeoutsAfterStop: number;
  };
}

const MiB = 2 ** 20;

/**
 * Runs bench/children/memory.ts under `node --expose-gc`. Heap: the runtime runs `cycles` cycles on the virtual
 * clock, every one producing events, default history (64); heapUsed after full GCs, after a warm-up and at the end.
 * Waits: `waits` concurrent waits (snapshot and event waits, half satisfied, half timing out); once all settled, the
 * active 'Timeout' resources (process.getActiveResourcesInfo) and the predicates still reachable (WeakRefs after GC:
 * a predicate is reachable only through a wait's listeners and timer) show what they left.
 */
export async function runMemory(options: MemoryOptions): Promise<CaseResult> {
  const began = performance.now();
  const { result } = await runChild<MemoryChildResult>('bench/children/memory.ts', [String(options.cycles), String(options.waits)], ['--expose-gc']);
  const { runtime, bare, waits } = result;
  if (waits.resolved + waits.timedOut !== waits.waits || !waits.controlAlive) {
    throw new Error(`the memory child's wait check did not run as intended: ${JSON.stringify(waits)}`);
  }
  // Between cycles the runtime's own loop timer is pending; any timer beyond it was left by a wait.
  const timersLeftByWaits = waits.timeoutsAfterSettling - 1;
  const rows: (string | number)[][] = [
    [
      `heap growth, runtime, ${runtime.cycles} cycles (MiB)`,
      round(runtime.growthBytes / MiB, 3),
      `history ${runtime.historyLength}, ${runtime.batchesPublished} batches`,
    ],
    [`heap growth, bare loop, ${bare.cycles} cycles (MiB)`, round(bare.growthBytes / MiB, 3), `history ${bare.historyLength} (reference)`],
    [`timers while ${waits.waits} waits pending`, waits.timeoutsWhileWaiting, 'one deadline each + the loop timer'],
    ['timers left by settled waits', timersLeftByWaits, `${waits.resolved} resolved, ${waits.timedOut} timed out`],
    ['predicates still reachable after GC', waits.livePredicates, 'a leaked listener would keep one'],
    ['timers left after stop()', waits.timeoutsAfterStop, 'against the baseline before start'],
  ];
  return {
    id: 'memory',
    title: '4. Memory and leftovers',
    headers: ['measure', 'value', 'detail'],
    rows,
    targets: [
      atMost('heap growth over the cycles (MiB)', runtime.growthBytes / MiB, 2, 'MiB'),
      atMost('timers left by settled waits', timersLeftByWaits, 0, 'timers'),
      atMost('listeners left by settled waits (reachable predicates)', waits.livePredicates, 0, 'listeners'),
      atMost('timers left after stop', waits.timeoutsAfterStop, 0, 'timers'),
    ],
    notes: [
      `heapUsed after 3 full GCs, measured after a warm-up of up to 5000 cycles and again after ${runtime.cycles} more; ` +
        'a control wait still pending during the predicate check was seen alive, so the check can see a leak.',
    ],
    data: { options, ...result },
    wallMs: performance.now() - began,
  };
}
