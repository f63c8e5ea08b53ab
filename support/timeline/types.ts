// The timeline's input, and the shapes its parts hand each other.
import type { CycleReport } from '../../lib/index.js';
// The only import of the recorder's types: every other file of the timeline takes them from here.
import type { RunRecord, SourceFailureSpan, StepSpan, TrackedWait } from '../recorder.js';

export type { RunRecord, SourceFailureSpan, StepSpan, TrackedWait };

/** One observation as the timeline draws it: every run of that name in the scenario, merged in time order. */
export interface TimelineObservation {
  readonly name: string;
  /** The interval of each run, distinct values in run order. */
  readonly intervalsMs: readonly number[];
  /** When its first run started, in epoch ms. */
  readonly startedAt: number;
  readonly cycles: readonly CycleReport[];
  /** Oldest cycles the scenario did not keep (beyond its recording bound). */
  readonly droppedCycles: number;
  readonly sourceFailures: readonly SourceFailureSpan[];
  readonly droppedSourceFailures: number;
  /** Waits that failed or came near their timeout, with the values they checked each cycle. */
  readonly trackedWaits: readonly TrackedWait[];
}

/** What a timeline shows: the scenario's name, its observations and the steps that read or waited on them. */
export interface TimelineInput {
  readonly scenario: string;
  readonly observations: readonly TimelineObservation[];
  readonly steps: readonly StepSpan[];
}

/** How a step ended, as the timeline colours it. */
export type StepOutcome = 'passed' | 'failed' | 'timedOut' | 'otherStep';

/** A step span with the number it is shown under (the same step text at the same time keeps one number). */
export interface NumberedStep {
  readonly number: number;
  readonly span: StepSpan;
  readonly outcome: StepOutcome;
}

/** An observation's cycles counted by outcome, with its batches and events. */
export interface CycleCounts {
  ok: number;
  poll: number;
  'source-refresh': number;
  batches: number;
  events: number;
}

/** The time the timeline spans, in epoch ms: `to` is after `from`. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}
