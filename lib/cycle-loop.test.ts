// What a cycle publishes: the events of its batch are a frozen list nobody else can change, copied unless the
// observer froze a long list itself; and a cycle whose end cannot be recorded is logged, never an unhandled rejection.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { INTERVAL, RecordingLogger, startTally } from '../test/helpers/fixtures.js';
import { ManualClock } from '../test/helpers/manual-clock.js';

describe('the events of a batch', () => {
  test('are a frozen copy of a list the observer may still change', async () => {
    const { clock, observer, runtime } = await startTally();
    for (const length of [3, 5_000]) {
      const list = Array.from({ length }, (_, index) => index);
      observer.pollImpl = () => list;
      await clock.advance(INTERVAL);
      const batch = runtime.handle().history().at(-1)!;
      assert.notEqual(batch.events, list, `a list of ${length} is copied`);
      assert.ok(Object.isFrozen(batch.events));
      list.push(-1);
      assert.equal(batch.events.length, length, 'a change to the observer’s list does not reach the batch');
    }
    await runtime.stop();
  });

  test('keep a long list the observer froze, and copy a short one', async () => {
    const { clock, observer, runtime } = await startTally();
    for (const [length, kept] of [
      [5_000, true],
      [3, false],
    ] as const) {
      const list = Object.freeze(Array.from({ length }, (_, index) => index));
      observer.pollImpl = () => list as number[];
      await clock.advance(INTERVAL);
      const batch = runtime.handle().history().at(-1)!;
      assert.equal(batch.events === list, kept, `a frozen list of ${length}`);
      assert.ok(Object.isFrozen(batch.events));
      assert.deepEqual(batch.events, list);
    }
    await runtime.stop();
  });
});

/** A clock whose next setTimeout throws once armed: the loop's scheduling of the cycle after. */
class BrokenClock extends ManualClock {
  armed = false;

  override setTimeout(callback: () => void, delayMs: number): number {
    if (this.armed) {
      this.armed = false;
      throw new Error('the clock broke');
    }
    return super.setTimeout(callback, delayMs);
  }
}

describe('a cycle whose end cannot be recorded', () => {
  test('is logged, and its promise does not reject', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const clock = new BrokenClock();
      const logger = new RecordingLogger();
      const { runtime, handle } = await startTally({ clock, config: { logger } });
      clock.armed = true;
      await clock.advance(INTERVAL);
      assert.equal(handle.status().cyclesCompleted, 1, 'the cycle itself was recorded');
      const warning = logger.at('warn').find((entry) => entry.message === 'observation cycle could not be recorded');
      assert.deepEqual(warning?.fields, { message: 'the clock broke' });
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(rejections, []);
      await runtime.stop();
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
