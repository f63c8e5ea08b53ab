// The read side: subscriptions and every wait (snapshot, event, failure, cycle, holdsFor), their timeouts and cleanup.
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import {
  Deferred,
  INTERVAL,
  RecordingLogger,
  TallyObserver,
  abortListeners,
  coreListeners,
  settledNow,
  startTally,
  track,
  withinThisTurn,
  type TallyView,
} from '../test/helpers/fixtures.js';
import {
  DEFAULT_WAIT_TIMEOUT_MS,
  ObservationHoldError,
  ObservationStoppedError,
  ObservationTimeoutError,
  type CycleReport,
  type ObservationBatch,
  type ObservationSnapshot,
} from './index.js';

before(() => coreListeners.install());
beforeEach(() => coreListeners.reset());

describe('subscribe', () => {
  test('sees only batches published after it subscribed, in order', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1], [2], [3]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    const received: number[] = [];
    handle.subscribe((batch) => received.push(...batch.events));
    await clock.advance(INTERVAL * 2);
    assert.deepEqual(received, [2, 3]);
    await runtime.stop();
  });

  test('unsubscribing stops the calls; unsubscribing twice is harmless', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1], [2]);
    const { clock, runtime, handle } = await startTally({ observer });
    const received: number[] = [];
    const unsubscribe = handle.subscribe((batch) => received.push(...batch.events));
    await clock.advance(INTERVAL);
    unsubscribe();
    unsubscribe();
    await clock.advance(INTERVAL);
    assert.deepEqual(received, [1]);
    assert.equal(coreListeners.count(), 0);
    await runtime.stop();
  });

  test('a subscriber that throws affects neither the loop nor other subscribers, and is reported to warn', async () => {
    const logger = new RecordingLogger();
    const observer = new TallyObserver();
    observer.queued.push([1], [2]);
    const { clock, runtime, handle } = await startTally({ observer, config: { logger } });
    const first: number[] = [];
    const last: number[] = [];
    handle.subscribe((batch) => first.push(...batch.events));
    handle.subscribe(() => {
      throw new Error('subscriber bug');
    });
    handle.subscribe(async () => {
      throw new Error('async subscriber bug');
    });
    handle.subscribe((batch) => last.push(...batch.events));
    await clock.advance(INTERVAL * 2);
    assert.deepEqual(first, [1, 2]);
    assert.deepEqual(last, [1, 2], 'a later subscriber still gets every batch');
    assert.equal(handle.latestSnapshot()?.cycle, 2, 'the loop goes on');
    assert.equal(handle.lastFailure(), undefined, 'a subscriber bug is not a cycle failure');
    const warnings = logger.at('warn');
    assert.equal(warnings.length, 4);
    assert.deepEqual(
      warnings.map((entry) => entry.fields.message),
      ['subscriber bug', 'async subscriber bug', 'subscriber bug', 'async subscriber bug'],
    );
    assert.match(warnings[0]?.message ?? '', /a batch subscriber threw/);
    await runtime.stop();
  });

  test('subscribing after stop returns a no-op and is never called', async () => {
    const { runtime, handle } = await startTally();
    await runtime.stop();
    const unsubscribe = handle.subscribe(() => assert.fail('called after stop'));
    assert.equal(coreListeners.count(), 0, 'nothing is kept for a stopped runtime');
    unsubscribe();
  });

  test('a listener that is not a function is refused', async () => {
    const { runtime, handle } = await startTally();
    assert.throws(() => handle.subscribe('nope' as never), { name: 'TypeError', message: /listener must be a function/ });
    await runtime.stop();
  });

  test('onCycle reports every cycle, successful or failed', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1, 2]);
    const { clock, provider, runtime, handle } = await startTally({ observer });
    const reports: CycleReport[] = [];
    handle.onCycle((report) => reports.push(report));
    const firstTick = clock.now() + INTERVAL;
    await clock.advance(INTERVAL);
    provider.failNext(new Error('down'));
    await clock.advance(INTERVAL);
    assert.equal(reports.length, 2);
    assert.deepEqual({ ...reports[0] }, { cycle: 1, startedAt: firstTick, endedAt: firstTick, sourceCount: 2, eventCount: 2, failure: undefined });
    assert.equal(reports[1]?.cycle, 2);
    assert.equal(reports[1]?.failure?.message, 'down');
    assert.equal(reports[1]?.eventCount, 0);
    await runtime.stop();
  });
});

