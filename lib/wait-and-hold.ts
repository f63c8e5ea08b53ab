// "Eventually, then stable": a snapshot condition reached within a bound must then keep holding (one wait, no race).
import { ObservationHoldError } from './errors.js';
import type { HoldOptions, ObservationSnapshot, SnapshotPredicate, SnapshotWaitOptions, WaitAndHoldOptions } from './types.js';
import { checkCount, checkMilliseconds } from './validate.js';

/** The two waits of a handle that waitAndHold chains (the handle passes itself; this file does not import it). */
interface HoldingHandle<T> {
  waitForSnapshot(predicate: SnapshotPredicate<T>, options: SnapshotWaitOptions): Promise<ObservationSnapshot<T>>;
  holdsFor(predicate: SnapshotPredicate<T>, options: HoldOptions): Promise<void>;
}

/**
 * Waits for a snapshot satisfying `predicate` (as `waitForSnapshot`, with every option of it), then requires it to
 * hold on every new snapshot for `durationMs` or `cycles` more (as `holdsFor`, a failed cycle ending it). The hold
 * begins in the turn the satisfying cycle published, so no cycle comes between. Resolves with the snapshot that
 * reached it; a break rejects with `ObservationHoldError` saying where it was reached and where it broke.
 */
export async function waitAndHold<T>(handle: HoldingHandle<T>, predicate: SnapshotPredicate<T>, options: WaitAndHoldOptions): Promise<ObservationSnapshot<T>> {
  if (typeof options !== 'object' || options === null) throw new TypeError('waitAndHold needs options with durationMs or cycles');
  const { durationMs, cycles, ...wait } = options;
  if ((durationMs === undefined) === (cycles === undefined)) {
    throw new TypeError('waitAndHold needs exactly one of durationMs (a positive number of ms) or cycles (a positive integer)');
  }
  // Checked before waiting, so a bad hold option fails at once rather than after the condition is reached.
  if (durationMs !== undefined) checkMilliseconds(durationMs, 'durationMs');
  if (cycles !== undefined) checkCount(cycles, 'cycles', { positive: true });
  const hold = { durationMs, cycles, signal: options.signal, unless: options.unless, description: options.description };
  const reached = await handle.waitForSnapshot(predicate, wait);
  try {
    await handle.holdsFor(predicate, hold);
  } catch (error) {
    if (!(error instanceof ObservationHoldError)) throw error;
    throw new ObservationHoldError(
      `reached at cycle ${reached.cycle}, then ${error.message}`,
      { snapshot: error.snapshot, failure: error.failure },
      { cause: error },
    );
  }
  return reached;
}
