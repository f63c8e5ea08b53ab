// The error a failed check throws: chai's AssertionError, whose actual and expected reports print as a diff.
import { AssertionError } from 'chai';
import { cut, summarize } from '../format.js';
import type { Mismatch } from './types.js';

/** The error chai's assertions throw; Cucumber shows its actual/expected diff. */
export type ChaiAssertionError = InstanceType<typeof AssertionError>;

/** Longest JSON rendering of either side of a diff before both sides are shown as cut JSON text. */
export const DIFF_VALUE_LIMIT = 4000;

/** An AssertionError with `message`, and a diff of `actual` and `expected` when the mismatch has them. */
export function assertionOf(message: string, mismatch?: Pick<Mismatch, 'actual' | 'expected'>): ChaiAssertionError {
  if (!mismatch || !('expected' in mismatch)) return new AssertionError(message);
  const [actual, expected] = boundedForDiff(mismatch.actual, mismatch.expected);
  // Not worded "expected ...": Cucumber's error formatter drops a message that starts so whenever it prints a diff.
  return new AssertionError(message, { actual, expected, showDiff: true });
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
