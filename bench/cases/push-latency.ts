// Case 6: from a change in the system to the wait's resolution, with a push-triggered cycle against polling at 100 ms.
import { ObservationRuntime, type WatchContext } from '../../lib/index.js';
import { atMost, type CaseResult } from '../report.js';
import { between, rotate, round, roundSummary, sleep, summarize } from '../stats.js';
import { FlagSystem, TimedFlagObserver } from '../systems.js';

/** Sizes of the push-latency case. */
export interface PushLatencyOptions {
  /** Trials per contender, spread evenly over the rounds. */
  readonly trials: number;
  readonly rounds: number;
  /** The interval of both runtimes: the polling one's only way to see a change, the push one's fallback. */
  readonly intervalMs: number;
  /** A trial changes the system after a random delay in [0, this) after its wait started. */
  readonly maxFlipDelayMs: number;
}

export const PUSH_LATENCY_FULL: PushLatencyOptions = { trials: 200, rounds: 5, intervalMs: 100, maxFlipDelayMs: 120 };
export const PUSH_LATENCY_TINY: PushLatencyOptions = { trials: 2, rounds: 1, intervalMs: 20, maxFlipDelayMs: 5 };

/** Flags that say when they change, as an etcd watch or a keyspace notification would. */
class NotifyingFlags extends FlagSystem {
  readonly #listeners = new Set<() => void>();

  set(key: string, value: boolean): void {
    this.flags.set(key, value);
    for (const listener of this.#listeners) listener();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** The same observer, asking for a cycle whenever the system says it changed. */
class PushedFlagObserver extends TimedFlagObserver {
  constructor(readonly system: NotifyingFlags) {
    super();
  }

  watch({ requestCycle, signal }: WatchContext): void {
    const unsubscribe = this.system.onChange(requestCycle);
    signal.addEventListener('abort', unsubscribe, { once: true });
  }
}

const PUSH = 'push: watch → requestCycle()';
const POLL = 'polling only';
const CONTENDERS = [PUSH, POLL] as const;

/**
 * Two runtimes at the same interval over the same kind of system, one of them told of every change through its
 * observer's `watch`. A trial starts a wait for a new flag, changes the system after a random delay, and measures
 * from just before the change to the wait's continuation. Push trials run one at a time (so no trial waits behind
 * another's cycle); polling trials run concurrently, since each waits for the next tick anyway.
 */
export async function runPushLatency(options: PushLatencyOptions): Promise<CaseResult> {
  const began = performance.now();
  const latencies = new Map<string, number[]>(CONTENDERS.map((name) => [name, []]));
  const own = new Map<string, number[]>();
  const perRound = Math.max(1, Math.round(options.trials / options.rounds));
  let trial = 0;
  for (let roundIndex = 0; roundIndex < options.rounds; roundIndex += 1) {
    for (const contender of rotate(CONTENDERS, roundIndex)) {
      const system = new NotifyingFlags();
      const observer = contender === PUSH ? new PushedFlagObserver(system) : new TimedFlagObserver();
      const runtime = await ObservationRuntime.start(() => system.sources(), observer, { intervalMs: options.intervalMs });
      const handle = runtime.handle();
      const one = async (): Promise<void> => {
        const key = `flag-${(trial += 1)}`;
        let changedAt = 0;
        const waited = handle.waitForSnapshot((value) => value.flags[key] === true, { timeoutMs: 30_000 });
        await sleep(between(0, options.maxFlipDelayMs));
        changedAt = performance.now();
        system.set(key, true);
        await waited;
        latencies.get(contender)!.push(performance.now() - changedAt);
      };
      try {
        if (contender === PUSH) for (let index = 0; index < perRound; index += 1) await one();
        else await Promise.all(Array.from({ length: perRound }, one));
      } finally {
        await runtime.stop();
      }
      own.set(contender, [...(own.get(contender) ?? []), ...observer.ownMs]);
    }
  }
  const stats = CONTENDERS.map((name) => ({
    contender: name,
    latencyMs: summarize(latencies.get(name)!),
    observerMs: summarize(own.get(name)!.length > 0 ? own.get(name)! : [0]),
  }));
  const push = stats[0]!;
  const poll = stats[1]!;
  const budget = 1 + push.observerMs.p99;
  return {
    id: 'push-latency',
    title: `6. From a change to the wait's resolution (ms; both runtimes at a ${options.intervalMs} ms interval)`,
    headers: ['contender', 'trials', 'p50', 'p90', 'p99', 'max', "observer's own p99", 'p50 vs push'],
    rows: stats.map((entry) => [
      entry.contender,
      entry.latencyMs.n,
      entry.latencyMs.p50,
      entry.latencyMs.p90,
      entry.latencyMs.p99,
      entry.latencyMs.max,
      entry.observerMs.p99,
      entry === push ? '-' : `${round(entry.latencyMs.p50 / push.latencyMs.p50, 0)}x`,
    ]),
    targets: [atMost("push: change to resolution p99 minus the observer's own p99 (ms)", push.latencyMs.p99 - push.observerMs.p99, 1, 'ms')],
    notes: [
      `${options.rounds} rounds, the contenders taking turns at going first; a trial changes the system U[0, ${options.maxFlipDelayMs}) ms ` +
        `after its wait started. "observer's own" is the time inside poll and snapshot per cycle; the target is p99 ≤ ` +
        `1 ms plus it (here ${round(budget, 3)} ms).`,
    ],
    data: {
      options,
      contenders: stats.map((entry) => ({ ...entry, latencyMs: roundSummary(entry.latencyMs), observerMs: roundSummary(entry.observerMs) })),
      pollOverPushP50: round(poll.latencyMs.p50 / push.latencyMs.p50, 1),
    },
    wallMs: performance.now() - began,
  };
}
