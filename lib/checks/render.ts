// How the check vocabulary writes values, types and verdicts into its messages; user values only through lib/format.
import { summarize } from '../format.js';
import type { CheckContext, ValueCheck } from './types.js';

/** Longest rendering of one value inside a check's message. */
const VALUE_LIMIT = 200;

/** The verdict of a check on a value that is not there. */
export const MISSING = 'is missing';

/** A value as a message shows it, cut with a marker when long. */
export function shown(value: unknown, limit = VALUE_LIMIT): string {
  return summarize(value, limit);
}

/**
 * How a verdict begins when the value could not be judged at all (nested too deeply to compare or validate): such a
 * verdict fails the check and its negation alike, since neither was shown.
 */
export const NOT_JUDGED = 'could not be judged';

/** Longest rendering of a path inside a check's message. */
const PATH_LIMIT = 200;

/** A path as messages write it, cut with a marker when long (a 10,000-segment path stays readable). */
export function pathText(path: string): string {
  return path.length <= PATH_LIMIT ? path : `${path.slice(0, PATH_LIMIT)}… [${path.length - PATH_LIMIT} more characters]`;
}

/** A value's kind in words: "a string", "an array", "null", … */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Map) return 'a Map';
  if (value instanceof Set) return 'a Set';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'number':
      return Number.isNaN(value) ? 'NaN' : 'a number';
    case 'bigint':
      return 'a bigint';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'symbol':
      return 'a symbol';
    default:
      return 'a function';
  }
}

/** The usual verdict: "is 7, not at least 10". */
export function isNot(value: unknown, description: string): string {
  return `is ${shown(value)}, not ${description}`;
}

/** A value with its kind, for verdicts on values of the wrong type: `"7", a string`. */
export function withKind(value: unknown): string {
  const kind = kindOf(value);
  return kind === 'null' || kind === 'undefined' || kind === 'NaN' ? kind : `${shown(value)}, ${kind}`;
}

/** The two sides of a diff: what was there and what a check compared it with. */
export interface Compared {
  readonly actual: unknown;
  readonly expected: unknown;
}

// Checks whose verdict compares values (equality, containment): a failure shows their actual and expected as a diff.
const compared = new WeakMap<ValueCheck, (value: unknown, context?: CheckContext) => Compared | undefined>();

/** Marks `check` as comparing values, so a failure can show a diff of the sides `sides` gives for a value. */
export function comparing<C extends ValueCheck>(check: C, sides: (value: unknown, context?: CheckContext) => Compared | undefined): C {
  compared.set(check, sides);
  return check;
}

/** The sides of a diff for `value` under `check` (read in `context`), when `check` compares values. */
export function comparedSides(check: ValueCheck, value: unknown, context?: CheckContext): Compared | undefined {
  return compared.get(check)?.(value, context);
}

/** Whether `check` is an equality check (it compares a whole value with one expected value). */
export function isEquality(check: ValueCheck): boolean {
  return equalities.has(check);
}

const equalities = new WeakSet<ValueCheck>();

/** Marks `check` as an equality check. */
export function asEquality<C extends ValueCheck>(check: C): C {
  equalities.add(check);
  return check;
}

// Checks that speak of presence itself (exists): "not" of one passes on a missing value.
const presenceChecks = new WeakSet<ValueCheck>();

/** Marks `check` as one that judges a missing value itself, rather than failing it as missing. */
export function judgingPresence<C extends ValueCheck>(check: C): C {
  presenceChecks.add(check);
  return check;
}

/** Whether `check` judges a missing value itself. */
export function judgesPresence(check: ValueCheck): boolean {
  return presenceChecks.has(check);
}
