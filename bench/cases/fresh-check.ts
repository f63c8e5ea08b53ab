// Case 8: what a fresh check costs beside a plain one: a step that reads only a cycle begun after it asks for that cycle
// at once, so it should cost one cycle's own time (plus at most 1 ms at p99), never an interval.
import { ObservationRuntime } from '../../lib/index.js';
import { atMost, type CaseResult } from '../report.js';
import { rotate, roundSummary, sleep, summarize } from '../stats.js';
import { FlagSystem, type FlagSnapshot, TimedFlagObserver } from '../systems.js';

/** Sizes of the fresh-check case. */
export interface FreshCheckOptions {
  readonly trials: number;
  readonly rounds: number;
  /** The runtime's interval: long, so that a check waiting for the next tick would show it. */
  readonly intervalMs: number;
}

export const FRESH_CHECK_FULL: FreshCheckOptions = { trials: 400, rounds: 4, intervalMs: 1000 };
export const FRESH_CHECK_TINY: FreshCheckOptions = { trials: 4, rounds: 1, intervalMs: 200 };

const FRESH = 'fresh: a cycle begun after the check';
const PLAIN = 'plain: the latest snapshot';
const CONTENDERS = [FRESH, PLAIN] as const;

/**
 * One runtime at a long interval whose system always passes the check. A plain check waits on the latest snapshot
 * (it passes at once); a fresh one does what the steps do: note the cycles started, request a cycle, and wait for a
 * snapshot of a cycle after them. The trials run one at a time, the contenders taking turns at going first.
 */
export async function runFreshCheck(options: FreshCheckOptions): Promise<CaseResult> {
  const began = performance.now();
  const system = new FlagSystem();
  system.flags.set('ready', true);
  const observer = new TimedFlagObserver();
  const runtime = await ObservationRuntime.start(() => system.sources(), observer, { intervalMs: options.intervalMs });
  const handle = runtime.handle();
  const check = (value: FlagSnapshot): boolean => value.flags.ready === true;
  const costs = new Map<string, number[]>(CONTENDERS.map((name) => [name, []]));
  const perRound = Math.max(1, Math.round(options.trials / options.rounds));
  try {
    for (let roundIndex = 0; roundIndex < options.rounds; roundIndex += 1) {
      for (const contender of rotate(CONTENDERS, roundIndex)) {
        for (let index = 0; index < perRound; index += 1) {
          const startedAt = performance.now();
          if (contender === FRESH) {
            const after = handle.status().cyclesStarted;
            handle.requestCycle();
            await handle.waitForSnapshot(check, { timeoutMs: 30_000, after });
          } else {
            await handle.waitForSnapshot(check, { timeoutMs: 30_000 });
          }
          costs.get(contender)!.push(performance.now() - startedAt);
          await sleep(1);
        }
      }
    }
  } finally {
    await runtime.stop();
  }
  const own = summarize(observer.ownMs.length > 0 ? observer.ownMs : [0]);
  const stats = CONTENDERS.map((name) => ({ contender: name, costMs: summarize(costs.get(name)!) }));
  const fresh = stats[0]!;
  return {
    id: 'fresh-check',
    title: `11. What a check costs when it reads only a cycle begun after it (ms; interval ${options.intervalMs} ms)`,
    headers: ['contender', 'trials', 'p50', 'p90', 'p99', 'max', "observer's own p99"],
    rows: stats.map((entry) => [entry.contender, entry.costMs.n, entry.costMs.p50, entry.costMs.p90, entry.costMs.p99, entry.costMs.max, own.p99]),
    targets: [atMost("fresh check p99 minus the observer's own p99 (ms)", fresh.costMs.p99 - own.p99, 1, 'ms')],
    notes: [
      `${options.rounds} rounds of ${perRound} trials per contender, taking turns at going first; the system always passes the check. ` +
        `A fresh check requests a cycle at once, so it should cost one cycle's own time, not the ${options.intervalMs} ms interval.`,
    ],
    data: { options, observerMs: roundSummary(own), contenders: stats.map((entry) => ({ ...entry, costMs: roundSummary(entry.costMs) })) },
    wallMs: performance.now() - began,
  };
}
