// Records versus arrays in deep comparison: isPlainRecord refuses arrays, so each caller's array case stays its own.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckNode, compare, comparable, expectedForDiff, isPlainRecord, pruneTo } from './compare.js';
import { atLeast } from './numbers.js';
import { contains } from './values.js';

describe('isPlainRecord', () => {
  test('an object, a Map or a class instance is one', () => {
    assert.equal(isPlainRecord({}), true);
    assert.equal(isPlainRecord({ a: 1 }), true);
    assert.equal(isPlainRecord(Object.create(null)), true);
    assert.equal(isPlainRecord(new Map()), true);
    assert.equal(isPlainRecord(new (class Point {})()), true);
  });

  test('an array is not, nor is an instance of a subclass of Array', () => {
    assert.equal(isPlainRecord([]), false);
    assert.equal(isPlainRecord([1, 2]), false);
    assert.equal(isPlainRecord(new (class List extends Array {})()), false);
  });

  test('null, primitives, functions and check nodes are not', () => {
    for (const value of [null, undefined, 0, 'x', true, 1n, Symbol('s'), () => {}]) assert.equal(isPlainRecord(value), false, String(value));
    assert.equal(isPlainRecord(new CheckNode(atLeast(1))), false);
  });
});

describe('arrays and records do not stand in for each other', () => {
  test('an array is not an object, and an object is not an array', () => {
    assert.deepEqual(compare([1], { 0: 1 }, true), [{ at: [], what: 'expected an object, got [1]' }]);
    assert.deepEqual(compare({ 0: 1 }, [1], true), [{ at: [], what: 'expected an array, got {"0":1}' }]);
  });

  test('a Map is compared as an object, never with an array pattern', () => {
    assert.deepEqual(comparable(new Map([['a', 1]]), { a: 1 }), { a: 1 });
    const map = new Map([['a', 1]]);
    assert.equal(comparable(map, [1]), map);
  });

  test('the expected side of a diff reads no keys from an actual array', () => {
    assert.deepEqual(expectedForDiff([5], { 0: new CheckNode(atLeast(10)) }), { 0: '<at least 10>' });
    assert.deepEqual(expectedForDiff({ 0: 12 }, { 0: new CheckNode(atLeast(10)) }), { 0: 12 });
  });

  test('pruning keeps an actual array whole against an object pattern', () => {
    assert.deepEqual(pruneTo([1, 2], { 0: 1 }), [1, 2]);
    assert.deepEqual(pruneTo({ a: 1, b: 2 }, { a: 0 }), { a: 1 });
  });

  test('contains looks for keys only when both sides are objects', () => {
    assert.equal(contains({ a: 1 }).verdict({ a: 1, b: 2 }, true), undefined);
    assert.match(contains({ 0: 1 }).verdict([1], true) ?? '', /none of its 1 items contains/);
    assert.match(contains([1]).verdict({ 0: 1 }, true) ?? '', /^is \{"0":1\} \(an object\), which cannot contain \[1\]/);
  });
});
