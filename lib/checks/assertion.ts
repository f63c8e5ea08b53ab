// The error a failed check throws: chai's AssertionError, whose actual and expected reports print as a diff.
import { AssertionError } from 'chai';
import { cut, renderForDiff } from '../format.js';
import type { Mismatch } from './types.js';

/** The error chai's assertions throw; Cucumber shows its actual/expected diff. */
export type ChaiAssertionError = InstanceType<typeof AssertionError>;

/** About the longest rendering of either side of a diff; past it, the text ends with markers of what was left out. */
const DIFF_VALUE_LIMIT = 4000;

/** An AssertionError with `message`, and a diff of `actual` and `expected` when the mismatch has them. */
export function assertionOf(message: string, mismatch?: Pick<Mismatch, 'actual' | 'expected'>): ChaiAssertionError {
  if (!mismatch || !('expected' in mismatch)) return new AssertionError(message);
  const [actual, expected] = boundedForDiff(mismatch.actual, mismatch.expected);
  // Not worded "expected ...": Cucumber's error formatter drops a message that starts so whenever it prints a diff.
  return new AssertionError(message, { actual, expected, showDiff: true });
}

// The report's error formatter walks whatever it is given, without limits: a deep, huge, cyclic or hostile value would
// crash it or bury the message. So it gets only text and plain primitives: each object side is rendered by the one
// budgeted serializer (multi-line, so the report still diffs it line by line), a long string is cut with a marker.
// When one side must be text, both are (the report diffs only values of one type).
function boundedForDiff(actual: unknown, expected: unknown): [unknown, unknown] {
  if (isPlain(actual) && isPlain(expected)) {
    return [typeof actual === 'string' ? cut(actual, DIFF_VALUE_LIMIT) : actual, typeof expected === 'string' ? cut(expected, DIFF_VALUE_LIMIT) : expected];
  }
  return [renderForDiff(actual, DIFF_VALUE_LIMIT), renderForDiff(expected, DIFF_VALUE_LIMIT)];
}

function isPlain(value: unknown): boolean {
  return (
    value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0))
  );
}
