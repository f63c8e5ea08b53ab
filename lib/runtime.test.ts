// The lifecycle owner: start-up order and errors, the cycle loop, failures, history, timeouts, signals, stop, logging.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../test/helpers/manual-clock.js';
import { Deferred, INTERVAL, RecordingLogger, TallyObserver, TestProvider, abortListeners, sourcesNamed, startTally, track } from '../test/helpers/fixtures.js';
import { ObservationRuntime, ObservationRuntimeError, ObservationStoppedError, type ObservationBatch, type ObservedSource } from './index.js';

describe('start-up', () => {
  test('asks the provider once, then init(sources, signal), then publishes the cycle-0 snapshot at once', async () => {
    const clock = new ManualClock();
    const order: string[] = [];
    const provider = new TestProvider('node-a', 'node-b', 'node-c');
    provider.next.push(() => {
      order.push('sources');
      return provider.list;
    });
    const observer = new TallyObserver();
    let initArgs: [readonly ObservedSource<string>[], AbortSignal] | undefined;
    observer.initImpl = (sources, signal) => {
      order.push('init');
      initArgs = [sources, signal];
    };
    observer.snapshotImpl = (state) => {
      order.push('snapshot');
      return { polls: state.polls, total: 41, sourceNames: state.sourceNames };
    };

    const runtime = await ObservationRuntime.start(provider, observer, { intervalMs: INTERVAL, clock });
    assert.deepEqual(order, ['sources', 'init', 'snapshot']);
    assert.equal(provider.calls, 1);
    assert.equal(observer.initCalls, 1);
    assert.equal(initArgs?.[0], provider.list, 'init gets the sources the provider returned');
    assert.ok(initArgs?.[1] instanceof AbortSignal, 'init gets an AbortSignal');
    assert.equal(observer.pollCalls, 0, 'no poll during start-up');

    const handle = runtime.handle();
    const snapshot = handle.latestSnapshot();
    assert.ok(snapshot, 'latestSnapshot() is never empty after start');
    assert.equal(snapshot.cycle, 0);
    assert.equal(snapshot.sourceCount, 3);
    assert.deepEqual(snapshot.value, { polls: 0, total: 41, sourceNames: ['node-a', 'node-b', 'node-c'] });
    assert.equal(snapshot.observedAt.getTime(), clock.now());
    assert.deepEqual(handle.history(), []);
    assert.equal(handle.lastFailure(), undefined);
    assert.equal(clock.pending, 1, 'exactly the timer of the first cycle');
    assert.equal(handle.status().running, true);
    assert.equal(handle.status().cyclesStarted, 0);
    await runtime.stop();
  });

  test('a provider failure rejects with source-refresh, the seed message, the cause, and nothing left running', async () => {
    const clock = new ManualClock();
    const provider = new TestProvider();
    const thrown = new Error('discovery service unreachable');
    provider.failNext(thrown);
    const observer = new TallyObserver();
    await assert.rejects(ObservationRuntime.start(provider, observer, { clock }), (error: unknown) => {
      assert.ok(error instanceof ObservationRuntimeError);
      assert.equal(error.name, 'ObservationRuntimeError');
      assert.equal(error.code, 'source-refresh');
      assert.equal(error.message, 'failed to refresh observation sources during startup: discovery service unreachable');
      assert.equal(error.cause, thrown);
      return true;
    });
    assert.equal(provider.calls, 1, 'asked once (no retries by default)');
    assert.equal(observer.initCalls, 0, 'init is not called after a failed refresh');
    assert.equal(clock.pending, 0, 'no timer left');
    await clock.advance(10 * INTERVAL);
    assert.equal(provider.calls, 1, 'nothing runs afterwards');
  });

  test('an async provider rejection is handled the same way', async () => {
    const clock = new ManualClock();
    const provider = new TestProvider();
    provider.next.push(async () => {
      throw new Error('late refusal');
    });
    await assert.rejects(ObservationRuntime.start(provider, new TallyObserver(), { clock }), {
      code: 'source-refresh',
      message: 'failed to refresh observation sources during startup: late refusal',
    });
    assert.equal(clock.pending, 0);
  });

  test('an init failure rejects with observer-init, the seed message, the cause, and nothing left running', async () => {
    const clock = new ManualClock();
    const provider = new TestProvider();
    const observer = new TallyObserver();
    const thrown = new Error('node-b returned 503');
    observer.initImpl = () => {
      throw thrown;
    };
    await assert.rejects(ObservationRuntime.start(provider, observer, { clock }), (error: unknown) => {
      assert.ok(error instanceof ObservationRuntimeError);
      assert.equal(error.code, 'observer-init');
      assert.equal(error.message, 'failed to initialize observation state: node-b returned 503');
      assert.equal(error.cause, thrown);
      return true;
    });
    assert.equal(provider.calls, 1);
    assert.equal(observer.initCalls, 1);
    assert.equal(clock.pending, 0);
    await clock.advance(10 * INTERVAL);
    assert.equal(observer.pollCalls, 0);
    assert.equal(provider.calls, 1);
  });

  test('a snapshot() that throws at start-up fails start as observer-init', async () => {
    const clock = new ManualClock();
    const observer = new TallyObserver();
    observer.snapshotImpl = () => {
      throw new Error('cannot render');
    };
    await assert.rejects(ObservationRuntime.start(new TestProvider(), observer, { clock }), {
      code: 'observer-init',
      message: 'failed to initialize observation state: cannot render',
    });
    assert.equal(clock.pending, 0);
  });

  test('non-Error throws at start-up give readable messages', async () => {
    for (const [thrown, expected] of [
      ['a plain string', 'a plain string'],
      [undefined, 'non-Error value thrown: undefined'],
      [{ status: 503 }, 'non-Error value thrown: {"status":503}'],
    ] as const) {
      const provider = new TestProvider();
      provider.failNext(thrown);
      await assert.rejects(ObservationRuntime.start(provider, new TallyObserver(), { clock: new ManualClock() }), {
        message: `failed to refresh observation sources during startup: ${expected}`,
      });
    }
  });

  describe('startupRetries', () => {
    test('retries refresh and init, and succeeds on a later attempt', async () => {
      const clock = new ManualClock();
      const logger = new RecordingLogger();
      const provider = new TestProvider();
      provider.failNext(new Error('refresh hiccup'));
      const observer = new TallyObserver();
      let initFailures = 1;
      observer.initImpl = () => {
        if (initFailures-- > 0) throw new Error('init hiccup');
      };
      const runtime = await ObservationRuntime.start(provider, observer, {
        clock,
        logger,
        startupRetries: 2,
        startupRetryDelayMs: 0,
      });
      assert.equal(provider.calls, 3, 'attempt 1 failed at refresh, attempt 2 at init, attempt 3 succeeded');
      assert.equal(observer.initCalls, 2);
      assert.equal(runtime.handle().latestSnapshot()?.cycle, 0);
      const retries = logger.entries.filter((entry) => entry.message.includes('retrying'));
      assert.equal(retries.length, 2);
      assert.match(String(retries[0]?.fields.message), /refresh hiccup/);
      assert.match(String(retries[1]?.fields.message), /init hiccup/);
      await runtime.stop();
    });

    test('when every attempt fails, the final error names the last stage and keeps the last thrown error as cause', async () => {
      const clock = new ManualClock();
      const provider = new TestProvider();
      provider.failNext(new Error('first'));
      const observer = new TallyObserver();
      const last = new Error('third and last');
      const initErrors = [new Error('second'), last];
      observer.initImpl = () => {
        throw initErrors.shift();
      };
      await assert.rejects(ObservationRuntime.start(provider, observer, { clock, startupRetries: 2, startupRetryDelayMs: 0 }), (error: unknown) => {
        assert.ok(error instanceof ObservationRuntimeError);
        assert.equal(error.code, 'observer-init');
        assert.match(error.message, /^failed to initialize observation state: third and last/);
        assert.match(error.message, /3 attempts/);
        assert.equal(error.cause, last);
        return true;
      });
      assert.equal(provider.calls, 3);
      assert.equal(clock.pending, 0);
    });

    test('without retries, the first failure ends start-up', async () => {
      const provider = new TestProvider();
      provider.failNext(new Error('once'));
      await assert.rejects(ObservationRuntime.start(provider, new TallyObserver(), { clock: new ManualClock() }), {
        code: 'source-refresh',
      });
      assert.equal(provider.calls, 1);
    });
  });

  describe('startupTimeoutMs', () => {
    test('a hanging init ends start-up with observer-init once it passes, and init’s signal is aborted', async () => {
      const clock = new ManualClock();
      const observer = new TallyObserver();
      observer.initImpl = () => new Promise(() => {});
      const start = track(ObservationRuntime.start(new TestProvider(), observer, { clock, startupTimeoutMs: 250 }));
      await clock.advance(249);
      assert.equal(start.state, 'pending', 'not before the timeout');
      assert.equal(observer.initSignals[0]?.aborted, false);
      await clock.advance(1);
      assert.equal(start.state, 'rejected');
      const error = start.error;
      assert.ok(error instanceof ObservationRuntimeError);
      assert.equal(error.code, 'observer-init');
      assert.match(error.message, /^failed to initialize observation state: start-up timed out after 250 ms/);
      assert.equal(observer.initSignals[0]?.aborted, true, 'the signal given to init is aborted');
      assert.equal(clock.pending, 0, 'nothing keeps running');
    });

    test('a hanging provider ends start-up with source-refresh, and init is never called, even if it answers late', async () => {
      const clock = new ManualClock();
      const provider = new TestProvider();
      const late = new Deferred<readonly ObservedSource<string>[]>();
      provider.next.push(() => late.promise);
      const observer = new TallyObserver();
      const start = track(ObservationRuntime.start(provider, observer, { clock, startupTimeoutMs: 100 }));
      await clock.advance(100);
      assert.equal(start.state, 'rejected');
      assert.ok(start.error instanceof ObservationRuntimeError);
      assert.equal(start.error.code, 'source-refresh');
      assert.match(start.error.message, /timed out after 100 ms/);
      assert.equal(provider.signals[0]?.aborted, true);
      late.resolve(provider.list);
      await clock.advance(INTERVAL);
      assert.equal(observer.initCalls, 0, 'a start-up that gave up does not go on to init');
      assert.equal(clock.pending, 0);
    });

    test('a start-up that finishes in time clears its timeout timer', async () => {
      const clock = new ManualClock();
      const runtime = await ObservationRuntime.start(new TestProvider(), new TallyObserver(), {
        clock,
        intervalMs: INTERVAL,
        startupTimeoutMs: 5000,
      });
      assert.equal(clock.pending, 1, 'only the first cycle’s timer');
      await runtime.stop();
    });
  });

  describe('config.signal', () => {
    test('aborting it during start-up rejects start with ObservationStoppedError and aborts init’s signal', async () => {
      const clock = new ManualClock();
      const controller = new AbortController();
      const observer = new TallyObserver();
      observer.initImpl = () => new Promise(() => {});
      const start = track(ObservationRuntime.start(new TestProvider(), observer, { clock, signal: controller.signal }));
      await clock.advance(10);
      assert.equal(start.state, 'pending');
      controller.abort(new Error('scenario cancelled'));
      await clock.advance(0);
      assert.equal(start.state, 'rejected');
      assert.ok(start.error instanceof ObservationStoppedError, `got ${String(start.error)}`);
      assert.equal(start.error.name, 'ObservationStoppedError');
      assert.equal(observer.initSignals[0]?.aborted, true);
      assert.equal(clock.pending, 0);
      assert.equal(abortListeners(controller.signal), 0, 'start-up removed its abort listener');
    });

    test('an already aborted signal rejects start without asking the provider', async () => {
      const provider = new TestProvider();
      await assert.rejects(
        ObservationRuntime.start(provider, new TallyObserver(), { clock: new ManualClock(), signal: AbortSignal.abort() }),
        ObservationStoppedError,
      );
      assert.equal(provider.calls, 0);
    });

    test('aborting it after start stops the runtime', async () => {
      const controller = new AbortController();
      const { clock, observer, runtime, handle } = await startTally({ config: { signal: controller.signal } });
      await clock.advance(INTERVAL);
      assert.equal(observer.pollCalls, 1);
      const done = track(runtime.done);
      controller.abort();
      await clock.advance(0);
      assert.equal(handle.status().running, false);
      assert.equal(done.state, 'resolved');
      assert.equal(clock.pending, 0);
      await clock.advance(10 * INTERVAL);
      assert.equal(observer.pollCalls, 1, 'no cycle after the abort');
    });

    test('aborting it just as start-up completes still rejects start and leaves nothing running', async () => {
      const clock = new ManualClock();
      const controller = new AbortController();
      const observer = new TallyObserver();
      // the start-up log line is the last thing before the loop begins
      const logger = { info: () => controller.abort() };
      await assert.rejects(ObservationRuntime.start(new TestProvider(), observer, { clock, logger, signal: controller.signal }), ObservationStoppedError);
      assert.equal(clock.pending, 0);
      assert.equal(abortListeners(controller.signal), 0);
      await clock.advance(10 * INTERVAL);
      assert.equal(observer.pollCalls, 0);
    });

    test('stopping the runtime removes its listener from the signal', async () => {
      const controller = new AbortController();
      const { runtime } = await startTally({ config: { signal: controller.signal } });
      assert.equal(abortListeners(controller.signal), 1);
      await runtime.stop();
      assert.equal(abortListeners(controller.signal), 0);
    });
  });
});

