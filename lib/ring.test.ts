// The bounded list behind the history and the report's recorded cycles.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Ring } from './ring.js';

function filled(limit: number, count: number): Ring<number> {
  const ring = new Ring<number>(limit);
  for (let item = 1; item <= count; item += 1) ring.push(item);
  return ring;
}

describe('Ring', () => {
  test('keeps every entry, oldest first, until the limit', () => {
    const ring = filled(4, 3);
    assert.deepEqual(ring.toArray(), [1, 2, 3]);
    assert.equal(ring.size, 3);
    assert.equal(ring.dropped, 0);
  });

  test('past the limit keeps the newest, oldest first, and counts what it dropped', () => {
    const ring = filled(4, 10);
    assert.deepEqual(ring.toArray(), [7, 8, 9, 10]);
    assert.deepEqual(ring.view(), [7, 8, 9, 10]);
    assert.equal(ring.size, 4);
    assert.equal(ring.dropped, 6);
  });

  test('a limit of 0 keeps nothing and counts every entry as dropped', () => {
    const ring = filled(0, 3);
    assert.deepEqual(ring.toArray(), []);
    assert.equal(ring.dropped, 3);
  });

  test('toArray copies; view does not, until the next push wraps it again', () => {
    const ring = filled(3, 5);
    const copy = ring.toArray();
    copy.push(99);
    assert.deepEqual(ring.toArray(), [3, 4, 5]);
    const view = ring.view();
    assert.equal(ring.view(), view);
    ring.push(6);
    assert.deepEqual(ring.view(), [4, 5, 6]);
  });

  test('some visits oldest first without copying and stops at the first true', () => {
    const ring = filled(4, 6);
    const seen: number[] = [];
    assert.equal(
      ring.some((item) => {
        seen.push(item);
        return item === 5;
      }),
      true,
    );
    assert.deepEqual(seen, [3, 4, 5]);
    assert.equal(
      ring.some(() => false),
      false,
    );
  });
});
