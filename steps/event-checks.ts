// Checks on one event, shared by the event, count, order and guard steps: a partial docstring match, a field's value.
import type { ObservationBatch } from '../lib/index.js';
import { summarize } from '../lib/format.js';
import { differences } from '../support/match.js';
import { parseJsonDocString } from '../support/parse.js';
import { parsePath, readPath } from '../support/paths.js';
import { requireArgument } from './context.js';

/** Throws, saying why, when an event does not match; a wait reports the last reason as its "last check". */
export type EventCheck = (event: unknown, batch: ObservationBatch<unknown>) => void;

/** Names a check, so that the runtime's messages (order entries, conditions) can say what it looks for. */
export function named<F extends (...args: never[]) => unknown>(name: string, check: F): F {
  return Object.defineProperty(check, 'name', { value: name });
}

/** The event contains `expected` (partially, as docstrings match). */
export function matching(expected: unknown): EventCheck {
  return named(summarize(expected, 200), (event, batch) => {
    const why = differences(event, expected);
    if (why !== undefined) throw new Error(`the last event seen (cycle ${batch.cycle}) ${summarize(event, 200)} differs:\n${why}`);
  });
}

/** The event's `path` equals `expected`. */
export function withValue(path: string, expected: unknown): EventCheck {
  parsePath(path);
  return named(`"${path}" = ${summarize(expected, 200)}`, (event, batch) => {
    const lookup = readPath(event, path);
    if (lookup.found && differences(lookup.value, expected, { exact: true }) === undefined) return;
    const why = lookup.found ? `"${path}" is ${summarize(lookup.value, 200)}, not ${summarize(expected, 200)}` : lookup.reason;
    throw new Error(`the last event seen (cycle ${batch.cycle}) ${summarize(event, 200)} differs: ${why}`);
  });
}

/** A step's JSON docstring, parsed. */
export function docStringJson(docString: string | undefined): unknown {
  return parseJsonDocString(requireArgument(docString, 'a JSON docstring'));
}

/** Whether a check passes, for counting and guards: a throw means it does not. */
export function passes(check: EventCheck, event: unknown, batch: ObservationBatch<unknown>): boolean {
  try {
    check(event, batch);
    return true;
  } catch {
    return false;
  }
}