describe('waitForSnapshot', () => {
  test('resolves at once when the latest snapshot already holds, without a timer', async () => {
    const { clock, runtime, handle } = await startTally();
    const wait = track(handle.waitForSnapshot((value) => value.polls === 0));
    assert.ok(await withinThisTurn(() => wait.state !== 'pending'));
    assert.equal(wait.state, 'resolved');
    assert.equal(wait.value, handle.latestSnapshot());
    assert.equal(clock.pending, 1, 'only the runtime’s own timer');
    assert.equal(coreListeners.count(), 0);
    await runtime.stop();
  });

  test('with `after`, the latest does not count even if it holds', async () => {
    const { clock, runtime, handle } = await startTally();
    const wait = track(handle.waitForSnapshot(() => true, { after: 0 }));
    await clock.advance(INTERVAL - 1);
    assert.equal(wait.state, 'pending');
    await clock.advance(1);
    assert.equal(wait.state, 'resolved');
    assert.equal(wait.value?.cycle, 1);
    const later = track(handle.waitForSnapshot(() => true, { after: handle.status().cyclesStarted }));
    await clock.advance(0);
    assert.equal(later.state, 'pending');
    await clock.advance(INTERVAL);
    assert.equal(later.value?.cycle, 2);
    await runtime.stop();
  });

  test('resolves in the same turn of the event loop as the satisfying cycle publishes', async () => {
    const { clock, observer, runtime, handle } = await startTally();
    const answer = new Deferred<number[]>();
    observer.pollImpl = () => answer.promise;
    await clock.advance(INTERVAL); // cycle 1 is now waiting for its poll
    const wait = track(handle.waitForSnapshot((value) => value.total === 5));
    await clock.advance(0);
    assert.equal(wait.state, 'pending');
    answer.resolve([5]);
    // Only microtasks run from here: no timer, no setImmediate, no I/O.
    assert.ok(await withinThisTurn(() => wait.state !== 'pending'), 'settled without leaving this turn');
    assert.equal(wait.state, 'resolved');
    assert.equal(wait.value?.cycle, 1);
    assert.equal(clock.pending, 1, 'its deadline timer is gone; only the next cycle’s remains');
    await runtime.stop();
  });

  test('is already settled when clock.advance returns, with no extra timer tick', async () => {
    const observer = new TallyObserver();
    observer.queued.push([], [4]);
    const { clock, runtime, handle } = await startTally({ observer });
    const wait = track(handle.waitForSnapshot((value) => value.total === 4, { timeoutMs: 10_000 }));
    assert.equal(clock.pending, 2);
    await clock.advance(INTERVAL * 2);
    assert.equal(wait.state, 'resolved');
    assert.equal(wait.value?.cycle, 2);
    assert.equal(clock.pending, 1);
    await runtime.stop();
  });

  test('predicates get (value, snapshot)', async () => {
    const { clock, runtime, handle } = await startTally();
    const calls: Array<[TallyView, ObservationSnapshot<TallyView>]> = [];
    const wait = handle.waitForSnapshot((value, snapshot) => {
      calls.push([value, snapshot]);
      return snapshot.cycle === 1;
    });
    await clock.advance(INTERVAL);
    const snapshot = await settledNow(wait);
    assert.equal(calls.length, 2, 'once for the latest, once for cycle 1');
    assert.equal(calls[1]?.[1], snapshot);
    assert.equal(calls[1]?.[0], snapshot.value);
    assert.equal(calls[0]?.[1].cycle, 0);
    await runtime.stop();
  });

  test('a predicate returning nothing holds (assertion style); returning a falsy value does not', async () => {
    const { clock, runtime, handle } = await startTally();
    await settledNow(
      handle.waitForSnapshot((value) => {
        assert.equal(value.polls, 0);
      }),
    );
    const falsy = track(handle.waitForSnapshot(() => 0 as unknown as boolean, { timeoutMs: 50 }));
    await clock.advance(50);
    assert.ok(falsy.error instanceof ObservationTimeoutError);
    await runtime.stop();
  });

  test('a predicate that throws counts as not holding; its message is the timeout’s "last check"', async () => {
    const { clock, runtime, handle } = await startTally();
    const wait = track(
      handle.waitForSnapshot(
        (value) => {
          assert.equal(value.total, 10, `total is ${value.total}, expected 10`);
        },
        { timeoutMs: 250 },
      ),
    );
    await clock.advance(INTERVAL);
    assert.equal(wait.state, 'pending', 'a throwing predicate does not reject the wait');
    await clock.advance(150);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /\n {2}last check: total is 0, expected 10\b/);
    assert.match(wait.error.report.lastMismatch ?? '', /^total is 0, expected 10/);
    await runtime.stop();
  });

  test('a predicate returning a promise rejects with TypeError, on the latest or on a live snapshot', async () => {
    const { clock, runtime, handle } = await startTally();
    await assert.rejects(settledNow(handle.waitForSnapshot((async () => true) as never)), {
      name: 'TypeError',
      message: /returned a promise; predicates must be synchronous/,
    });
    const live = track(handle.waitForSnapshot((_value, snapshot) => (snapshot.cycle === 0 ? false : (Promise.resolve(true) as never))));
    await clock.advance(INTERVAL);
    assert.equal(live.state, 'rejected');
    assert.ok(live.error instanceof TypeError);
    assert.equal(clock.pending, 1);
    assert.equal(coreListeners.count(), 0);
    await runtime.stop();
  });

  test('aborting its signal rejects with the signal’s reason and removes its listeners', async () => {
    const { clock, runtime, handle } = await startTally();
    const controller = new AbortController();
    const wait = track(handle.waitForSnapshot(() => false, { signal: controller.signal }));
    await clock.advance(0);
    assert.equal(abortListeners(controller.signal), 1);
    const reason = new Error('step cancelled');
    controller.abort(reason);
    await clock.advance(0);
    assert.equal(wait.state, 'rejected');
    assert.equal(wait.error, reason);
    assert.equal(abortListeners(controller.signal), 0);
    assert.equal(clock.pending, 1);
    assert.equal(coreListeners.count(), 0);
    await assert.rejects(settledNow(handle.waitForSnapshot(() => true, { signal: AbortSignal.abort('already') })), (error) => error === 'already');
    await runtime.stop();
  });

  test('bad options reject with a TypeError naming the option', async () => {
    const { clock, runtime, handle } = await startTally();
    for (const timeoutMs of [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, '100', 2 ** 31]) {
      await assert.rejects(settledNow(handle.waitForSnapshot(() => true, { timeoutMs: timeoutMs as number })), {
        name: 'TypeError',
        message: /^timeoutMs must be a positive number of milliseconds/,
      });
    }
    for (const after of [-1, 1.5, Number.NaN]) {
      await assert.rejects(settledNow(handle.waitForSnapshot(() => true, { after })), { name: 'TypeError', message: /^after must be/ });
    }
    await assert.rejects(settledNow(handle.waitForSnapshot(() => true, { signal: 'x' as never })), {
      name: 'TypeError',
      message: /^signal must be an AbortSignal/,
    });
    await assert.rejects(settledNow(handle.waitForSnapshot(undefined as never)), { name: 'TypeError', message: /^predicate must be a function/ });
    // an option error is a rejection, not a synchronous throw
    const rejected = handle.waitForSnapshot(() => true, { timeoutMs: -1 });
    assert.ok(rejected instanceof Promise);
    await rejected.catch(() => {});
    assert.equal(clock.pending, 1);
    await runtime.stop();
  });

  test('the default timeout is 5 s', async () => {
    const { clock, runtime, handle } = await startTally();
    assert.equal(DEFAULT_WAIT_TIMEOUT_MS, 5000);
    const wait = track(handle.waitForSnapshot(() => false));
    await clock.advance(4999);
    assert.equal(wait.state, 'pending');
    await clock.advance(1);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.equal(wait.error.report.timeoutMs, 5000);
    await runtime.stop();
  });
});

