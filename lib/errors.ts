// Named error classes of the runtime: start-up failures, wait timeouts, stops, broken holds, guards, lagging consumers and timeouts of a cycle or of start-up.
import type { ConditionHit, ObservationFailure, ObservationFailureStage, ObservationSnapshot } from './types.js';

/** Why `ObservationRuntime.start` refused or failed. */
export type ObservationRuntimeErrorCode = 'invalid-interval' | 'invalid-config' | 'source-refresh' | 'observer-init';

/** `ObservationRuntime.start` failed; nothing was left running. */
export class ObservationRuntimeError extends Error {
  override readonly name = 'ObservationRuntimeError';
  readonly code: ObservationRuntimeErrorCode;

  constructor(code: ObservationRuntimeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** What a wait saw, for its timeout message and for code that wants the facts. */
export interface WaitReport {
  /** What was awaited, in words. */
  readonly awaited: string;
  readonly timeoutMs: number;
  readonly lastSnapshot: ObservationSnapshot<unknown> | undefined;
  readonly lastFailure: ObservationFailure | undefined;
  /** The last reason the predicate gave for not holding, when it threw one. */
  readonly lastMismatch: string | undefined;
  /** Cycles completed during the wait, and how many of them failed. */
  readonly cycles: number;
  readonly failedCycles: number;
  /** The last reason an `unless` predicate of the wait threw (a throw counts as not hit). */
  readonly unlessMismatch?: string | undefined;
}

/** A wait ran out of time. Its message says what was awaited and what was last seen. */
export class ObservationTimeoutError extends Error {
  override readonly name = 'ObservationTimeoutError';
  readonly report: WaitReport;

  constructor(message: string, report: WaitReport, options?: { cause?: unknown }) {
    super(message, options);
    this.report = report;
  }
}

/** The runtime stopped while a wait was pending, or before a wait that could not already be satisfied. */
export class ObservationStoppedError extends Error {
  override readonly name = 'ObservationStoppedError';

  constructor(message = 'the observation runtime was stopped', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `holdsFor` saw its predicate break, or a cycle fail. */
export class ObservationHoldError extends Error {
  override readonly name = 'ObservationHoldError';
  /** The snapshot that broke the predicate; undefined when a failed cycle ended the hold. */
  readonly snapshot: ObservationSnapshot<unknown> | undefined;
  readonly failure: ObservationFailure | undefined;

  constructor(message: string, details: { snapshot?: ObservationSnapshot<unknown>; failure?: ObservationFailure }, options?: { cause?: unknown }) {
    super(message, options);
    this.snapshot = details.snapshot;
    this.failure = details.failure;
  }
}

/** A `batches()` consumer fell behind its buffer; `skipped` batches were dropped. Iteration can go on. */
export class ObservationLagError extends Error {
  override readonly name = 'ObservationLagError';
  readonly skipped: number;

  constructor(skipped: number, capacity: number) {
    super(
      `batch consumer fell behind: ${skipped} batch${skipped === 1 ? ' was' : 'es were'} dropped ` +
        `(buffer holds ${capacity}); the next batches are the oldest still buffered`,
    );
    this.skipped = skipped;
  }
}

/**
 * A wait gave up because a condition that dooms it was seen: its own `unless`, or a guard armed on the handle (then
 * also every later wait, before waiting). `hit` says what was seen and at which cycle.
 */
export class ObservationGuardError extends Error {
  override readonly name = 'ObservationGuardError';
  readonly hit: ConditionHit;
  /** The guard's or the `unless` condition's description. */
  readonly guard: string;

  constructor(message: string, hit: ConditionHit, guard: string, options?: { cause?: unknown }) {
    super(message, options);
    this.hit = hit;
    this.guard = guard;
  }
}

/** A wait with `notBeforeMs` saw its condition hold before that lower bound (Awaitility's `between`). */
export class ObservationTooEarlyError extends Error {
  override readonly name = 'ObservationTooEarlyError';
  /** How long after the wait began the condition held, in ms. */
  readonly elapsedMs: number;
  readonly notBeforeMs: number;

  constructor(message: string, elapsedMs: number, notBeforeMs: number, options?: { cause?: unknown }) {
    super(message, options);
    this.elapsedMs = elapsedMs;
    this.notBeforeMs = notBeforeMs;
  }
}

/**
 * A cycle ran past `cycleTimeoutMs`: the reason its signal aborts with, and the cause of the failure recorded for it.
 * Its `name` is `'TimeoutError'`, the name the platform gives a timeout's abort reason (`AbortSignal.timeout`), so code
 * that tells timeouts apart by name sees it as one.
 */
export class ObservationCycleTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly cycle: number;
  readonly timeoutMs: number;
  /** The stage the cycle was in when its time ran out. */
  readonly stage: ObservationFailureStage;

  constructor(cycle: number, timeoutMs: number, stage: ObservationFailureStage) {
    super(`observation cycle ${cycle} timed out after ${timeoutMs} ms in the ${stage} stage`);
    this.cycle = cycle;
    this.timeoutMs = timeoutMs;
    this.stage = stage;
  }
}

/**
 * Start-up ran past `startupTimeoutMs`: the reason its signal aborts with, and the `cause` of the
 * `ObservationRuntimeError` that start-up rejects with. Its `name` is `'TimeoutError'`, as for
 * {@link ObservationCycleTimeoutError}.
 */
export class ObservationStartupTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`start-up timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}
