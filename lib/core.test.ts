// The shared core on its own: after markStopped nothing it records changes anything, and listeners are dropped.
// (The runtime already avoids recording after stop; these guards are the second line, tested directly.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../test/helpers/manual-clock.js';
import { resolveConfig } from './config.js';
import { ObservationCore } from './core.js';
import type { ObservationFailure } from './types.js';

function core(): ObservationCore<string, number> {
  const clock = new ManualClock();
  return new ObservationCore<string, number>(resolveConfig({ clock, historyLimit: 2 }), {
    cycle: 0,
    observedAt: new Date(clock.now()),
    sourceCount: 1,
    value: 'initial',
  });
}

const failure = (cycle: number): ObservationFailure => ({
  cycle,
  observedAt: new Date(0),
  sourceCount: 0,
  stage: 'poll',
  message: 'late',
  cause: undefined,
});

describe('ObservationCore', () => {
  test('records nothing and emits nothing after markStopped', () => {
    const c = core();
    const emitted: string[] = [];
    for (const event of ['batch', 'snapshot', 'failure', 'cycle', 'stop'] as const) c.emitter.on(event, () => emitted.push(event));
    c.markStopped();
    assert.deepEqual(emitted, ['stop']);
    assert.equal(c.emitter.eventNames().length, 0, 'every listener is dropped');
    const before = { latest: c.latestSnapshot(), status: c.status() };
    c.recordSuccess(
      { cycle: 1, observedAt: new Date(1), sourceCount: 1, value: 'late' },
      { cycle: 1, observedAt: new Date(1), sourceCount: 1, events: [1] },
      0,
    );
    c.recordFailure(failure(2), 0);
    assert.equal(c.latestSnapshot(), before.latest);
    assert.deepEqual(c.history(), []);
    assert.equal(c.lastFailure(), undefined);
    assert.deepEqual(c.status(), { ...before.status, running: false });
    c.markStopped();
    assert.deepEqual(emitted, ['stop'], 'stop is emitted once');
  });

  test('keeps at most historyLimit batches and a limit of 0 keeps none', () => {
    const c = core();
    for (let cycle = 1; cycle <= 3; cycle += 1) {
      c.recordSuccess(
        { cycle, observedAt: new Date(cycle), sourceCount: 1, value: `v${cycle}` },
        { cycle, observedAt: new Date(cycle), sourceCount: 1, events: [cycle] },
        0,
      );
    }
    assert.deepEqual(
      c.history().map((batch) => batch.cycle),
      [2, 3],
    );
    const none = new ObservationCore<string, number>(resolveConfig({ clock: new ManualClock(), historyLimit: 0 }), c.latestSnapshot());
    none.recordSuccess(c.latestSnapshot(), { cycle: 4, observedAt: new Date(4), sourceCount: 1, events: [4] }, 0);
    assert.deepEqual(none.history(), []);
  });
});