describe('waitForEvent', () => {
  test('an event already in history resolves at once, with the batch it came in', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1, 2], [3]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL * 2);
    const wait = track(handle.waitForEvent((event) => event === 2));
    assert.ok(await withinThisTurn(() => wait.state !== 'pending'));
    assert.equal(wait.value?.event, 2);
    assert.equal(wait.value?.batch, handle.history()[0]);
    assert.equal(clock.pending, 1);
    await runtime.stop();
  });

  test('includeHistory: false ignores history and waits for a live event', async () => {
    const observer = new TallyObserver();
    observer.queued.push([2], [], [2]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    const wait = track(handle.waitForEvent((event) => event === 2, { includeHistory: false }));
    await clock.advance(INTERVAL);
    assert.equal(wait.state, 'pending');
    await clock.advance(INTERVAL);
    assert.equal(wait.value?.batch.cycle, 3);
    await runtime.stop();
  });

  test('nothing is missed between history and live: a wait started while a batch is published sees it', async () => {
    const observer = new TallyObserver();
    observer.queued.push([8]);
    const { clock, runtime, handle } = await startTally({ observer });
    let wait: ReturnType<typeof track<unknown>> | undefined;
    handle.subscribe(() => {
      wait ??= track(handle.waitForEvent((event) => event === 8));
    });
    await clock.advance(INTERVAL);
    assert.equal(wait?.state, 'resolved');
    await runtime.stop();
  });

  test('predicates get (event, batch), events in order; the first match wins', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1, 2, 3, 4]);
    const { clock, runtime, handle } = await startTally({ observer });
    const seen: Array<[number, ObservationBatch<number>]> = [];
    const wait = handle.waitForEvent((event, batch) => {
      seen.push([event, batch]);
      return event % 2 === 0;
    });
    await clock.advance(INTERVAL);
    const found = await settledNow(wait);
    assert.equal(found.event, 2);
    assert.deepEqual(
      seen.map(([event]) => event),
      [1, 2],
    );
    assert.equal(seen[0]?.[1], found.batch);
    await runtime.stop();
  });

  test('its timeout message gives the last check', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1]);
    const { clock, runtime, handle } = await startTally({ observer });
    const wait = track(
      handle.waitForEvent(
        (event) => {
          if (event !== 9) throw new Error(`event ${event} is not 9`);
        },
        { timeoutMs: 150, description: 'event 9' },
      ),
    );
    await clock.advance(150);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /^timed out after 150 ms waiting for event 9\n/);
    assert.match(wait.error.message, /last check: event 1 is not 9/);
    await runtime.stop();
  });
});

