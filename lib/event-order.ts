// Events in a given order: each predicate must match an event later than the previous match (a read cursor).
import type { ObservationCore } from './core.js';
import { ObservationTimeoutError } from './errors.js';
import { summarize } from './format.js';
import type { EventPredicate, EventWaitOptions, ObservationBatch, ObservedEvent } from './types.js';
import { unlessOption } from './conditions.js';
import { check } from './verdict.js';
import { checkPredicate, checkSignal } from './validate.js';
import { replayHistory, startWait, waitTimeout, type Settle } from './wait.js';

/** An entry's name in messages: the predicate's name, else its position. */
function entryName(predicate: { name: string }, index: number): string {
  return predicate.name && predicate.name !== 'predicate' ? `entry ${index + 1} (${predicate.name})` : `entry ${index + 1}`;
}

/**
 * Resolves with one event per predicate, in order: predicate i+1 is tried only on events after the one predicate i
 * matched, so two equal predicates need two events. Retained history first (unless turned off), then live.
 */
export function waitForEventsInOrder<T, E>(
  core: ObservationCore<T, E>,
  predicates: readonly EventPredicate<E>[],
  options: EventWaitOptions = {},
): Promise<ObservedEvent<E>[]> {
  if (!Array.isArray(predicates) || predicates.length === 0) {
    throw new TypeError(`predicates must be a non-empty array of functions, got ${summarize(predicates)}`);
  }
  for (const [index, predicate] of predicates.entries()) checkPredicate(predicate, `predicates[${index}]`);
  const found: ObservedEvent<E>[] = [];
  let lastMismatch: string | undefined;
  const consider = (batch: ObservationBatch<E>, settle: Settle<ObservedEvent<E>[]>): void => {
    for (const event of batch.events) {
      const predicate = predicates[found.length]!;
      const verdict = check(predicate, event, batch);
      if (!verdict.holds) {
        if (verdict.mismatch !== undefined) lastMismatch = verdict.mismatch;
        continue;
      }
      found.push({ event, batch });
      lastMismatch = undefined;
      if (found.length === predicates.length) return settle.resolve(found);
    }
    settle.mismatch(lastMismatch);
  };
  const describeProgress = (): string => {
    const previous = found.at(-1);
    const missing = entryName(predicates[found.length]!, found.length);
    const where = previous
      ? `after the event of cycle ${previous.batch.cycle} that matched entry ${found.length}: ${summarize(previous.event, 200)}`
      : 'in any event';
    return `  matched in order: ${found.length} of ${predicates.length}\n  not found: ${missing} ${where}`;
  };
  return startWait<T, E, ObservedEvent<E>[]>(core, {
    awaited: options.description ?? `${predicates.length} events in order`,
    timeoutMs: waitTimeout(options.timeoutMs),
    signal: checkSignal(options.signal),
    unless: unlessOption(options.unless),
    immediate: (settle) =>
      replayHistory(
        core,
        options.includeHistory,
        (batch) => consider(batch, settle),
        () => found.length === predicates.length,
      ),
    listeners: { batch: consider },
    onDeadline: (settle, report, message) => settle.reject(new ObservationTimeoutError(`${message}\n${describeProgress()}`, report)),
  });
}