describe('the cycle loop', () => {
  test('the first cycle runs one interval after start, not before, then one per interval, numbered 1, 2, 3', async () => {
    const { clock, observer, provider, runtime, handle } = await startTally();
    const startedAt = clock.now();
    await clock.advance(INTERVAL - 1);
    assert.equal(observer.pollCalls, 0, 'not before one interval');
    assert.equal(handle.latestSnapshot()?.cycle, 0);
    await clock.advance(1);
    assert.equal(observer.pollCalls, 1);
    assert.equal(handle.latestSnapshot()?.cycle, 1);
    await clock.advance(INTERVAL * 2);
    assert.equal(handle.latestSnapshot()?.cycle, 3);
    assert.deepEqual(
      observer.pollStartedAt.map((at) => at - startedAt),
      [100, 200, 300],
    );
    assert.equal(provider.calls, 4, 'once at start, then once per cycle');
    assert.equal(handle.status().cyclesCompleted, 3);
    await runtime.stop();
  });

  test('the cycle number advances on failures too', async () => {
    const { clock, provider, observer, runtime, handle } = await startTally();
    await clock.advance(INTERVAL);
    provider.failNext(new Error('refresh down'));
    await clock.advance(INTERVAL);
    assert.equal(handle.lastFailure()?.cycle, 2);
    observer.pollImpl = () => {
      throw new Error('poll down');
    };
    await clock.advance(INTERVAL);
    assert.equal(handle.lastFailure()?.cycle, 3);
    observer.pollImpl = undefined;
    await clock.advance(INTERVAL);
    assert.equal(handle.latestSnapshot()?.cycle, 4);
    assert.equal(handle.lastFailure(), undefined);
    const status = handle.status();
    assert.equal(status.cyclesStarted, 4);
    assert.equal(status.cyclesCompleted, 4);
    assert.equal(status.cyclesFailed, 2);
    await runtime.stop();
  });

  test('sources are asked again every cycle: a replaced list shows in the next snapshots', async () => {
    const { clock, provider, runtime, handle } = await startTally({ provider: new TestProvider('a', 'b') });
    await clock.advance(INTERVAL);
    assert.equal(handle.latestSnapshot()?.sourceCount, 2);
    provider.list = sourcesNamed('a', 'b', 'c', 'd');
    await clock.advance(INTERVAL);
    assert.equal(handle.latestSnapshot()?.sourceCount, 4);
    assert.deepEqual(handle.latestSnapshot()?.value.sourceNames, ['a', 'b', 'c', 'd']);
    provider.list = sourcesNamed('d');
    await clock.advance(INTERVAL);
    assert.equal(handle.latestSnapshot()?.sourceCount, 1);
    assert.equal(provider.calls, 4);
    await runtime.stop();
  });

  test('the seed’s own check: 25 ms interval, history limit 2, after cycle 2', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1], [2, 3], [4]);
    const { clock, runtime, handle } = await startTally({ observer, config: { intervalMs: 25, historyLimit: 2 } });
    await clock.advance(50);
    const snapshot = handle.latestSnapshot();
    assert.ok(snapshot && snapshot.cycle >= 2);
    assert.equal(snapshot.sourceCount, 2);
    assert.deepEqual(snapshot.value, { polls: 2, total: 6, sourceNames: ['node-a', 'node-b'] });
    assert.equal(handle.history().length, 2);
    await runtime.stop();
  });

  test('each cycle gives the same AbortSignal to provider and observer; an unused one passes to the next cycle', async () => {
    const { clock, provider, observer, runtime } = await startTally();
    await clock.advance(INTERVAL * 2);
    assert.equal(observer.pollSignals.length, 2);
    // provider.signals[0] is the start-up one; [1] and [2] belong to cycles 1 and 2.
    assert.equal(provider.signals[1], observer.pollSignals[0]);
    assert.equal(provider.signals[2], observer.pollSignals[1]);
    assert.equal(observer.pollSignals[0], observer.pollSignals[1], 'nobody listened to it, so cycle 2 reuses it');
    assert.ok(observer.pollSignals.every((signal) => !signal.aborted));
    await runtime.stop();
  });
});