describe('waitForFailure', () => {
  test('resolves at once with the current failure, or waits for the next one', async () => {
    const { clock, provider, runtime, handle } = await startTally();
    const next = track(handle.waitForFailure());
    await clock.advance(INTERVAL);
    assert.equal(next.state, 'pending');
    provider.failNext(new Error('first'));
    await clock.advance(INTERVAL);
    assert.equal(next.value?.message, 'first');
    const current = track(handle.waitForFailure());
    assert.ok(await withinThisTurn(() => current.state !== 'pending'));
    assert.equal(current.value, handle.lastFailure());
    await runtime.stop();
  });

  test('with `after`, only later failures count; a predicate filters them', async () => {
    const { clock, provider, observer, runtime, handle } = await startTally();
    provider.failNext(new Error('refresh'));
    await clock.advance(INTERVAL);
    const later = track(handle.waitForFailure(undefined, { after: 1 }));
    const pollOnly = track(handle.waitForFailure((failure) => failure.stage === 'poll'));
    await clock.advance(0);
    assert.equal(later.state, 'pending');
    assert.equal(pollOnly.state, 'pending');
    observer.pollImpl = () => {
      throw new Error('poll');
    };
    await clock.advance(INTERVAL);
    assert.equal(later.value?.cycle, 2);
    assert.equal(pollOnly.value?.message, 'poll');
    await runtime.stop();
  });

  test('its timeout message names what was awaited', async () => {
    const { clock, runtime, handle } = await startTally();
    const wait = track(handle.waitForFailure(undefined, { after: 3, timeoutMs: 100 }));
    await clock.advance(100);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /^timed out after 100 ms waiting for a failed cycle after cycle 3/);
    await runtime.stop();
  });
});

