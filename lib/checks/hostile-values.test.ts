// The check vocabulary against hostile values: deep, huge, unreadable, and the values JSON has no form for.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_VALUE_DEPTH } from '../format.js';
import { compare } from './compare.js';
import { equalTo, that } from './index.js';
import { parsePath, readPath, ValueReadError } from './paths.js';

function deep(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

describe('one depth limit', () => {
  test('compare stops at the limit with a clear difference, whatever the depth of both sides', () => {
    const found = compare(deep(10_000), deep(10_000), false);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.at.length, MAX_VALUE_DEPTH);
    assert.match(found[0]!.what, /^nested deeper than 100 levels, the most any value is compared to/);
    assert.deepEqual(compare(deep(99), deep(99), false), [], 'up to the limit, deep values compare as usual');
  });

  test('a failing check on a deep value gives a bounded message and diff', () => {
    const mismatch = that('$', equalTo(deep(50, 2))).verdict(deep(5000));
    assert.ok(mismatch);
    assert.ok(mismatch.message.length < 2000, `the message has ${mismatch.message.length} characters`);
  });
});

describe('a budget, never the whole value', () => {
  test('a failing check on a huge array reads only what its message and diff show', () => {
    let reads = 0;
    const items = new Proxy(
      Array.from({ length: 1_000_000 }, (_, i) => i),
      {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
          return Reflect.get(target, key, receiver);
        },
      },
    );
    const check = that('items', equalTo([1, 2]));
    assert.throws(() => check({ items }, { cycle: 3 }), /"items"/);
    assert.ok(reads < 5000, `${reads} items were read`);
  });
});

describe('paths', () => {
  test('a read through 20,000 segments is linear, and its missing-path message is cut', () => {
    const segments = Array.from({ length: 20_000 }, () => 'a');
    const path = segments.join('.');
    parsePath(path);
    const started = performance.now();
    assert.equal(readPath(deep(20_000), path).found, true);
    const missing = readPath(deep(19_999, {}), path);
    const took = performance.now() - started;
    // Building each prefix's name at every step took seconds here at 10,000 segments.
    assert.ok(took < 2000, `two reads took ${Math.round(took)} ms`);
    assert.equal(missing.found, false);
    assert.ok(!missing.found && missing.reason.length < 1000, `the reason has ${missing.found ? 0 : missing.reason.length} characters`);
  });

  test('a getter or Proxy that throws while a path is read names the path', () => {
    const root = {
      node: Object.defineProperty({}, 'leader', {
        enumerable: true,
        get: () => {
          throw new Error('getter boom');
        },
      }),
    };
    assert.throws(
      () => readPath(root, 'node.leader'),
      (error: unknown) => {
        assert.ok(error instanceof ValueReadError);
        assert.equal(error.message, '"node.leader" could not be read: getter boom');
        assert.equal((error.cause as Error).message, 'getter boom');
        return true;
      },
    );
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    assert.throws(() => readPath({ x: proxy }, 'x.y'), /^ValueReadError: "x.y" could not be read: Cannot perform 'IsArray' on a proxy that has been revoked$/);
  });

  test('an event path error says "the event"; "$id" gets a hint', () => {
    const missing = readPath({ type: 'tick' }, 'detail.x', 'the event');
    assert.ok(!missing.found && missing.reason.includes('no "detail" in the event'));
    assert.throws(() => parsePath('$id'), /for a key that starts with "\$", write \['\$id'\] \(or \["\$id"\]\)/);
    assert.deepEqual(parsePath("['$id']"), ['$id']);
  });
});

describe('what JSON has no form for, compared with what it can write', () => {
  test('a Map is the object of its entries, a Set the array of its values, a Date its ISO string, a BigInt its integer', () => {
    assert.deepEqual(
      compare(
        new Map<unknown, unknown>([
          ['a', 1],
          [2, 'b'],
        ]),
        { a: 1, 2: 'b' },
        false,
      ),
      [],
    );
    assert.equal(compare(new Map([['a', 1]]), { a: 2 }, false).length, 1);
    assert.deepEqual(compare(new Set([1, 2]), [1, 2], false), []);
    assert.deepEqual(compare(new Date(Date.UTC(2020, 0, 2, 3, 4, 5)), '2020-01-02T03:04:05.000Z', false), []);
    assert.deepEqual(compare(10n, 10, false), []);
    assert.deepEqual(compare(Number.NaN, Number.NaN, false), []);
    assert.match(compare(Number.NaN, null, false)[0]!.what, /^expected null, got NaN$/);
    assert.match(compare(new Date(0), '2021-01-01T00:00:00.000Z', false)[0]!.what, /got Date 1970-01-01T00:00:00\.000Z/);
  });
});
