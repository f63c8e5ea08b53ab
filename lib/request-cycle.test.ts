// Push-triggered cycles: requestCycle() and watch(context) run a cycle as soon as none runs, coalesced, never
// overlapping, never sooner than minCycleGapMs after the last one, then back on the interval schedule.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { flush } from '../test/helpers/manual-clock.js';
import { Deferred, INTERVAL, RecordingLogger, TallyObserver, TestProvider, startTally } from '../test/helpers/fixtures.js';
import { ObservationRuntime, ObservationRuntimeError, ObservationStoppedError, type WatchContext } from './index.js';

describe('handle.requestCycle()', () => {
  test('runs a cycle at once when none is running, without waiting for the interval', async () => {
    const { clock, observer, runtime, handle } = await startTally();
    handle.requestCycle();
    assert.equal(observer.pollCalls, 0, 'not inside the call: the cycle starts in a microtask');
    await flush();
    assert.equal(observer.pollCalls, 1);
    assert.equal(handle.latestSnapshot()?.cycle, 1);
    assert.equal(clock.now() - handle.status().startedAt.getTime(), 0, 'no time passed');
    await runtime.stop();
  });

  test('many requests before the cycle starts are served by one cycle', async () => {
    const { observer, runtime, handle } = await startTally();
    for (let request = 0; request < 50; request += 1) handle.requestCycle();
    await flush();
    await flush();
    assert.equal(observer.pollCalls, 1);
    await runtime.stop();
  });

  test('a request during a cycle runs one more cycle right after it, never beside it', async () => {
    const { clock, observer, runtime, handle } = await startTally();
    const slow = new Deferred<number[]>();
    observer.pollImpl = () => (observer.pollCalls === 1 ? slow.promise : []);
    handle.requestCycle();
    await flush();
    assert.equal(observer.active, 1, 'cycle 1 is in flight');
    for (let request = 0; request < 10; request += 1) handle.requestCycle();
    await flush();
    assert.equal(observer.pollCalls, 1, 'no second cycle beside the first');
    slow.resolve([]);
    await flush();
    await clock.advance(0);
    assert.equal(observer.pollCalls, 2, 'the requests ran one cycle after it');
    assert.equal(observer.maxActive, 1);
    await clock.advance(INTERVAL - 1);
    assert.equal(observer.pollCalls, 2, 'and no more until the interval');
    await runtime.stop();
  });

  test('the interval schedule restarts from a requested cycle', async () => {
    const { clock, observer, runtime, handle } = await startTally();
    await clock.advance(30);
    handle.requestCycle();
    await flush();
    assert.deepEqual(
      observer.pollStartedAt.map((at) => at - handle.status().startedAt.getTime()),
      [30],
    );
    await clock.advance(INTERVAL - 1);
    assert.equal(observer.pollCalls, 1, 'the tick that was due at 100 ms does not fire at once after it');
    await clock.advance(1);
    assert.equal(observer.pollCalls, 2, 'the next cycle comes one interval after the requested one');
    await clock.advance(INTERVAL);
    assert.deepEqual(
      observer.pollStartedAt.map((at) => at - handle.status().startedAt.getTime()),
      [30, 130, 230],
    );
    await runtime.stop();
  });

  test('minCycleGapMs holds a requested cycle back until that long after the previous one ended', async () => {
    const { clock, observer, runtime, handle } = await startTally({ config: { minCycleGapMs: 40 } });
    handle.requestCycle();
    await flush();
    assert.equal(observer.pollCalls, 1, 'the first request has no previous cycle to keep a gap from');
    handle.requestCycle();
    handle.requestCycle();
    await clock.advance(39);
    assert.equal(observer.pollCalls, 1);
    await clock.advance(1);
    assert.equal(observer.pollCalls, 2, 'one cycle for both requests, 40 ms after the first ended');
    await runtime.stop();
    assert.equal(clock.pending, 0);
  });

  test('a storm of requests from inside the cycles is throttled to one cycle per gap', async () => {
    const { clock, observer, runtime, handle } = await startTally({ config: { minCycleGapMs: 10 } });
    observer.pollImpl = () => {
      handle.requestCycle();
      return [];
    };
    handle.requestCycle();
    await clock.advance(95);
    assert.ok(observer.pollCalls >= 9 && observer.pollCalls <= 11, `${observer.pollCalls} cycles in 95 ms`);
    await runtime.stop();
    assert.equal(clock.pending, 0);
  });

  test('does nothing once the runtime has stopped, and leaves no timer', async () => {
    const { clock, observer, runtime, handle } = await startTally({ config: { minCycleGapMs: 50 } });
    handle.requestCycle();
    await flush();
    handle.requestCycle();
    await runtime.stop();
    handle.requestCycle();
    await clock.advance(INTERVAL * 3);
    assert.equal(observer.pollCalls, 1);
    assert.equal(clock.pending, 0);
  });

  test('a requested cycle waits behind a timed-out cycle that has not settled, recorded as skipped', async () => {
    const { clock, observer, runtime, handle } = await startTally({ config: { cycleTimeoutMs: 20 } });
    const hang = new Deferred<number[]>();
    observer.pollImpl = () => (observer.pollCalls === 1 ? hang.promise : []);
    handle.requestCycle();
    await clock.advance(20);
    assert.match(handle.lastFailure()?.message ?? '', /timed out after 20 ms in the poll stage/);
    handle.requestCycle();
    await flush();
    assert.match(handle.lastFailure()?.message ?? '', /cycle 2 skipped: cycle 1 timed out/);
    hang.resolve([]);
    await flush();
    handle.requestCycle();
    await flush();
    assert.equal(handle.lastFailure(), undefined);
    assert.equal(observer.pollCalls, 2);
    await runtime.stop();
  });

  test('minCycleGapMs is checked like the other durations', async () => {
    await assert.rejects(
      ObservationRuntime.start(new TestProvider(), new TallyObserver(), { minCycleGapMs: -1 }),
      (error: unknown) => error instanceof ObservationRuntimeError && /minCycleGapMs must be a non-negative number/.test(error.message),
    );
  });
});

