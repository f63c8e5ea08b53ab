// Case 1: the latency a wait adds after the runtime publishes the cycle that satisfies it, ours against the pollers.
import pWaitFor from 'p-wait-for';
import waitForExpectModule from 'wait-for-expect';
import { ObservationRuntime, type ObservationHandle } from '../../lib/index.js';
import { pollEvery, pollStepped } from '../pollers.js';
import { atMost, type CaseResult } from '../report.js';
import { between, rotate, roundSummary, sleep, summarize } from '../stats.js';
import { FlagObserver, FlagSystem } from '../systems.js';

/** Sizes and timing of the wait-latency case. */
export interface LatencyOptions {
  /** Trials per contender, spread evenly over the rounds. */
  readonly trials: number;
  /** Rounds; in each, every contender runs its share of trials concurrently, contenders taking turns at going first. */
  readonly rounds: number;
  /** The runtime's cycle interval. */
  readonly intervalMs: number;
  /** Each trial starts its wait after a random delay in [0, this), so pollers' schedules start at random phases. */
  readonly maxStartOffsetMs: number;
  /** The condition flips after a further random delay in [0, this) from the wait's start. */
  readonly maxFlipDelayMs: number;
}

/** What `npm run bench` runs; the tiny size only proves the harness works. */
export const LATENCY_FULL: LatencyOptions = { trials: 240, rounds: 6, intervalMs: 7, maxStartOffsetMs: 150, maxFlipDelayMs: 400 };
export const LATENCY_TINY: LatencyOptions = { trials: 2, rounds: 1, intervalMs: 5, maxStartOffsetMs: 5, maxFlipDelayMs: 10 };

interface TrialContext {
  readonly handle: ObservationHandle<FlagObserver>;
  readonly key: string;
  /** The condition as a poller sees it: read from the runtime's latest snapshot. */
  readonly holds: () => boolean;
}

interface Contender {
  readonly name: string;
  readonly wait: (context: TrialContext) => Promise<unknown>;
}

const OURS = 'handle.waitForSnapshot';

// wait-for-expect is CommonJS typed with `export default`: under NodeNext the default import is its module object.
const waitForExpect = waitForExpectModule.default;

const CONTENDERS: readonly Contender[] = [
  {
    name: OURS,
    wait: ({ handle, key }) => handle.waitForSnapshot((value) => value.flags[key] === true, { timeoutMs: 30_000 }),
  },
  {
    name: 'wait-for-expect (defaults: 50 ms)',
    wait: ({ holds }) =>
      waitForExpect(() => {
        if (!holds()) throw new Error('not yet');
      }),
  },
  { name: 'p-wait-for (defaults: 20 ms)', wait: ({ holds }) => pWaitFor(holds) },
  { name: 'stepped poll (100/250/500/1000 ms)', wait: ({ holds }) => pollStepped(holds) },
  { name: 'hand-written 10 ms poll', wait: ({ holds }) => pollEvery(holds, 10) },
];

interface TrialTimes {
  readonly afterPublication: number;
  readonly afterFlip: number;
}

/**
 * Starts one runtime over a set of flags and runs trials against it: a trial creates a flag, starts a wait for it to
 * be true, and switches it on at a random moment. A batch subscriber, registered before any wait, stamps the moment
 * the cycle that saw the switch publishes (its batch is emitted before its snapshot). The trial stamps the moment
 * its wait's continuation runs. The difference is the latency the wait adds.
 */
export async function runLatency(options: LatencyOptions): Promise<CaseResult> {
  const began = performance.now();
  const system = new FlagSystem();
  const published = new Map<string, number>();
  const runtime = await ObservationRuntime.start(() => system.sources(), new FlagObserver(), { intervalMs: options.intervalMs });
  const handle = runtime.handle();
  handle.subscribe((batch) => {
    const now = performance.now();
    for (const event of batch.events) if (event.to === true && !published.has(event.key)) published.set(event.key, now);
  });

  const trial = async (contender: Contender, key: string): Promise<TrialTimes> => {
    await sleep(between(0, options.maxStartOffsetMs));
    system.flags.set(key, false);
    let flippedAt = Number.NaN;
    const flip = setTimeout(
      () => {
        flippedAt = performance.now();
        system.flags.set(key, true);
      },
      between(0, options.maxFlipDelayMs),
    );
    try {
      await contender.wait({ handle, key, holds: () => handle.latestSnapshot().value.flags[key] === true });
      const resolvedAt = performance.now();
      const publishedAt = published.get(key);
      if (publishedAt === undefined || Number.isNaN(flippedAt)) {
        throw new Error(`${contender.name} resolved trial ${key} before its flip was published`);
      }
      return { afterPublication: resolvedAt - publishedAt, afterFlip: resolvedAt - flippedAt };
    } finally {
      clearTimeout(flip);
      system.flags.delete(key);
      published.delete(key);
    }
  };

  const samples = new Map(CONTENDERS.map((contender) => [contender.name, [] as TrialTimes[]]));
  const perRound = Math.ceil(options.trials / options.rounds);
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      for (const contender of rotate(CONTENDERS, round)) {
        const keys = Array.from({ length: perRound }, (_, index) => `r${round}-${contender.name}-${index}`);
        samples.get(contender.name)!.push(...(await Promise.all(keys.map((key) => trial(contender, key)))));
      }
    }
  } finally {
    await runtime.stop();
  }

  const stats = CONTENDERS.map((contender) => {
    const times = samples.get(contender.name)!;
    return {
      contender: contender.name,
      afterPublication: summarize(times.map((time) => time.afterPublication)),
      afterFlip: summarize(times.map((time) => time.afterFlip)),
    };
  });
  const ours = stats.find((entry) => entry.contender === OURS)!;
  const rows = stats.map(({ contender, afterPublication: a, afterFlip: f }) => [
    contender,
    a.n,
    a.p50,
    a.p99,
    a.max,
    contender === OURS ? '-' : `${Math.round(a.p50 / ours.afterPublication.p50)}x`,
    f.p50,
    f.p99,
  ]);
  return {
    id: 'latency',
    title: `1. Added wait latency (ms after the satisfying cycle publishes; runtime interval ${options.intervalMs} ms)`,
    headers: ['contender', 'trials', 'p50', 'p99', 'max', 'p50 vs ours', 'from flip p50', 'from flip p99'],
    rows,
    targets: [atMost('wait latency p50 (ms)', ours.afterPublication.p50, 0.2, 'ms'), atMost('wait latency p99 (ms)', ours.afterPublication.p99, 1, 'ms')],
    notes: [
      `${options.trials} trials per contender over ${options.rounds} rounds; each trial starts after U[0, ${options.maxStartOffsetMs}) ms ` +
        `and flips its flag U[0, ${options.maxFlipDelayMs}) ms later. Pollers read handle.latestSnapshot(); "from flip" adds the wait for the runtime's next cycle.`,
    ],
    data: {
      options,
      contenders: stats.map((entry) => ({ ...entry, afterPublication: roundSummary(entry.afterPublication), afterFlip: roundSummary(entry.afterFlip) })),
    },
    wallMs: performance.now() - began,
  };
}
