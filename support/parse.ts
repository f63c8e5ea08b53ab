// Parsers for what feature files say: durations, JSON literals and docstrings, failure stages.
import { cut, MAX_VALUE_DEPTH, messageOf } from '../lib/format.js';
import type { ObservationFailureStage } from '../lib/index.js';
import { isTimerDelay, MAX_TIMER_MS } from '../lib/validate.js';

/** Text a feature file gave that cannot be used; the message names it and says what is accepted. */
export class StepInputError extends Error {
  override readonly name = 'StepInputError';
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
};

const DURATION_HELP = 'expected a number followed by ms, s or m, such as 500ms, 1.5s or 2 m';

/** Parses "500ms", "1.5 s", "2m" (and the long unit names) to milliseconds; refuses zero unless `allowZero`. */
export function parseDuration(text: string, { allowZero = false } = {}): number {
  const trimmed = text.trim();
  if (trimmed === '') throw new StepInputError(`empty duration: ${DURATION_HELP}`);
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))?\s*([A-Za-z]*)$/.exec(trimmed);
  if (!match) throw new StepInputError(`invalid duration "${cut(trimmed, 80)}": ${durationHint(trimmed)}${DURATION_HELP}`);
  const [, amount, unit = ''] = match;
  if (amount === undefined) throw new StepInputError(`invalid duration "${cut(trimmed, 80)}": the number is missing; ${DURATION_HELP}`);
  // Own keys only: "5 constructor" must be an unknown unit, not a lookup on Object.prototype.
  const factor = Object.hasOwn(UNIT_MS, unit.toLowerCase()) ? UNIT_MS[unit.toLowerCase()] : undefined;
  if (factor === undefined) {
    const why = unit === '' ? 'the unit is missing' : `unknown unit "${unit}"`;
    throw new StepInputError(`invalid duration "${cut(trimmed, 80)}": ${why}; ${DURATION_HELP}`);
  }
  const ms = Number(amount) * factor;
  if (!isTimerDelay(ms, { allowZero })) throw new StepInputError(`invalid duration "${trimmed}": ${outOfRange(ms)}`);
  return ms;
}

// Why a parsed duration is not one a timer can wait; the digits-only syntax leaves three ways.
function outOfRange(ms: number): string {
  if (ms < 0) return `it is negative; ${DURATION_HELP}`;
  if (ms === 0) return 'it must be greater than zero';
  return `it must be at most ${MAX_TIMER_MS} ms (about 24 days)`;
}

// Why a number-like text is not a number we take, when it is one of the usual slips.
function durationHint(text: string): string {
  if (/[^\x00-\x7F]/.test(text)) return 'write the number with the ASCII digits 0-9; ';
  if (/\d[eE][+-]?\d/.test(text)) return 'write the number without an exponent; ';
  if (/\..*\./.test(text)) return 'the number has more than one decimal point; ';
  return '';
}

const JSON_HELP = 'expected a JSON literal: a number, a "double-quoted string", true, false, null, an array or an object';

/** Words a `{json}` literal may be besides JSON, for the numbers JSON has no form for. */
const NON_JSON_NUMBERS: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/**
 * Parses a JSON literal written in a step, such as 3, "n1", true, null or [1, 2], and the words `NaN`, `Infinity` and
 * `-Infinity`. Refuses an object with a key twice (JSON.parse would silently keep the last) and nesting deeper than
 * the one depth limit.
 */
export function parseJsonLiteral(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') throw new StepInputError(`empty value: ${JSON_HELP}`);
  if (Object.hasOwn(NON_JSON_NUMBERS, trimmed)) return NON_JSON_NUMBERS[trimmed];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    // Only a short bare word gets the suggestion: it repeats the input, which a long one would bury the message under.
    const bare = trimmed.length <= 80 && /^[A-Za-z_][\w.-]*$/.test(trimmed) ? `; did you mean "${trimmed}"?` : '';
    throw new StepInputError(`invalid JSON literal ${cut(trimmed, 80)}: ${messageOf(error)}${bare}; ${JSON_HELP}`);
  }
  const problem = jsonShapeProblem(trimmed);
  if (problem) throw new StepInputError(`invalid JSON literal ${cut(trimmed, 80)}: ${problem}`);
  return parsed;
}

/** Parses a docstring as JSON, saying where it breaks when it does not parse. */
export function parseJsonDocString(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StepInputError(`the docstring is not valid JSON: ${messageOf(error)}\n  docstring: ${cut(text.trim(), 300)}`);
  }
  const problem = jsonShapeProblem(text);
  if (problem) throw new StepInputError(`the docstring cannot be used: ${problem}\n  docstring: ${cut(text.trim(), 300)}`);
  return parsed;
}

/**
 * What JSON.parse lets through but a step must refuse, in text already known to parse: a key given twice in one
 * object (the first expectation would be dropped without a word) and nesting past the one depth limit.
 */
function jsonShapeProblem(text: string): string | undefined {
  // One entry per open object or array: its keys so far (null for an array) and the key being read, for the message.
  const open: { keys: Set<string> | null; key: string | undefined }[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = open[open.length - 1];
      if (top?.keys && expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) {
          const where =
            open.length > 1
              ? ` (in ${open
                  .slice(0, -1)
                  .map((level) => level.key ?? '[]')
                  .join(' → ')})`
              : '';
          return `the key ${JSON.stringify(cut(key, 80))} appears twice in the same object${where}; JSON keeps only the last, so one expectation would be lost`;
        }
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = end;
    } else if (char === '{' || char === '[') {
      open.push({ keys: char === '{' ? new Set() : null, key: undefined });
      if (open.length > MAX_VALUE_DEPTH) return `it is nested deeper than ${MAX_VALUE_DEPTH} levels, the most any value is compared to`;
      expectKey = char === '{';
    } else if (char === '}' || char === ']') {
      open.pop();
      expectKey = false;
    } else if (char === ',') {
      expectKey = open[open.length - 1]?.keys != null;
    }
  }
  return undefined;
}

/** How feature files and reports name each failure stage. */
export const STAGE_WORDS: Readonly<Record<ObservationFailureStage, string>> = { 'source-refresh': 'source refresh', poll: 'poll' };

/** Parses "source refresh" (or "source-refresh") and "poll". */
export function parseStage(text: string): ObservationFailureStage {
  const normalised = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  const stage = (Object.keys(STAGE_WORDS) as ObservationFailureStage[]).find((candidate) => STAGE_WORDS[candidate] === normalised);
  if (stage) return stage;
  throw new StepInputError(`unknown failure stage "${cut(text.trim(), 80)}": expected "source refresh" or "poll"`);
}

/** Parses a whole non-negative number written in a feature file, naming what it is for when it is not one. */
export function parseCount(text: string, what: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new StepInputError(`invalid ${what} "${cut(trimmed, 80)}": expected a whole number of 0 or more`);
  return Number(trimmed);
}
