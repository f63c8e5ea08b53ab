// groupBy: the lists per key, in first-come order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupBy } from './group-by.js';

describe('groupBy', () => {
  test('keeps keys in the order they first came and items in their order', () => {
    const grouped = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (item) => item[0]);
    assert.deepEqual(
      [...grouped],
      [
        ['b', ['b1', 'b2']],
        ['a', ['a1', 'a2']],
        ['c', ['c1']],
      ],
    );
  });

  test('an empty input gives an empty map', () => {
    assert.equal(groupBy([], String).size, 0);
  });
});
