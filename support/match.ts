// Failures of the steps' checks: chai AssertionErrors naming the observation and cycle, with a diff of what was compared.
import { assertionOf, type ChaiAssertionError } from '../lib/checks/assertion.js';
import { compare, describeDifferences, expectedForDiff, pruneTo } from '../lib/checks/compare.js';
import type { Mismatch } from '../lib/checks/types.js';

export type { ChaiAssertionError } from '../lib/checks/assertion.js';

/** Where a compared value was read from, for messages: "cycle 12" of observation "cluster". */
export interface ReadFrom {
  readonly cycle: number;
  readonly observation: string;
}

function origin(from: ReadFrom): string {
  return `(observation "${from.observation}", cycle ${from.cycle})`;
}

/**
 * Places where a value was read in a check's message: after its first line (before the colon that opens a list of
 * differences), so that the lines below it stay a list.
 */
export function withOrigin(message: string, from: ReadFrom): string {
  const lineEnd = message.indexOf('\n');
  if (lineEnd < 0) return `${message} ${origin(from)}`;
  const colon = message[lineEnd - 1] === ':' ? 1 : 0;
  return `${message.slice(0, lineEnd - colon)} ${origin(from)}${message.slice(lineEnd - colon)}`;
}

/** Throws an AssertionError for a check's mismatch, naming where the value was read, with a diff when it has one. */
export function failCheck(mismatch: Mismatch, from: ReadFrom): never {
  throw assertionOf(withOrigin(mismatch.message, from), mismatch);
}

/**
 * Throws an AssertionError unless `actual` contains `expected`: every key of an expected object is an own key of
 * the actual one with a matching value, arrays match item by item with equal length, other values are equal.
 */
export function assertSubset(actual: unknown, expected: unknown, from: ReadFrom, what = 'the snapshot'): void {
  const differences = compare(actual, expected, true);
  if (differences.length > 0) {
    const pruned = pruneTo(actual, expected);
    let shownExpected: unknown = expected;
    try {
      shownExpected = expectedForDiff(pruned, expected);
    } catch {
      // The pruned value still holds what threw when compared: the diff shows the pattern as written.
    }
    throw mismatch(`${what} does not match ${origin(from)}:\n${describeDifferences(differences)}`, pruned, shownExpected);
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

function mismatch(message: string, actual: unknown, expected: unknown): ChaiAssertionError {
  return assertionOf(message, { actual, expected });
}
