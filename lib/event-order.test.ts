// Events in order with a read cursor: each entry matched by an event later than the previous match.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { INTERVAL, TallyObserver, settledNow, startTally, track } from '../test/helpers/fixtures.js';
import { ObservationTimeoutError } from './index.js';

const is = (wanted: number) => Object.defineProperty((event: number) => event === wanted, 'name', { value: `event ${wanted}` });

describe('waitForEventsInOrder', () => {
  test('history first, then live; each entry is matched after the previous one', async () => {
    const observer = new TallyObserver();
    observer.queued.push([2, 1], [3], [2]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    const wait = track(handle.waitForEventsInOrder([is(1), is(2)]));
    await clock.advance(INTERVAL);
    assert.equal(wait.state, 'pending', 'the 2 before the 1 does not count');
    await clock.advance(INTERVAL);
    assert.deepEqual(
      wait.value?.map((found) => [found.event, found.batch.cycle]),
      [
        [1, 1],
        [2, 3],
      ],
    );
    await runtime.stop();
  });

  test('two equal entries need two events; in one batch the order of its events counts', async () => {
    const observer = new TallyObserver();
    observer.queued.push([5, 6, 5]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    const found = await settledNow(handle.waitForEventsInOrder([is(5), is(6), is(5)]));
    assert.equal(found.length, 3);
    const twice = track(handle.waitForEventsInOrder([is(6), is(6)], { timeoutMs: 200 }));
    await clock.advance(200);
    assert.ok(twice.error instanceof ObservationTimeoutError);
    await runtime.stop();
  });

  test('a timeout names the entry not found and the event after which it was looked for', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1, 3, 2]);
    const { clock, runtime, handle } = await startTally({ observer });
    const wait = track(handle.waitForEventsInOrder([is(1), is(2), is(3)], { timeoutMs: 200, description: 'events 1, 2, 3 in order' }));
    await clock.advance(200);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /^timed out after 200 ms waiting for events 1, 2, 3 in order\n/);
    assert.ok(
      wait.error.message.endsWith('  matched in order: 2 of 3\n  not found: entry 3 (event 3) after the event of cycle 1 that matched entry 2: 2'),
      wait.error.message,
    );
    await runtime.stop();
  });

  test('with nothing matched, the first entry is missing in any event; includeHistory: false skips the history', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1]);
    const { clock, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    const wait = track(handle.waitForEventsInOrder([(event) => event === 1], { timeoutMs: 200, includeHistory: false }));
    await clock.advance(200);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /\n {2}not found: entry 1 in any event$/);
    await runtime.stop();
  });

  test('an empty list or a non-function is a TypeError naming it', async () => {
    const { runtime, handle } = await startTally();
    await assert.rejects(handle.waitForEventsInOrder([]), { name: 'TypeError', message: 'predicates must be a non-empty array of functions, got []' });
    await assert.rejects(handle.waitForEventsInOrder([() => true, 2 as never]), { name: 'TypeError', message: 'predicates[1] must be a function, got 2' });
    await runtime.stop();
  });
});
