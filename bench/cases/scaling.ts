// Case 7: how cost grows with the system's size, one dimension at a time: nodes and sources, pending waits, the history
// limit (with event waits that search it), events per batch; and the report of a long scenario over a large system.
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ObservationRuntime, observedSource, StaticSourceProvider, type ObservedSource, type Observer } from '../../lib/index.js';
import { layerOptions } from '../../support/config.js';
import { RunRecorder } from '../../support/recorder.js';
import { summarizeRun, SUMMARY_HISTORY_TAIL, SUMMARY_VALUE_LIMIT } from '../../support/summary.js';
import { renderTimeline, timelineInput } from '../../support/timeline/index.js';
import { atMost, type CaseResult } from '../report.js';
import { round } from '../stats.js';
import { VirtualClock } from '../virtual-clock.js';

/** Sizes of the scaling case. */
export interface ScalingOptions {
  readonly nodes: readonly number[];
  readonly waits: readonly number[];
  readonly history: readonly number[];
  readonly events: readonly number[];
  /** Samples per size, on one runtime after filling its history; the median is reported. */
  readonly samples: number;
  /** Work per sample, in units of the dimension (cycles × size), so a sample costs about the same at every size. */
  readonly unitsPerSample: number;
  readonly report: { readonly cycles: number; readonly nodes: number };
}

export const SCALING_FULL: ScalingOptions = {
  nodes: [10, 100, 1_000, 10_000],
  waits: [1, 10, 100, 1_000, 10_000],
  history: [64, 1_000, 10_000, 100_000],
  events: [1, 100, 1_000, 10_000, 100_000],
  samples: 15,
  unitsPerSample: 200_000,
  report: { cycles: 10_000, nodes: 10_000 },
};
export const SCALING_TINY: ScalingOptions = {
  nodes: [10, 20],
  waits: [1, 2],
  history: [4, 8],
  events: [1, 2],
  samples: 1,
  unitsPerSample: 200,
  report: { cycles: 20, nodes: 10 },
};

/** Limits the summary and the timeline must stay within (see support/summary.ts and support/timeline.test.ts). */
const SUMMARY_CAP_BYTES = (1 + SUMMARY_HISTORY_TAIL) * SUMMARY_VALUE_LIMIT + 10_000;
const TIMELINE_CAP_BYTES = 60_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface NodeView {
  readonly healthy: boolean;
  readonly term: number;
}
interface ScaleSnapshot {
  readonly counter: number;
  readonly nodes: Readonly<Record<string, NodeView>>;
}
interface ScaleState {
  counter: number;
  readonly nodes: Record<string, NodeView>;
  readonly events: readonly number[];
}

/**
 * An observer whose own work per cycle is the same whatever the size: its snapshot holds `nodes` node views (shared,
 * never copied) and each poll returns the same prebuilt list of `events` events, frozen when `freezeEvents` says so
 * (the runtime then keeps a long list as it is instead of copying it). So whatever grows with size is the runtime's.
 */
class ScaleObserver implements Observer<unknown, ScaleState, ScaleSnapshot, number> {
  constructor(
    readonly nodeCount: number,
    readonly eventCount: number,
    readonly freezeEvents = false,
  ) {}

  init(): ScaleState {
    const nodes: Record<string, NodeView> = {};
    for (let index = 0; index < this.nodeCount; index += 1) nodes[`n${index}`] = Object.freeze({ healthy: true, term: 1 });
    const events = Array.from({ length: this.eventCount }, (_, index) => index);
    return { counter: 0, nodes, events: this.freezeEvents ? Object.freeze(events) : events };
  }

  poll(_sources: readonly ObservedSource<unknown>[], state: ScaleState): readonly number[] {
    state.counter += 1;
    return state.events;
  }

  snapshot(state: ScaleState): ScaleSnapshot {
    return { counter: state.counter, nodes: state.nodes };
  }
}

interface Setup {
  readonly nodes?: number;
  readonly sources?: number;
  readonly events?: number;
  /** The observer freezes its event list (see ScaleObserver). */
  readonly freezeEvents?: boolean;
  readonly historyLimit?: number;
  /** Pending snapshot waits that never hold; `readsNodes` makes each read every node. */
  readonly waits?: number;
  readonly readsNodes?: boolean;
  /** The twin's setup, when it is not this one without the waits. */
  readonly twin?: Setup;
}