describe('waitForCycle', () => {
  test('resolves when cycle n completes, successfully or not, with the latest snapshot', async () => {
    const { clock, provider, runtime, handle } = await startTally();
    const wait = track(handle.waitForCycle(2));
    await clock.advance(INTERVAL);
    assert.equal(wait.state, 'pending');
    provider.failNext(new Error('down'));
    await clock.advance(INTERVAL);
    assert.equal(wait.state, 'resolved');
    assert.equal(wait.value?.cycle, 1, 'cycle 2 failed, so the latest good snapshot is cycle 1');
    await runtime.stop();
  });

  test('resolves at once for a cycle already completed; refuses a bad number', async () => {
    const { clock, runtime, handle } = await startTally();
    await clock.advance(INTERVAL * 2);
    assert.equal((await settledNow(handle.waitForCycle(1))).cycle, 2);
    assert.equal((await settledNow(handle.waitForCycle(0))).cycle, 2);
    await assert.rejects(settledNow(handle.waitForCycle(-1)), { name: 'TypeError', message: /^cycle must be/ });
    await assert.rejects(settledNow(handle.waitForCycle(1.5)), TypeError);
    assert.equal(clock.pending, 1);
    await runtime.stop();
  });

  test('times out naming the cycle', async () => {
    const { clock, runtime, handle } = await startTally();
    const wait = track(handle.waitForCycle(5, { timeoutMs: 250 }));
    await clock.advance(250);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /waiting for cycle 5 to complete/);
    assert.match(wait.error.message, /cycles during the wait: 2$/);
    await runtime.stop();
  });
});