describe('failures', () => {
  test('a provider failure is recorded at source-refresh with source count 0 and the message verbatim', async () => {
    const { clock, provider, observer, runtime, handle } = await startTally();
    const thrown = new Error('node registry: 500 Internal Server Error');
    provider.failNext(thrown);
    await clock.advance(INTERVAL);
    const failure = handle.lastFailure();
    assert.ok(failure);
    assert.equal(failure.stage, 'source-refresh');
    assert.equal(failure.sourceCount, 0);
    assert.equal(failure.cycle, 1);
    assert.equal(failure.message, 'node registry: 500 Internal Server Error');
    assert.equal(failure.cause, thrown);
    assert.equal(failure.observedAt.getTime(), clock.now());
    assert.equal(observer.pollCalls, 0, 'no poll after a failed refresh');
    await runtime.stop();
  });

  test('a poll failure is recorded at poll with the refreshed source count', async () => {
    const { clock, provider, observer, runtime, handle } = await startTally({ provider: new TestProvider('a', 'b') });
    provider.list = sourcesNamed('a', 'b', 'c');
    const thrown = new RangeError('node c: height out of range');
    observer.pollImpl = async () => {
      throw thrown;
    };
    await clock.advance(INTERVAL);
    const failure = handle.lastFailure();
    assert.ok(failure);
    assert.equal(failure.stage, 'poll');
    assert.equal(failure.sourceCount, 3);
    assert.equal(failure.message, 'node c: height out of range');
    assert.equal(failure.cause, thrown);
    await runtime.stop();
  });

  test('a throwing snapshot() is a poll-stage failure', async () => {
    const { clock, observer, runtime, handle } = await startTally();
    observer.snapshotImpl = () => {
      throw new Error('snapshot exploded');
    };
    await clock.advance(INTERVAL);
    assert.equal(handle.lastFailure()?.stage, 'poll');
    assert.equal(handle.lastFailure()?.message, 'snapshot exploded');
    assert.equal(handle.lastFailure()?.sourceCount, 2);
    assert.equal(handle.latestSnapshot()?.cycle, 0);
    await runtime.stop();
  });

  test('a poll that returns something other than an array fails at poll', async () => {
    const { clock, observer, runtime, handle } = await startTally();
    observer.pollImpl = () => ({ events: [] });
    await clock.advance(INTERVAL);
    assert.equal(handle.lastFailure()?.stage, 'poll');
    assert.match(handle.lastFailure()?.message ?? '', /observer\.poll returned \{"events":\[\]\}, expected an array of events/);
    await runtime.stop();
  });

  for (const [label, thrown, expected] of [
    ['a string', 'connection reset', 'connection reset'],
    ['undefined', undefined, 'non-Error value thrown: undefined'],
    ['a plain object', { code: 'ECONNRESET', node: 'b' }, 'non-Error value thrown: {"code":"ECONNRESET","node":"b"}'],
  ] as const) {
    test(`a non-Error throw (${label}) gives a readable message and keeps what was thrown as cause`, async () => {
      const { clock, observer, provider, runtime, handle } = await startTally();
      observer.pollImpl = () => {
        throw thrown;
      };
      await clock.advance(INTERVAL);
      assert.equal(handle.lastFailure()?.message, expected);
      assert.equal(handle.lastFailure()?.cause, thrown);
      provider.failNext(thrown);
      await clock.advance(INTERVAL);
      assert.equal(handle.lastFailure()?.stage, 'source-refresh');
      assert.equal(handle.lastFailure()?.message, expected);
      await runtime.stop();
    });
  }

  test('a failure keeps the last good snapshot and the history; the next success clears the error', async () => {
    const { clock, observer, runtime, handle } = await startTally();
    observer.queued.push([7]);
    await clock.advance(INTERVAL);
    const good = handle.latestSnapshot();
    const history = handle.history();
    assert.equal(good?.cycle, 1);
    assert.equal(history.length, 1);

    observer.pollImpl = () => {
      throw new Error('flaky');
    };
    await clock.advance(INTERVAL * 2);
    assert.equal(handle.lastFailure()?.cycle, 3);
    assert.equal(handle.latestSnapshot(), good, 'the last good snapshot stays');
    assert.deepEqual(handle.history(), history, 'history stays');

    observer.pollImpl = undefined;
    await clock.advance(INTERVAL);
    assert.equal(handle.lastFailure(), undefined, 'cleared on the next success');
    assert.equal(handle.latestSnapshot()?.cycle, 4, 'the loop went on');
    await runtime.stop();
  });
});

