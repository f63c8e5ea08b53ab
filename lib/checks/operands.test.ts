// Operands: observedAt reads one value of the snapshot being checked, remembered names a value; every word with an expected value takes them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compare } from './compare.js';
import {
  atLeast,
  atMost,
  between,
  compilePattern,
  contains,
  equalTo,
  every,
  greaterThan,
  hasLength,
  isOperand,
  lessThan,
  matchesPattern,
  not,
  observedAt,
  oneOf,
  remembered,
  that,
} from './index.js';

const root = { primary: 'r1', limit: 5, sentinels: { s1: { master: 'r1' }, s2: { master: 'r2' } }, nodes: { a: 1, b: 2 } };
const context = { root };
const KEYS = 'keys there: primary, limit, sentinels, nodes';

describe('observedAt', () => {
  test('reads one value of the snapshot the check reads, and shows it beside its name', () => {
    const check = equalTo(observedAt('primary'));
    assert.equal(check.description, 'the observed "primary"');
    assert.equal(check.verdict('r1', true, context), undefined);
    assert.equal(check.verdict('r2', true, context), 'is "r2" but should be the observed "primary" ("r1")');
    assert.equal(check.verdict('r2', true, { root: { primary: 'r2' } }), undefined, 'read when the check runs, not when it is built');
  });

  test('a path that selects no value, several values or a missing one fails, saying which', () => {
    assert.equal(
      equalTo(observedAt('nope')).verdict('r1', true, context),
      `is "r1", but the observed "nope" is missing (path "nope": no "nope" in the snapshot (${KEYS})), so the two cannot be compared`,
    );
    assert.equal(
      equalTo(observedAt('nodes.*')).verdict('r1', true, context),
      'is "r1", but the observed "nodes.*" selects 2 values (nodes.a, nodes.b), not one, so the two cannot be compared',
    );
    assert.equal(
      equalTo(observedAt('labels.*')).verdict('r1', true, context),
      `is "r1", but the observed "labels.*" selects no value (path "labels.*": no "labels" in the snapshot (${KEYS})), so the two cannot be compared`,
    );
    assert.equal(
      equalTo(observedAt('primary')).verdict('r1', true),
      'is "r1", but the observed "primary" cannot be read: this check was given no snapshot to read it from, so the two cannot be compared',
    );
  });

  test('a bad path throws when the operand is built', () => {
    assert.throws(() => observedAt('a..b'), { name: 'PathError', message: /invalid path "a\.\.b": empty segment/ });
  });

  test('a missing value judged is missing, whatever the operand', () => {
    assert.equal(equalTo(observedAt('nope')).verdict(undefined, false, context), 'is missing');
  });
});

describe('operands in every word that takes a value', () => {
  test('numbers: the bound is read and shown', () => {
    assert.equal(greaterThan(observedAt('limit')).description, 'greater than the observed "limit"');
    assert.equal(greaterThan(observedAt('limit')).verdict(3, true, context), 'is 3, not greater than the observed "limit" (5)');
    assert.equal(atLeast(observedAt('limit')).verdict(5, true, context), undefined);
    assert.equal(lessThan(observedAt('limit')).verdict(5, true, context), 'is 5, not less than the observed "limit" (5)');
    assert.equal(atMost(observedAt('limit')).verdict(5, true, context), undefined);
    assert.equal(between(1, observedAt('limit')).verdict(7, true, context), 'is 7, not between 1 and the observed "limit" (5)');
    assert.equal(
      greaterThan(observedAt('primary')).verdict(3, true, context),
      'is 3, but the observed "primary" is "r1", a string, not a number, so the two cannot be compared',
    );
  });

  test('oneOf: the list, or items of it', () => {
    assert.equal(oneOf([observedAt('primary'), 'r3']).verdict('r1', true, context), undefined);
    assert.equal(oneOf([observedAt('primary'), 'r3']).verdict('r2', true, context), 'is "r2", not one of [the observed "primary" ("r1"), "r3"]');
    assert.equal(oneOf(remembered('old masters', ['a'])).verdict('r2', true, context), 'is "r2", not one of the remembered "old masters" (["a"])');
    assert.equal(
      oneOf(observedAt('limit')).verdict('r2', true, context),
      'is "r2", but the observed "limit" is 5, not an array of candidates, so the two cannot be compared',
    );
  });

  test('contains and hasLength', () => {
    assert.equal(contains(observedAt('primary')).verdict('xr1x', true, context), undefined);
    assert.equal(contains(observedAt('primary')).verdict('xx', true, context), 'is "xx", which does not contain the observed "primary" ("r1")');
    assert.equal(hasLength(observedAt('limit')).verdict([1, 2, 3, 4, 5], true, context), undefined);
    assert.equal(hasLength(observedAt('limit')).verdict([1], true, context), 'has length 1, but should be the observed "limit" (5): [1]');
  });

  test('not over an operand that has no value fails (it proves nothing) instead of passing', () => {
    assert.equal(not(equalTo(observedAt('primary'))).verdict('r1', true, context), 'is "r1", equal to the observed "primary", but should not be');
    assert.equal(not(equalTo(observedAt('primary'))).verdict('r2', true, context), undefined);
    assert.match(not(equalTo(observedAt('nope'))).verdict('r1', true, context) ?? '', /^is "r1", but the observed "nope" is missing/);
  });

  test('quantifiers give their operands the snapshot they judge, and a diff of what each value was compared with', () => {
    assert.deepEqual(every('sentinels.*.master', equalTo(observedAt('primary'))).verdict(root), {
      message: '1 of 2 values of "sentinels.*.master" are not the observed "primary": sentinels.s2.master is "r2" but should be the observed "primary" ("r1")',
      actual: { 'sentinels.s2.master': 'r2' },
      expected: { 'sentinels.s2.master': 'r1' },
    });
    assert.equal(that('sentinels.s1.master', equalTo(observedAt('primary'))).verdict(root), undefined);
  });

  test('remembered names a value', () => {
    const old = remembered('old term', 3);
    assert.ok(isOperand(old));
    assert.ok(!isOperand({ description: 'x', resolve: () => ({ found: true, value: 1 }) }), 'only operands built here count');
    assert.equal(greaterThan(old).verdict(3, true), 'is 3, not greater than the remembered "old term" (3)');
    assert.throws(() => remembered(3 as never, 1), { name: 'TypeError', message: 'remembered needs the name of the value as a string, got 3' });
  });
});

