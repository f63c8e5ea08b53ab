// The one way a step sentence runs: its timing (now, in the last snapshot, within, but not before), an optional hold
// and "unless", refused before any wait where they cannot make sense. A step reads only cycles begun after it began,
// except "in the last snapshot".
import { AssertionError } from 'chai';
import { ValueReadError } from '../lib/checks/paths.js';
import {
  cyclesTimeoutMs,
  type AnyObserver,
  type ObservationHandle,
  type ObservationSnapshot,
  type SnapshotCheck,
  type WaitCondition,
  type WaitTrackOptions,
} from '../lib/index.js';
import type { Hold, Span, Timing } from '../support/checks/sentence.js';
import { instantAt } from '../support/instants.js';
import { failCheck, withOrigin } from '../support/match.js';
import { STAGE_WORDS, StepInputError } from '../support/parse.js';
import { backstopped, diffOnFailure, latest, observed, readFrom } from './context.js';

/** A check a snapshot step makes: it throws, saying why, when the snapshot does not pass. */
export type Check = (value: unknown, snapshot: ObservationSnapshot<unknown>) => void;

/** The step check of a SnapshotCheck: its mismatch, naming the observation and cycle, with a diff when values were compared. */
export function stepCheck(name: string, check: SnapshotCheck): Check {
  return (value, snapshot) => {
    const mismatch = check.verdict(value);
    if (mismatch !== undefined) failCheck(mismatch, readFrom(name, snapshot));
  };
}

// A getter or Proxy of the snapshot that throws while a check reads it fails the check with a message naming the path,
// the observation and the cycle, like any other mismatch.
function naming(name: string, check: Check): Check {
  return (value, snapshot) => {
    try {
      check(value, snapshot);
    } catch (error) {
      if (error instanceof ValueReadError) throw new AssertionError(withOrigin(error.message, readFrom(name, snapshot)));
      throw error;
    }
  };
}

/** A parsed step sentence, ready to run. */
export interface Sentence {
  /** The sentence as written, for the messages of refused combinations. */
  readonly written: string;
  readonly timing: Timing;
  /** The check of one snapshot, given the observation's name. */
  readonly make: (name: string) => Check;
  /** What a wait awaits, in its messages: `"leader" to be "e1"`. */
  readonly awaited: string;
  /** What a hold holds, in its messages: `"leader" = "e1"`. */
  readonly held: string;
  readonly hold?: Hold;
  readonly unless?: WaitCondition;
  /** The values a wait records cycle by cycle for the report's value track. */
  readonly track?: WaitTrackOptions;
  /** The checks compare later snapshots with the first (change words): they need "within" or a hold. */
  readonly comparesOverTime?: boolean;
  /** The checks only mean something over a hold (`never decrease`, `stay …`, `keep matching`). */
  readonly heldOnly?: boolean;
}

/** Why a sentence cannot run as written, and what to write instead; undefined when it can. */
function refusal(sentence: Sentence): string | undefined {
  const { timing, hold, written } = sentence;
  if (sentence.heldOnly && !hold) return `"${written}" says how values behave over time, so it needs a hold: end it with 'for 10s' or 'for 5 cycles'`;
  if (sentence.heldOnly && timing.kind === 'within') {
    return `"${written}" is held from the step's start, so "within" adds nothing: write it without the timing, ending with 'for 10s' or 'for 5 cycles'`;
  }
  if (timing.kind === 'last' && (hold || sentence.unless)) {
    return `"${written}": "in the last snapshot" reads one snapshot the observation already has, so it takes no hold and no "unless"; write it without "in the last snapshot"`;
  }
  if (sentence.comparesOverTime && timing.kind !== 'within') {
    return `"${written}" compares later snapshots with the one when the step began, so it needs a bound: write 'within 10s ${written.replace(/^in the last snapshot,? /, '')}'`;
  }
  return undefined;
}

/** Milliseconds from now until `span` after its instant (the step's start when it names none). */
function remainingMs(world: object, span: Span, startedAt: number): number {
  return span.from === undefined ? span.ms : instantAt(world, span.from) + span.ms - startedAt;
}

