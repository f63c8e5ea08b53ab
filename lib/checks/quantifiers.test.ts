// Quantifiers, agreement and change over the values a pattern selects, as predicates of a real runtime's waits too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AssertionError } from 'chai';
import { ObservationRuntime, StaticSourceProvider, observedSource, type Observer } from '../index.js';
import {
  agree,
  allDistinct,
  allEqual,
  atLeast,
  atLeastOf,
  atMostOf,
  changed,
  decreasedBy,
  equalTo,
  every,
  exactlyOf,
  exists,
  increasedBy,
  neverDecreases,
  none,
  not,
  some,
  that,
  unchanged,
} from './index.js';

const snapshot = {
  nodes: { n1: { height: 12 }, n2: { height: 7 }, n3: {} },
  labels: {},
  members: { e1: { leader: 'e1' }, e2: { leader: 'e1' }, e3: { leader: null } },
};

describe('quantifiers', () => {
  test('every: a count and each offending item by concrete path; the empty selection fails', () => {
    assert.equal(
      every('nodes.*.height', atLeast(10)).verdict(snapshot)?.message,
      '1 of 3 values of "nodes.*.height" are not at least 10: nodes.n2.height = 7; and 1 is missing: nodes.n3.height',
    );
    assert.equal(
      every('labels.*', atLeast(1)).verdict(snapshot)?.message,
      'the selection "labels.*" is empty ("labels" is empty): "every" proves nothing on no values',
    );
    assert.equal(every('nodes.n1.height', atLeast(10)).verdict(snapshot), undefined);
  });

  test('some, none, at least / at most / exactly N of', () => {
    assert.equal(some('nodes.*.height', atLeast(10)).verdict(snapshot), undefined);
    assert.match(some('nodes.*.height', atLeast(20)).verdict(snapshot)?.message ?? '', /^none of the 3 values of "nodes\.\*\.height" is at least 20: /);
    assert.equal(none('nodes.*.error', exists()).verdict(snapshot), undefined);
    assert.equal(none('labels.*', exists()).verdict(snapshot), undefined, 'no over an empty selection passes');
    assert.equal(
      none('nodes.*.height', atLeast(10)).verdict(snapshot)?.message,
      '1 of 3 values of "nodes.*.height" are at least 10, but none should be: nodes.n1.height = 12',
    );
    assert.equal(atLeastOf(1, 'nodes.*.height', atLeast(10)).verdict(snapshot), undefined);
    assert.match(
      atLeastOf(2, 'nodes.*.height', atLeast(10)).verdict(snapshot)?.message ?? '',
      /^only 1 of 3 values .* not at least 2: nodes\.n2\.height = 7, nodes\.n3\.height is missing$/,
    );
    assert.equal(atMostOf(1, 'nodes.*.height', atLeast(10)).verdict(snapshot), undefined);
    assert.equal(exactlyOf(2, 'nodes.*.height', exists()).verdict(snapshot), undefined);
    assert.match(
      exactlyOf(1, 'nodes.*.height', exists()).verdict(snapshot)?.message ?? '',
      /2 of 3 .* are present, not exactly 1: nodes\.n1\.height = 12, nodes\.n2\.height = 7/,
    );
    assert.throws(() => atLeastOf(-1, 'a.*', exists()), TypeError);
  });

  test('an equality over a selection carries a diff by concrete path', () => {
    const mismatch = every('members.*.leader', equalTo('e1')).verdict(snapshot);
    assert.deepEqual([mismatch?.actual, mismatch?.expected], [{ 'members.e3.leader': null }, { 'members.e3.leader': 'e1' }]);
  });

  test("that: one value, the path's own missing reason, and a diff for an equality", () => {
    assert.equal(that('nodes.n2.height', atLeast(10)).verdict(snapshot)?.message, '"nodes.n2.height" is 7, not at least 10');
    assert.match(that('nodes.n3.height', atLeast(10)).verdict(snapshot)?.message ?? '', /^path "nodes\.n3\.height": no "height" in "nodes\.n3"/);
    assert.deepEqual(that('nodes.n2.height', equalTo(8)).verdict(snapshot), { message: '"nodes.n2.height" is 7 but should be 8', actual: 7, expected: 8 });
    assert.equal(that('leader', not(exists())).verdict(snapshot), undefined);
    assert.throws(() => that('nodes.*', exists()), { name: 'PathError' });
  });

  test('as a predicate: throws a chai AssertionError naming the cycle, and has a name waits can show', () => {
    const check = every('nodes.*.height', atLeast(10));
    assert.throws(
      () => check(snapshot, { cycle: 4 }),
      (error: unknown) => error instanceof AssertionError && / \(cycle 4\)$/.test(error.message),
    );
    assert.equal(check.name, 'every "nodes.*.height" at least 10');
    assert.doesNotThrow(() => every('nodes.*.height', exists())({ nodes: { a: { height: 1 } } }));
  });
});