interface Measured {
  readonly cpuMicrosPerCycle: number;
  /**
   * The twin runtime's, sampled in turn with this one: the same setup without the waits, or the smallest size of the
   * dimension, so that a cost or a growth is a comparison taken side by side rather than between runs made apart.
   */
  readonly twinMicrosPerCycle: number | undefined;
  /** Cycle plus the resolution of a wait it satisfies, wall ms, at this size. */
  readonly resolutionMs: number;
  readonly heapMiB: number;
}

async function heapNow(): Promise<number> {
  await nextMacrotask();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Starts a runtime for `setup` on a virtual clock, fills its history, then measures `samples` runs of `cycles` cycles
 * (the median is kept), and the cycle plus resolution of one wait that the next cycle satisfies.
 */
async function startScaled(setup: Setup) {
  const clock = new VirtualClock();
  const sourceList = Array.from({ length: setup.sources ?? 1 }, (_, index) => observedSource(`s${index}`, index));
  const observer = new ScaleObserver(setup.nodes ?? 10, setup.events ?? 1, setup.freezeEvents);
  const runtime = await ObservationRuntime.start(new StaticSourceProvider(sourceList), observer, {
    intervalMs: 1,
    clock,
    historyLimit: setup.historyLimit ?? 64,
  });
  await clock.fire((setup.historyLimit ?? 64) + 20);
  return { clock, runtime };
}

/** CPU µs per cycle of `cycles` cycles on `clock`. */
async function sampleCycles(clock: VirtualClock, cycles: number): Promise<number> {
  const before = process.cpuUsage();
  await clock.fire(cycles);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / cycles;
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/** A runtime of one setup, started with its pending waits and its twin, ready to be sampled. */
interface Prepared {
  readonly clock: VirtualClock;
  readonly runtime: ObservationRuntime<ScaleObserver>;
  readonly twin: Awaited<ReturnType<typeof startScaled>> | undefined;
  readonly pending: readonly Promise<unknown>[];
  readonly heapMiB: number;
  readonly perCycle: number[];
  readonly twinPerCycle: number[];
}

/** Starts a runtime for `setup` with its pending waits (the heap they take is measured, collected) and its twin. */
async function prepare(setup: Setup): Promise<Prepared> {
  const heapBefore = await heapNow();
  const { clock, runtime } = await startScaled(setup);
  const handle = runtime.handle();
  const pending: Promise<unknown>[] = [];
  // Reads every node by its key: Object.values over a record this large costs more per node as it grows (V8 sorts a
  // dictionary's keys), which would be the check's own growth, not the runtime's.
  const keys = Array.from({ length: setup.nodes ?? 10 }, (_, index) => `n${index}`);
  const never = setup.readsNodes
    ? (value: ScaleSnapshot) => {
        for (const key of keys) if (!value.nodes[key]!.healthy) return true;
        return value.counter < 0;
      }
    : (value: ScaleSnapshot) => value.counter < 0;
  for (let index = 0; index < (setup.waits ?? 0); index += 1) {
    pending.push(handle.waitForSnapshot(never, { timeoutMs: 600_000 }).catch(() => undefined));
  }
  const heapMiB = ((await heapNow()) - heapBefore) / 2 ** 20;
  const twinSetup = setup.twin ?? (setup.waits ? { ...setup, waits: 0 } : undefined);
  const twin = twinSetup ? await startScaled(twinSetup) : undefined;
  return { clock, runtime, twin, pending, heapMiB, perCycle: [], twinPerCycle: [] };
}

/** One sample of a prepared runtime, its twin's taken in turn before or after it. */
async function sampleOnce(prepared: Prepared, cycles: number, sample: number): Promise<void> {
  const { twin } = prepared;
  if (twin && sample % 2 === 1) prepared.twinPerCycle.push(await sampleCycles(twin.clock, cycles));
  prepared.perCycle.push(await sampleCycles(prepared.clock, cycles));
  if (twin && sample % 2 === 0) prepared.twinPerCycle.push(await sampleCycles(twin.clock, cycles));
}

/** The medians of a prepared runtime's samples and the cycle plus resolution of one wait; then stops it and its twin. */
async function finish(prepared: Prepared): Promise<Measured> {
  const { clock, runtime, twin } = prepared;
  const handle = runtime.handle();
  try {
    const target = handle.latestSnapshot().cycle + 1;
    const began = performance.now();
    const resolved = handle.waitForSnapshot((value) => value.counter >= target).then(() => performance.now() - began);
    await clock.fire(1);
    const resolutionMs = await resolved;
    return {
      cpuMicrosPerCycle: median(prepared.perCycle),
      twinMicrosPerCycle: twin ? median(prepared.twinPerCycle) : undefined,
      resolutionMs,
      heapMiB: prepared.heapMiB,
    };
  } finally {
    await Promise.all([runtime.stop(), twin?.runtime.stop()]);
    await Promise.all(prepared.pending);
  }
}

/**
 * Starts a runtime for `setup` on a virtual clock, fills its history, then measures `samples` runs of `cycles` cycles
 * (the median is kept), and the cycle plus resolution of one wait that the next cycle satisfies. With waits, a twin
 * runtime without them takes turns with it, sample by sample: the cost of 10 waits is a fraction of a microsecond, less
 * than what the load moves a cycle's cost by between two runs made apart.
 */
async function measure(setup: Setup, cycles: number, samples: number): Promise<Measured> {
  const prepared = await prepare(setup);
  for (let sample = 0; sample < samples; sample += 1) await sampleOnce(prepared, cycles, sample);
  return finish(prepared);
}

/**
 * Every size of a dimension at once, sampled in turn (size by size, each with its twin), so that the load of a shared
 * machine moves every size's figure alike: sizes measured one after another, minutes apart, differed by more than the
 * step between them that the "largest step" target looks for (see bench/README.md, "Scaling: runtime or measurement").
 */
async function sweepInterleaved(sizes: readonly number[], options: ScalingOptions, setupFor: (size: number) => Setup, cyclesFor: (size: number) => number) {
  const prepared: Prepared[] = [];
  try {
    for (const size of sizes) prepared.push(await prepare(setupFor(size)));
    await heapNow();
    for (let sample = 0; sample < options.samples; sample += 1) {
      for (const [index, size] of sizes.entries()) await sampleOnce(prepared[index]!, cyclesFor(size), sample);
    }
  } catch (error) {
    await Promise.all(prepared.map((each) => Promise.all([each.runtime.stop(), each.twin?.runtime.stop()])));
    throw error;
  }
  const points = [];
  for (const [index, size] of sizes.entries()) points.push({ size, ...(await finish(prepared[index]!)) });
  return points;
}

/** Every size of one dimension, smallest first. */
async function sweep(
  sizes: readonly number[],
  options: ScalingOptions,
  run: (size: number, cycles: number, samples: number) => Promise<Measured>,
  cyclesFor: (size: number) => number,
) {
  const points = [];
  for (const size of sizes) points.push({ size, ...(await run(size, cyclesFor(size), options.samples)) });
  return points;
}

type Point = Awaited<ReturnType<typeof sweep>>[number];

/** The largest ratio between consecutive sizes of the cost per unit: 1 for linear growth, more for a step. */
function largestJump(points: readonly Point[], perUnit: (point: Point) => number): number {
  let jump = 0;
  for (let index = 1; index < points.length; index += 1) jump = Math.max(jump, perUnit(points[index]!) / Math.max(perUnit(points[index - 1]!), 1e-9));
  return jump;
}

/** How long the summary and the timeline of a long scenario over a large system take to build, and their size. */
async function reportBuild(options: ScalingOptions) {
  const clock = new VirtualClock();
  const observer = new ScaleObserver(options.report.nodes, 3);
  const runtime = await ObservationRuntime.start(() => [observedSource('cluster', 0)], observer, { intervalMs: 100, clock });
  const run = new RunRecorder('cluster', runtime.handle(), layerOptions({ intervalMs: 100 }), undefined);
  await clock.fire(options.report.cycles);
  await runtime.stop();
  run.detach();
  run.stoppedBy = 'after-hook';
  const { cycles } = run;
  const steps = Array.from({ length: 20 }, (_, index) => ({
    observation: 'cluster',
    text: `step ${index}`,
    startedAt: cycles[index * 400]?.startedAt ?? 0,
    endedAt: cycles[index * 400 + 300]?.endedAt ?? 0,
    status: 'PASSED',
    timedOut: false,
  }));
  const times: { summaryMs: number; timelineMs: number; summaryBytes: number; timelineBytes: number }[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let began = performance.now();
    const summary = JSON.stringify(summarizeRun(run), null, 2);
    const summaryMs = performance.now() - began;
    began = performance.now();
    const timeline = renderTimeline(timelineInput('a long scenario', [run], steps));
    const timelineMs = performance.now() - began;
    times.push({ summaryMs, timelineMs, summaryBytes: Buffer.byteLength(summary), timelineBytes: Buffer.byteLength(timeline) });
  }
  times.sort((a, b) => a.summaryMs + a.timelineMs - (b.summaryMs + b.timelineMs));
  return times[1] ?? times[0]!;
}

/**
 * Each dimension is swept with the others at their defaults, on a virtual clock (cycles back to back, so CPU time is
 * work). The observer's own work is the same at every size, so growth is the runtime's. Each sample runs about
 * `unitsPerSample` units of the dimension (cycles × size), so the per-unit figures compare like with like.
 */
export async function runScaling(options: ScalingOptions): Promise<CaseResult> {
  const began = performance.now();
  const cyclesFor = (size: number): number => Math.max(5, Math.min(4_000, Math.round(options.unitsPerSample / size)));
  const fixedCycles = (): number => Math.max(5, Math.min(2_000, Math.round(options.unitsPerSample / 100)));
  // Growth in these three is the largest size against the smallest, sampled in turn (see Measured.twinMicrosPerCycle).
  const smallest = (sizes: readonly number[]): number => sizes[0]!;
  const nodes = await sweep(
    options.nodes,
    options,
    (size, cycles, samples) => measure({ nodes: size, twin: { nodes: smallest(options.nodes) } }, cycles, samples),
    fixedCycles,
  );
  const sources = await sweep(
    options.nodes,
    options,
    (size, cycles, samples) => measure({ sources: size, twin: { sources: smallest(options.nodes) } }, cycles, samples),
    fixedCycles,
  );
  const baseline = await sweep([0], options, (_size, cycles, samples) => measure({}, cycles, samples), fixedCycles);
  const waits = await sweepInterleaved(options.waits, options, (size) => ({ waits: size }), cyclesFor);
  const reading = await sweep(
    options.nodes,
    options,
    (size, cycles, samples) => measure({ nodes: size, waits: 10, readsNodes: true }, cycles, samples),
    cyclesFor,
  );
  const history = await sweep(
    options.history,
    options,
    (size, cycles, samples) => measure({ historyLimit: size, twin: { historyLimit: smallest(options.history) } }, cycles, samples),
    fixedCycles,
  );
  const events = await sweepInterleaved(options.events, options, (size) => ({ events: size }), cyclesFor);
  const frozenEvents = await sweepInterleaved(options.events, options, (size) => ({ events: size, freezeEvents: true }), cyclesFor);
  const search = await historySearch(options);
  const report = await reportBuild(options);

  const base = baseline[0]!.cpuMicrosPerCycle;
  const waitsCost = (point: Point): number => Math.max(0, point.cpuMicrosPerCycle - (point.twinMicrosPerCycle ?? base));
  const perWait = (point: Point): number => waitsCost(point) / point.size;
  const perRead = (point: Point): number => waitsCost(point) / (10 * point.size);
  const perEvent = (point: Point): number => point.cpuMicrosPerCycle / point.size;
  const first = (list: readonly Point[]) => list[0]!;
  const last = (list: readonly Point[]) => list[list.length - 1]!;
  const rows: (string | number)[][] = [];
  const add = (dimension: string, list: readonly Point[], unit: string, perUnit: ((point: Point) => number) | undefined) => {
    for (const point of list) {
      rows.push([dimension, point.size, point.cpuMicrosPerCycle, perUnit ? `${round(perUnit(point), 4)} ${unit}` : '-', point.resolutionMs, point.heapMiB]);
    }
  };
  add('nodes in the snapshot', nodes, '', undefined);
  add('sources (a frozen list)', sources, '', undefined);
  add('pending waits (read 1 value)', waits, 'µs/wait', perWait);
  add('10 waits reading every node', reading, 'µs/value read', perRead);
  add('history limit (full)', history, '', undefined);
  add('events per batch (a new list: copied)', events, 'µs/event', perEvent);
  add('events per batch (a frozen list: kept)', frozenEvents, 'µs/event', perEvent);
  for (const point of search) {
    rows.push(['event wait searching the history', point.size, '-', `${round(point.microsPerBatch, 4)} µs/batch`, point.startMs, '-']);
  }

  const growth = (list: readonly Point[]): number => last(list).cpuMicrosPerCycle / (last(list).twinMicrosPerCycle ?? first(list).cpuMicrosPerCycle);
  const jumps = {
    waits: largestJump(waits.slice(1), perWait),
    reads: largestJump(reading.slice(1), perRead),
    events: largestJump(frozenEvents.slice(1), perEvent),
    search: largestJump(
      search
        .slice(1)
        .map((point) => ({ size: point.size, cpuMicrosPerCycle: point.microsPerBatch, twinMicrosPerCycle: undefined, resolutionMs: 0, heapMiB: 0 })),
      (point) => point.cpuMicrosPerCycle,
    ),
  };
  // Reported beside the target, not in it: past 16,384 events the copy is a large object (see bench/README.md).
  const copiedEventsJump = largestJump(events.slice(1), perEvent);
  return {
    id: 'scaling',
    title: '7. How cost grows with size (CPU µs per cycle on a virtual clock; resolution ms; heap MiB)',
    headers: ['dimension', 'size', 'CPU µs/cycle', 'per unit', 'cycle + resolution ms', 'heap MiB'],
    rows,
    targets: [
      atMost('runtime CPU per cycle, 10,000 vs 10 nodes in the snapshot (x)', growth(nodes), 1.5, 'x'),
      atMost('runtime CPU per cycle, 10,000 vs 10 sources (x)', growth(sources), 1.5, 'x'),
      atMost('runtime CPU per cycle, history 100,000 vs 64 (x)', growth(history), 1.5, 'x'),
      atMost('largest step in per-unit cost between sizes (x)', Math.max(jumps.waits, jumps.reads, jumps.events, jumps.search), 3, 'x'),
      atMost('summary + timeline of 10,000 cycles × 10,000 nodes (ms)', report.summaryMs + report.timelineMs, 100, 'ms'),
      atMost('summary bytes over its cap', Math.max(0, report.summaryBytes - SUMMARY_CAP_BYTES), 0, 'bytes'),
      atMost('timeline bytes over its cap', Math.max(0, report.timelineBytes - TIMELINE_CAP_BYTES), 0, 'bytes'),
    ],
    notes: [
      `Median of ${options.samples} samples per size; a sample runs about ${options.unitsPerSample.toLocaleString('en')} units ` +
        '(cycles × size) on a virtual clock, after filling the history. The observer does the same work at every size: its ' +
        'snapshot shares the node views, its poll returns a prebuilt event list. For waits, "per unit" subtracts the cost of a ' +
        `cycle of the same runtime without them, sampled in turn with it (alone: ${round(base, 2)} µs). "cycle + resolution" is the wall time from the start of a cycle to the continuation ` +
        'of a wait it satisfies, at that size. Heap: what the runtime holds after filling, collected.',
      `Largest step in per-unit cost from one size to the next: waits ${round(jumps.waits, 2)}x, values read ` +
        `${round(jumps.reads, 2)}x, events ${round(jumps.events, 2)}x, history search ${round(jumps.search, 2)}x (1 is linear). ` +
        `Events in a new list each cycle, which the runtime copies: ${round(copiedEventsJump, 2)}x, the cost of copying past V8's ` +
        'large-object size, outside the target (see "Scaling: runtime or measurement" in bench/README.md).',
      `Report of ${options.report.cycles.toLocaleString('en')} cycles over ${options.report.nodes.toLocaleString('en')} nodes: ` +
        `summary ${round(report.summaryMs, 1)} ms, ${report.summaryBytes.toLocaleString('en')} bytes (cap ${SUMMARY_CAP_BYTES.toLocaleString('en')}); ` +
        `timeline ${round(report.timelineMs, 1)} ms, ${report.timelineBytes.toLocaleString('en')} bytes (cap ${TIMELINE_CAP_BYTES.toLocaleString('en')}).`,
    ],
    data: {
      options,
      baselineMicrosPerCycle: round(base, 4),
      nodes,
      sources,
      waits,
      reading,
      history,
      events,
      frozenEvents,
      search,
      report,
      jumps,
      copiedEventsJump,
    },
    wallMs: performance.now() - began,
  };
}

/** The start of an event wait that searches a full history of `size` batches (of one event each) and finds nothing. */
async function historySearch(options: ScalingOptions) {
  const points: { size: number; microsPerBatch: number; startMs: number }[] = [];
  for (const size of options.history) {
    const clock = new VirtualClock();
    const runtime = await ObservationRuntime.start(() => [observedSource('one', 0)], new ScaleObserver(1, 1), { intervalMs: 1, clock, historyLimit: size });
    await clock.fire(size + 1);
    const handle = runtime.handle();
    // At least 15 starts even over the longest history: a median of 3 starts of a few ms each was the load's figure.
    const repeats = Math.max(15, Math.round(options.unitsPerSample / size));
    const samples: number[] = [];
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      const control = new AbortController();
      const began = performance.now();
      const wait = handle.waitForEvent((event) => event < 0, { signal: control.signal });
      samples.push(performance.now() - began);
      control.abort();
      await wait.catch(() => undefined);
    }
    await runtime.stop();
    samples.sort((a, b) => a - b);
    const startMs = samples[Math.floor(samples.length / 2)]!;
    points.push({ size, microsPerBatch: (startMs * 1000) / size, startMs });
  }
  return points;
}