/** A tally observer whose watch keeps the context it was given and runs until stopped. */
class WatchingObserver extends TallyObserver {
  context: WatchContext | undefined;
  watchCalls = 0;
  ended = false;

  async watch(context: WatchContext): Promise<void> {
    this.watchCalls += 1;
    this.context = context;
    await new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve(), { once: true }));
    this.ended = true;
  }
}

describe('watch(context) on an observer or a provider', () => {
  test('is called once after start-up; its requestCycle runs a cycle; its signal aborts at stop, which waits for it', async () => {
    const observer = new WatchingObserver();
    const { runtime, handle } = await startTally({ observer });
    assert.equal(observer.watchCalls, 1);
    assert.equal(observer.initCalls, 1, 'after init');
    observer.context!.requestCycle();
    await flush();
    assert.equal(handle.latestSnapshot()?.cycle, 1);
    assert.equal(observer.context!.signal.aborted, false);
    await runtime.stop();
    assert.ok(observer.context!.signal.reason instanceof ObservationStoppedError);
    assert.equal(observer.ended, true, 'stop() waited for the watch to end');
    observer.context!.requestCycle();
    await flush();
    assert.equal(observer.pollCalls, 1, 'a late request changes nothing');
  });

  test("a provider's watch works the same way", async () => {
    const provider = new (class extends TestProvider {
      context: WatchContext | undefined;
      watch(context: WatchContext): void {
        this.context = context;
      }
    })();
    const { observer, runtime } = await startTally({ provider });
    provider.context!.requestCycle();
    await flush();
    assert.equal(observer.pollCalls, 1);
    await runtime.stop();
    assert.equal(provider.context!.signal.aborted, true);
  });

  test('a watch that throws or rejects is logged, and the interval cycles go on', async () => {
    const logger = new RecordingLogger();
    const observer = new (class extends TallyObserver {
      watch(): void {
        throw new Error('watch endpoint refused');
      }
    })();
    const provider = new (class extends TestProvider {
      async watch(): Promise<void> {
        throw new Error('stream closed');
      }
    })();
    const { clock, runtime } = await startTally({ observer, provider, config: { logger } });
    await flush();
    const warnings = logger.at('warn').map((entry) => `${entry.message}: ${String(entry.fields.message)}`);
    assert.deepEqual(warnings.sort(), [
      'observer.watch failed; cycles go on at the interval: watch endpoint refused',
      'provider.watch failed; cycles go on at the interval: stream closed',
    ]);
    await clock.advance(INTERVAL * 2);
    assert.equal(observer.pollCalls, 2);
    await runtime.stop();
  });

  test('stop waits for a watch that ignores its signal at most stopTimeoutMs', async () => {
    const observer = new (class extends TallyObserver {
      watch(): Promise<void> {
        return new Promise(() => {});
      }
    })();
    const { clock, runtime } = await startTally({ observer, config: { stopTimeoutMs: 50 } });
    let stopped = false;
    const stopping = runtime.stop().then(() => (stopped = true));
    await clock.advance(49);
    assert.equal(stopped, false);
    await clock.advance(1);
    await stopping;
    assert.equal(clock.pending, 0);
  });
});
