// What a cycle publishes: the events of its batch are a frozen list nobody else can change, copied unless the
// observer froze a long list itself.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { INTERVAL, startTally } from '../test/helpers/fixtures.js';

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
