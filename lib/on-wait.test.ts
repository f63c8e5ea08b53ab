// onWait: every settled wait is reported once, with its timeout, time used on the runtime's clock, outcome and cycles.
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import { INTERVAL, TallyObserver, coreListeners, startTally } from '../test/helpers/fixtures.js';
import type { SettledWait } from './index.js';

before(() => coreListeners.install());
beforeEach(() => coreListeners.reset());

const noError = (): undefined => undefined;

async function recording(observer = new TallyObserver()) {
  const started = await startTally({ observer });
  const settled: SettledWait[] = [];
  const stopListening = started.handle.onWait((wait) => settled.push(wait));
  return { ...started, settled, stopListening };
}

describe('onWait', () => {
  test('reports a wait that resolved: time used on the clock, cycles, failed cycles', async () => {
    const { clock, runtime, handle, settled } = await recording();
    const startedAt = clock.now();
    const waiting = handle.waitForSnapshot((value) => value.polls >= 3, { timeoutMs: 1000, description: 'three polls' });
    await clock.advance(INTERVAL * 3);
    await waiting;
    assert.deepEqual(settled, [
      { awaited: 'three polls', timeoutMs: 1000, startedAt, endedAt: startedAt + 3 * INTERVAL, outcome: 'resolved', cycles: 3, failedCycles: 0 },
    ]);
    await runtime.stop();
  });

  test('a wait that holds at once is reported with no time used and no cycle', async () => {
    const { runtime, handle, settled } = await recording();
    await handle.waitForSnapshot(() => true, { timeoutMs: 500 });
    assert.equal(settled.length, 1);
    assert.equal(settled[0]!.endedAt - settled[0]!.startedAt, 0);
    assert.equal(settled[0]!.cycles, 0);
    assert.equal(settled[0]!.outcome, 'resolved');
    await runtime.stop();
  });

  test('timed out, held for a duration, broken hold, stopped and aborted waits each say so', async () => {
    const observer = new TallyObserver();
    const { clock, runtime, handle, settled } = await recording(observer);
    const timedOut = handle.waitForSnapshot(() => false, { timeoutMs: 250, description: 'never' }).then(noError, (error: Error) => error);
    await clock.advance(300);
    assert.equal((await timedOut)?.name, 'ObservationTimeoutError');
    const held = handle.holdsFor(() => true, { durationMs: 200 });
    await clock.advance(200);
    await held;
    const broken = handle.holdsFor((value) => value.polls < 7, { durationMs: 1000 }).then(noError, (error: Error) => error);
    await clock.advance(INTERVAL * 3);
    assert.equal((await broken)?.name, 'ObservationHoldError');
    const aborter = new AbortController();
    const aborted = handle.waitForSnapshot(() => false, { timeoutMs: 1000, signal: aborter.signal });
    aborter.abort(new Error('no longer needed'));
    await assert.rejects(aborted, /no longer needed/);
    const stopped = handle.waitForEvent(() => false, { timeoutMs: 1000 });
    await runtime.stop();
    await assert.rejects(stopped, { name: 'ObservationStoppedError' });
    assert.deepEqual(
      settled.map((wait) => [wait.outcome, wait.timeoutMs]),
      [
        ['timed-out', 250],
        ['held', 200],
        ['failed', 1000],
        ['aborted', 1000],
        ['stopped', 1000],
      ],
    );
    assert.equal(settled[0]!.endedAt - settled[0]!.startedAt, 250);
    assert.equal(settled[0]!.cycles, 2);
  });

  test('counts failed cycles; unsubscribing ends the reports and leaves no listener', async () => {
    const observer = new TallyObserver();
    observer.pollImpl = () => {
      throw new Error('unreachable');
    };
    const { clock, runtime, handle, settled, stopListening } = await recording(observer);
    const failing = handle.waitForSnapshot(() => false, { timeoutMs: 250 }).then(noError, (error: Error) => error);
    await clock.advance(300);
    assert.equal((await failing)?.name, 'ObservationTimeoutError');
    assert.equal(settled[0]!.failedCycles, 2);
    stopListening();
    stopListening();
    const unheard = handle.waitForSnapshot(() => false, { timeoutMs: 50 }).then(noError, (error: Error) => error);
    await clock.advance(50);
    assert.equal((await unheard)?.name, 'ObservationTimeoutError');
    assert.equal(settled.length, 1);
    assert.equal(coreListeners.count(), 0);
    await runtime.stop();
  });

  test('a listener that throws harms neither the wait nor other listeners', async () => {
    const { runtime, handle, settled } = await recording();
    handle.onWait(() => {
      throw new Error('listener bug');
    });
    const after: string[] = [];
    handle.onWait((wait) => after.push(wait.outcome));
    await handle.waitForSnapshot(() => true);
    assert.deepEqual([settled.length, after], [1, ['resolved']]);
    await runtime.stop();
  });

  test('refuses a listener that is not a function; onWait after stop returns a harmless unsubscribe', async () => {
    const { runtime, handle } = await recording();
    assert.throws(() => handle.onWait(42 as never), { name: 'TypeError', message: /listener must be a function/ });
    await runtime.stop();
    const unsubscribe = handle.onWait(() => {});
    unsubscribe();
    assert.equal(coreListeners.count(), 0);
  });
});