describe('agreement', () => {
  test('all equal groups the values, naming where each was seen', () => {
    assert.equal(
      allEqual('members.*.leader').verdict(snapshot)?.message,
      '"members.*.leader" disagree: "e1" on members.e1.leader, members.e2.leader; null on members.e3.leader',
    );
    assert.equal(allEqual('members.*.leader').verdict({ members: { a: { leader: 1 }, b: { leader: 1 } } }), undefined);
    assert.match(allEqual('labels.*').verdict(snapshot)?.message ?? '', /is empty .*proves nothing/);
    assert.match(allEqual('nodes.*.height').verdict(snapshot)?.message ?? '', /missing on nodes\.n3\.height/);
  });

  test('a path without a star means the values inside it', () => {
    assert.equal(allDistinct('list').verdict({ list: [1, 2, 3] }), undefined);
    assert.equal(allDistinct('list').verdict({ list: [1, 2, 1] })?.message, '"list" are not all distinct: 1 on list[0], list[2]');
  });

  test('a quorum agrees on one value', () => {
    assert.equal(agree(2, 'members.*.leader').verdict(snapshot), undefined);
    assert.match(
      agree(3, 'members.*.leader').verdict(snapshot)?.message ?? '',
      /^no 3 of the 3 values of "members\.\*\.leader" agree \(at most 2 do\): "e1" on/,
    );
    assert.throws(() => agree(0, 'a.*'), TypeError);
  });
});

describe('change, relative to a baseline', () => {
  test('the first value seen is the baseline unless `since` gives one', () => {
    const check = every('nodes.*.height', increasedBy(5));
    assert.match(
      check.verdict({ nodes: { a: { height: 10 } } })?.message ?? '',
      /nodes\.a\.height is 10, unchanged from 10 at the start, not up by at least 5/,
    );
    assert.equal(check.verdict({ nodes: { a: { height: 15 } } }), undefined);
    assert.equal(that('h', increasedBy(5), { since: { h: 1 } }).verdict({ h: 6 }), undefined);
  });

  test('changed, unchanged, decreased, and values that appear or are not numbers', () => {
    assert.equal(that('x', changed(), { since: { x: 1 } }).verdict({ x: 1 })?.message, '"x" is still 1, as at the start');
    assert.equal(that('x', changed(), { since: {} }).verdict({ x: 1 }), undefined);
    assert.equal(that('x', unchanged(), { since: { x: [1] } }).verdict({ x: [1] }), undefined);
    assert.equal(that('x', unchanged(), { since: { x: 1 } }).verdict({ x: 2 })?.message, '"x" is 2, changed from 1');
    assert.equal(that('x', decreasedBy(2), { since: { x: 10 } }).verdict({ x: 7 }), undefined);
    assert.match(that('x', increasedBy(1), { since: {} }).verdict({ x: 7 })?.message ?? '', /had no value at the start to compare with/);
    assert.match(that('x', increasedBy(1), { since: { x: 1 } }).verdict({ x: 'a' })?.message ?? '', /"a", a string, not a number/);
  });

  test('a rolling check compares each value with the previous one', () => {
    const check = every('h.*', neverDecreases());
    assert.equal(check.verdict({ h: { a: 1 } }), undefined);
    assert.equal(check.verdict({ h: { a: 3 } }), undefined);
    assert.equal(check.verdict({ h: { a: 5 } }), undefined);
    assert.equal(check.verdict({ h: { a: 4 } })?.message, '1 of 1 value of "h.*" decreased: h.a is 4, down 1 from 5 in the previous snapshot');
  });

  test('a value that appears has not decreased; one that disappears is missing, not decreased', () => {
    const check = every('h.*.offset', neverDecreases());
    assert.equal(check.verdict({ h: { a: { offset: 5 } } }), undefined);
    assert.equal(check.verdict({ h: { a: { offset: 6 }, b: { offset: 1 } } }), undefined);
    assert.equal(check.verdict({ h: { a: {}, b: { offset: 2 } } })?.message, '1 of 2 values of "h.*.offset" is missing: h.a.offset');
    assert.equal(
      that('h.a.offset', neverDecreases(), { since: { h: { a: { offset: 1 } } } }).verdict({ h: { a: {} } })?.message,
      'path "h.a.offset": no "offset" in "h.a" (keys there: none)',
    );
  });
});

describe('with a runtime', () => {
  test('every(path, atLeast(n)) as a waitForSnapshot predicate, and the timeout names the failing items', async () => {
    const heights = { a: 1, b: 1 };
    const observer: Observer<null, number, { nodes: Record<string, { height: number }> }, never> = {
      init: () => 0,
      poll: () => {
        heights.a += 1;
        return [];
      },
      snapshot: () => ({ nodes: { a: { height: heights.a }, b: { height: heights.b } } }),
    };
    const runtime = await ObservationRuntime.start(new StaticSourceProvider([observedSource('x', null)]), observer, { intervalMs: 5 });
    try {
      const reached = await runtime.handle().waitForSnapshot(some('nodes.*.height', atLeast(4)), { timeoutMs: 2000 });
      assert.ok(reached.value.nodes.a!.height >= 4);
      await assert.rejects(runtime.handle().waitForSnapshot(every('nodes.*.height', atLeast(4)), { timeoutMs: 100 }), (error: Error) => {
        assert.match(error.message, /waiting for a snapshot matching every "nodes\.\*\.height" at least 4/);
        assert.match(error.message, /last check: 1 of 2 values of "nodes\.\*\.height" are not at least 4: nodes\.b\.height = 1 \(cycle \d+\)/);
        return true;
      });
    } finally {
      await runtime.stop();
    }
  });
});
