// Case 2: CPU per cycle of the runtime against a bare timer loop running the same observer on the same clock.
import { ObservationRuntime } from '../../lib/index.js';
import { BareLoop, type BareLoopMode } from '../bare-loop.js';
import { atMost, type CaseResult } from '../report.js';
import { rotate, round, roundSummary, summarize } from '../stats.js';
import { ClusterObserver, SimulatedCluster } from '../systems.js';
import { VirtualClock } from '../virtual-clock.js';

/** Sizes of the cycle-cost case. */
export interface CycleCostOptions {
  /** Measured cycles per contender per round. */
  readonly cycles: number;
  readonly rounds: number;
  /** Cycles per CPU sample. */
  readonly batch: number;
  /** Unmeasured cycles first, so every contender is measured with its code optimised. */
  readonly warmup: number;
}

/** What `npm run bench` runs; the tiny size only proves the harness works. */
export const CYCLE_COST_FULL: CycleCostOptions = { cycles: 2_500, rounds: 20, batch: 250, warmup: 2_000 };
export const CYCLE_COST_TINY: CycleCostOptions = { cycles: 20, rounds: 1, batch: 10, warmup: 5 };

interface Driven {
  /** Starts the loop on `clock`; resolves when cycles can be fired. */
  start(clock: VirtualClock, cluster: SimulatedCluster): Promise<void>;
  /** Cycles completed so far, to check that every fire ran a cycle. */
  completed(): number;
  stop(): Promise<void>;
}

interface Contender {
  readonly name: string;
  readonly create: () => Driven;
}

const RUNTIME = 'ObservationRuntime';
const BARE_ASYNC = 'bare timer loop (async)';

function runtimeContender(): Driven {
  let runtime: ObservationRuntime<ClusterObserver> | undefined;
  return {
    async start(clock, cluster) {
      runtime = await ObservationRuntime.start(cluster.sources, new ClusterObserver(), { intervalMs: 1, clock });
    },
    completed: () => runtime!.handle().status().cyclesCompleted,
    stop: () => runtime!.stop(),
  };
}

function bareContender(mode: BareLoopMode): () => Driven {
  return () => {
    let loop: BareLoop<ClusterObserver> | undefined;
    return {
      async start(clock, cluster) {
        loop = new BareLoop(clock, cluster.sources, new ClusterObserver(), 1, 64, mode);
        await loop.start();
      },
      completed: () => loop!.cycles,
      stop: async () => loop!.stop(),
    };
  };
}

const CONTENDERS: readonly Contender[] = [
  { name: RUNTIME, create: runtimeContender },
  { name: BARE_ASYNC, create: bareContender('async') },
  { name: 'bare timer loop (sync)', create: bareContender('sync') },
  { name: 'bare timer loop (async, AbortSignal per cycle)', create: bareContender('async-cancellable') },
];

/**
 * Every contender runs the same three-node cluster observer (events every cycle, history of 64) on a
 * {@link VirtualClock} with a 1 ms interval: cycles run back to back, each in its own macrotask, so the CPU time
 * (process.cpuUsage, user + system) is the work of the cycles and the clock, never sleeping. Samples are CPU
 * microseconds per cycle over `batch` cycles.
 *
 * Each round starts every contender afresh and warms each up; then the contenders take turns sample by sample, in an
 * order that rotates every sample, so that the samples compared were taken within a millisecond of each other. Run
 * one after another instead, each contender met other load than the next one, and the garbage of the one before it
 * (the AbortController-per-cycle loop leaves most) was collected during its turn: the ratio moved by ±15% from run to run.
 */
export async function runCycleCost(options: CycleCostOptions): Promise<CaseResult> {
  const began = performance.now();
  const samples = new Map(CONTENDERS.map((contender) => [contender.name, [] as number[]]));
  for (let round = 0; round < options.rounds; round += 1) {
    const running: { contender: Contender; clock: VirtualClock; driven: Driven }[] = [];
    try {
      for (const contender of CONTENDERS) {
        const entry = { contender, clock: new VirtualClock(), driven: contender.create() };
        await entry.driven.start(entry.clock, new SimulatedCluster());
        running.push(entry);
        await entry.clock.fire(options.warmup);
      }
      for (let done = 0, turn = 0; done < options.cycles; done += options.batch, turn += 1) {
        for (const { contender, clock } of rotate(running, round + turn)) {
          const before = process.cpuUsage();
          await clock.fire(options.batch);
          const used = process.cpuUsage(before);
          samples.get(contender.name)!.push((used.user + used.system) / options.batch);
        }
      }
      const expected = options.warmup + Math.ceil(options.cycles / options.batch) * options.batch;
      for (const { contender, driven } of running) {
        if (driven.completed() !== expected) {
          throw new Error(`${contender.name} completed ${driven.completed()} cycles, expected ${expected}: the harness is broken`);
        }
      }
    } finally {
      await Promise.all(running.map(({ driven }) => driven.stop()));
    }
  }
  const stats = CONTENDERS.map((contender) => ({ contender: contender.name, cpuMicrosPerCycle: summarize(samples.get(contender.name)!) }));
  const byName = (name: string) => stats.find((entry) => entry.contender === name)!.cpuMicrosPerCycle;
  const ours = byName(RUNTIME);
  const rows = stats.map(({ contender, cpuMicrosPerCycle: s }) => [
    contender,
    s.n * options.batch,
    s.p50,
    s.p99,
    contender === RUNTIME ? '-' : `${round(ours.p50 / s.p50, 2)}x`,
  ]);
  return {
    id: 'cycle-cost',
    title: '2. Cycle cost (CPU µs per cycle, same observer, same virtual clock)',
    headers: ['contender', 'cycles', 'p50 µs', 'p99 µs', 'runtime / this (p50)'],
    rows,
    targets: [atMost('cycle CPU vs bare async loop (x)', ours.p50 / byName(BARE_ASYNC).p50, 1.2, 'x')],
    notes: [
      `${options.rounds} rounds of ${options.cycles} cycles per contender after ${options.warmup} warm-up cycles; ` +
        `a sample is the CPU of ${options.batch} cycles, the contenders taking turns sample by sample. Observer: 3 nodes, events every cycle, default history (64).`,
    ],
    data: { options, contenders: stats.map((entry) => ({ ...entry, cpuMicrosPerCycle: roundSummary(entry.cpuMicrosPerCycle) })) },
    wallMs: performance.now() - began,
  };
}
