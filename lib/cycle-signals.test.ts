// A cycle's signal: handed on to the next cycle only when unused, and still aborted by stop and by the cycle timeout.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Deferred, INTERVAL, startTally } from '../test/helpers/fixtures.js';
import { ObservationStoppedError } from './index.js';

describe('the signal of a cycle', () => {
  const used: Record<string, (signal: AbortSignal) => void> = {
    'an abort listener': (signal) => signal.addEventListener('abort', () => {}),
    'an onabort handler': (signal) => {
      signal.onabort = () => {};
    },
    // As fetch does with the signal it is given; an AbortSignal.any that nobody listens to leaves no trace on Node 24.
    'AbortSignal.any over it, listened to': (signal) => AbortSignal.any([signal, new AbortController().signal]).addEventListener('abort', () => {}),
  };
  for (const [what, use] of Object.entries(used)) {
    test(`is not handed on after a poll gave it ${what}`, async () => {
      const { clock, observer, runtime } = await startTally();
      observer.pollImpl = (_sources, _state, signal) => {
        if (observer.pollSignals.length === 1) use(signal);
        return [];
      };
      await clock.advance(INTERVAL * 3);
      const [first, second, third] = observer.pollSignals;
      assert.notEqual(first, second, 'the used signal stays with cycle 1');
      assert.equal(second, third, 'the fresh one, unused, goes on to cycle 3');
      await runtime.stop();
      assert.equal(first?.aborted, false, 'stop aborts only a cycle in flight, never a finished one');
      assert.equal(third?.aborted, false);
    });
  }

  test('a listener added in one cycle never sees a later cycle abort', async () => {
    const { clock, observer, runtime } = await startTally();
    const heard: number[] = [];
    const hang = new Deferred<number[]>();
    observer.pollImpl = (_sources, _state, signal) => {
      const cycle = observer.pollSignals.length;
      if (cycle === 1) signal.addEventListener('abort', () => heard.push(cycle));
      return cycle === 3 ? hang.promise : [];
    };
    await clock.advance(INTERVAL * 3);
    assert.equal(observer.pollSignals.length, 3, 'cycle 3 is in flight');
    const stopping = runtime.stop();
    assert.equal(observer.pollSignals[2]?.aborted, true, 'stop aborts the cycle in flight');
    hang.resolve([]);
    await stopping;
    assert.deepEqual(heard, [], 'cycle 1 ended before: its listener is not called');
  });

  test('stop aborts a handed-on signal of the cycle in flight, with ObservationStoppedError', async () => {
    const { clock, observer, runtime } = await startTally();
    const hang = new Deferred<number[]>();
    observer.pollImpl = () => (observer.pollSignals.length === 3 ? hang.promise : []);
    await clock.advance(INTERVAL * 3);
    const signal = observer.pollSignals[2]!;
    assert.equal(signal, observer.pollSignals[0], 'cycle 3 runs on the signal cycle 1 handed on');
    const stopping = runtime.stop();
    assert.ok(signal.reason instanceof ObservationStoppedError);
    hang.resolve([]);
    await stopping;
  });

  test('cycleTimeoutMs aborts a handed-on signal, and the next cycle gets a fresh one', async () => {
    const { clock, observer, runtime, handle } = await startTally({ config: { cycleTimeoutMs: INTERVAL / 2 } });
    const hang = new Deferred<number[]>();
    observer.pollImpl = () => (observer.pollSignals.length === 2 ? hang.promise : []);
    await clock.advance(INTERVAL * 2);
    const [first, second] = observer.pollSignals;
    assert.equal(first, second);
    assert.equal(second?.aborted, false);
    await clock.advance(INTERVAL / 2);
    assert.equal(second?.aborted, true, 'the timeout aborts it');
    assert.equal((second?.reason as Error | undefined)?.name, 'TimeoutError');
    assert.equal(handle.lastFailure()?.stage, 'poll');
    hang.resolve([]);
    await clock.advance(INTERVAL);
    const third = observer.pollSignals[2];
    assert.ok(third && third !== second && !third.aborted, 'an aborted signal is never handed on');
    await runtime.stop();
    assert.equal(clock.pending, 0, 'the cycle deadline timer is gone');
  });

  test('a provider that listens gets a fresh signal next cycle too', async () => {
    const { clock, provider, observer, runtime } = await startTally();
    // Start-up has asked already: this is cycle 1's refresh.
    provider.next.push((signal) => {
      signal.addEventListener('abort', () => {});
      return provider.list;
    });
    await clock.advance(INTERVAL * 2);
    assert.notEqual(observer.pollSignals[0], observer.pollSignals[1]);
    await runtime.stop();
  });
});
