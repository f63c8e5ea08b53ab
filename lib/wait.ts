// The one mechanism behind every wait: listeners on the core, a single deadline timer, and cleanup in finally.
import type { ObservationCore } from './core.js';
import { describeHit, watchCondition, type ConditionWatch, type ResolvedCondition } from './conditions.js';
import { ObservationGuardError, ObservationStoppedError, ObservationTimeoutError, ObservationTooEarlyError, type WaitReport } from './errors.js';
import { cut, messageOf, summarize } from './format.js';
import { guardsOf } from './guards.js';
import type { CycleReport, Disposer, ObservationBatch, ObservationFailure, ObservationSnapshot, WaitOutcome, WaitTrack } from './types.js';
import { checkMilliseconds } from './validate.js';

/** Default bound of a wait, in ms. */
export const DEFAULT_WAIT_TIMEOUT_MS = 5000;

export { check } from './verdict.js';

/** How a wait reacts to what the core emits; each handler may settle the wait. */
interface WaitListeners<T, E, R> {
  snapshot?: (snapshot: ObservationSnapshot<T>, settle: Settle<R>) => void;
  batch?: (batch: ObservationBatch<E>, settle: Settle<R>) => void;
  failure?: (failure: ObservationFailure, settle: Settle<R>) => void;
  cycle?: (report: CycleReport, settle: Settle<R>) => void;
}

export interface Settle<R> {
  resolve(value: R): void;
  reject(error: unknown): void;
  /** Remembers why the predicate last failed, for the timeout message. */
  mismatch(reason: string | undefined): void;
}

export interface WaitSpec<T, E, R> {
  readonly awaited: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  /** Settles the wait at once if the condition already holds; runs in the same turn as subscribing, so nothing is missed. */
  readonly immediate?: (settle: Settle<R>) => void;
  readonly listeners: WaitListeners<T, E, R>;
  /** Settles the wait when its deadline passes; default: rejects with an `ObservationTimeoutError` carrying the report. */
  readonly onDeadline?: (settle: Settle<R>, report: WaitReport, message: string) => void;
  /** What to reject with when the runtime stops; default: `ObservationStoppedError`. */
  readonly onStop?: () => unknown;
  /** Conditions that end the wait at once with an `ObservationGuardError`. */
  readonly unless?: readonly ResolvedCondition[];
  /** Resolving sooner than this after the start rejects with `ObservationTooEarlyError` instead. */
  readonly notBeforeMs?: number;
  /** The values the wait read, told to `onWait` listeners with how it ended. */
  readonly track?: () => WaitTrack;
}