describe('batches and history', () => {
  test('a cycle with no events publishes no batch and notifies nobody; one batch holds all of a cycle’s events', async () => {
    const observer = new TallyObserver();
    observer.queued.push([], [1, 2, 3], []);
    const { clock, runtime, handle } = await startTally({ observer });
    const received: ObservationBatch<number>[] = [];
    handle.subscribe((batch) => received.push(batch));
    await clock.advance(INTERVAL);
    assert.equal(received.length, 0);
    assert.deepEqual(handle.history(), []);
    await clock.advance(INTERVAL);
    assert.equal(received.length, 1);
    const batch = received[0];
    assert.ok(batch);
    assert.deepEqual(batch.events, [1, 2, 3]);
    assert.equal(batch.cycle, 2);
    assert.equal(batch.sourceCount, 2);
    assert.equal(batch.observedAt.getTime(), clock.now());
    assert.deepEqual(handle.history(), [batch]);
    await clock.advance(INTERVAL);
    assert.equal(received.length, 1, 'the empty third cycle sends nothing');
    assert.equal(handle.status().batchesPublished, 1);
    assert.equal(handle.latestSnapshot()?.cycle, 3, 'but its snapshot is published');
    await runtime.stop();
  });

  test('history drops the oldest beyond historyLimit, oldest first', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1], [2], [3], [4]);
    const { clock, runtime, handle } = await startTally({ observer, config: { historyLimit: 2 } });
    await clock.advance(INTERVAL * 4);
    assert.deepEqual(
      handle.history().map((batch) => batch.events[0]),
      [3, 4],
    );
    assert.deepEqual(
      handle.history().map((batch) => batch.cycle),
      [3, 4],
    );
    await runtime.stop();
  });

  test('a history limit of 0 keeps none, but subscribers still get batches', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1], [2]);
    const { clock, runtime, handle } = await startTally({ observer, config: { historyLimit: 0 } });
    const received: number[] = [];
    handle.subscribe((batch) => received.push(...batch.events));
    await clock.advance(INTERVAL * 2);
    assert.deepEqual(handle.history(), []);
    assert.deepEqual(received, [1, 2]);
    await runtime.stop();
  });

  test('history() returns a copy', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    const copy = handle.history() as ObservationBatch<number>[];
    copy.pop();
    assert.equal(handle.history().length, 1);
    assert.notEqual(handle.history(), handle.history());
    await runtime.stop();
  });
});

