// Deep comparison of values, exact or partial (a docstring's rules), where an operator node of a pattern is a check.
import { cut, summarize } from '../format.js';
import { formatPath, type PathSegment } from './paths.js';
import type { ValueCheck } from './types.js';

/** A place in an expected pattern where a check stands instead of a value (`{"$gte": 10}` in a docstring). */
export class CheckNode {
  readonly check: ValueCheck;

  constructor(check: ValueCheck) {
    this.check = check;
  }
}

/** One way an actual value departs from the expected one, at a path below the compared value. */
export interface Difference {
  readonly at: readonly PathSegment[];
  readonly what: string;
}

/**
 * The differences between `actual` and `expected`, at most 20. Partial: every key of an expected object is an own key
 * of the actual one with a matching value (extra actual keys are fine); arrays match item by item with equal length;
 * other values are equal (`Object.is`, with 0 and -0 equal); a `CheckNode` holds when its check does.
 */
export function compare(actual: unknown, expected: unknown, partial: boolean, at: PathSegment[] = [], out: Difference[] = []): Difference[] {
  if (out.length >= 20) return out;
  if (expected instanceof CheckNode) {
    const why = expected.check.verdict(actual, true);
    if (why !== undefined) out.push({ at: [...at], what: why });
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push({ at: [...at], what: `expected an array, got ${summarize(actual, 120)}` });
      return out;
    }
    if (actual.length !== expected.length) {
      out.push({ at: [...at], what: `expected ${expected.length} items, got ${actual.length}` });
      return out;
    }
    expected.forEach((item, index) => compare(actual[index], item, partial, [...at, index], out));
    return out;
  }
  if (isPlainRecord(expected)) {
    if (!isPlainRecord(actual) || Array.isArray(actual)) {
      out.push({ at: [...at], what: `expected an object, got ${summarize(actual, 120)}` });
      return out;
    }
    for (const key of Object.keys(expected)) {
      const wanted = expected[key];
      if (!Object.hasOwn(actual, key)) {
        const why = wanted instanceof CheckNode ? wanted.check.verdict(undefined, false) : 'missing';
        if (why !== undefined) out.push({ at: [...at, key], what: why === 'is missing' ? 'missing' : why });
        continue;
      }
      compare(actual[key], wanted, partial, [...at, key], out);
    }
    if (!partial) {
      for (const key of Object.keys(actual)) {
        if (!Object.hasOwn(expected, key)) out.push({ at: [...at, key], what: `not expected, got ${summarize(actual[key], 120)}` });
      }
    }
    return out;
  }
  if (!Object.is(actual, expected) && !(actual === 0 && expected === 0)) {
    out.push({ at: [...at], what: `expected ${summarize(expected, 120)}, got ${summarize(actual, 120)}` });
  }
  return out;
}

/** Whether two values are deeply equal under the exact rules of {@link compare}. */
export function deepEqual(actual: unknown, expected: unknown): boolean {
  return compare(actual, expected, false).length === 0;
}

/** An object or array (anything `compare` walks into). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof CheckNode);
}

/** One line per difference, indented, cut at 2000 characters. */
export function describeDifferences(differences: readonly Difference[]): string {
  const lines = differences.map(({ at, what }) => `  ${at.length === 0 ? '(the whole value)' : formatPath(at)}: ${what}`);
  return cut(lines.join('\n'), 2000);
}

/** The part of `actual` that `expected` speaks of, so a diff shows only what was asserted on. */
export function pruneTo(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((item, index) => (index < expected.length ? pruneTo(item, expected[index]) : item));
  }
  if (isPlainRecord(expected) && isPlainRecord(actual) && !Array.isArray(actual)) {
    const pruned: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) {
      // Defined, not assigned: a "__proto__" key of the data must stay data, not become the prototype.
      if (Object.hasOwn(actual, key)) define(pruned, key, pruneTo(actual[key], expected[key]));
    }
    return pruned;
  }
  return actual;
}

/**
 * The expected side of a diff: a check node becomes the actual value where its check holds (no noise in the diff),
 * else its description in angle brackets (`"<at least 10>"`).
 */
export function expectedForDiff(actual: unknown, expected: unknown, present = true): unknown {
  if (expected instanceof CheckNode) {
    return expected.check.verdict(actual, present) === undefined ? actual : `<${expected.check.description}>`;
  }
  if (Array.isArray(expected)) {
    return expected.map((item, index) => expectedForDiff(Array.isArray(actual) ? actual[index] : undefined, item, Array.isArray(actual) && index < actual.length));
  }
  if (isPlainRecord(expected)) {
    const out: Record<string, unknown> = {};
    const record = isPlainRecord(actual) && !Array.isArray(actual) ? actual : undefined;
    for (const key of Object.keys(expected)) {
      const here = record !== undefined && Object.hasOwn(record, key);
      const value = expectedForDiff(here ? record[key] : undefined, expected[key], here);
      // A check that holds on a missing key ({"$exists": false}) leaves nothing to show on either side.
      if (!here && expected[key] instanceof CheckNode && value === undefined) continue;
      define(out, key, value);
    }
    return out;
  }
  return expected;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