/** Starts one wait on the core. */
export function startWait<T, E, R>(core: ObservationCore<T, E>, spec: WaitSpec<T, E, R>): Promise<R> {
  return new Promise<R>((resolvePromise, rejectPromise) => {
    const { emitter, config } = core;
    let settled = false;
    let lastMismatch: string | undefined;
    const failureBefore = core.lastFailure();
    const tallyBefore = core.cycleTally();
    let timer: unknown;
    const startedAt = config.clock.now();
    const watches: ConditionWatch[] = [];
    let leaveGuards: (() => void) | undefined;
    let deadlinePassed = false;
    const before = core.status();
    // Tells `onWait` listeners how the wait ended, counting the cycle that settled it; nothing is built when nobody listens.
    const notifySettled = (outcome: WaitOutcome): void => {
      if (emitter.listenerCount('wait') === 0) return;
      const now = core.status();
      emitter.emit('wait', {
        awaited: spec.awaited,
        timeoutMs: spec.timeoutMs,
        startedAt,
        endedAt: config.clock.now(),
        outcome,
        cycles: now.cyclesCompleted - before.cyclesCompleted,
        failedCycles: now.cyclesFailed - before.cyclesFailed,
        ...(spec.track ? { track: spec.track() } : {}),
      });
    };

    const attached: Disposer[] = [];
    const cleanup = (): void => {
      if (timer !== undefined) config.clock.clearTimeout(timer);
      for (const watch of watches) watch.stop();
      leaveGuards?.();
      for (const dispose of attached) dispose();
      spec.signal?.removeEventListener('abort', onAbort);
    };
    const settle: Settle<R> = {
      resolve(value) {
        if (settled) return;
        const elapsed = config.clock.now() - startedAt;
        if (spec.notBeforeMs !== undefined && elapsed < spec.notBeforeMs) {
          settle.reject(tooEarly(core, spec.awaited, elapsed, spec.notBeforeMs));
          return;
        }
        settled = true;
        cleanup();
        notifySettled(deadlinePassed ? 'held' : 'resolved');
        resolvePromise(value);
      },
      reject(error) {
        if (settled) return;
        settled = true;
        cleanup();
        notifySettled(rejectionOutcome(error, spec.signal));
        rejectPromise(error);
      },
      mismatch(reason) {
        lastMismatch = reason;
      },
    };
    const guarded =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A): void => {
        if (settled) return;
        try {
          handler(...args);
        } catch (error) {
          settle.reject(error);
        }
      };
    function onAbort(): void {
      settle.reject(spec.signal?.reason);
    }

    if (spec.signal?.aborted) {
      settle.reject(spec.signal.reason);
      return;
    }
    const guards = guardsOf(core);
    const earlierHit = guards.hits()[0];
    if (earlierHit) {
      settle.reject(earlierHit.errorFor(spec.awaited, false));
      return;
    }
    for (const condition of spec.unless ?? []) {
      watches.push(
        watchCondition(core, condition, (hit) =>
          settle.reject(
            new ObservationGuardError(`gave up waiting for ${spec.awaited}, since ${condition.description}: ${describeHit(hit)}`, hit, condition.description),
          ),
        ),
      );
      if (settled) return;
    }
    guarded(() => spec.immediate?.(settle))();
    if (settled) return;
    leaveGuards = guards.onHit((guard) => settle.reject(guard.errorFor(spec.awaited, true)));
    if (core.stopped) {
      settle.reject(spec.onStop?.() ?? new ObservationStoppedError(`the observation runtime is stopped; cannot wait for ${spec.awaited}`));
      return;
    }

    // One closure between the emitter and each handler: every cycle calls it for each pending wait.
    const handled =
      <A>(handler: (payload: A, settle: Settle<R>) => void) =>
      (payload: A): void => {
        if (settled) return;
        try {
          handler(payload, settle);
        } catch (error) {
          settle.reject(error);
        }
      };
    const { batch: onBatch, snapshot: onSnapshot, failure: onFailure, cycle: onCycle } = spec.listeners;
    if (onBatch) attached.push(core.on('batch', handled(onBatch)));
    if (onSnapshot) attached.push(core.on('snapshot', handled(onSnapshot)));
    if (onFailure) attached.push(core.on('failure', handled(onFailure)));
    if (onCycle) attached.push(core.on('cycle', handled(onCycle)));
    attached.push(
      core.on('stop', () => settle.reject(spec.onStop?.() ?? new ObservationStoppedError(`the observation runtime stopped while waiting for ${spec.awaited}`))),
    );
    spec.signal?.addEventListener('abort', onAbort, { once: true });

    timer = config.clock.setTimeout(() => {
      timer = undefined;
      deadlinePassed = true;
      // The cycles reported while the wait listened: a deadline never fires in the middle of one.
      const tally = core.cycleTally();
      const failedCycles = tally.failed - tallyBefore.failed;
      const report: WaitReport = {
        awaited: spec.awaited,
        timeoutMs: spec.timeoutMs,
        lastSnapshot: core.latestSnapshot(),
        lastFailure: failedCycles > 0 ? tally.lastFailure : failureBefore,
        lastMismatch,
        cycles: tally.reported - tallyBefore.reported,
        failedCycles,
        unlessMismatch: watches.map((watch) => watch.lastMismatch()).find((reason) => reason !== undefined),
      };
      // The wait settles whatever happens here: a timer callback that threw would leave it pending forever.
      let message: string;
      try {
        message = describeTimeout(report, config.clock.now(), config.intervalMs, spec.track?.());
      } catch (error) {
        message = `timed out after ${spec.timeoutMs} ms waiting for ${spec.awaited} (what was last seen could not be described: ${messageOf(error)})`;
      }
      if (spec.onDeadline) guarded(() => spec.onDeadline?.(settle, report, message))();
      settle.reject(new ObservationTimeoutError(message, report));
    }, spec.timeoutMs);
  });
}