describe('holdsFor', () => {
  test('with durationMs, resolves once the duration has passed with the predicate holding', async () => {
    const { clock, runtime, handle } = await startTally();
    let checks = 0;
    const hold = track(
      handle.holdsFor(
        (value) => {
          checks += 1;
          return value.total === 0;
        },
        { durationMs: 350 },
      ),
    );
    await clock.advance(349);
    assert.equal(hold.state, 'pending');
    await clock.advance(1);
    assert.equal(hold.state, 'resolved');
    assert.equal(checks, 4, 'the latest snapshot and cycles 1, 2, 3 were checked');
    assert.equal(clock.pending, 1);
    await runtime.stop();
  });

  test('rejects with ObservationHoldError at the first breaking snapshot, and shows it', async () => {
    const observer = new TallyObserver();
    observer.queued.push([], [3], [4]);
    const { clock, runtime, handle } = await startTally({ observer });
    const hold = track(
      handle.holdsFor(
        function noEvents(value) {
          return value.total === 0;
        },
        { durationMs: 1000 },
      ),
    );
    await clock.advance(INTERVAL);
    assert.equal(hold.state, 'pending');
    await clock.advance(INTERVAL);
    assert.equal(hold.state, 'rejected', 'at once, not at the end of the duration');
    const error = hold.error;
    assert.ok(error instanceof ObservationHoldError);
    assert.equal(error.name, 'ObservationHoldError');
    assert.equal(error.snapshot?.cycle, 2);
    assert.equal(error.failure, undefined);
    assert.match(error.message, /^a snapshot matching noEvents stopped holding at cycle 2, after 200 ms of 1000 ms/);
    assert.match(error.message, /snapshot: \{"polls":2,"total":3,"sourceNames":\["node-a","node-b"\]\}/);
    assert.equal(clock.pending, 1);
    await runtime.stop();
  });

  test('rejects at once when the latest snapshot already breaks it, with the thrown reason', async () => {
    const { runtime, handle } = await startTally();
    await assert.rejects(
      settledNow(
        handle.holdsFor(
          (value) => {
            if (value.polls === 0) throw new Error('no polls yet');
          },
          { cycles: 3 },
        ),
      ),
      (error: unknown) => error instanceof ObservationHoldError && /at cycle 0, after 0 cycles of 3 cycles: no polls yet/.test(error.message),
    );
    await runtime.stop();
  });

  test('rejects at a failed cycle unless tolerateFailures', async () => {
    const { clock, provider, runtime, handle } = await startTally();
    const strict = track(handle.holdsFor(() => true, { durationMs: 1000 }));
    const tolerant = track(handle.holdsFor(() => true, { durationMs: 1000, tolerateFailures: true }));
    provider.failNext(new Error('node-a unreachable'));
    await clock.advance(INTERVAL);
    assert.ok(strict.error instanceof ObservationHoldError);
    assert.equal(strict.error.failure?.cycle, 1);
    assert.match(strict.error.message, /could not be confirmed: cycle 1 failed at the source-refresh stage .*: node-a unreachable/);
    assert.equal(tolerant.state, 'pending');
    await clock.advance(900);
    assert.equal(tolerant.state, 'resolved');
    await runtime.stop();
  });

  test('with cycles, resolves after that many further cycles; tolerated failures count', async () => {
    const { clock, provider, runtime, handle } = await startTally();
    await clock.advance(INTERVAL);
    const hold = track(handle.holdsFor(() => true, { cycles: 3, tolerateFailures: true }));
    provider.failNext(new Error('blip'));
    await clock.advance(INTERVAL * 2);
    assert.equal(hold.state, 'pending');
    await clock.advance(INTERVAL);
    assert.equal(hold.state, 'resolved');
    assert.equal(handle.latestSnapshot()?.cycle, 4);
    assert.equal(clock.pending, 1);
    await runtime.stop();
  });

  test('with cycles, times out when they do not come (default: twice their time plus 1 s)', async () => {
    const { clock, observer, runtime, handle } = await startTally({ config: { stopTimeoutMs: 1 } });
    observer.pollImpl = () => new Promise(() => {});
    const hold = track(handle.holdsFor(() => true, { cycles: 2 }));
    await clock.advance(2 * 2 * INTERVAL + 1000 - 1);
    assert.equal(hold.state, 'pending');
    await clock.advance(1);
    assert.ok(hold.error instanceof ObservationTimeoutError);
    assert.match(hold.error.message, /to hold for 2 cycles/);
    assert.match(hold.error.message, /cycles completed: 0 of 2$/);
    const stopping = runtime.stop();
    await clock.advance(1);
    await stopping;
  });

  test('needs exactly one of durationMs or cycles', async () => {
    const { runtime, handle } = await startTally();
    for (const options of [{}, { durationMs: 100, cycles: 2 }, { cycles: 0 }, { durationMs: 0 }, { cycles: 1.5 }, { durationMs: -5 }]) {
      await assert.rejects(settledNow(handle.holdsFor(() => true, options)), TypeError, JSON.stringify(options));
    }
    await assert.rejects(settledNow(handle.holdsFor(() => true, undefined as never)), { name: 'TypeError', message: /durationMs or cycles/ });
    await assert.rejects(settledNow(handle.holdsFor(() => true, { durationMs: 100, cycles: 2 })), { message: /exactly one of durationMs/ });
    await assert.rejects(settledNow(handle.holdsFor(() => true, { durationMs: Number.NaN })), { message: /^durationMs must be/ });
    await runtime.stop();
  });

  test('rejects with ObservationStoppedError when the runtime stops first', async () => {
    const { runtime, handle, clock } = await startTally();
    const hold = track(handle.holdsFor(() => true, { durationMs: 1000 }));
    await runtime.stop();
    await clock.advance(0);
    assert.ok(hold.error instanceof ObservationStoppedError);
    assert.match(hold.error.message, /stopped before .* held for 1000 ms/);
    assert.equal(clock.pending, 0);
  });
});

