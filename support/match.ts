// Comparisons behind the steps: exact and partial matches that fail with chai's AssertionError, diff included.
import { AssertionError } from 'chai';

/** The error chai's assertions throw; Cucumber shows its actual/expected diff. */
export type ChaiAssertionError = InstanceType<typeof AssertionError>;
import { cut, summarize } from '../lib/format.js';
import { formatPath, readPath, type PathSegment } from './paths.js';

/** Where a compared value was read from, for messages: "cycle 12" of observation "cluster". */
export interface ReadFrom {
  readonly cycle: number;
  readonly observation: string;
}

function origin(from: ReadFrom): string {
  return `(observation "${from.observation}", cycle ${from.cycle})`;
}

/** Throws an AssertionError unless `path` exists in `root` and deeply equals `expected`. */
export function assertPathEquals(root: unknown, path: string, expected: unknown, from: ReadFrom): void {
  const lookup = readPath(root, path);
  if (!lookup.found) throw new AssertionError(`${lookup.reason} ${origin(from)}`);
  const differences = compare(lookup.value, expected, false);
  if (differences.length > 0) {
    // Not worded "expected ...": Cucumber's error formatter drops a message that starts so whenever it prints a diff.
    throw mismatch(
      `"${path}" is ${summarize(lookup.value, 200)} but should be ${summarize(expected, 200)} ${origin(from)}`,
      lookup.value,
      expected,
    );
  }
}

/**
 * Throws an AssertionError unless the value at `path` contains `expected`: a string contains it as a substring, an
 * array has an item that contains it (partial match), an object contains it (partial match, as a docstring does).
 */
export function assertPathContains(root: unknown, path: string, expected: unknown, from: ReadFrom): void {
  const lookup = readPath(root, path);
  if (!lookup.found) throw new AssertionError(`${lookup.reason} ${origin(from)}`);
  const { value } = lookup;
  const shown = `"${path}" is ${summarize(value, 200)}`;
  if (typeof value === 'string') {
    if (typeof expected !== 'string') {
      throw new AssertionError(`${shown}, a string, so it can only contain a string, not ${summarize(expected, 200)} ${origin(from)}`);
    }
    if (!value.includes(expected)) throw new AssertionError(`${shown}, which does not contain ${summarize(expected, 200)} ${origin(from)}`);
    return;
  }
  if (Array.isArray(value)) {
    if (!value.some((item) => compare(item, expected, true).length === 0)) {
      throw new AssertionError(`${shown}: none of its ${value.length} items contains ${summarize(expected, 200)} ${origin(from)}`);
    }
    return;
  }
  if (isPlainRecord(value) && isPlainRecord(expected) && !Array.isArray(expected)) {
    const found = compare(value, expected, true);
    if (found.length > 0) {
      throw mismatch(`"${path}" does not contain ${summarize(expected, 200)} ${origin(from)}:\n${describeDifferences(found)}`, pruneTo(value, expected), expected);
    }
    return;
  }
  const kind = value === null ? 'null' : isPlainRecord(value) ? 'an object' : typeof value;
  throw new AssertionError(
    `${shown} (${kind}), which cannot contain ${summarize(expected, 200)}: "contain" applies to a string (substring), ` +
      `an array (an item) or an object (some of its keys) ${origin(from)}`,
  );
}

/**
 * Throws an AssertionError unless `actual` contains `expected`: every key of an expected object is an own key of
 * the actual one with a matching value, arrays match item by item with equal length, other values are equal.
 */
export function assertSubset(actual: unknown, expected: unknown, from: ReadFrom, what = 'the snapshot'): void {
  const differences = compare(actual, expected, true);
  if (differences.length > 0) {
    throw mismatch(
      `${what} does not match ${origin(from)}:\n${describeDifferences(differences)}`,
      pruneTo(actual, expected),
      expected,
    );
  }
}

/**
 * Why `actual` does not contain (or, with `exact`, equal) `expected` under the rules of {@link assertSubset}, one line
 * per difference; undefined when it does.
 */
export function differences(actual: unknown, expected: unknown, { exact = false } = {}): string | undefined {
  const found = compare(actual, expected, !exact);
  return found.length === 0 ? undefined : describeDifferences(found);
}

/** Checks several path = value rows at once and reports every row that does not hold. */
export function assertPathTable(root: unknown, rows: readonly (readonly [string, unknown])[], from: ReadFrom): void {
  const problems: string[] = [];
  const actual: Record<string, unknown> = {};
  const expected: Record<string, unknown> = {};
  for (const [path, value] of rows) {
    const lookup = readPath(root, path);
    expected[path] = value;
    if (!lookup.found) {
      actual[path] = '<missing>';
      problems.push(`  ${lookup.reason}`);
      continue;
    }
    actual[path] = lookup.value;
    if (compare(lookup.value, value, false).length > 0) {
      problems.push(`  "${path}": expected ${summarize(value, 200)}, got ${summarize(lookup.value, 200)}`);
    }
  }
  if (problems.length > 0) {
    throw mismatch(`${problems.length} of ${rows.length} observed values differ ${origin(from)}:\n${problems.join('\n')}`, actual, expected);
  }
}

interface Difference {
  readonly at: readonly PathSegment[];
  readonly what: string;
}

function compare(actual: unknown, expected: unknown, partial: boolean, at: PathSegment[] = [], out: Difference[] = []): Difference[] {
  if (out.length >= 20) return out;
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
      if (!Object.hasOwn(actual, key)) {
        out.push({ at: [...at, key], what: 'missing' });
        continue;
      }
      compare(actual[key], expected[key], partial, [...at, key], out);
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

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function describeDifferences(differences: readonly Difference[]): string {
  const lines = differences.map(({ at, what }) => `  ${at.length === 0 ? '(the whole value)' : formatPath(at)}: ${what}`);
  return cut(lines.join('\n'), 2000);
}

// The part of `actual` that `expected` speaks of, so the diff shows only what the step asserted on.
function pruneTo(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((item, index) => (index < expected.length ? pruneTo(item, expected[index]) : item));
  }
  if (isPlainRecord(expected) && isPlainRecord(actual) && !Array.isArray(actual)) {
    const pruned: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) {
      // Defined, not assigned: a "__proto__" key of the data must stay data, not become the prototype.
      if (Object.hasOwn(actual, key)) {
        Object.defineProperty(pruned, key, { value: pruneTo(actual[key], expected[key]), enumerable: true, writable: true, configurable: true });
      }
    }
    return pruned;
  }
  return actual;
}

/** Longest JSON rendering of either side of a diff before both sides are shown as cut JSON text. */
export const DIFF_VALUE_LIMIT = 4000;

function mismatch(message: string, actual: unknown, expected: unknown): ChaiAssertionError {
  const [shownActual, shownExpected] = boundedForDiff(actual, expected);
  return new AssertionError(message, { actual: shownActual, expected: shownExpected, showDiff: true });
}

// A report prints the whole diff, so a huge value would bury the message: past the limit, both sides become their
// JSON text cut with a marker (text on both sides, so the report still diffs them line by line).
function boundedForDiff(actual: unknown, expected: unknown): [unknown, unknown] {
  const actualJson = prettyJson(actual);
  const expectedJson = prettyJson(expected);
  if (actualJson.length <= DIFF_VALUE_LIMIT && expectedJson.length <= DIFF_VALUE_LIMIT) return [actual, expected];
  return [cut(actualJson, DIFF_VALUE_LIMIT), cut(expectedJson, DIFF_VALUE_LIMIT)];
}

function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? summarize(value);
  } catch {
    return summarize(value);
  }
}
