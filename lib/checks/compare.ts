// Deep comparison of values, exact or partial (a docstring's rules), where an operator node of a pattern is a check.
import { cut, MAX_VALUE_DEPTH, summarize } from '../format.js';
import { formatPath, guardedRead, joinPaths, type PathSegment } from './paths.js';
import type { CheckContext, ValueCheck } from './types.js';

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
 * What JSON cannot write is compared with what it can, as {@link comparable} says: a Map as the object of its entries,
 * a Set as the array of its values, a Date as its ISO string, a BigInt as the integer it is. It goes
 * {@link MAX_VALUE_DEPTH} levels deep at most, and says so past them; a read that throws (a getter, a Proxy) throws a
 * `ValueReadError` naming the path. `context` is passed to the checks of check nodes (their operands read it).
 */
export function compare(actual: unknown, expected: unknown, partial: boolean, context?: CheckContext): Difference[] {
  const out: Difference[] = [];
  walk(actual, expected, partial, context, [], out);
  return out;
}

// Recursive, bounded by MAX_VALUE_DEPTH levels (checked first), so a deep value never reaches the stack's limit.
function walk(actual: unknown, expected: unknown, partial: boolean, context: CheckContext | undefined, at: PathSegment[], out: Difference[]): Difference[] {
  if (out.length >= 20) return out;
  if (at.length >= MAX_VALUE_DEPTH) {
    out.push({ at: [...at], what: `nested deeper than ${MAX_VALUE_DEPTH} levels, the most any value is compared to; check a path below it` });
    return out;
  }
  const original = actual;
  actual = guardedRead(
    () => formatPath(at) || '$',
    () => comparable(actual, expected),
  );
  if (expected instanceof CheckNode) {
    const why = expected.check.verdict(actual, true, below(context, at));
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
    const list = actual;
    for (const [index, item] of expected.entries()) {
      const path = [...at, index];
      walk(
        guardedRead(
          () => formatPath(path),
          () => list[index],
        ),
        item,
        partial,
        context,
        path,
        out,
      );
    }
    return out;
  }
  if (isPlainRecord(expected)) {
    if (!isPlainRecord(actual)) {
      out.push({ at: [...at], what: `expected an object, got ${summarize(actual, 120)}` });
      return out;
    }
    const record = actual;
    for (const key of Object.keys(expected)) {
      const wanted = expected[key];
      const here = (): string => formatPath([...at, key]);
      if (!guardedRead(here, () => Object.hasOwn(record, key))) {
        const why = wanted instanceof CheckNode ? wanted.check.verdict(undefined, false, below(context, [...at, key])) : 'missing';
        if (why !== undefined) out.push({ at: [...at, key], what: why === 'is missing' ? 'missing' : why });
        continue;
      }
      walk(
        guardedRead(here, () => record[key]),
        wanted,
        partial,
        context,
        [...at, key],
        out,
      );
    }
    if (!partial) {
      for (const key of guardedRead(
        () => formatPath(at) || '$',
        () => Object.keys(record),
      )) {
        if (!Object.hasOwn(expected, key))
          out.push({
            at: [...at, key],
            what: `not expected, got ${summarize(
              guardedRead(
                () => formatPath([...at, key]),
                () => record[key],
              ),
              120,
            )}`,
          });
      }
    }
    return out;
  }
  if (!Object.is(actual, expected) && !(actual === 0 && expected === 0)) {
    out.push({ at: [...at], what: `expected ${summarize(expected, 120)}, got ${summarize(original, 120)}` });
  }
  return out;
}

// The context of a check node at `at` below the compared value: the same snapshot, the path reaching further.
function below(context: CheckContext | undefined, at: readonly PathSegment[]): CheckContext | undefined {
  if (context === undefined || at.length === 0) return context;
  return { root: context.root, path: joinPaths(context.path, formatPath(at)) };
}

