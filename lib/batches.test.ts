// handle.batches(): live batches in order, a bounded buffer with lag reporting, and every way the iteration ends.
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import { INTERVAL, TallyObserver, abortListeners, coreListeners, settledNow, startTally, track } from '../test/helpers/fixtures.js';
import { BatchIterator, ObservationLagError, type ObservationBatch } from './index.js';

before(() => coreListeners.install());
beforeEach(() => coreListeners.reset());

/** An observer that emits [1], [2], [3]... one event per cycle, numbered by cycle. */
function counting(): TallyObserver {
  const observer = new TallyObserver();
  observer.pollImpl = () => [observer.pollCalls];
  return observer;
}

const firstEvents = (batches: readonly ObservationBatch<number>[]): number[] => batches.map((batch) => batch.events[0] ?? -1);

describe('batches()', () => {
  test('yields the batches published after it was created, in order', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting() });
    await clock.advance(INTERVAL); // batch 1, before the iterator
    const iterator = handle.batches();
    assert.ok(iterator instanceof BatchIterator);
    const received: ObservationBatch<number>[] = [];
    const consumer = (async () => {
      for await (const batch of iterator) {
        received.push(batch);
        if (received.length === 3) break;
      }
    })();
    await clock.advance(INTERVAL * 3);
    await consumer;
    assert.deepEqual(firstEvents(received), [2, 3, 4]);
    assert.deepEqual(
      received.map((batch) => batch.cycle),
      [2, 3, 4],
    );
    await runtime.stop();
  });

  test('a consumer that falls behind gets one ObservationLagError with the skipped count, then the oldest still buffered', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting(), config: { historyLimit: 3 } });
    const iterator = handle.batches();
    await clock.advance(INTERVAL * 5); // batches 1..5 into a buffer of 3
    await assert.rejects(settledNow(iterator.next()), (error: unknown) => {
      assert.ok(error instanceof ObservationLagError);
      assert.equal(error.name, 'ObservationLagError');
      assert.equal(error.skipped, 2);
      assert.equal(error.message, 'batch consumer fell behind: 2 batches were dropped (buffer holds 3); the next batches are the oldest still buffered');
      return true;
    });
    const rest: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const result = await settledNow(iterator.next());
      assert.equal(result.done, false);
      rest.push(result.value?.events[0] ?? -1);
    }
    assert.deepEqual(rest, [3, 4, 5]);
    const live = track(iterator.next());
    await clock.advance(INTERVAL);
    assert.equal(live.state, 'resolved', 'no second lag error; live batches go on');
    assert.equal(live.value?.value?.events[0], 6);
    await runtime.stop();
  });

  test('the buffer holds at least one batch, even with historyLimit 0', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting(), config: { historyLimit: 0 } });
    const iterator = handle.batches();
    await clock.advance(INTERVAL * 3);
    await assert.rejects(
      iterator.next(),
      (error: unknown) => error instanceof ObservationLagError && error.skipped === 2 && /\(buffer holds 1\)/.test(error.message),
    );
    const result = await settledNow(iterator.next());
    assert.equal(result.value?.events[0], 3);
    await runtime.stop();
  });

  test('a single skipped batch is reported in the singular', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting(), config: { historyLimit: 1 } });
    const iterator = handle.batches();
    await clock.advance(INTERVAL * 2);
    await assert.rejects(settledNow(iterator.next()), { message: /^batch consumer fell behind: 1 batch was dropped/ });
    await runtime.stop();
  });

  test('breaking out of for await releases its listeners, and the iterator is done afterwards', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting() });
    const controller = new AbortController();
    const iterator = handle.batches({ signal: controller.signal });
    assert.equal(coreListeners.count(), 2, 'a batch and a stop listener');
    assert.equal(abortListeners(controller.signal), 1);
    const consumer = (async () => {
      for await (const batch of iterator) {
        if (batch.cycle === 2) break;
      }
    })();
    await clock.advance(INTERVAL * 2);
    await consumer;
    assert.equal(coreListeners.count(), 0);
    assert.equal(abortListeners(controller.signal), 0);
    await clock.advance(INTERVAL);
    assert.deepEqual(await settledNow(iterator.next()), { value: undefined, done: true });
    await runtime.stop();
  });

  test('aborting its signal ends a pending next() and releases the listeners', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting() });
    const controller = new AbortController();
    const iterator = handle.batches({ signal: controller.signal });
    await clock.advance(INTERVAL); // one buffered, dropped by the abort
    assert.equal((await settledNow(iterator.next())).value?.cycle, 1);
    const pending = track(iterator.next());
    controller.abort();
    await clock.advance(0);
    assert.deepEqual(pending.value, { value: undefined, done: true });
    assert.equal(coreListeners.count(), 0);
    assert.equal(abortListeners(controller.signal), 0);
    await clock.advance(INTERVAL);
    assert.equal((await settledNow(iterator.next())).done, true);
    await runtime.stop();
  });

  test('an already aborted signal gives an iterator that is done at once', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting() });
    const iterator = handle.batches({ signal: AbortSignal.abort() });
    await clock.advance(INTERVAL);
    assert.equal((await settledNow(iterator.next())).done, true);
    assert.equal(coreListeners.count(), 0);
    await runtime.stop();
  });

  test('stop ends it after the buffer drains', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting() });
    const iterator = handle.batches();
    await clock.advance(INTERVAL * 2);
    await runtime.stop();
    assert.equal(coreListeners.count(), 0);
    const received: ObservationBatch<number>[] = [];
    for await (const batch of iterator) received.push(batch);
    assert.deepEqual(firstEvents(received), [1, 2]);
  });

  test('stop ends a consumer waiting on next()', async () => {
    const { runtime, handle } = await startTally({ observer: counting() });
    const iterator = handle.batches();
    const pending = track(iterator.next());
    await runtime.stop();
    await Promise.resolve();
    assert.deepEqual(pending.value, { value: undefined, done: true });
  });

  test('an iterator made after stop is done at once', async () => {
    const { runtime, handle } = await startTally({ observer: counting() });
    await runtime.stop();
    assert.equal((await settledNow(handle.batches().next())).done, true);
    assert.equal(coreListeners.count(), 0);
  });

  test('`await using` releases it at the end of the block', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting() });
    {
      await using iterator = handle.batches();
      await clock.advance(INTERVAL);
      assert.equal((await settledNow(iterator.next())).value?.cycle, 1);
      assert.equal(coreListeners.count(), 2);
    }
    assert.equal(coreListeners.count(), 0);
    await runtime.stop();
  });

  test('a second next() before the first settles is refused', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting() });
    const iterator = handle.batches();
    const first = iterator.next();
    await assert.rejects(settledNow(iterator.next()), /next\(\) called again before the previous call settled/);
    await clock.advance(INTERVAL);
    assert.equal((await first).value?.cycle, 1);
    await runtime.stop();
  });

  test('several iterators each get every batch', async () => {
    const { clock, runtime, handle } = await startTally({ observer: counting() });
    const a = handle.batches();
    const b = handle.batches();
    await clock.advance(INTERVAL * 2);
    assert.equal((await settledNow(a.next())).value?.cycle, 1);
    assert.equal((await settledNow(b.next())).value?.cycle, 1);
    assert.equal((await settledNow(b.next())).value?.cycle, 2);
    assert.equal((await settledNow(a.next())).value?.cycle, 2);
    await runtime.stop();
  });

  test('a signal that is not an AbortSignal is refused', async () => {
    const { runtime, handle } = await startTally();
    assert.throws(() => handle.batches({ signal: {} as never }), { name: 'TypeError', message: /signal must be an AbortSignal/ });
    await runtime.stop();
  });
});
