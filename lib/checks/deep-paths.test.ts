// Paths of 10,000 segments, found and missing: every reader and every message stays iterative, bounded and readable.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allEqual, equalTo, every, exists, matchesSchema, MAX_PATH_SEGMENTS, not, oneOf, PathError, selectPath, some, that } from './index.js';
import { readPath } from './paths.js';

const DEPTH = 10_000;

/** `{ a: { a: … { a: leaf } } }`, `depth` levels deep, built by a loop. */
function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

const root = nested(DEPTH, 'leaf');
const deepPath = Array.from({ length: DEPTH }, () => 'a').join('.');

describe(`a path of ${DEPTH} segments`, () => {
  test('found: read, selected and judged without a stack overflow', () => {
    assert.deepEqual(readPath(root, deepPath), { found: true, value: 'leaf' });
    assert.equal(that(deepPath, equalTo('leaf')).verdict(root), undefined);
    assert.equal(that(`$.${deepPath}`, equalTo('leaf')).verdict(root), undefined);
    assert.equal(every(`${deepPath.slice(0, -2)}.*`, equalTo('leaf')).verdict(root), undefined);
    assert.equal(allEqual(`${deepPath.slice(0, -2)}.*`).verdict(root), undefined);
    const [item] = selectPath(root, deepPath).items;
    assert.equal(item?.present, true);
    assert.equal(item?.segments.length, DEPTH);
  });

  test('found but different: the message cuts the path and names the value', () => {
    const mismatch = that(deepPath, equalTo('other')).verdict(root);
    assert.match(mismatch?.message ?? '', /^"a\.a\.a.*… \[19799 more characters\]" is "leaf" but should be "other"$/);
    assert.ok((mismatch?.message.length ?? Infinity) < 400);
  });

  test('missing at its last segment: reported as missing, with the path cut', () => {
    const read = readPath(root, `${deepPath}.b`);
    assert.equal(read.found, false);
    assert.match(read.found ? '' : read.reason, /is string "leaf", so it has no "b"$/);
    const mismatch = that(`${deepPath}.b`, equalTo('leaf')).verdict(root);
    assert.match(mismatch?.message ?? '', /^path "a\.a\.a.*\[19801 more characters\]": .* is string "leaf", so it has no "b"$/);
    assert.ok((mismatch?.message.length ?? Infinity) < 1000);
    assert.equal(that(`${deepPath}.b`, not(equalTo('leaf'))).verdict(root)?.message, mismatch?.message);
  });

  test('missing half way down: the reason names the key that is absent and the keys there', () => {
    const shallower = nested(DEPTH / 2, 'leaf');
    const mismatch = that(deepPath, equalTo('leaf')).verdict(shallower);
    assert.match(mismatch?.message ?? '', /is string "leaf", so it has no "a"$/);
    const missingKey = that(`${deepPath.slice(0, -2)}.x`, equalTo('leaf')).verdict(root);
    assert.match(missingKey?.message ?? '', /: no "x" in "a\.a\.a.*" \(keys there: a\)$/);
  });

  test('a JSONPath query 3,000 segments deep: found, and empty with a bounded reason', () => {
    const query = `$${'.a'.repeat(3000)}`;
    assert.equal(every(`${query}[?@.a]`, exists()).verdict(root), undefined);
    const empty = every(`${query}[?@.b == 1]`, exists()).verdict(root);
    assert.match(
      empty?.message ?? '',
      /^the selection "\$\.a\.a.*\[5812 more characters\]" is empty \(the JSONPath "\$\.a\.a.*" selected nothing\): "every" proves nothing on no values$/,
    );
    assert.ok((empty?.message.length ?? Infinity) < 1000);
  });

  test('quantifiers list a missing deep value by its cut path', () => {
    const mismatch = some(`${deepPath}.*`, equalTo('leaf')).verdict(nested(DEPTH, { b: 1 }));
    assert.match(mismatch?.message ?? '', /^none of the 1 value of "a\.a\.a.*\[19801 more characters\]" is "leaf": a\.a\.a.*\[19801 more characters\] = 1$/);
  });

  test('the check thrown to a wait says the same, within a bounded length', () => {
    assert.throws(
      () => that(`${deepPath}.b`, equalTo('leaf'))(root, { cycle: 3 }),
      (error: Error) => /has no "b"/.test(error.message) && error.message.length < 2000,
    );
  });

  test(`a path over ${MAX_PATH_SEGMENTS} segments is refused when the check is built, naming the limit`, () => {
    const tooLong = Array.from({ length: MAX_PATH_SEGMENTS + 1 }, () => 'a').join('.');
    assert.throws(
      () => that(tooLong, equalTo(1)),
      (error: unknown) => error instanceof PathError && /more than 100000 segments/.test(error.message),
    );
  });

  test('a value 10,000 levels deep: equality says it could not compare, a recursive schema refuses it, both without a stack overflow', () => {
    const tooDeep = /could not be judged: at a\.a\.a.* it is nested deeper than 100 levels, the most any value is compared to; check a path below it$/;
    assert.match(that('x', equalTo(root)).verdict({ x: root })?.message ?? '', tooDeep);
    assert.match(oneOf([root]).verdict(root, true) ?? '', tooDeep);
    assert.match(not(equalTo(root)).verdict(root, true) ?? '', tooDeep, 'not over a value it could not compare fails too');
    const tree = matchesSchema({ type: 'object', properties: { a: { anyOf: [{ type: 'string' }, { $ref: '#' }] } } });
    assert.equal(
      tree.verdict(root, true),
      'could not be judged: it is nested deeper than 100 levels, the most a value is validated to against a recursive schema; check a path below it',
    );
    assert.equal(tree.verdict(nested(50, 'leaf'), true), undefined);
    assert.match(not(tree).verdict(root, true) ?? '', /^could not be judged: /);
    assert.equal(matchesSchema({ type: 'object' }).verdict(root, true), undefined);
  });
});
