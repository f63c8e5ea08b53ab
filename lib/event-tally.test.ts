// Counting events: at least N within a bound, how many in the history, how many during a window.
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import { INTERVAL, TallyObserver, coreListeners, settledNow, startTally, track } from '../test/helpers/fixtures.js';
import { ObservationTimeoutError } from './index.js';

before(() => coreListeners.install());
beforeEach(() => coreListeners.reset());

describe('waitForEventCount', () => {
  test('counts the history first, then live events, and resolves with the first N matches', async () => {
    const observer = new TallyObserver();
    observer.queued.push([2, 1], [3], [4, 6]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    const wait = track(handle.waitForEventCount((event) => event % 2 === 0, { count: 3 }));
    await clock.advance(INTERVAL * 2);
    assert.deepEqual(
      wait.value?.map((found) => [found.event, found.batch.cycle]),
      [
        [2, 1],
        [4, 3],
        [6, 3],
      ],
    );
    await runtime.stop();
  });

  test('resolves at once when the history already holds N', async () => {
    const observer = new TallyObserver();
    observer.queued.push([2, 2]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    assert.equal((await settledNow(handle.waitForEventCount((event) => event === 2, { count: 2 }))).length, 2);
    await runtime.stop();
  });

  test('includeHistory: false counts only batches published after the call', async () => {
    const observer = new TallyObserver();
    observer.queued.push([2], [2]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    const wait = track(handle.waitForEventCount((event) => event === 2, { count: 2, includeHistory: false, timeoutMs: 300 }));
    await clock.advance(300);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /\n {2}matched: 1 of 2 \(1 event looked at\)\n {2}no event that did not match$/);
    await runtime.stop();
  });

  test('a timeout says how many matched and shows the last events that did not', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1, 2, 3, 5, 7, 9, 11]);
    const { clock, runtime, handle } = await startTally({ observer });
    const wait = track(handle.waitForEventCount((event) => event === 2, { count: 2, timeoutMs: 200, description: 'two events 2' }));
    await clock.advance(200);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /^timed out after 200 ms waiting for two events 2\n/);
    assert.ok(
      wait.error.message.endsWith(
        '  matched: 1 of 2 (7 events looked at)\n  last events that did not match (5):\n' +
          '    cycle 1: 3\n    cycle 1: 5\n    cycle 1: 7\n    cycle 1: 9\n    cycle 1: 11',
      ),
      wait.error.message,
    );
    await runtime.stop();
    assert.equal(coreListeners.count(), 0);
  });

  test('a count that is not a positive integer is a TypeError', async () => {
    const { runtime, handle } = await startTally();
    await assert.rejects(
      handle.waitForEventCount(() => true, { count: 0 }),
      { name: 'TypeError', message: 'count must be a positive integer, got 0' },
    );
    await runtime.stop();
  });
});

describe('tallyHistory', () => {
  test('counts the matching events of the retained history, keeping the last that did not match', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1, 2], [2, 3]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL * 2);
    const tally = handle.tallyHistory((event) => event === 2);
    assert.deepEqual(
      tally.matched.map((found) => found.batch.cycle),
      [1, 2],
    );
    assert.deepEqual(
      tally.unmatched.map((found) => found.event),
      [1, 3],
    );
    assert.equal(tally.seen, 4);
    await runtime.stop();
  });
});

describe('tallyEventsFor', () => {
  test('counts only live events, and resolves when the window ends', async () => {
    const observer = new TallyObserver();
    observer.queued.push([2], [2, 1], [], [2]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    const window = track(handle.tallyEventsFor((event) => event === 2, { durationMs: 250 }));
    await clock.advance(INTERVAL * 2);
    assert.equal(window.state, 'pending');
    await clock.advance(50);
    assert.equal(window.value?.matched.length, 1);
    assert.deepEqual(
      window.value?.unmatched.map((found) => found.event),
      [1],
    );
    await runtime.stop();
    assert.equal(coreListeners.count(), 0);
  });

  test('a bad duration is a TypeError naming it', async () => {
    const { runtime, handle } = await startTally();
    await assert.rejects(
      handle.tallyEventsFor(() => true, { durationMs: -1 }),
      { name: 'TypeError', message: /^durationMs must be a positive number/ },
    );
    await runtime.stop();
  });
});
