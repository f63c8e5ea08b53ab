// Case 5: how closely cycles keep their interval, with an idle and a busy observer, against a poll-then-sleep loop.
import { ObservationRuntime } from '../../lib/index.js';
import type { CaseResult } from '../report.js';
import { rotate, round, roundSummary, sleep, summarize } from '../stats.js';
import { ClusterObserver, SimulatedCluster } from '../systems.js';

/** Sizes of the interval-accuracy case. */
export interface IntervalOptions {
  readonly intervalsMs: readonly number[];
  /** CPU the busy observer burns synchronously in each poll. */
  readonly busyMs: number;
  /** About how long each contender runs per configuration per round: runMs / interval cycles, at least 3. */
  readonly runMs: number;
  readonly rounds: number;
}

/** What `npm run bench` runs; the tiny size only proves the harness works. */
export const INTERVAL_FULL: IntervalOptions = { intervalsMs: [20, 100], busyMs: 5, runMs: 1_200, rounds: 4 };
export const INTERVAL_TINY: IntervalOptions = { intervalsMs: [20], busyMs: 5, runMs: 70, rounds: 1 };

interface Contender {
  readonly name: string;
  /** Runs `cycles` cycles of `observer` every `intervalMs`; resolves with each cycle's start time in ms. */
  readonly run: (observer: ClusterObserver, intervalMs: number, cycles: number) => Promise<number[]>;
}

const RUNTIME = 'ObservationRuntime';

const CONTENDERS: readonly Contender[] = [
  {
    name: RUNTIME,
    async run(observer, intervalMs, cycles) {
      const starts: number[] = [];
      const runtime = await ObservationRuntime.start(new SimulatedCluster().sources, observer, { intervalMs });
      const handle = runtime.handle();
      handle.onCycle((report) => starts.push(report.startedAt));
      try {
        await handle.waitForCycle(cycles, { timeoutMs: cycles * intervalMs * 20 + 5_000 });
      } finally {
        await runtime.stop();
      }
      return starts;
    },
  },
  {
    name: 'poll, then sleep(interval) loop',
    async run(observer, intervalMs, cycles) {
      const starts: number[] = [];
      const cluster = new SimulatedCluster();
      const state = observer.init(cluster.sources());
      await sleep(intervalMs);
      while (starts.length < cycles) {
        starts.push(performance.timeOrigin + performance.now());
        observer.poll(cluster.sources(), state);
        observer.snapshot(state);
        await sleep(intervalMs);
      }
      return starts;
    },
  },
];

/**
 * The period is the time between the starts of consecutive cycles (the runtime's CycleReport.startedAt; the loop's
 * own stamp before each poll); its error is period minus interval. Real timers, the same cluster observer, idle or
 * burning `busyMs` of CPU per poll.
 */
export async function runInterval(options: IntervalOptions): Promise<CaseResult> {
  const began = performance.now();
  const configs = options.intervalsMs.flatMap((intervalMs) => [0, options.busyMs].map((busyMs) => ({ intervalMs, busyMs })));
  const errors = new Map<string, number[]>();
  const key = (name: string, intervalMs: number, busyMs: number): string => `${name}|${intervalMs}|${busyMs}`;
  for (let round = 0; round < options.rounds; round += 1) {
    for (const { intervalMs, busyMs } of configs) {
      for (const contender of rotate(CONTENDERS, round)) {
        const cycles = Math.max(3, Math.round(options.runMs / intervalMs));
        const starts = await contender.run(new ClusterObserver(busyMs), intervalMs, cycles);
        const list = errors.get(key(contender.name, intervalMs, busyMs)) ?? [];
        for (let index = 1; index < starts.length; index += 1) list.push(starts[index]! - starts[index - 1]! - intervalMs);
        errors.set(key(contender.name, intervalMs, busyMs), list);
      }
    }
  }
  const stats = configs.flatMap(({ intervalMs, busyMs }) =>
    CONTENDERS.map((contender) => {
      const samples = errors.get(key(contender.name, intervalMs, busyMs))!;
      return { contender: contender.name, intervalMs, busyMs, errorMs: summarize(samples) };
    }),
  );
  const rows = stats.map(({ contender, intervalMs, busyMs, errorMs: s }) => [
    `${intervalMs} ms, ${busyMs ? `busy ${busyMs} ms` : 'idle'}`,
    contender,
    s.n,
    s.mean,
    s.p50,
    s.p99,
    s.max,
  ]);
  const worst = stats.filter((entry) => entry.contender === RUNTIME).reduce((max, entry) => Math.max(max, Math.abs(entry.errorMs.mean)), 0);
  return {
    id: 'interval',
    title: '5. Interval accuracy (period error in ms: period minus interval)',
    headers: ['interval, observer', 'contender', 'periods', 'mean', 'p50', 'p99', 'max'],
    rows,
    targets: [],
    notes: [
      `${options.rounds} rounds of about ${options.runMs} ms per contender and configuration. The runtime schedules each tick ` +
        `from the previous deadline, so a busy poll does not push later cycles back; its worst mean error here is ${round(worst, 2)} ms.`,
    ],
    data: { options, configurations: stats.map((entry) => ({ ...entry, errorMs: roundSummary(entry.errorMs) })) },
    wallMs: performance.now() - began,
  };
}