/** Runs a sentence: refuses it before any wait when it cannot make sense, then reads fresh cycles as its timing says. */
export async function runSentence(world: object, sentence: Sentence): Promise<void> {
  const why = refusal(sentence);
  if (why) throw new StepInputError(why);
  const startedAt = performance.now();
  const { name, handle } = observed(world);
  const check = naming(name, sentence.make(name));
  const { timing, hold, unless } = sentence;
  if (timing.kind === 'last') {
    const snapshot = latest(handle);
    check(snapshot.value, snapshot);
    return;
  }
  if (timing.kind === 'now') {
    if (hold) return holdFrom(name, handle, check, hold, sentence.held, unless);
    return checkNextCycle(name, handle, check, unless);
  }
  const timeoutMs = remainingMs(world, timing.bound, startedAt);
  if (timeoutMs <= 0) {
    throw new Error(
      `the deadline of "${sentence.written}" passed ${Math.round(-timeoutMs)} ms before the step began ` +
        `(${timing.bound.ms} ms after "${timing.bound.from}"), so nothing observed now can meet it (observation "${name}", cycle ${handle.status().cyclesCompleted})`,
    );
  }
  const lower = timing.notBefore === undefined ? undefined : remainingMs(world, timing.notBefore, startedAt);
  const notBeforeMs = lower !== undefined && lower > 0 ? lower : undefined;
  const after = handle.status().cyclesStarted;
  handle.requestCycle();
  const wait = { timeoutMs, after, notBeforeMs, unless, track: sentence.track, description: sentence.awaited };
  if (!hold) {
    await diffOnFailure(check, (checked) => backstopped(timeoutMs, handle.waitForSnapshot(checked, wait)));
    return;
  }
  const holdMs = 'cycles' in hold ? cyclesTimeoutMs(hold.cycles, handle.status().intervalMs) : hold.durationMs;
  await diffOnFailure(check, (checked) => backstopped(timeoutMs + holdMs, handle.waitAndHold(checked, { ...wait, ...hold, description: sentence.held })));
}

// Now: the first cycle begun after the step began, requested at once, so the step costs one cycle's own time.
async function checkNextCycle(name: string, handle: ObservationHandle<AnyObserver>, check: Check, unless?: WaitCondition): Promise<void> {
  const snapshot = await nextSnapshot(name, handle, unless);
  check(snapshot.value, snapshot);
}

/**
 * The snapshot of the first cycle begun after the call, requested at once (one cycle's own time, no interval wait);
 * a failure of that cycle fails with its stage and message, since there is no value to read.
 */
export async function nextSnapshot(
  name: string,
  handle: ObservationHandle<AnyObserver>,
  unless?: WaitCondition,
  purpose?: string,
): Promise<ObservationSnapshot<unknown>> {
  const after = handle.status().cyclesStarted;
  handle.requestCycle();
  const timeoutMs = cyclesTimeoutMs(1, handle.status().intervalMs);
  const snapshot = await backstopped(
    timeoutMs,
    handle.waitForCycle(after + 1, {
      timeoutMs,
      unless,
      description: `a cycle begun after the step (after cycle ${after})${purpose ? `, for ${purpose}` : ''}`,
    }),
  );
  const failure = handle.lastFailure();
  if (snapshot.cycle <= after && failure && failure.cycle > after) {
    throw new AssertionError(
      `cycle ${failure.cycle} of observation "${name}", the first begun after the step, failed at the ${STAGE_WORDS[failure.stage]} stage, ` +
        `so there is no value to check: ${failure.message}`,
    );
  }
  return snapshot;
}

// A hold: the check on a cycle begun after the step began (requested at once) and every new one for the duration or
// number of cycles, so that a snapshot from before an action neither breaks nor counts toward it.
async function holdFrom(
  name: string,
  handle: ObservationHandle<AnyObserver>,
  check: Check,
  hold: Hold,
  description: string,
  unless?: WaitCondition,
): Promise<void> {
  await nextSnapshot(
    name,
    handle,
    unless,
    `${description} to hold for ${'cycles' in hold ? `${hold.cycles} cycle${hold.cycles === 1 ? '' : 's'}` : `${hold.durationMs} ms`}`,
  );
  const waitMs = 'cycles' in hold ? cyclesTimeoutMs(hold.cycles, handle.status().intervalMs) : hold.durationMs;
  await diffOnFailure(check, (checked) =>
    backstopped(waitMs, handle.holdsFor(checked, { ...hold, timeoutMs: 'cycles' in hold ? waitMs : undefined, description, unless })),
  );
}

/** The value of the latest snapshot of the current observation: the baseline of change words. */
export function currentValue(world: object): unknown {
  return latest(observed(world).handle).value;
}