describe('operands in the operator form', () => {
  const remember = (name: string): unknown => {
    if (name === 'old term') return 3;
    throw new Error(`nothing remembered as "${name}"`);
  };

  test('$remembered and $observed as an operator operand and as a value', () => {
    const pattern = compilePattern(
      {
        term: { $gt: { $remembered: 'old term' } },
        leader: { $observed: 'primary' },
        was: { $remembered: 'old term' },
        n: { $between: [1, { $observed: 'limit' }] },
      },
      { remembered: remember },
    );
    assert.deepEqual(compare({ term: 4, leader: 'r1', was: 3, n: 5 }, pattern, true, context), []);
    assert.deepEqual(compare({ term: 3, leader: 'r2', was: 2, n: 6 }, pattern, true, context), [
      { at: ['term'], what: 'is 3, not greater than the remembered "old term" (3)' },
      { at: ['leader'], what: 'is "r2" but should be the observed "primary" ("r1")' },
      { at: ['was'], what: 'is 2 but should be the remembered "old term" (3)' },
      { at: ['n'], what: 'is 6, not between 1 and the observed "limit" (5)' },
    ]);
  });

  test('$in, $nin, $ne, $contains, $length and $not take operands', () => {
    const pattern = compilePattern({
      a: { $in: [{ $observed: 'primary' }, 'r3'] },
      b: { $nin: [{ $observed: 'primary' }] },
      c: { $ne: { $observed: 'primary' } },
      d: { $contains: { $observed: 'primary' } },
      e: { $length: { $observed: 'limit' } },
      f: { $not: { $observed: 'primary' } },
    });
    assert.deepEqual(compare({ a: 'r1', b: 'r2', c: 'r2', d: ['r1'], e: 'abcde', f: 'x' }, pattern, true, context), []);
    assert.equal(compare({ a: 'r2', b: 'r1', c: 'r1', d: [], e: 'a', f: 'r1' }, pattern, true, context).length, 6);
  });

  test('$eq stays literal, for data whose keys start with "$"', () => {
    assert.deepEqual(compare({ a: { $observed: 'primary' } }, compilePattern({ a: { $eq: { $observed: 'primary' } } }), true, context), []);
  });

  test('bad operands fail when the pattern is compiled, naming the place', () => {
    assert.throws(() => compilePattern({ term: { $gt: { $remembered: 'old term' } } }), {
      name: 'TypeError',
      message: 'at "term": "$remembered" cannot be used here: no remembered values were given (asked for "old term")',
    });
    assert.throws(() => compilePattern({ term: { $gt: { $remembered: 'nope' } } }, { remembered: remember }), {
      message: 'at "term": nothing remembered as "nope"',
    });
    assert.throws(() => compilePattern({ a: { $observed: 7 } }), { message: 'at "a": "$observed" needs a path such as {"$observed": "primary"}, got 7' });
    assert.throws(() => compilePattern({ a: { $gt: { $observed: 'x', y: 1 } } }), {
      message: 'at "a": $observed stands alone in its object, got {"$observed":"x","y":1}',
    });
    assert.throws(() => compilePattern({ a: { $gt: { $observed: 'a..b' } } }), { message: /^at "a": invalid path "a\.\.b"/ });
    assert.throws(() => compilePattern({ a: { $gt: { $eq: 3 } } }), { message: 'at "a": "$gt" needs a number, got {"$eq":3}' });
  });

  test('matchesPattern passes the snapshot to its operands, and not() of it fails when an operand has no value', () => {
    assert.equal(
      matchesPattern({ x: { $observed: 'limit' } }).verdict({ x: 4 }, true, context),
      'does not match the pattern:\n  x: is 4 but should be the observed "limit" (5)',
    );
    assert.match(not(matchesPattern({ x: { $observed: 'nope' } })).verdict({ x: 4 }, true, context) ?? '', /^is \{"x":4\}, but the observed "nope" is missing/);
  });
});
