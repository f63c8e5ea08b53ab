// "Eventually, then stable": reached within a bound, then held for a duration or cycles, in one wait.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { INTERVAL, TallyObserver, startTally, track } from '../test/helpers/fixtures.js';
import { ObservationHoldError, ObservationTimeoutError } from './index.js';

describe('waitAndHold', () => {
  test('resolves with the snapshot that reached it once it held for the duration', async () => {
    const observer = new TallyObserver();
    observer.queued.push([], [3]);
    const { clock, runtime, handle } = await startTally({ observer });
    const wait = track(handle.waitAndHold((value) => value.total === 3, { timeoutMs: 1000, durationMs: 300 }));
    await clock.advance(INTERVAL * 4);
    assert.equal(wait.state, 'pending');
    await clock.advance(INTERVAL);
    assert.equal(wait.value?.cycle, 2);
    await runtime.stop();
  });

  test('a break after it was reached rejects, saying where it was reached and where it broke', async () => {
    const observer = new TallyObserver();
    observer.queued.push([3], [], [1]);
    const { clock, runtime, handle } = await startTally({ observer });
    const wait = track(handle.waitAndHold((value) => value.total === 3, { timeoutMs: 1000, cycles: 5, description: 'a total of 3' }));
    await clock.advance(INTERVAL * 3);
    assert.ok(wait.error instanceof ObservationHoldError);
    assert.match(wait.error.message, /^reached at cycle 1, then a total of 3 stopped holding at cycle 3, after 2 cycles of 5 cycles\n/);
    assert.equal(wait.error.snapshot?.cycle, 3);
    await runtime.stop();
  });

  test('not reached in time: the wait times out as waitForSnapshot does', async () => {
    const { clock, runtime, handle } = await startTally();
    const wait = track(handle.waitAndHold(() => false, { timeoutMs: 200, durationMs: 100, description: 'never' }));
    await clock.advance(200);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /^timed out after 200 ms waiting for never\n/);
    await runtime.stop();
  });

  test('needs exactly one of durationMs or cycles, checked before waiting', async () => {
    const { runtime, handle } = await startTally();
    await assert.rejects(
      handle.waitAndHold(() => true, { timeoutMs: 100 }),
      { name: 'TypeError', message: /exactly one of durationMs/ },
    );
    await assert.rejects(
      handle.waitAndHold(() => false, { cycles: 0 }),
      { name: 'TypeError', message: 'cycles must be a positive integer, got 0' },
    );
    await runtime.stop();
  });
});
