// The one deadline primitive: races end at expiry or abort, on the clock given, and nothing is left armed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { census, growth } from '../test/helpers/resources.js';
import { ManualClock } from '../test/helpers/manual-clock.js';
import { systemClock } from './clock.js';
import { Deadline } from './deadline.js';
import { MAX_TIMER_MS } from './validate.js';

/** Follows a promise's outcome without awaiting it. */
function track<T>(promise: Promise<T>): { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } {
  const tracked: { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } = { state: 'pending' };
  promise.then(
    (value) => Object.assign(tracked, { state: 'resolved', value }),
    (error: unknown) => Object.assign(tracked, { state: 'rejected', error }),
  );
  return tracked;
}

function never<T = never>(): Promise<T> {
  return new Promise<T>(() => {});
}

describe('Deadline.race', () => {
  test('settles as the work does when it comes first, and leaves no timer', async () => {
    const clock = new ManualClock();
    const deadline = new Deadline({ clock, timeoutMs: 100 });
    const raced = track(deadline.race(Promise.resolve('done')));
    await clock.advance(0);
    assert.deepEqual(raced, { state: 'resolved', value: 'done' });
    deadline.clear();
    assert.equal(clock.pending, 0);
    await clock.advance(200);
    assert.equal(deadline.expired, false, 'a cleared deadline never expires');
  });

  test('passes the work’s rejection through', async () => {
    const clock = new ManualClock();
    const deadline = new Deadline({ clock, timeoutMs: 100 });
    const failure = new Error('work failed');
    await assert.rejects(deadline.race(Promise.reject(failure)), (error) => error === failure);
    deadline.clear();
    assert.equal(clock.pending, 0);
  });

  test('rejects at expiry with what onTimeout returns, which runs once and before the race ends', async () => {
    const clock = new ManualClock();
    const reason = new Error('too slow');
    const calls: string[] = [];
    const deadline = new Deadline({
      clock,
      timeoutMs: 100,
      onTimeout: () => {
        calls.push(`onTimeout (expired: ${String(deadline.expired)})`);
        return reason;
      },
    });
    const first = track(deadline.race(never()));
    const second = track(deadline.race(never()));
    await clock.advance(99);
    assert.equal(first.state, 'pending');
    await clock.advance(1);
    assert.deepEqual(calls, ['onTimeout (expired: false)']);
    assert.equal(first.error, reason);
    assert.equal(second.error, reason);
    assert.equal(deadline.expired, true);
    assert.equal(deadline.reason, reason);
    assert.equal(clock.pending, 0);
  });

  test('a race begun after expiry rejects at once with the same reason', async () => {
    const clock = new ManualClock();
    const deadline = new Deadline({ clock, timeoutMs: 10, onTimeout: () => 'late' });
    await clock.advance(10);
    await assert.rejects(deadline.race(Promise.resolve(1)), (error) => error === 'late');
  });

  test('without onTimeout the reason is an Error giving the time', async () => {
    const clock = new ManualClock();
    const deadline = new Deadline({ clock, timeoutMs: 25 });
    const raced = track(deadline.race(never()));
    await clock.advance(25);
    assert.ok(raced.error instanceof Error);
    assert.equal(raced.error.message, 'the deadline of 25 ms passed');
  });

  test('an onTimeout that throws still ends the races, with what it threw', async () => {
    const clock = new ManualClock();
    const thrown = new Error('onTimeout broke');
    const deadline = new Deadline({
      clock,
      timeoutMs: 5,
      onTimeout: () => {
        throw thrown;
      },
    });
    const raced = track(deadline.race(never()));
    await clock.advance(5);
    assert.equal(raced.error, thrown);
  });

  test('no race, no promise: an expiry nobody races is no unhandled rejection', async () => {
    const clock = new ManualClock();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const deadline = new Deadline({ clock, timeoutMs: 5, onTimeout: () => new Error('nobody listens') });
      await clock.advance(5);
      assert.equal(deadline.expired, true);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('with no timeoutMs only the signal ends it, with the signal’s reason, and no timer is made', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const deadline = new Deadline({ clock, signal: controller.signal });
    assert.equal(clock.pending, 0);
    const raced = track(deadline.race(never()));
    await clock.advance(MAX_TIMER_MS);
    assert.equal(raced.state, 'pending');
    const reason = new Error('aborted by the caller');
    controller.abort(reason);
    await clock.advance(0);
    assert.equal(raced.error, reason);
  });

  test('a signal aborted already ends it at once; a timeout and a signal: whichever comes first', async () => {
    const clock = new ManualClock();
    const aborted = new Deadline({ clock, timeoutMs: 100, signal: AbortSignal.abort('before') });
    assert.equal(aborted.expired, true);
    assert.equal(clock.pending, 0, 'no timer for a deadline already over');
    await assert.rejects(aborted.race(never()), (error) => error === 'before');

    const controller = new AbortController();
    const timed = new Deadline({ clock, timeoutMs: 100, signal: controller.signal, onTimeout: () => 'time' });
    const raced = track(timed.race(never()));
    await clock.advance(100);
    assert.equal(raced.error, 'time');
    controller.abort('too late to matter');
    assert.equal(timed.reason, 'time');
  });

  test('an onTimeout that aborts the deadline’s own signal still ends the races with its reason', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const reason = new Error('timed out');
    const deadline = new Deadline({
      clock,
      timeoutMs: 10,
      signal: controller.signal,
      onTimeout: () => {
        controller.abort(reason);
        return reason;
      },
    });
    const raced = track(deadline.race(never()));
    await clock.advance(10);
    assert.equal(raced.error, reason);
    assert.equal(controller.signal.aborted, true);
  });

  test('clear removes the signal listener, so the deadline holds nothing of the signal', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const deadline = new Deadline({ clock, timeoutMs: 50, signal: controller.signal });
    deadline.clear();
    controller.abort('after clear');
    assert.equal(deadline.expired, false);
    assert.equal(clock.pending, 0);
  });

  test('a deadline past what one platform timer holds re-arms until the whole time has passed', async () => {
    const clock = new ManualClock();
    const timeoutMs = 2 * MAX_TIMER_MS + 5;
    const deadline = new Deadline({ clock, timeoutMs, onTimeout: () => 'finally' });
    const raced = track(deadline.race(never()));
    await clock.advance(MAX_TIMER_MS);
    assert.equal(raced.state, 'pending', 'the first timer only re-arms');
    assert.equal(clock.pending, 1);
    await clock.advance(MAX_TIMER_MS);
    assert.equal(raced.state, 'pending');
    await clock.advance(4);
    assert.equal(raced.state, 'pending');
    await clock.advance(1);
    assert.equal(raced.error, 'finally');
    assert.equal(clock.pending, 0);
  });

  test('clear during a chained wait leaves no timer', async () => {
    const clock = new ManualClock();
    const deadline = new Deadline({ clock, timeoutMs: MAX_TIMER_MS + 1 });
    await clock.advance(MAX_TIMER_MS);
    assert.equal(clock.pending, 1);
    deadline.clear();
    assert.equal(clock.pending, 0);
  });
});