function rejectionOutcome(error: unknown, signal: AbortSignal | undefined): WaitOutcome {
  if (error instanceof ObservationTimeoutError) return 'timed-out';
  if (error instanceof ObservationStoppedError) return 'stopped';
  if (signal?.aborted && error === signal.reason) return 'aborted';
  return 'failed';
}

/** The message of a timed-out wait: what was awaited, the values its check last read (when tracked), then what was last seen. */
function describeTimeout(report: WaitReport, now: number, intervalMs: number, track: WaitTrack | undefined): string {
  const lines = [`timed out after ${report.timeoutMs} ms waiting for ${report.awaited}`];
  const read = track?.samples[track.samples.length - 1];
  if (read && read.values.length > 0) {
    const values = read.values.map(({ path, value }) => `${path} = ${value}`).join(', ');
    lines.push(`  values read at cycle ${read.cycle}: ${cut(values, 600)}`);
  }
  const snapshot = report.lastSnapshot;
  if (snapshot) {
    const age = Math.max(0, Math.round(now - snapshot.observedAt.getTime()));
    lines.push(
      `  last snapshot: cycle ${snapshot.cycle}, ${age} ms old, ${snapshot.sourceCount} source${snapshot.sourceCount === 1 ? '' : 's'}: ${summarize(snapshot.value)}`,
    );
  }
  if (report.lastMismatch !== undefined) lines.push(`  last check: ${indent(cut(report.lastMismatch, 600))}`);
  if (report.lastFailure) {
    const f = report.lastFailure;
    lines.push(`  last failure: ${f.stage} stage at cycle ${f.cycle}: ${indent(cut(f.message, 300))}`);
  }
  if (report.unlessMismatch !== undefined) lines.push(`  unless check: ${indent(cut(report.unlessMismatch, 300))}`);
  const failed = report.failedCycles ? ` (${report.failedCycles} failed)` : '';
  const hint = report.cycles === 0 && intervalMs >= report.timeoutMs ? ` (the interval, ${intervalMs} ms, is not shorter than the timeout)` : '';
  lines.push(`  cycles during the wait: ${report.cycles}${failed}${hint}`);
  return lines.join('\n');
}

// Continuation lines of a multi-line reason sit under it, so they do not read as lines of the report itself.
function indent(text: string): string {
  return text.replace(/\n/g, '\n    ');
}

function tooEarly<T, E>(core: ObservationCore<T, E>, awaited: string, elapsedMs: number, notBeforeMs: number): ObservationTooEarlyError {
  const snapshot = core.latestSnapshot();
  return new ObservationTooEarlyError(
    `${awaited} held too early: ${Math.round(elapsedMs)} ms after the wait began, before its lower bound of ${notBeforeMs} ms\n` +
      `  snapshot: cycle ${snapshot.cycle}: ${summarize(snapshot.value)}`,
    elapsedMs,
    notBeforeMs,
  );
}

/** Feeds the retained history to an event wait, oldest first, until `done()`; nothing when `includeHistory` is false. */
export function replayHistory<T, E>(
  core: ObservationCore<T, E>,
  includeHistory: boolean | undefined,
  consider: (batch: ObservationBatch<E>) => void,
  done: () => boolean,
): void {
  if (includeHistory === false) return;
  // In place, oldest first: a copy of a long history would cost more than the search itself.
  core.searchHistory((batch) => {
    consider(batch);
    return done();
  });
}

/** Checks a wait's lower bound against its timeout, naming it when it is wrong. */
export function notBeforeOption(value: unknown, timeoutMs: number): number | undefined {
  if (value === undefined) return undefined;
  const ms = checkMilliseconds(value, 'notBeforeMs');
  if (ms >= timeoutMs) throw new TypeError(`notBeforeMs (${ms}) must be below timeoutMs (${timeoutMs})`);
  return ms;
}

/** Checks a wait's timeout option, naming it when it is wrong. */
export function waitTimeout(value: unknown, name = 'timeoutMs'): number {
  if (value === undefined) return DEFAULT_WAIT_TIMEOUT_MS;
  return checkMilliseconds(value, name);
}
