// The one home of value checks: what each accepts, what each refuses, and the error and message of a refusal.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkCount,
  checkMilliseconds,
  checkPredicate,
  checkSignal,
  checkWholeNumber,
  cyclesTimeoutMs,
  isTimerDelay,
  isWholeNumber,
  MAX_TIMER_MS,
} from './validate.js';

class CustomError extends Error {
  override readonly name = 'CustomError';
}

describe('isTimerDelay and checkMilliseconds', () => {
  test('accept finite numbers above zero up to MAX_TIMER_MS, and zero only with allowZero', () => {
    for (const ms of [Number.MIN_VALUE, 0.5, 1, 1000, MAX_TIMER_MS]) {
      assert.equal(isTimerDelay(ms), true, String(ms));
      assert.equal(checkMilliseconds(ms, 'delayMs'), ms);
    }
    assert.equal(isTimerDelay(0), false);
    assert.equal(isTimerDelay(0, { allowZero: true }), true);
    assert.equal(checkMilliseconds(0, 'gapMs', { allowZero: true }), 0);
  });

  test('refuse everything else with a TypeError naming the option and the range', () => {
    for (const value of [0, -0, -1, MAX_TIMER_MS + 1, Number.NaN, Number.POSITIVE_INFINITY, '100', null, undefined, { ms: 5 }]) {
      assert.equal(isTimerDelay(value), false, String(value));
      assert.throws(
        () => checkMilliseconds(value, 'timeoutMs'),
        (error: unknown) => {
          assert.ok(error instanceof TypeError);
          assert.match(error.message, new RegExp(`^timeoutMs must be a positive number of milliseconds up to ${MAX_TIMER_MS}, got `));
          return true;
        },
      );
    }
    assert.throws(() => checkMilliseconds(-1, 'stopTimeoutMs', { allowZero: true }), {
      name: 'TypeError',
      message: `stopTimeoutMs must be a non-negative number of milliseconds up to ${MAX_TIMER_MS}, got -1`,
    });
  });

  test('a refusal is made by `refuse` when given', () => {
    assert.throws(
      () => checkMilliseconds('soon', 'intervalMs', { refuse: (message) => new CustomError(message) }),
      (error: unknown) =>
        error instanceof CustomError && error.message === `intervalMs must be a positive number of milliseconds up to ${MAX_TIMER_MS}, got "soon"`,
    );
  });
});

describe('isWholeNumber, checkCount and checkCycleCount', () => {
  test('counts are non-negative integers; the unit follows "integer" in the message', () => {
    assert.equal(isWholeNumber(0), true);
    assert.equal(isWholeNumber(0, 1), false);
    assert.equal(checkCount(3, 'historyLimit'), 3);
    for (const value of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '2', null]) {
      assert.equal(isWholeNumber(value), false, String(value));
    }
    assert.throws(() => checkCount(1.5, 'historyLimit'), { name: 'TypeError', message: 'historyLimit must be a non-negative integer, got 1.5' });
    assert.throws(() => checkCount(-2, 'after', { unit: 'cycle number' }), {
      name: 'TypeError',
      message: 'after must be a non-negative integer cycle number, got -2',
    });
    assert.throws(() => checkCount('x', 'startupRetries', { refuse: (message) => new CustomError(message) }), CustomError);
  });

  test('with positive, a count must be 1 or more', () => {
    assert.equal(checkCount(1, 'count', { positive: true }), 1);
    assert.throws(() => checkCount(0, 'count', { positive: true }), { name: 'TypeError', message: 'count must be a positive integer, got 0' });
    assert.throws(() => checkCount(2.5, 'cycles', { positive: true }), { message: 'cycles must be a positive integer, got 2.5' });
  });

  test('a number a step was given is a whole number of `least` or more, refused naming what it counts', () => {
    assert.equal(checkWholeNumber(1, 'cycle count', { least: 1 }), 1);
    assert.equal(checkWholeNumber(0, 'event count'), 0);
    for (const value of [0, -3, 2.5]) {
      assert.throws(() => checkWholeNumber(value, 'cycle count', { least: 1 }), {
        name: 'TypeError',
        message: `invalid cycle count ${value}: expected a whole number of 1 or more`,
      });
    }
    assert.throws(() => checkWholeNumber(-1, 'event count'), { message: 'invalid event count -1: expected a whole number of 0 or more' });
    assert.throws(() => checkWholeNumber(0, 'cycle count', { least: 1, refuse: (message: string) => new CustomError(message) }), CustomError);
  });
});

describe('checkSignal and checkPredicate', () => {
  test('accept an AbortSignal or nothing, and a function', () => {
    const { signal } = new AbortController();
    assert.equal(checkSignal(signal), signal);
    assert.equal(checkSignal(undefined), undefined);
    assert.doesNotThrow(() => checkPredicate(() => true));
  });

  test('refuse anything else, naming it', () => {
    assert.throws(() => checkSignal({ aborted: false }), { name: 'TypeError', message: /^signal must be an AbortSignal, got / });
    assert.throws(() => checkPredicate('x => x'), { name: 'TypeError', message: 'predicate must be a function, got "x => x"' });
    assert.throws(() => checkPredicate(1, 'listener'), { name: 'TypeError', message: 'listener must be a function, got 1' });
  });
});

describe('cyclesTimeoutMs', () => {
  test('twice the time of the cycles awaited plus a second, one more for the cycle that may be in flight', () => {
    assert.equal(cyclesTimeoutMs(3, 20), 2 * 4 * 20 + 1000);
    assert.equal(cyclesTimeoutMs(1, 1000), 5000);
  });

  test('a wait that counts the cycle in flight as its first gets no extra cycle', () => {
    assert.equal(cyclesTimeoutMs(2, 50, { inFlightCounts: true }), 2 * 2 * 50 + 1000);
    assert.ok(cyclesTimeoutMs(2, 50, { inFlightCounts: true }) < cyclesTimeoutMs(2, 50));
  });

  test('never beyond what one timer holds', () => {
    assert.equal(cyclesTimeoutMs(1000, MAX_TIMER_MS), MAX_TIMER_MS);
    assert.equal(cyclesTimeoutMs(2, MAX_TIMER_MS / 4, { inFlightCounts: true }), MAX_TIMER_MS);
  });
});
