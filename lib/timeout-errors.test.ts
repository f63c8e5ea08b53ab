// The two timeouts of the runtime itself, a cycle's and start-up's: named classes whose `name` stays 'TimeoutError'.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../test/helpers/manual-clock.js';
import { INTERVAL, startTally, TallyObserver, TestProvider, track } from '../test/helpers/fixtures.js';
import { ObservationCycleTimeoutError, ObservationRuntime, ObservationRuntimeError, ObservationStartupTimeoutError } from './index.js';

describe('ObservationCycleTimeoutError', () => {
  test('aborts the cycle’s signal and is the cause of its failure, with the cycle, the timeout and the stage', async () => {
    const { clock, observer, runtime, handle } = await startTally({ config: { cycleTimeoutMs: 30 } });
    observer.pollImpl = () => new Promise(() => {});
    await clock.advance(INTERVAL + 30);
    const reason: unknown = observer.pollSignals[0]?.reason;
    assert.ok(reason instanceof ObservationCycleTimeoutError);
    assert.equal(reason.name, 'TimeoutError');
    assert.equal(reason.message, 'observation cycle 1 timed out after 30 ms in the poll stage');
    assert.deepEqual({ cycle: reason.cycle, timeoutMs: reason.timeoutMs, stage: reason.stage }, { cycle: 1, timeoutMs: 30, stage: 'poll' });
    const failure = handle.lastFailure();
    assert.equal(failure?.cause, reason);
    assert.equal(failure?.message, reason.message);
    const stopping = runtime.stop();
    await clock.advance(1000);
    await stopping;
    assert.equal(clock.pending, 0);
  });

  test('without cycleTimeoutMs a cycle arms no deadline: no timer beyond the next tick', async () => {
    const { clock, observer, runtime } = await startTally();
    observer.pollImpl = () => new Promise(() => {});
    await clock.advance(INTERVAL);
    assert.equal(observer.pollSignals.length, 1, 'the cycle is in flight');
    assert.equal(clock.pending, 0, 'a hanging cycle without a deadline holds no timer');
    const stopping = runtime.stop();
    await clock.advance(1000);
    await stopping;
  });
});

describe('ObservationStartupTimeoutError', () => {
  test('aborts start-up’s signal and is the cause of the ObservationRuntimeError', async () => {
    const clock = new ManualClock();
    const observer = new TallyObserver();
    observer.initImpl = () => new Promise(() => {});
    const start = track(ObservationRuntime.start(new TestProvider(), observer, { clock, startupTimeoutMs: 250 }));
    await clock.advance(250);
    assert.ok(start.error instanceof ObservationRuntimeError);
    const cause: unknown = start.error.cause;
    assert.ok(cause instanceof ObservationStartupTimeoutError);
    assert.equal(cause.name, 'TimeoutError');
    assert.equal(cause.message, 'start-up timed out after 250 ms');
    assert.equal(cause.timeoutMs, 250);
    assert.equal(observer.initSignals[0]?.reason, cause);
    assert.equal(clock.pending, 0);
  });
});
