// The one home of value checks: milliseconds, counts, cycle counts, signals and functions; the timer limit; the cycles default.
import { summarize } from './format.js';

/** The longest delay a platform timer takes; longer ones would fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Builds the error a refused value is reported with (default: a `TypeError`), so each layer keeps its own error type. */
export type Refusal = (message: string) => Error;

const typeError: Refusal = (message) => new TypeError(message);

/**
 * Whether `value` is a delay a timer can wait: a finite number of ms above zero (zero too with `allowZero`), at most
 * {@link MAX_TIMER_MS}.
 */
export function isTimerDelay(value: unknown, { allowZero = false } = {}): value is number {
  return typeof value === 'number' && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0) && value <= MAX_TIMER_MS;
}

/** Checks a duration option as {@link isTimerDelay} does; the refusal names `name` and the accepted range. */
export function checkMilliseconds(value: unknown, name: string, { allowZero = false, refuse = typeError } = {}): number {
  if (!isTimerDelay(value, { allowZero })) {
    const range = allowZero ? 'a non-negative' : 'a positive';
    throw refuse(`${name} must be ${range} number of milliseconds up to ${MAX_TIMER_MS}, got ${summarize(value)}`);
  }
  return value;
}

/** Whether `value` is a whole number of `least` (default 0) or more. */
export function isWholeNumber(value: unknown, least = 0): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= least;
}

/**
 * Checks a count option: a non-negative integer, or a positive one with `positive`. `unit` follows "integer" in the
 * refusal ("a non-negative integer cycle number").
 */
export function checkCount(
  value: unknown,
  name: string,
  { positive = false, unit, refuse = typeError }: { positive?: boolean; unit?: string; refuse?: Refusal } = {},
): number {
  if (!isWholeNumber(value, positive ? 1 : 0)) {
    const sign = positive ? 'a positive' : 'a non-negative';
    throw refuse(`${name} must be ${sign} integer${unit === undefined ? '' : ` ${unit}`}, got ${summarize(value)}`);
  }
  return value;
}

/**
 * Checks a number a step was given (a cycle count, an event count): a whole number of `least` (default 0) or more,
 * refused as "invalid <what> <value>".
 */
export function checkWholeNumber(value: unknown, what: string, { least = 0, refuse = typeError }: { least?: number; refuse?: Refusal } = {}): number {
  if (!isWholeNumber(value, least)) throw refuse(`invalid ${what} ${String(value)}: expected a whole number of ${least} or more`);
  return value;
}

/** Checks an optional `signal` option. */
export function checkSignal(signal: unknown): AbortSignal | undefined {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${summarize(signal)}`);
  }
  return signal;
}

/** Checks that a predicate or listener option is a function. */
export function checkPredicate(predicate: unknown, name = 'predicate'): void {
  if (typeof predicate !== 'function') {
    throw new TypeError(`${name} must be a function, got ${summarize(predicate)}`);
  }
}

/**
 * The default bound of a wait for `cycles` more cycles at `intervalMs`: twice the time they take plus a second, at most
 * {@link MAX_TIMER_MS}. A wait counted from the cycles started must also outlast the one that may be in flight when it
 * begins, so it is given one cycle more; `inFlightCounts` is for a wait counted from the cycles completed (`holdsFor`),
 * where the cycle in flight is the first of its `cycles`.
 */
export function cyclesTimeoutMs(cycles: number, intervalMs: number, { inFlightCounts = false } = {}): number {
  const awaited = inFlightCounts ? cycles : cycles + 1;
  return Math.min(2 * awaited * intervalMs + 1000, MAX_TIMER_MS);
}