describe('Deadline.atMost', () => {
  test('resolves with the work’s value, or with undefined once the deadline passes', async () => {
    const clock = new ManualClock();
    const quick = new Deadline({ clock, timeoutMs: 100 });
    assert.equal(await quick.atMost(Promise.resolve(7)), 7);
    quick.clear();

    const slow = new Deadline({ clock, timeoutMs: 100, onTimeout: () => new Error('not a failure here') });
    const waited = track(slow.atMost(never<number>()));
    await clock.advance(100);
    assert.deepEqual(waited, { state: 'resolved', value: undefined });
    assert.equal(clock.pending, 0);
  });
});

describe('Deadline on the system clock', () => {
  test('leaves no platform timer once settled, cleared or disposed', async () => {
    const before = census();
    const settled = new Deadline({ clock: systemClock, timeoutMs: 60_000 });
    assert.equal(await settled.race(Promise.resolve('ok')), 'ok');
    settled.clear();

    const expired = new Deadline({ clock: systemClock, timeoutMs: 1, onTimeout: () => 'expired' });
    await assert.rejects(expired.race(never()), (error) => error === 'expired');

    const chained = new Deadline({ clock: systemClock, timeoutMs: 3 * MAX_TIMER_MS });
    chained[Symbol.dispose]();

    const controller = new AbortController();
    const aborted = new Deadline({ clock: systemClock, timeoutMs: 60_000, signal: controller.signal });
    controller.abort('stop');
    await assert.rejects(aborted.race(never()), (error) => error === 'stop');

    assert.deepEqual(growth(before), [], 'no Timeout may be left active');
    assert.equal(process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length, before.get('Timeout') ?? 0);
  });
});

describe('Deadline.race and Deadline.atMost with a deadline of their own', () => {
  test('race settles as the work does and clears its timer; past the deadline it rejects with its reason', async () => {
    const clock = new ManualClock();
    const raced = track(Deadline.race({ clock, timeoutMs: 100 }, Promise.resolve('done')));
    await clock.advance(0);
    assert.deepEqual(raced, { state: 'resolved', value: 'done' });
    assert.equal(clock.pending, 0, 'the timer is cleared once the work settled');

    const late = track(Deadline.race({ clock, timeoutMs: 100, onTimeout: () => 'too late' }, never()));
    await clock.advance(100);
    assert.deepEqual(late, { state: 'rejected', error: 'too late' });
    assert.equal(clock.pending, 0);
  });

  test('atMost settles as the work does, or with undefined at the deadline, and clears its timer', async () => {
    const clock = new ManualClock();
    const quick = track(Deadline.atMost({ clock, timeoutMs: 100 }, Promise.resolve(7)));
    await clock.advance(0);
    assert.deepEqual(quick, { state: 'resolved', value: 7 });
    assert.equal(clock.pending, 0);

    const slow = track(Deadline.atMost({ clock, timeoutMs: 100 }, never()));
    await clock.advance(99);
    assert.equal(slow.state, 'pending');
    await clock.advance(1);
    assert.deepEqual(slow, { state: 'resolved', value: undefined });
    assert.equal(clock.pending, 0);
  });
});