describe('timeout errors', () => {
  test('name what was awaited and the timeout, then the last snapshot, last failure, and cycles during the wait', async () => {
    const observer = new TallyObserver();
    observer.queued.push([2]);
    const { clock, runtime, handle } = await startTally({ observer });
    const wait = track(handle.waitForSnapshot((value) => value.total === 10, { timeoutMs: 250, description: 'the total to reach 10' }));
    await clock.advance(INTERVAL);
    observer.pollImpl = () => {
      throw new Error('node-b unreachable');
    };
    await clock.advance(149);
    assert.equal(wait.state, 'pending');
    await clock.advance(1);
    const error = wait.error;
    assert.ok(error instanceof ObservationTimeoutError);
    assert.equal(error.name, 'ObservationTimeoutError');
    assert.equal(
      error.message,
      [
        'timed out after 250 ms waiting for the total to reach 10',
        '  last snapshot: cycle 1, 150 ms old, 2 sources: {"polls":1,"total":2,"sourceNames":["node-a","node-b"]}',
        '  last failure: poll stage at cycle 2: node-b unreachable',
        '  cycles during the wait: 2 (1 failed)',
      ].join('\n'),
    );
    assert.equal(error.report.awaited, 'the total to reach 10');
    assert.equal(error.report.timeoutMs, 250);
    assert.equal(error.report.lastSnapshot, handle.latestSnapshot());
    assert.equal(error.report.lastFailure, handle.lastFailure());
    assert.equal(error.report.lastMismatch, undefined);
    assert.equal(error.report.cycles, 2);
    assert.equal(error.report.failedCycles, 1);
    await runtime.stop();
  });

  test('a failure from before the wait is reported too', async () => {
    const { clock, provider, runtime, handle } = await startTally();
    provider.failNext(new Error('old failure'));
    await clock.advance(INTERVAL);
    const wait = track(handle.waitForSnapshot(() => false, { timeoutMs: 50 }));
    await clock.advance(50);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /last failure: source-refresh stage at cycle 1: old failure/);
    assert.match(wait.error.message, /cycles during the wait: 0/);
    await runtime.stop();
  });

  test('cut a huge snapshot value to a readable length with a marker', async () => {
    const observer = new TallyObserver();
    observer.snapshotImpl = () => ({ polls: 0, total: 0, sourceNames: Array.from({ length: 5000 }, (_, i) => `node-${i}`) });
    const { clock, runtime, handle } = await startTally({ observer });
    const wait = track(handle.waitForSnapshot(() => false, { timeoutMs: 50 }));
    await clock.advance(50);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.ok(wait.error.message.length < 1000, `message is ${wait.error.message.length} characters long`);
    assert.match(wait.error.message, /… [\d,]+ more items\]/);
    assert.match(wait.error.message, /cycles during the wait: 0/);
    await runtime.stop();
  });

  test('use the predicate’s name when there is no description, and hint when the interval is not shorter than the timeout', async () => {
    const { clock, runtime, handle } = await startTally({ config: { intervalMs: 1000 } });
    const wait = track(
      handle.waitForSnapshot(
        function clusterConverged() {
          return false;
        },
        { timeoutMs: 500 },
      ),
    );
    await clock.advance(500);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /^timed out after 500 ms waiting for a snapshot matching clusterConverged\n/);
    assert.match(wait.error.message, /cycles during the wait: 0 \(the interval, 1000 ms, is not shorter than the timeout\)$/);
    await runtime.stop();
  });
});

