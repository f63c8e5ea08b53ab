// Turns thrown values and app values into short readable text for failure and timeout messages, never throwing itself.
import { describeUnrenderable, serialize } from './serialize.js';

export { MAX_VALUE_DEPTH, TOO_DEEP } from './serialize.js';

/** Longest rendering of a value in a message before it is cut with a marker. */
export const DEFAULT_SUMMARY_LENGTH = 400;

// Room past `maxLength` for the closing brackets and "… n more items" markers of a value cut inside nested containers.
const CLOSING_ROOM = 60;

/**
 * The message of whatever was thrown: an Error's own message verbatim, a string as is, anything else rendered so
 * that `undefined`, `null` and plain objects still read well. Never throws, whatever the thrown value does.
 */
export function messageOf(thrown: unknown): string {
  let isError = false;
  try {
    isError = thrown instanceof Error;
  } catch {
    // A revoked Proxy throws even on instanceof: it is rendered as a non-Error below.
  }
  if (isError) {
    try {
      const message: unknown = (thrown as Error).message;
      if (typeof message === 'string') return message;
      return `Error with a non-string message: ${summarize(message)}`;
    } catch {
      return `${describeUnrenderable(thrown)} thrown; its message could not be read`;
    }
  }
  if (typeof thrown === 'string') return thrown;
  return `non-Error value thrown: ${summarize(thrown)}`;
}

/**
 * Renders a value as compact JSON-like text within `maxLength` characters (a few more for closing brackets): `NaN`,
 * `Infinity`, `10n`, `Map(2) {"a" => 1, …}`, `Set(1) {1}`, `Date 2020-01-02T03:04:05.000Z` show what they are, and
 * what does not fit ends with a marker saying how much was left out. It reads only what it shows, so a huge value
 * costs no more than a small one. Never throws (see {@link serialize}).
 */
export function summarize(value: unknown, maxLength = DEFAULT_SUMMARY_LENGTH): string {
  return cut(serialize(value, { budget: maxLength }), maxLength + CLOSING_ROOM);
}

/** Multi-line rendering of a value for a diff, within about `budget` characters. */
export function renderForDiff(value: unknown, budget: number): string {
  return serialize(value, { budget, indent: 2 });
}

/**
 * A JSON-compatible copy of a value within about `budget` characters of JSON, keeping what can be kept: what JSON
 * has no form for becomes a string that says what it was, Maps objects, Sets arrays, Dates ISO strings.
 */
export function toJsonSafe(value: unknown, budget: number): unknown {
  return JSON.parse(serialize(value, { budget, json: true }));
}

/** Cuts text to `maxLength` characters, ending it with a marker that says how many were left out. */
export function cut(text: string, maxLength = DEFAULT_SUMMARY_LENGTH): string {
  if (text.length <= maxLength) return text;
  const omitted = text.length - maxLength;
  return `${text.slice(0, maxLength)}… [${omitted} more characters]`;
}

/** Keys as a message lists them ("keys there: a, b, …"): at most 20, each cut to 80 characters, or "none". */
export function listKeys(keys: readonly string[]): string {
  if (keys.length === 0) return 'none';
  const shown = keys
    .slice(0, 20)
    .map((key) => cut(key, 80))
    .join(', ');
  return keys.length > 20 ? `${shown}, … ${keys.length - 20} more` : shown;
}