/**
 * How {@link compare} sees an actual value next to what a step expects, for the values JSON has no form for: a Map
 * compared with an object is the object of its entries (keys as strings), a Set compared with an array the array of its
 * values in insertion order, a Date compared with a string its ISO string (`"2020-01-02T03:04:05.000Z"`), a BigInt
 * compared with an integer the number it is. NaN equals NaN, and `{json}` writes it `NaN` (also `Infinity`, `-Infinity`).
 */
export function comparable(actual: unknown, expected: unknown): unknown {
  if (typeof actual === 'bigint') {
    return typeof expected === 'number' && Number.isInteger(expected) && BigInt(expected) === actual ? expected : actual;
  }
  if (typeof actual !== 'object' || actual === null || expected instanceof CheckNode) return actual;
  if (actual instanceof Map && isPlainRecord(expected)) {
    const entries: Record<string, unknown> = {};
    for (const [key, value] of actual) define(entries, String(key), value);
    return entries;
  }
  if (actual instanceof Set && Array.isArray(expected)) return [...actual];
  if (actual instanceof Date && typeof expected === 'string') {
    const time = actual.getTime();
    return Number.isNaN(time) ? 'Invalid Date' : actual.toISOString();
  }
  return actual;
}

/** Whether two values are deeply equal under the exact rules of {@link compare}. */
export function deepEqual(actual: unknown, expected: unknown): boolean {
  return compare(actual, expected, false).length === 0;
}

/** An object that {@link compare} walks key by key: not null, not an array, not a check node. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof CheckNode);
}

/** One line per difference, indented, cut at 2000 characters. */
export function describeDifferences(differences: readonly Difference[]): string {
  const lines = differences.map(({ at, what }) => `  ${at.length === 0 ? '(the whole value)' : formatPath(at)}: ${what}`);
  return cut(lines.join('\n'), 2000);
}

/** The part of `actual` that `expected` speaks of, so a diff shows only what was asserted on. */
export function pruneTo(actual: unknown, expected: unknown): unknown {
  try {
    return prune(actual, expected, 0);
  } catch {
    // A getter or Proxy threw while pruning: the diff shows the value whole, rendered safely.
    return actual;
  }
}

function prune(actual: unknown, expected: unknown, depth: number): unknown {
  actual = comparable(actual, expected);
  if (depth >= MAX_VALUE_DEPTH) return actual;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((item, index) => (index < expected.length ? prune(item, expected[index], depth + 1) : item));
  }
  // An array pattern beside an object that is not an array prunes that object by the pattern's indices, as a record would.
  if ((isPlainRecord(expected) || Array.isArray(expected)) && isPlainRecord(actual)) {
    const pattern = expected as Record<string, unknown>;
    const pruned: Record<string, unknown> = {};
    for (const key of Object.keys(pattern)) {
      // Defined, not assigned: a "__proto__" key of the data must stay data, not become the prototype.
      if (Object.hasOwn(actual, key)) define(pruned, key, prune(actual[key], pattern[key], depth + 1));
    }
    return pruned;
  }
  return actual;
}

/**
 * The expected side of a diff: a check node becomes the actual value where its check holds (no noise in the diff),
 * else its description in angle brackets (`"<at least 10>"`). `context` is what the checks' operands read. Past
 * {@link MAX_VALUE_DEPTH} levels the expected value is shown as it is.
 */
export function expectedForDiff(actual: unknown, expected: unknown, present = true, context?: CheckContext, depth = 0): unknown {
  if (expected instanceof CheckNode) {
    return expected.check.verdict(actual, present, context) === undefined ? actual : `<${expected.check.description}>`;
  }
  if (depth >= MAX_VALUE_DEPTH) return expected;
  if (Array.isArray(expected)) {
    return expected.map((item, index) =>
      expectedForDiff(Array.isArray(actual) ? actual[index] : undefined, item, Array.isArray(actual) && index < actual.length, context, depth + 1),
    );
  }
  if (isPlainRecord(expected)) {
    const out: Record<string, unknown> = {};
    const record = isPlainRecord(actual) ? actual : undefined;
    for (const key of Object.keys(expected)) {
      const here = record !== undefined && Object.hasOwn(record, key);
      const value = expectedForDiff(here ? record[key] : undefined, expected[key], here, context, depth + 1);
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