describe('waits and stop', () => {
  test('a wait pending when the runtime stops rejects with ObservationStoppedError and clears its timer', async () => {
    const { clock, runtime, handle } = await startTally();
    const waits = [
      track(handle.waitForSnapshot(() => false)),
      track(handle.waitForEvent(() => true)),
      track(handle.waitForFailure()),
      track(handle.waitForCycle(10)),
    ];
    assert.equal(clock.pending, 5);
    await runtime.stop();
    await clock.advance(0);
    for (const wait of waits) {
      assert.ok(wait.error instanceof ObservationStoppedError, String(wait.error));
      assert.match((wait.error as Error).message, /stopped while waiting for/);
    }
    assert.equal(clock.pending, 0);
    assert.equal(coreListeners.count(), 0);
  });

  test('a wait started after stop rejects at once unless already satisfied', async () => {
    const observer = new TallyObserver();
    observer.queued.push([6]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    await runtime.stop();
    const snapshot = track(handle.waitForSnapshot((value) => value.total === 6));
    const event = track(handle.waitForEvent((value) => value === 6));
    const cycle = track(handle.waitForCycle(1));
    const never = track(handle.waitForSnapshot((value) => value.total === 7));
    const noEvent = track(handle.waitForEvent(() => false));
    assert.ok(await withinThisTurn(() => [snapshot, event, cycle, never, noEvent].every((wait) => wait.state !== 'pending')));
    assert.equal(snapshot.state, 'resolved');
    assert.equal(event.state, 'resolved');
    assert.equal(cycle.state, 'resolved');
    assert.ok(never.error instanceof ObservationStoppedError);
    assert.match((never.error as Error).message, /is stopped; cannot wait for/);
    assert.ok(noEvent.error instanceof ObservationStoppedError);
    assert.equal(clock.pending, 0);
  });
});

describe('wait cleanup', () => {
  test('one deadline timer per pending wait, each cleared as it settles', async () => {
    const { clock, runtime, handle } = await startTally();
    const base = clock.pending;
    const a = track(handle.waitForSnapshot((value) => value.polls >= 1));
    const b = track(handle.waitForSnapshot((value) => value.polls >= 2));
    const c = track(handle.waitForSnapshot(() => false, { timeoutMs: 250 }));
    assert.equal(clock.pending, base + 3);
    await clock.advance(INTERVAL);
    assert.equal(a.state, 'resolved');
    assert.equal(clock.pending, base + 2);
    await clock.advance(INTERVAL);
    assert.equal(b.state, 'resolved');
    assert.equal(clock.pending, base + 1);
    await clock.advance(50);
    assert.equal(c.state, 'rejected');
    assert.equal(clock.pending, base);
    await runtime.stop();
  });

  test('1000 waits that resolve leave no timer and no listener behind, and their predicates are not called again', async () => {
    const { clock, runtime, handle } = await startTally();
    const base = clock.pending;
    let calls = 0;
    const controller = new AbortController();
    const waits = Array.from({ length: 1000 }, (_, i) =>
      handle[i % 2 ? 'waitForSnapshot' : 'holdsFor'](
        (value) => {
          calls += 1;
          return value.polls >= 0;
        },
        i % 2 ? { signal: controller.signal, after: 0 } : { cycles: 1, signal: controller.signal },
      ),
    );
    assert.equal(clock.pending, base + 1000);
    assert.ok(coreListeners.count() >= 1000, 'the waits are listening');
    assert.equal(abortListeners(controller.signal), 1000);
    await clock.advance(INTERVAL);
    await Promise.all(waits);
    assert.equal(clock.pending, base);
    assert.equal(coreListeners.count(), 0);
    assert.equal(abortListeners(controller.signal), 0);
    const after = calls;
    await clock.advance(INTERVAL * 3);
    assert.equal(calls, after, 'settled waits are not consulted any more');
    await runtime.stop();
  });

  test('1000 waits that time out leave no timer and no listener behind', async () => {
    const { clock, runtime, handle } = await startTally();
    const base = clock.pending;
    let calls = 0;
    const waits = Array.from({ length: 1000 }, (_, i) =>
      track<unknown>(
        i % 3 === 0
          ? handle.waitForEvent(() => false, { timeoutMs: 50 })
          : i % 3 === 1
            ? handle.waitForFailure(undefined, { timeoutMs: 50 })
            : handle.waitForSnapshot(
                () => {
                  calls += 1;
                  return false;
                },
                { timeoutMs: 50 },
              ),
      ),
    );
    await clock.advance(50);
    assert.ok(waits.every((wait) => wait.error instanceof ObservationTimeoutError));
    assert.equal(clock.pending, base);
    assert.equal(coreListeners.count(), 0);
    const after = calls;
    await clock.advance(INTERVAL * 2);
    assert.equal(calls, after);
    await runtime.stop();
  });
});
