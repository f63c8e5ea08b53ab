// What a scenario's observations leave for the report: one record per run (cycles, per-source trouble) and step spans.
import { systemClock } from '../lib/clock.js';
import { Ring } from '../lib/ring.js';
import { cut, messageOf, summarize } from '../lib/format.js';
import type { AnyObserver, CycleReport, ObservationHandle, SettledWait, WaitOutcome, WaitTrack } from '../lib/index.js';
import type { LayeredOptions } from './config.js';
import { WaitLog } from './wait-log.js';

// Most cycle reports kept per run for the timeline; past it the oldest are overwritten (a ring, O(1) per cycle).
const MAX_RECORDED_CYCLES = 50_000;
/** Most per-source failure spans kept per observation run for the report's timeline; older ones are dropped first. */
export const MAX_RECORDED_SOURCE_FAILURES = 2_000;
/** Longest per-source failure message kept for the timeline. */
const SOURCE_FAILURE_MESSAGE_LIMIT = 300;
/** A passing wait that used this share of its timeout or more came near it: its value track is kept, as a failed one's. */
const NEAR_TIMEOUT_SHARE = 0.75;
/** Most value tracks kept per run; later ones are dropped. */
const MAX_TRACKED_WAITS = 20;
/** The source name under which a throwing or malformed `sourceFailures` hook is shown. */
const SOURCE_FAILURES_HOOK_NAME = 'sourceFailures()';

/** A step that read or waited on an observation, for the report's timeline. */
export interface StepSpan {
  readonly observation: string;
  readonly text: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status: string;
  /** Whether the step failed because a wait ran out of time (an ObservationTimeoutError). */
  readonly timedOut: boolean;
}

/**
 * Consecutive successful cycles whose snapshots recorded the same trouble for one source, as the definition's
 * `sourceFailures` hook reported it. Failed cycles in between (no new snapshot) neither extend nor end a span.
 */
export interface SourceFailureSpan {
  readonly source: string;
  readonly message: string;
  readonly firstCycle: number;
  lastCycle: number;
  /** Start of the first cycle and end of the last one, in epoch ms. */
  readonly startedAt: number;
  endedAt: number;
}

/** A wait that failed, or passed near its timeout, with the values its check read each cycle: a value track of the timeline. */
export interface TrackedWait {
  readonly awaited: string;
  readonly outcome: WaitOutcome;
  readonly timeoutMs: number;
  /** When it began and settled, in epoch ms. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** Whether it passed, having used 75 % of its timeout or more. */
  readonly nearTimeout: boolean;
  readonly track: WaitTrack;
}

/** Why a run stopped: a step stopped it, or the scenario ended. */
export type StoppedBy = 'step' | 'after-hook';

/** The record of one run of an observation in a scenario: what the summary and the timeline are built from. */
export interface RunRecord {
  readonly name: string;
  /** The run's read side, for its final state (status, snapshot, history, listener failures, guard hits). */
  readonly handle: ObservationHandle<AnyObserver>;
  readonly options: LayeredOptions;
  readonly intervalMs: number;
  /** When the run started, in epoch ms. */
  readonly startedAt: number;
  /** The cycles kept, oldest first; at most the newest 50,000. */
  readonly cycles: readonly CycleReport[];
  /** Oldest cycles not kept. */
  readonly droppedCycles: number;
  /** Per-source trouble over time; empty unless the definition has a `sourceFailures` hook. */
  readonly sourceFailures: readonly SourceFailureSpan[];
  readonly droppedSourceFailures: number;
  /** Waits that failed or came near their timeout, with their value tracks (at most 20). */
  readonly trackedWaits: readonly TrackedWait[];
  readonly stoppedBy: StoppedBy | undefined;
}

/** Records one run from its `onCycle` reports until {@link RunRecorder.detach}; the record stays readable after. */
export class RunRecorder implements RunRecord {
  readonly name: string;
  readonly handle: ObservationHandle<AnyObserver>;
  readonly options: LayeredOptions;
  readonly intervalMs: number;
  readonly startedAt: number;
  stoppedBy: StoppedBy | undefined;
  readonly #cycles = new Ring<CycleReport>(MAX_RECORDED_CYCLES);
  readonly #sourceFailures = new Ring<SourceFailureSpan>(MAX_RECORDED_SOURCE_FAILURES);
  readonly trackedWaits: TrackedWait[] = [];
  readonly #detach: () => void;

  constructor(
    name: string,
    handle: ObservationHandle<AnyObserver>,
    options: LayeredOptions,
    sourceFailures: ((snapshot: unknown) => Readonly<Record<string, string>>) | undefined,
  ) {
    this.name = name;
    this.handle = handle;
    this.options = options;
    const status = handle.status();
    this.intervalMs = status.intervalMs;
    this.startedAt = status.startedAt.getTime();
    const recordSourceFailures = sourceFailures && sourceFailureRecorder(sourceFailures, this.#sourceFailures);
    const stopCycles = handle.onCycle((report) => {
      this.#cycles.push(report);
      if (recordSourceFailures && report.failure === undefined) {
        const snapshot = handle.latestSnapshot();
        if (snapshot.cycle === report.cycle) recordSourceFailures(report, snapshot.value);
      }
    });
    const stopWaits = handle.onWait((wait) => this.#keepTrack(wait));
    this.#detach = () => {
      stopCycles();
      stopWaits();
    };
  }

  // Only the tracks a person needs: of waits that failed, and of passing ones that came near their timeout.
  #keepTrack(wait: SettledWait): void {
    const track = wait.track;
    if (track === undefined || track.samples.length === 0 || this.trackedWaits.length >= MAX_TRACKED_WAITS) return;
    const usedMs = wait.endedAt - wait.startedAt;
    const nearTimeout = wait.outcome === 'resolved' && usedMs >= NEAR_TIMEOUT_SHARE * wait.timeoutMs;
    if (!nearTimeout && (wait.outcome === 'resolved' || wait.outcome === 'held')) return;
    const { awaited, outcome, timeoutMs, startedAt, endedAt } = wait;
    this.trackedWaits.push({ awaited: cut(awaited, SOURCE_FAILURE_MESSAGE_LIMIT), outcome, timeoutMs, startedAt, endedAt, nearTimeout, track });
  }