describe('no overlapping cycles', () => {
  test('a poll taking 2.5 intervals delays the next tick and causes no burst of catch-up cycles', async () => {
    const { clock, observer, runtime, handle } = await startTally();
    const startedAt = clock.now();
    observer.pollImpl = async () => {
      if (observer.pollCalls === 1) await clock.sleep(2.5 * INTERVAL);
      return [];
    };
    await clock.advance(INTERVAL); // cycle 1 begins at 100 and runs until 350
    await clock.advance(2.5 * INTERVAL);
    // the missed tick fires at once when cycle 1 ends (350), then the cadence restarts from there
    assert.deepEqual(
      observer.pollStartedAt.map((at) => at - startedAt),
      [100, 350],
    );
    await clock.advance(2 * INTERVAL + 50);
    assert.deepEqual(
      observer.pollStartedAt.map((at) => at - startedAt),
      [100, 350, 450, 550],
    );
    assert.equal(observer.maxActive, 1, 'poll is never entered while another poll runs');
    assert.equal(handle.latestSnapshot()?.cycle, 4);
    await runtime.stop();
  });

  test('every poll slower than the interval: still one at a time, one cycle per completion', async () => {
    const { clock, observer, runtime, handle } = await startTally();
    observer.pollImpl = async () => {
      await clock.sleep(2.5 * INTERVAL);
      return [];
    };
    await clock.advance(1000);
    // cycles start at 100, 350, 600, 850: three finished, the fourth is running
    assert.equal(observer.pollCalls, 4);
    assert.equal(handle.latestSnapshot()?.cycle, 3);
    assert.equal(observer.maxActive, 1);
    const stopping = runtime.stop();
    await clock.advance(1000);
    await stopping;
  });
});

