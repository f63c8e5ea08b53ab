// The check words on one value: each holds where it should, and says why not in the words messages use.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { atLeast, atMost, between, contains, equalTo, exists, greaterThan, hasLength, isA, isEmpty, lessThan, matches, not, oneOf } from './index.js';

describe('numbers', () => {
  test('bounds, inclusive where the word says so', () => {
    assert.equal(greaterThan(1).verdict(2, true), undefined);
    assert.equal(greaterThan(1).verdict(1, true), 'is 1, not greater than 1');
    assert.equal(atLeast(10).verdict(10, true), undefined);
    assert.equal(atLeast(10).verdict(7, true), 'is 7, not at least 10');
    assert.equal(lessThan(5).verdict(5, true), 'is 5, not less than 5');
    assert.equal(atMost(5).verdict(5, true), undefined);
    assert.equal(between(10, 20).verdict(10, true), undefined);
    assert.equal(between(10, 20).verdict(20, true), undefined);
    assert.equal(between(10, 20).verdict(21, true), 'is 21, not between 10 and 20');
  });

  test('a value that is not a number fails naming its type; a missing one is missing', () => {
    assert.equal(atLeast(1).verdict('7', true), 'is "7", a string, not a number, so it cannot be at least 1');
    assert.equal(atLeast(1).verdict(null, true), 'is null, not a number, so it cannot be at least 1');
    assert.equal(atLeast(1).verdict(Number.NaN, true), 'is NaN, not a number, so it cannot be at least 1');
    assert.equal(atLeast(1).verdict(undefined, false), 'is missing');
  });

  test('bad bounds are TypeErrors naming the function', () => {
    assert.throws(() => atLeast('10' as unknown as number), { name: 'TypeError', message: 'atLeast needs a number, got "10"' });
    assert.throws(() => between(5, 1), { name: 'TypeError', message: /lower bound first/ });
  });
});

describe('equality, negation, membership, containment', () => {
  test('equalTo compares deeply', () => {
    assert.equal(equalTo({ a: [1] }).verdict({ a: [1] }, true), undefined);
    assert.equal(equalTo('n1').verdict('n2', true), 'is "n2" but should be "n1"');
    assert.equal(equalTo(null).description, 'null');
  });

  test('not holds where the check does not; a missing value fails it unless the check is about presence', () => {
    assert.equal(not(equalTo(null)).description, 'not null');
    assert.equal(not(equalTo(null)).verdict('n1', true), undefined);
    assert.equal(not(equalTo(null)).verdict(null, true), 'is null but should not be');
    assert.equal(not(equalTo(null)).verdict(undefined, false), 'is missing');
    assert.equal(not(exists()).verdict(undefined, false), undefined);
    assert.equal(not(exists()).verdict(null, true), 'is null, but should not exist');
    assert.equal(not(atLeast(3)).verdict(4, true), 'is 4, which is at least 3, but should not be');
    assert.throws(() => not(3 as never), { name: 'TypeError', message: /not needs a check such as atLeast\(10\)/ });
  });

  test('oneOf and contains', () => {
    assert.equal(oneOf(['n1', 'n2']).verdict('n2', true), undefined);
    assert.equal(oneOf(['n1']).verdict('n3', true), 'is "n3", not one of ["n1"]');
    assert.equal(contains('b').verdict('abc', true), undefined);
    assert.equal(contains({ id: 2 }).verdict([{ id: 1 }, { id: 2, x: 1 }], true), undefined);
    assert.equal(contains('n2').verdict(['n1'], true), 'is ["n1"]: none of its 1 items contains "n2"');
    assert.match(contains({ a: 1 }).verdict({ a: 2 }, true) ?? '', /^does not contain \{"a":1\}:\n {2}a: expected 1, got 2$/);
    assert.match(contains(2).verdict(2, true) ?? '', /cannot contain 2: "contain" applies to a string/);
  });
});

describe('strings and shape', () => {
  test('matches: a regex literal, flags kept, g and y dropped so that repeated checks agree', () => {
    const check = matches(/^v3\./g);
    assert.equal(check.description, 'matching /^v3\\./');
    assert.equal(check.verdict('v3.4', true), undefined);
    assert.equal(check.verdict('v3.4', true), undefined);
    assert.equal(matches(/^V/i).verdict('v3', true), undefined);
    assert.equal(check.verdict('v2', true), 'is "v2", which does not match /^v3\\./');
    assert.equal(check.verdict(3, true), 'is 3, a number, not a string, so it cannot match /^v3\\./');
  });

  test('exists: null exists, a missing value does not', () => {
    assert.equal(exists().verdict(null, true), undefined);
    assert.equal(exists().verdict(undefined, false), 'is missing');
  });

  test("isEmpty and hasLength: strings, arrays, an object's own keys, Maps and Sets", () => {
    for (const empty of ['', [], {}, new Map(), new Set()]) assert.equal(isEmpty().verdict(empty, true), undefined);
    assert.equal(isEmpty().verdict([1], true), 'is [1], which is not empty (length 1)');
    assert.match(isEmpty().verdict(3, true) ?? '', /only strings, arrays and objects have a length/);
    assert.equal(hasLength(2).verdict({ a: 1, b: 2 }, true), undefined);
    assert.equal(hasLength(atLeast(3)).verdict('ab', true), 'has length 2, not at least 3: "ab"');
    assert.equal(hasLength(atLeast(3)).description, 'of length at least 3');
    assert.throws(() => hasLength(-1), TypeError);
  });

  test('isA: each type, arrays and null not objects, integers', () => {
    assert.equal(isA('object').verdict([], true), 'is [], an array, not an object');
    assert.equal(isA('object').verdict(null, true), 'is null, not an object');
    assert.equal(isA('integer').verdict(1.5, true), 'is 1.5, a number, not an integer');
    assert.equal(isA('null').verdict(null, true), undefined);
    assert.equal(isA('array').verdict([1], true), undefined);
    assert.equal(isA('boolean').verdict(false, true), undefined);
    assert.throws(() => isA('date' as never), { name: 'TypeError', message: /isA needs one of string, number, integer, boolean, array, object, null/ });
  });
});
