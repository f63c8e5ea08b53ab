// Counting events: at least N within a bound, exactly how many in the history, and how many during a window.
import type { ObservationCore } from './core.js';
import { ObservationTimeoutError } from './errors.js';
import { summarize } from './format.js';
import type { EventCountOptions, EventPredicate, EventTally, EventWindowOptions, ObservationBatch, ObservedEvent } from './types.js';
import { unlessOption } from './conditions.js';
import { check } from './verdict.js';
import { checkCount, checkMilliseconds, checkPredicate, checkSignal } from './validate.js';
import { replayHistory, startWait, waitTimeout } from './wait.js';

/** How many non-matching events a tally keeps for messages. */
const UNMATCHED_KEPT = 5;

/** A running count of matching events, keeping the last few that did not match. */
class Tally<E> implements EventTally<E> {
  readonly matched: ObservedEvent<E>[] = [];
  readonly unmatched: ObservedEvent<E>[] = [];
  seen = 0;
  lastMismatch: string | undefined;
  readonly #predicate: EventPredicate<E>;

  constructor(predicate: EventPredicate<E>) {
    this.#predicate = predicate;
  }

  /** Counts the events of one batch, stopping once `enough` have matched. */
  add(batch: ObservationBatch<E>, enough?: number): void {
    for (const event of batch.events) {
      if (enough !== undefined && this.matched.length >= enough) return;
      this.seen += 1;
      const verdict = check(this.#predicate, event, batch);
      if (verdict.holds) {
        this.matched.push({ event, batch });
        continue;
      }
      if (verdict.mismatch !== undefined) this.lastMismatch = verdict.mismatch;
      this.unmatched.push({ event, batch });
      if (this.unmatched.length > UNMATCHED_KEPT) this.unmatched.shift();
    }
  }

  snapshot(): EventTally<E> {
    return { matched: [...this.matched], unmatched: [...this.unmatched], seen: this.seen };
  }
}

/** The last events that did not match, one per line, for a message. */
export function describeUnmatched(unmatched: readonly ObservedEvent<unknown>[]): string {
  if (unmatched.length === 0) return '  no event that did not match';
  return [
    `  last events that did not match (${unmatched.length}):`,
    ...unmatched.map(({ event, batch }) => `    cycle ${batch.cycle}: ${summarize(event, 200)}`),
  ].join('\n');
}

/** Counts the events of `batches` that satisfy `predicate`. */
export function tallyEvents<E>(batches: readonly ObservationBatch<E>[], predicate: EventPredicate<E>): EventTally<E> {
  checkPredicate(predicate);
  const tally = new Tally(predicate);
  for (const batch of batches) tally.add(batch);
  return tally.snapshot();
}

/** Resolves with the first `count` matching events: the history first (unless turned off), then live. */
export function waitForEventCount<T, E>(core: ObservationCore<T, E>, predicate: EventPredicate<E>, options: EventCountOptions): Promise<ObservedEvent<E>[]> {
  checkPredicate(predicate);
  if (typeof options !== 'object' || options === null) throw new TypeError('waitForEventCount needs options with count');
  const count = checkCount(options.count, 'count', { positive: true });
  const tally = new Tally(predicate);
  const awaited = options.description ?? `${count} events matching ${predicate.name || 'the predicate'}`;
  const consider = (batch: ObservationBatch<E>, settle: { resolve(value: ObservedEvent<E>[]): void; mismatch(reason: string | undefined): void }): void => {
    tally.add(batch, count);
    settle.mismatch(tally.lastMismatch);
    if (tally.matched.length >= count) settle.resolve(tally.matched.slice(0, count));
  };
  return startWait<T, E, ObservedEvent<E>[]>(core, {
    awaited,
    timeoutMs: waitTimeout(options.timeoutMs),
    signal: checkSignal(options.signal),
    unless: unlessOption(options.unless),
    immediate: (settle) =>
      replayHistory(
        core,
        options.includeHistory,
        (batch) => consider(batch, settle),
        () => tally.matched.length >= count,
      ),
    listeners: { batch: consider },
    onDeadline: (settle, report, message) =>
      settle.reject(
        new ObservationTimeoutError(
          `${message}\n  matched: ${tally.matched.length} of ${count} (${tally.seen} event${tally.seen === 1 ? '' : 's'} looked at)\n${describeUnmatched(tally.unmatched)}`,
          report,
        ),
      ),
  });
}

/** Watches live batches for `durationMs` and resolves, when the window ends, with what matched and what did not. */
export function tallyEventsFor<T, E>(core: ObservationCore<T, E>, predicate: EventPredicate<E>, options: EventWindowOptions): Promise<EventTally<E>> {
  checkPredicate(predicate);
  if (typeof options !== 'object' || options === null) throw new TypeError('tallyEventsFor needs options with durationMs');
  const tally = new Tally(predicate);
  return startWait<T, E, EventTally<E>>(core, {
    awaited: options.description ?? `the events of a ${options.durationMs} ms window`,
    timeoutMs: checkMilliseconds(options.durationMs, 'durationMs'),
    signal: checkSignal(options.signal),
    unless: unlessOption(options.unless),
    listeners: { batch: (batch) => tally.add(batch) },
    onDeadline: (settle) => settle.resolve(tally.snapshot()),
  });
}