describe('cycleTimeoutMs', () => {
  test('an overrunning poll is recorded as a poll failure that says it timed out, its signal aborts, the loop goes on', async () => {
    const { clock, observer, runtime, handle } = await startTally({ config: { cycleTimeoutMs: 30 } });
    observer.pollImpl = (_sources, _state, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    await clock.advance(INTERVAL + 29);
    assert.equal(handle.lastFailure(), undefined, 'not before the timeout');
    await clock.advance(1);
    const failure = handle.lastFailure();
    assert.ok(failure);
    assert.equal(failure.cycle, 1);
    assert.equal(failure.stage, 'poll');
    assert.equal(failure.sourceCount, 2);
    assert.match(failure.message, /timed out after 30 ms/);
    assert.equal(observer.pollSignals[0]?.aborted, true);
    observer.pollImpl = undefined;
    await clock.advance(INTERVAL);
    assert.equal(handle.lastFailure(), undefined);
    assert.equal(handle.latestSnapshot()?.cycle, 2);
    assert.equal(observer.maxActive, 1);
    await runtime.stop();
  });

  test('a poll that ignores its signal: later cycles are skipped failures until it settles, then polling resumes', async () => {
    const { clock, observer, runtime, handle } = await startTally({ config: { cycleTimeoutMs: 30 } });
    const hung = new Deferred<number[]>();
    observer.pollImpl = () => hung.promise;
    const received: ObservationBatch<number>[] = [];
    handle.subscribe((batch) => received.push(batch));
    await clock.advance(INTERVAL + 30);
    assert.match(handle.lastFailure()?.message ?? '', /cycle 1 timed out after 30 ms in the poll stage/);
    observer.pollImpl = undefined;

    await clock.advance(INTERVAL * 2); // cycles 2 and 3 come while cycle 1's poll still runs
    assert.equal(observer.pollCalls, 1, 'no poll beside the abandoned one');
    assert.equal(handle.lastFailure()?.cycle, 3);
    assert.equal(handle.lastFailure()?.stage, 'poll');
    assert.match(handle.lastFailure()?.message ?? '', /cycle 3 skipped: cycle 1 timed out in the poll stage and has not settled yet/);
    assert.equal(handle.status().cyclesFailed, 3);

    hung.resolve([99]); // the late result of the abandoned cycle
    await clock.advance(0);
    assert.deepEqual(received, [], 'its events are not published');
    assert.deepEqual(handle.history(), []);
    assert.equal(handle.latestSnapshot()?.cycle, 0);

    await clock.advance(INTERVAL);
    assert.equal(observer.pollCalls, 2, 'polling resumes');
    assert.equal(handle.lastFailure(), undefined);
    assert.equal(handle.latestSnapshot()?.cycle, 4);
    assert.equal(observer.maxActive, 1);
    await runtime.stop();
  });

  test('an overrunning provider is a source-refresh failure, and poll does not run when it answers late', async () => {
    const { clock, provider, observer, runtime, handle } = await startTally({ config: { cycleTimeoutMs: 30 } });
    const late = new Deferred<readonly ObservedSource<string>[]>();
    provider.next.push(() => late.promise);
    await clock.advance(INTERVAL + 30);
    assert.equal(handle.lastFailure()?.stage, 'source-refresh');
    assert.equal(handle.lastFailure()?.sourceCount, 0);
    assert.match(handle.lastFailure()?.message ?? '', /timed out after 30 ms in the source-refresh stage/);
    assert.equal(provider.signals[1]?.aborted, true);
    late.resolve(provider.list);
    await clock.advance(0);
    assert.equal(observer.pollCalls, 0, 'the abandoned cycle does not go on to poll');
    await clock.advance(INTERVAL);
    assert.equal(observer.pollCalls, 1);
    assert.equal(handle.latestSnapshot()?.cycle, 2);
    await runtime.stop();
  });

  test('a cycle that finishes in time clears its timeout timer', async () => {
    const { clock, runtime } = await startTally({ config: { cycleTimeoutMs: 30 } });
    await clock.advance(INTERVAL);
    assert.equal(clock.pending, 1, 'only the next cycle’s timer');
    await runtime.stop();
    assert.equal(clock.pending, 0);
  });
});

describe('stop', () => {
  test('is idempotent; concurrent calls and Symbol.asyncDispose share one promise', async () => {
    const { runtime } = await startTally();
    const first = runtime.stop();
    assert.equal(runtime.stop(), first);
    assert.equal(runtime[Symbol.asyncDispose](), first);
    await first;
    assert.equal(runtime.stop(), first);
  });

  test('Symbol.asyncDispose alone stops the runtime', async () => {
    const { clock, observer, runtime, handle } = await startTally();
    await runtime[Symbol.asyncDispose]();
    assert.equal(handle.status().running, false);
    assert.equal(clock.pending, 0);
    await clock.advance(INTERVAL * 3);
    assert.equal(observer.pollCalls, 0);
  });

  test('`await using` stops the runtime at the end of the block', async () => {
    const clock = new ManualClock();
    const observer = new TallyObserver();
    let handle;
    {
      await using runtime = await ObservationRuntime.start(new TestProvider(), observer, { intervalMs: INTERVAL, clock });
      handle = runtime.handle();
      await clock.advance(INTERVAL);
      assert.equal(handle.status().running, true);
    }
    assert.equal(handle.status().running, false);
    assert.equal(clock.pending, 0);
    await clock.advance(INTERVAL * 3);
    assert.equal(observer.pollCalls, 1);
  });

  test('leaves no timer, runs no more cycles, keeps the last state readable; done resolves after stop', async () => {
    const observer = new TallyObserver();
    observer.queued.push([5]);
    const { clock, provider, runtime, handle } = await startTally({ observer });
    const done = track(runtime.done);
    await clock.advance(INTERVAL * 2);
    provider.failNext(new Error('last words'));
    await clock.advance(INTERVAL);
    assert.equal(done.state, 'pending', 'done is pending while running');
    await runtime.stop();
    await clock.advance(0);
    assert.equal(done.state, 'resolved');
    assert.equal(clock.pending, 0);
    const calls = provider.calls;
    await clock.advance(INTERVAL * 10);
    assert.equal(provider.calls, calls, 'no more cycles');
    assert.equal(observer.pollCalls, 2);
    assert.equal(handle.latestSnapshot()?.cycle, 2);
    assert.equal(handle.history().length, 1);
    assert.equal(handle.lastFailure()?.message, 'last words');
    assert.equal(handle.status().running, false);
  });

  test('aborts the in-flight cycle’s signal with ObservationStoppedError and waits for it to settle', async () => {
    const { clock, observer, runtime } = await startTally();
    const settled = new Deferred<void>();
    observer.pollImpl = (_sources, _state, signal) =>
      new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => {
          // settles a little after the abort
          void clock.sleep(10).then(() => {
            reject(signal.reason);
            settled.resolve();
          });
        }),
      );
    await clock.advance(INTERVAL);
    const signal = observer.pollSignals[0];
    assert.equal(signal?.aborted, false);
    const stopping = track(runtime.stop());
    assert.equal(signal?.aborted, true);
    assert.ok(signal?.reason instanceof ObservationStoppedError);
    await clock.advance(9);
    assert.equal(stopping.state, 'pending', 'stop waits for the in-flight cycle');
    await clock.advance(1);
    assert.equal(stopping.state, 'resolved');
    assert.equal(clock.pending, 0);
  });

  test('a poll that never settles does not hang stop: it gives up after stopTimeoutMs and leaves no timer', async () => {
    const { clock, observer, runtime } = await startTally({ config: { stopTimeoutMs: 200 } });
    observer.pollImpl = () => new Promise(() => {});
    await clock.advance(INTERVAL);
    const stopping = track(runtime.stop());
    await clock.advance(199);
    assert.equal(stopping.state, 'pending');
    await clock.advance(1);
    assert.equal(stopping.state, 'resolved');
    assert.equal(clock.pending, 0);
  });

  test('with cycleTimeoutMs, stopping during a hung poll leaves no timer either', async () => {
    const { clock, observer, runtime } = await startTally({ config: { stopTimeoutMs: 50, cycleTimeoutMs: 500 } });
    observer.pollImpl = () => new Promise(() => {});
    await clock.advance(INTERVAL);
    const stopping = runtime.stop();
    await clock.advance(50);
    await stopping;
    assert.equal(clock.pending, 0, 'the cycle timeout timer is cleared by stop');
  });

  test('a late result from a cycle abandoned at stop changes nothing', async () => {
    const observer = new TallyObserver();
    const { clock, provider, runtime, handle } = await startTally({ observer, config: { stopTimeoutMs: 10 } });
    observer.queued.push([1]);
    await clock.advance(INTERVAL);
    const late = new Deferred<number[]>();
    observer.pollImpl = () => late.promise;
    const received: ObservationBatch<number>[] = [];
    handle.subscribe((batch) => received.push(batch));
    const cycles: number[] = [];
    handle.onCycle((report) => cycles.push(report.cycle));
    await clock.advance(INTERVAL);
    const stopping = runtime.stop();
    await clock.advance(10);
    await stopping;
    const before = { snapshot: handle.latestSnapshot(), history: handle.history(), error: handle.lastFailure(), status: handle.status() };
    late.resolve([42]);
    await clock.advance(INTERVAL * 3);
    assert.equal(handle.latestSnapshot(), before.snapshot);
    assert.deepEqual(handle.history(), before.history);
    assert.equal(handle.lastFailure(), before.error);
    assert.deepEqual(handle.status(), before.status);
    assert.deepEqual(received, []);
    assert.deepEqual(cycles, []);
    assert.equal(clock.pending, 0);
    assert.equal(observer.pollCalls, 2);
    assert.equal(provider.calls, 3);
  });

  test('a late provider answer after stop does not lead to a poll', async () => {
    const { clock, provider, observer, runtime } = await startTally({ config: { stopTimeoutMs: 10 } });
    const late = new Deferred<readonly ObservedSource<string>[]>();
    provider.next.push(() => late.promise);
    await clock.advance(INTERVAL);
    const stopping = runtime.stop();
    assert.equal(provider.signals[1]?.aborted, true, 'stop aborts the provider’s signal');
    await clock.advance(10);
    await stopping;
    late.resolve(provider.list);
    await clock.advance(INTERVAL);
    assert.equal(observer.pollCalls, 0, 'no poll after stop');
  });
});

