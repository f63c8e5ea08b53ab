// The forms every snapshot check comes in: now (the latest snapshot), within (eventually, fresh or not), stay … for (consistently).
import { AssertionError } from 'chai';
import { ValueReadError } from '../lib/checks/paths.js';
import {
  cyclesTimeoutMs,
  ObservationHoldError,
  type ObservationSnapshot,
  type SnapshotCheck,
  type WaitCondition,
  type WaitTrackOptions,
} from '../lib/index.js';
import { failCheck, withOrigin } from '../support/match.js';
import { backstopped, eventually, latest, observed, readFrom, rememberingAssertions, withDiff } from './context.js';

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

/** Runs a check on the latest snapshot of the current observation. */
export function now(world: object, make: (name: string) => Check): void {
  const { name, handle } = observed(world);
  const snapshot = latest(handle);
  naming(name, make(name))(snapshot.value, snapshot);
}

/** Waits up to `timeoutMs` for a snapshot (a fresh one: of a cycle started after the step began) that passes the check; `track` records the values it reads for the timeline. */
export async function within(
  world: object,
  timeoutMs: number,
  fresh: boolean,
  description: string,
  make: (name: string) => Check,
  unless?: WaitCondition,
  track?: WaitTrackOptions,
): Promise<void> {
  const { name, handle } = observed(world);
  await eventually(handle, naming(name, make(name)), { timeoutMs, fresh, description: `${description}${fresh ? ' in a fresh snapshot' : ''}`, unless, track });
}

/** Checks that the check holds on the latest snapshot and every new one for a duration or a number of cycles. */
export async function stays(
  world: object,
  hold: { durationMs: number } | { cycles: number },
  description: string,
  make: (name: string) => Check,
): Promise<void> {
  const { name, handle } = observed(world);
  const { check, lastAssertion } = rememberingAssertions(naming(name, make(name)));
  const waitMs = 'cycles' in hold ? cyclesTimeoutMs(hold.cycles, handle.status().intervalMs) : hold.durationMs;
  try {
    await backstopped(waitMs, handle.holdsFor(check, { ...hold, timeoutMs: 'cycles' in hold ? waitMs : undefined, description }));
  } catch (error) {
    const broken = lastAssertion();
    if (error instanceof ObservationHoldError && broken) withDiff(error, broken);
    throw error;
  }
}

/** The value of the latest snapshot of the current observation: the baseline of change words. */
export function currentValue(world: object): unknown {
  return latest(observed(world).handle).value;
}
