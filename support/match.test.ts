// The failures of the steps' checks without a Cucumber run: where the value was read, every difference, and the diff.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compilePattern } from '../lib/checks/operators.js';
import { assertSubset, type ChaiAssertionError, differences, failCheck, withOrigin } from './match.js';

const FROM = { cycle: 12, observation: 'system' };
const AT = '(observation "system", cycle 12)';

/** The AssertionError `fail` throws; fails the test when it throws nothing or something else. */
function assertionFrom(fail: () => unknown): ChaiAssertionError {
  try {
    fail();
  } catch (error) {
    assert.ok(error instanceof Error && error.name === 'AssertionError', `not an AssertionError: ${String(error)}`);
    return error as ChaiAssertionError;
  }
  assert.fail('nothing was thrown');
}

describe('withOrigin', () => {
  test('one line: the origin goes at its end', () => {
    assert.equal(withOrigin('"nodes.a.role" is "leader" but should be "follower"', FROM), `"nodes.a.role" is "leader" but should be "follower" ${AT}`);
  });

  test('a first line that opens a list: the origin goes before its colon, so the lines below stay a list', () => {
    const message = '2 of 3 observed values differ:\n  "nodes.b.role": expected "leader", got "follower"';
    assert.equal(withOrigin(message, FROM), `2 of 3 observed values differ ${AT}:\n  "nodes.b.role": expected "leader", got "follower"`);
  });

  test('several lines without a colon: the origin ends the first one', () => {
    assert.equal(withOrigin('first\nsecond', FROM), `first ${AT}\nsecond`);
  });
});

describe('failCheck', () => {
  test('throws the mismatch as an AssertionError naming where the value was read, with a diff when it has sides', () => {
    const error = assertionFrom(() => failCheck({ message: 'source count: expected 2 to equal 3', actual: 2, expected: 3 }, FROM));
    assert.equal(error.message, `source count: expected 2 to equal 3 ${AT}`);
    assert.equal(error.actual, 2);
    assert.equal(error.expected, 3);
    assert.equal(error.showDiff, true);
  });

  test('a mismatch without sides has no diff', () => {
    const error = assertionFrom(() => failCheck({ message: '"nodes.a.role" is missing' }, FROM));
    assert.equal(error.message, `"nodes.a.role" is missing ${AT}`);
    assert.notEqual(error.showDiff, true);
  });
});

describe('assertSubset', () => {
  test('passes when every expected key is there with a matching value; extra keys do not matter', () => {
    assert.equal(assertSubset({ nodes: { a: { role: 'leader', term: 4 } }, nodeCount: 3 }, { nodes: { a: { role: 'leader' } } }, FROM), undefined);
    assert.equal(assertSubset({ n: 1 }, compilePattern({ n: { $gt: 0 } }), FROM), undefined);
  });

  test('lists every difference by path, and the diff shows only what the docstring spoke of', () => {
    const actual = { nodes: { a: { role: 'leader', term: 4 } }, nodeCount: 2, version: 'v1' };
    const expected = { nodes: { a: { role: 'follower' }, b: { term: 1 } }, nodeCount: 3 };
    const error = assertionFrom(() => assertSubset(actual, expected, FROM));
    assert.equal(
      error.message,
      `the snapshot does not match ${AT}:\n  nodes.a.role: expected "follower", got "leader"\n  nodes.b: missing\n  nodeCount: expected 3, got 2`,
    );
    assert.equal(error.showDiff, true);
    assert.deepEqual(JSON.parse(error.actual as string), { nodes: { a: { role: 'leader' } }, nodeCount: 2 });
    assert.deepEqual(JSON.parse(error.expected as string), expected);
  });

  test('arrays match item by item with equal length', () => {
    const error = assertionFrom(() => assertSubset({ a: [1, 2, 3] }, { a: [1, 2] }, FROM));
    assert.equal(error.message, `the snapshot does not match ${AT}:\n  a: expected 2 items, got 3`);
  });

  test('what was compared is named as given', () => {
    const error = assertionFrom(() => assertSubset({ a: 1 }, { b: 2 }, FROM, 'the event'));
    assert.equal(error.message, `the event does not match ${AT}:\n  b: missing`);
  });

  test('an operator shows in the diff as what it checks', () => {
    const error = assertionFrom(() =>
      assertSubset({ nodes: { a: { height: 10, role: 'x' } } }, compilePattern({ nodes: { a: { height: { $gt: 10 } } } }), FROM),
    );
    assert.equal(error.message, `the snapshot does not match ${AT}:\n  nodes.a.height: is 10, not greater than 10`);
    assert.deepEqual(JSON.parse(error.actual as string), { nodes: { a: { height: 10 } } });
    assert.deepEqual(JSON.parse(error.expected as string), { nodes: { a: { height: '<greater than 10>' } } });
  });

  test('a "__proto__" key is a key like any other: missing, or matched against the same key held as data', () => {
    const missing = assertionFrom(() => assertSubset({ nodes: { a: {} } }, JSON.parse('{"__proto__": {"x": 1}, "nodes": {"a": {"constructor": 1}}}'), FROM));
    assert.equal(missing.message, `the snapshot does not match ${AT}:\n  __proto__: missing\n  nodes.a.constructor: missing`);
    const held = JSON.parse('{"nodes": {"a": {"__proto__": {"polluted": true}}}}') as unknown;
    assert.equal(assertSubset(held, JSON.parse('{"nodes": {"a": {"__proto__": {"polluted": true}}}}'), FROM), undefined);
    const differs = assertionFrom(() => assertSubset(held, JSON.parse('{"nodes": {"a": {"__proto__": {"polluted": false}}}}'), FROM));
    assert.equal(differs.message, `the snapshot does not match ${AT}:\n  nodes.a.__proto__.polluted: expected false, got true`);
  });

  test('large values are cut in the differences and in the diff', () => {
    const error = assertionFrom(() => assertSubset({ nodes: { a: { blob: 'x'.repeat(50_000) } } }, { nodes: { a: { blob: 'y'.repeat(50_000) } } }, FROM));
    assert.match(error.message, /\n {2}nodes\.a\.blob: expected "y+… \[\d+ more characters\]", got "x+… \[\d+ more characters\]"$/);
    assert.ok(error.message.length < 2_000, `the message has ${error.message.length} characters`);
    assert.ok((error.actual as string).length < 5_000 && (error.expected as string).length < 5_000, 'the diff sides are cut');
  });
});

describe('differences', () => {
  test('undefined when the actual value contains the expected one', () => {
    assert.equal(differences({ a: 1, b: 2 }, { a: 1 }), undefined);
  });

  test('one line per difference; with exact, extra keys are differences too', () => {
    assert.equal(differences({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }), '  a[1].b: expected 3, got 2');
    assert.equal(differences({ a: 1, b: 2 }, { a: 1 }, { exact: true }), '  b: not expected, got 2');
  });
});