describe('stop with the real clock', () => {
  const timeouts = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

  test('leaves no Timeout behind, even with a pending wait and a hung poll under cycleTimeoutMs', async () => {
    const before = timeouts();
    const observer = new TallyObserver();
    const runtime = await ObservationRuntime.start(new TestProvider(), observer, {
      intervalMs: 10,
      cycleTimeoutMs: 60_000,
      stopTimeoutMs: 20,
    });
    try {
      const handle = runtime.handle();
      await handle.waitForCycle(2, { timeoutMs: 5000 });
      observer.pollImpl = () => new Promise(() => {});
      // wait (generously) until the hung poll has begun
      const deadline = Date.now() + 5000;
      while (observer.active === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(observer.active, 1, 'a hung poll is in flight');
      const pending = assert.rejects(
        handle.waitForSnapshot(() => false, { timeoutMs: 60_000 }),
        ObservationStoppedError,
      );
      assert.ok(timeouts() > before, 'the runtime holds timers while it runs');
      await runtime.stop();
      await pending;
      assert.equal(timeouts(), before, `resources left: ${process.getActiveResourcesInfo().join(', ')}`);
    } finally {
      await runtime.stop();
    }
  });

  test('a runtime stopped between cycles leaves no Timeout behind', async () => {
    const before = timeouts();
    const runtime = await ObservationRuntime.start(new TestProvider(), new TallyObserver(), { intervalMs: 10 });
    try {
      await runtime.handle().waitForCycle(3, { timeoutMs: 5000 });
      await new Promise((resolve) => setImmediate(resolve)); // lets the loop schedule its next cycle
      assert.ok(timeouts() > before, 'the next cycle is scheduled');
    } finally {
      await runtime.stop();
    }
    assert.equal(timeouts(), before, `resources left: ${process.getActiveResourcesInfo().join(', ')}`);
    assert.equal(runtime.handle().status().running, false);
  });
});

describe('logging', () => {
  test('info at start with observer name, interval, history limit and source count; debug per cycle; warn per failure', async () => {
    const logger = new RecordingLogger();
    const observer = new TallyObserver();
    observer.queued.push([1, 2]);
    const { clock, provider, runtime } = await startTally({
      observer,
      provider: new TestProvider('a', 'b', 'c'),
      config: { logger, historyLimit: 7 },
    });
    assert.deepEqual(logger.entries, [
      {
        level: 'info',
        message: 'starting observation runtime',
        fields: { observer: 'TallyObserver', intervalMs: INTERVAL, historyLimit: 7, sourceCount: 3 },
      },
    ]);
    await clock.advance(INTERVAL);
    const debug = logger.at('debug');
    assert.equal(debug.length, 1);
    assert.deepEqual(debug[0]?.fields, { observer: 'TallyObserver', cycle: 1, sourceCount: 3, eventCount: 2 });

    provider.failNext(new Error('registry down'));
    await clock.advance(INTERVAL);
    const warn = logger.at('warn');
    assert.equal(warn.length, 1);
    assert.deepEqual(warn[0]?.fields, {
      observer: 'TallyObserver',
      cycle: 2,
      sourceCount: 0,
      stage: 'source-refresh',
      message: 'registry down',
    });
    assert.equal(logger.at('debug').length, 1, 'a failed cycle is not logged as completed');
    await runtime.stop();
  });

  test('an anonymous observer object is named as such', async () => {
    const logger = new RecordingLogger();
    const runtime = await ObservationRuntime.start(
      new TestProvider(),
      { init: () => ({}), poll: () => [], snapshot: () => ({}) },
      { clock: new ManualClock(), logger },
    );
    assert.equal(logger.at('info')[0]?.fields.observer, 'anonymous observer');
    await runtime.stop();
  });

  test('silent without a logger: nothing reaches the console', async (t) => {
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const mocks = methods.map((method) => t.mock.method(console, method, () => {}));
    const { clock, provider, runtime, handle } = await startTally();
    handle.subscribe(() => {
      throw new Error('subscriber bug');
    });
    provider.failNext(new Error('down'));
    await clock.advance(INTERVAL * 3);
    await runtime.stop();
    for (const [index, mock] of mocks.entries()) assert.equal(mock.mock.callCount(), 0, `console.${methods[index]} was called`);
  });

  test('a logger that throws breaks nothing', async () => {
    const explode = (): never => {
      throw new Error('logger broken');
    };
    const logger = { debug: explode, info: explode, warn: explode };
    const observer = new TallyObserver();
    observer.queued.push([3]);
    const { clock, provider, runtime, handle } = await startTally({ observer, config: { logger } });
    await clock.advance(INTERVAL);
    assert.equal(handle.latestSnapshot()?.cycle, 1);
    provider.failNext(new Error('down'));
    await clock.advance(INTERVAL);
    assert.equal(handle.lastFailure()?.cycle, 2);
    await clock.advance(INTERVAL);
    assert.equal(handle.latestSnapshot()?.cycle, 3);
    assert.equal(handle.lastFailure(), undefined);
    await runtime.stop();
    assert.equal(clock.pending, 0);
  });

  test('a logger with only some methods is fine', async () => {
    const infos: string[] = [];
    const { clock, runtime, handle } = await startTally({ config: { logger: { info: (message) => infos.push(message) } } });
    await clock.advance(INTERVAL);
    assert.equal(handle.latestSnapshot()?.cycle, 1);
    await runtime.stop();
    assert.deepEqual(infos, ['starting observation runtime', 'observation runtime stopped']);
  });
});