  get cycles(): readonly CycleReport[] {
    return this.#cycles.view();
  }

  get droppedCycles(): number {
    return this.#cycles.dropped;
  }

  get sourceFailures(): readonly SourceFailureSpan[] {
    return this.#sourceFailures.view();
  }

  get droppedSourceFailures(): number {
    return this.#sourceFailures.dropped;
  }

  /** Stops recording (the run stopped); safe to call more than once. */
  detach(): void {
    this.#detach();
  }
}

/**
 * A scenario's recording: the settled waits, and which step read or waited on which observation. Steps are seen at
 * their end (the AfterStep hook, with the step's duration), so that no hook has to run before every step.
 */
export class ScenarioRecorder {
  readonly spans: StepSpan[] = [];
  /** Every settled wait of the scenario, for the run report. */
  readonly waits = new WaitLog();
  // A step told at its start (beginStep), for endStep to record.
  #begun: { readonly text: string; readonly id: string | undefined; readonly startedAt: number } | undefined;
  #touched: string[] | undefined;

  /** Starts recording a run, its cycles and its waits. */
  follow(
    name: string,
    handle: ObservationHandle<AnyObserver>,
    options: LayeredOptions,
    sourceFailures: ((snapshot: unknown) => Readonly<Record<string, string>>) | undefined,
  ): RunRecorder {
    const recorder = new RunRecorder(name, handle, options, sourceFailures);
    this.waits.follow(name, handle);
    return recorder;
  }

  /** Notes that a step began, so the observations it reads can be shown against it; {@link endStep} records it. */
  beginStep(text: string, pickleStepId?: string): void {
    this.#begun = { text, id: pickleStepId, startedAt: systemClock.now() };
    this.#touched = undefined;
  }

  /** Notes that the current step read or waited on `name`. */
  touch(name: string): void {
    this.#touched ??= [];
    if (!this.#touched.includes(name)) this.#touched.push(name);
  }

  /** Records the step begun by {@link beginStep}, as {@link stepRan} records one. */
  endStep(status: string, timedOut = false): void {
    const begun = this.#begun;
    this.#begun = undefined;
    if (begun === undefined) {
      this.#touched = undefined;
      return;
    }
    this.#stepEnded(begun.text, begun.id, begun.startedAt, status, timedOut);
  }

  /**
   * Records a step that has just run, `durationMs` long, with no {@link beginStep}: it began `durationMs` ago.
   * Waits that settled since the previous step ended are attributed to it if they settled after it began.
   */
  stepRan(step: { readonly text: string; readonly id: string }, durationMs: number, status: string, timedOut: boolean): void {
    this.#begun = undefined;
    this.#stepEnded(step.text, step.id, systemClock.now() - durationMs, status, timedOut);
  }

  // The one place a finished step is recorded: its waits, then a span per observation it touched.
  #stepEnded(text: string, id: string | undefined, startedAt: number, status: string, timedOut: boolean): void {
    this.waits.stepEnded(id, startedAt);
    const touched = this.#touched;
    this.#touched = undefined;
    if (touched === undefined) return;
    const endedAt = systemClock.now();
    for (const observation of touched) this.spans.push({ observation, text, startedAt, endedAt, status, timedOut });
  }
}

// Calls the definition's hook on each successful cycle's snapshot and merges what it reports into spans per source,
// so memory grows with changes in trouble, not with cycles. A throwing or malformed hook shows up as its own source.
function sourceFailureRecorder(
  hook: (snapshot: unknown) => Readonly<Record<string, string>>,
  spans: Ring<SourceFailureSpan>,
): (report: CycleReport, snapshot: unknown) => void {
  const open = new Map<string, SourceFailureSpan>();
  return (report, snapshot) => {
    let found: [string, unknown][];
    try {
      const result: unknown = hook(snapshot);
      // Entries are read here, inside the try: a Proxy or getter of the result may throw too.
      found =
        typeof result === 'object' && result !== null && !Array.isArray(result)
          ? Object.entries(result)
          : [[SOURCE_FAILURES_HOOK_NAME, `returned ${summarize(result, 80)}; expected an object of source name: message`]];
    } catch (error) {
      found = [[SOURCE_FAILURES_HOOK_NAME, `threw: ${messageOf(error)}`]];
    }
    const seen = new Set<string>();
    for (const [source, value] of found) {
      seen.add(source);
      const message = cut(typeof value === 'string' ? value : summarize(value, SOURCE_FAILURE_MESSAGE_LIMIT), SOURCE_FAILURE_MESSAGE_LIMIT);
      const current = open.get(source);
      if (current && current.message === message) {
        current.lastCycle = report.cycle;
        current.endedAt = report.endedAt;
        continue;
      }
      const span: SourceFailureSpan = {
        source,
        message,
        firstCycle: report.cycle,
        lastCycle: report.cycle,
        startedAt: report.startedAt,
        endedAt: report.endedAt,
      };
      open.set(source, span);
      spans.push(span);
    }
    for (const source of [...open.keys()]) {
      if (!seen.has(source)) open.delete(source);
    }
  };
}
