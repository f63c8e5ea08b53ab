// Disposers: the core's on() and the handle's subscriptions release their listener once, by call or by `using`.
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import { ManualClock } from '../test/helpers/manual-clock.js';
import { INTERVAL, TallyObserver, TestProvider, coreListeners, startTally } from '../test/helpers/fixtures.js';
import { resolveConfig } from './config.js';
import { ObservationCore } from './core.js';
import { disposer, noopDisposer } from './disposer.js';
import type { ObservationBatch } from './types.js';

before(() => coreListeners.install());
beforeEach(() => coreListeners.reset());

function core(): ObservationCore<string, number> {
  const clock = new ManualClock();
  return new ObservationCore<string, number>(resolveConfig({ clock }), { cycle: 0, observedAt: new Date(0), sourceCount: 1, value: 'initial' });
}

const batch = (cycle: number): ObservationBatch<number> => ({ cycle, observedAt: new Date(cycle), sourceCount: 1, events: [cycle] });
const publish = (c: ObservationCore<string, number>, cycle: number): void =>
  c.recordSuccess({ cycle, observedAt: new Date(cycle), sourceCount: 1, value: `v${cycle}` }, batch(cycle), cycle);

describe('disposer', () => {
  test('releases once, whether called, disposed, or both, in any order and any number of times', () => {
    let released = 0;
    const dispose = disposer(() => {
      released += 1;
    });
    dispose();
    dispose[Symbol.dispose]();
    dispose();
    assert.equal(released, 1);

    let again = 0;
    const other = disposer(() => {
      again += 1;
    });
    other[Symbol.dispose]();
    other();
    assert.equal(again, 1);
  });

  test('`using` releases at the end of the block, also when the block throws', () => {
    const log: string[] = [];
    {
      using _first = disposer(() => log.push('released'));
      log.push('inside');
    }
    assert.deepEqual(log, ['inside', 'released']);
    assert.throws(() => {
      using _second = disposer(() => log.push('released after the throw'));
      throw new Error('boom');
    }, /boom/);
    assert.deepEqual(log, ['inside', 'released', 'released after the throw']);
  });

  test('Symbol.dispose is the symbol `using` looks up', () => {
    assert.equal(typeof Symbol.dispose, 'symbol');
    assert.equal(typeof noopDisposer()[Symbol.dispose], 'function');
  });
});

describe('ObservationCore.on', () => {
  test('calls the listener with each payload until disposed, then never again', () => {
    const c = core();
    const seen: number[] = [];
    const off = c.on('batch', (b) => seen.push(b.cycle));
    publish(c, 1);
    off();
    publish(c, 2);
    assert.deepEqual(seen, [1]);
    assert.equal(c.emitter.listenerCount('batch'), 0);
  });

  test('disposing twice does not remove the same function attached again later', () => {
    const c = core();
    const seen: number[] = [];
    const listener = (b: ObservationBatch<number>): void => void seen.push(b.cycle);
    const first = c.on('batch', listener);
    first();
    const second = c.on('batch', listener);
    first();
    first[Symbol.dispose]();
    publish(c, 1);
    assert.deepEqual(seen, [1], 'the second subscription still listens');
    second();
    assert.equal(c.emitter.listenerCount('batch'), 0);
  });

  test('`using` removes the listener at the end of its block', () => {
    const c = core();
    const stops: string[] = [];
    {
      using _onStop = c.on('stop', () => stops.push('stop'));
      assert.equal(c.emitter.listenerCount('stop'), 1);
    }
    assert.equal(c.emitter.listenerCount('stop'), 0);
    c.markStopped();
    assert.deepEqual(stops, []);
  });

  test('after stop it attaches nothing and its disposer does nothing', () => {
    const c = core();
    c.markStopped();
    const off = c.on('snapshot', () => assert.fail('no snapshot after stop'));
    assert.equal(c.emitter.eventNames().length, 0);
    off();
    off[Symbol.dispose]();
  });
});

describe('handle subscriptions are disposers', () => {
  test('subscribe, onCycle and onWait release their listener with `using`, and calling one afterwards is harmless', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1], [2]);
    const { clock, runtime, handle } = await startTally({ observer });
    const received: number[] = [];
    const cycles: number[] = [];
    let unsubscribe: () => void = () => {};
    {
      using subscription = handle.subscribe((b) => received.push(...b.events));
      using _cycles = handle.onCycle((report) => cycles.push(report.cycle));
      using _waits = handle.onWait(() => {});
      unsubscribe = subscription;
      assert.equal(coreListeners.count(), 3);
      await clock.advance(INTERVAL);
    }
    assert.equal(coreListeners.count(), 0, 'every listener left with its block');
    await clock.advance(INTERVAL);
    unsubscribe();
    assert.deepEqual(received, [1]);
    assert.deepEqual(cycles, [1]);
    await runtime.stop();
  });

  test('a subscription made after stop is a disposer with nothing to release', async () => {
    const { runtime, handle } = await startTally();
    await runtime.stop();
    const off = handle.subscribe(() => {});
    assert.equal(coreListeners.count(), 0);
    off();
    off[Symbol.dispose]();
  });
});

describe('lastFailure', () => {
  test('is undefined, then the failure of a failed cycle, then undefined after a success, and stays readable after stop', async () => {
    const provider = new TestProvider();
    const { clock, runtime, handle } = await startTally({ provider });
    assert.equal(handle.lastFailure(), undefined);
    provider.failNext(new Error('sources unreachable'));
    await clock.advance(INTERVAL);
    const failure = handle.lastFailure();
    assert.equal(failure?.message, 'sources unreachable');
    assert.equal(failure?.stage, 'source-refresh');
    assert.equal(handle.lastFailure(), failure, 'every call returns the very same object');
    await clock.advance(INTERVAL);
    assert.equal(handle.lastFailure(), undefined, 'a success clears it');
    await runtime.stop();
    assert.equal(handle.lastFailure(), undefined);
  });
});
