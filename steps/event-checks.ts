// Checks on one event, shared by the event, count, order and guard steps: a docstring pattern, a field's check.
import type { ObservationBatch, ValueCheck, WaitCondition } from '../lib/index.js';
import { summarize } from '../lib/format.js';
import { isEquality } from '../lib/checks/render.js';
import { parsePatternDocString } from '../support/checks/index.js';
import { differences } from '../support/match.js';
import { parseJsonDocString } from '../support/parse.js';
import { parsePath, readPath } from '../support/paths.js';
import { rememberedValue } from '../support/remembered.js';
import { backstopped, observed, requireArgument } from './context.js';

/** Throws, saying why, when an event does not match; a wait reports the last reason as its "last check". */
export type EventCheck = (event: unknown, batch: ObservationBatch<unknown>) => void;

/** A docstring's pattern for events: the JSON as written (for messages) and compiled, operators included, for matching. */
export interface EventPattern {
  readonly written: unknown;
  readonly compiled: unknown;
}

/** Names a check, so that the runtime's messages (order entries, conditions) can say what it looks for. */
function named<F extends (...args: never[]) => unknown>(name: string, check: F): F {
  return Object.defineProperty(check, 'name', { value: name });
}

/** A step's JSON docstring as an event pattern: partial matching, `{"$gt": 1}`-style operators, remembered values. */
export function eventPattern(world: object, docString: string | undefined): EventPattern {
  const text = requireArgument(docString, 'a JSON docstring');
  return { written: parseJsonDocString(text), compiled: parsePatternDocString(text, { remembered: (name) => rememberedValue(world, name) }) };
}

/** A step's JSON docstring, parsed (no operators compiled). */
export function docStringJson(docString: string | undefined): unknown {
  return parseJsonDocString(requireArgument(docString, 'a JSON docstring'));
}

/** An event pattern for one entry of an already parsed docstring (an order's array items). */
export function patternOf(world: object, written: unknown): EventPattern {
  return eventPattern(world, JSON.stringify(written));
}

/** The event contains the pattern (partially, as docstrings match). */
export function matching(pattern: EventPattern): EventCheck {
  return named(summarize(pattern.written, 200), (event, batch) => {
    const why = differences(event, pattern.compiled);
    if (why !== undefined) throw new Error(`the last event seen (cycle ${batch.cycle}) ${summarize(event, 200)} differs:\n${why}`);
  });
}

/** A field check in words: `"leader" = "n2"`, `"term" greater than 1`. */
export function fieldWords(path: string, check: ValueCheck): string {
  return `"${path}" ${isEquality(check) ? '= ' : ''}${check.description}`;
}

/** The event's `path` passes `check`. */
export function withField(path: string, check: ValueCheck): EventCheck {
  parsePath(path);
  return named(fieldWords(path, check), (event, batch) => {
    const lookup = readPath(event, path, 'the event');
    const why = check.verdict(lookup.found ? lookup.value : undefined, lookup.found);
    if (why === undefined) return;
    // A missing path says where it broke off ("no "detail" in the event"), not only that it is missing.
    const detail = lookup.found ? `"${path}" ${why}` : `"${path}" ${why}: ${lookup.reason}`;
    throw new Error(`the last event seen (cycle ${batch.cycle}) ${summarize(event, 200)} differs: ${detail}`);
  });
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

/**
 * Waits for an event that passes `check`: the history first, or with `onlyNew` only batches published after the step
 * began; `unless` gives up at once when its condition holds.
 */
export async function awaitEvent(
  world: object,
  timeoutMs: number,
  check: EventCheck,
  description: string,
  { onlyNew = false, unless, notBeforeMs }: { onlyNew?: boolean; unless?: WaitCondition; notBeforeMs?: number } = {},
): Promise<void> {
  const { handle } = observed(world);
  await backstopped(timeoutMs, handle.waitForEvent(check, { timeoutMs, description, includeHistory: !onlyNew, unless, notBeforeMs }));
}
