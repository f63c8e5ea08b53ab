// allOf ("and") over value checks and over snapshot checks, and not over any check, with messages free of double negation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  allEqual,
  allOf,
  atLeast,
  atLeastOf,
  changed,
  explainHold,
  equalTo,
  every,
  exists,
  increasedBy,
  isA,
  neverDecreases,
  none,
  not,
  some,
  that,
} from './index.js';

const sentinels = (s1: string, s2: string, s3: string) => ({ sentinels: { s1: { master: s1 }, s2: { master: s2 }, s3: { master: s3 } } });

describe('allOf over value checks', () => {
  const check = allOf(not(equalTo(null)), atLeast(2));

  test('holds when every part holds; fails with the first part that fails', () => {
    assert.equal(check.description, 'not null and at least 2');
    assert.equal(check.verdict(3, true), undefined);
    assert.equal(check.verdict(null, true), 'is null but should not be');
    assert.equal(check.verdict(1, true), 'is 1, not at least 2');
    assert.equal(check.verdict(undefined, false), 'is missing');
    assert.equal(allOf(isA('number')).description, 'a number', 'one check is itself');
  });

  test('under a quantifier, failing values are listed by what each part said', () => {
    assert.deepEqual(every('terms.*', check).verdict({ terms: { e1: null, e2: 1, e3: 4 } }), {
      message: '2 of 3 values of "terms.*" fail "not null and at least 2": terms.e1 is null but should not be; terms.e2 is 1, not at least 2',
    });
  });

  test('a part that judges presence makes the whole judge it', () => {
    assert.equal(allOf(exists(), equalTo(1)).verdict(undefined, false), 'is missing');
    assert.equal(not(allOf(exists(), equalTo(1))).verdict(undefined, false), undefined, 'nothing there is not "present and 1"');
    assert.equal(not(allOf(atLeast(0), equalTo(1))).verdict(undefined, false), 'is missing', 'a missing value proves nothing about a number');
  });

  test('bad parts are TypeErrors naming them', () => {
    assert.throws(() => allOf(), { name: 'TypeError', message: 'allOf needs at least one check' });
    assert.throws(() => allOf(atLeast(1), 3 as never), { name: 'TypeError', message: /^allOf \(check 2, 3\) needs a check such as atLeast\(10\)/ });
    assert.throws(() => allOf(atLeast(1), allEqual('x') as never), {
      name: 'TypeError',
      message: /^allOf needs checks of one kind, got snapshot checks \("x" all equal\)/,
    });
    assert.throws(() => allOf(atLeast(1), changed() as never), {
      name: 'TypeError',
      message: /^allOf cannot combine the change word "changed" with value checks/,
    });
  });
});

describe('allOf over snapshot checks: agreement with a value check', () => {
  const newMaster = allOf(allEqual('sentinels.*.master'), every('sentinels.*.master', not(equalTo('r1'))));

  test('all equal and not "r1"', () => {
    assert.equal(newMaster.description, '"sentinels.*.master" all equal and every "sentinels.*.master" not "r1"');
    assert.equal(newMaster.verdict(sentinels('r2', 'r2', 'r2')), undefined);
    assert.deepEqual(newMaster.verdict(sentinels('r1', 'r1', 'r1')), {
      message:
        '3 of 3 values of "sentinels.*.master" are "r1", but should not be: sentinels.s1.master = "r1", sentinels.s2.master = "r1", sentinels.s3.master = "r1"',
    });
    assert.deepEqual(newMaster.verdict(sentinels('r2', 'r3', 'r2')), {
      message: '"sentinels.*.master" disagree: "r2" on sentinels.s1.master, sentinels.s3.master; "r3" on sentinels.s2.master',
    });
  });

  test('as a predicate it throws naming the cycle', () => {
    assert.throws(() => newMaster(sentinels('r1', 'r1', 'r1'), { cycle: 4 }), { name: 'AssertionError', message: /but should not be: .* \(cycle 4\)$/ });
  });

  test('every part is judged each time, so a change word keeps its baseline', () => {
    const rising = allOf(allEqual('n'), every('n.*', neverDecreases()));
    assert.equal(rising.verdict({ n: { a: 5, b: 6 } })?.message.startsWith('"n" disagree'), true);
    assert.equal(rising.verdict({ n: { a: 5, b: 5 } })?.message, '1 of 2 values of "n.*" decreased: n.b is 5, down 1 from 6 in the previous snapshot');
  });
});

describe('not over any check', () => {
  test('a value check: no double negation, and not(not(c)) is c', () => {
    const inner = equalTo('r1');
    assert.equal(not(not(inner)), inner);
    assert.equal(not(atLeast(3)).verdict(4, true), 'is 4, which is at least 3, but should not be');
    assert.equal(not(equalTo('r1')).verdict('r1', true), 'is "r1" but should not be');
  });

  test('quantified checks over a negation say what the values are, not "are not not"', () => {
    assert.deepEqual(every('m.*', not(equalTo('r1'))).verdict({ m: { a: 'r1', b: 'r2' } }), {
      message: '1 of 2 values of "m.*" are "r1", but should not be: m.a = "r1"',
    });
    assert.equal(
      some('m.*', not(equalTo('r1'))).verdict({ m: { a: 'r1' } })?.message,
      'all 1 value of "m.*" is "r1", but at least one should not be: m.a = "r1"',
    );
    assert.equal(
      some('m.*.x', not(equalTo('r1'))).verdict({ m: { a: { x: 'r1' }, b: {} } })?.message,
      'none of the 2 values of "m.*.x" passes "not "r1"": m.a.x = "r1", m.b.x is missing',
    );
    assert.equal(none('m.*', not(equalTo('r1'))).verdict({ m: { a: 'r2' } })?.message, '1 of 1 value of "m.*" are not "r1", but none should be: m.a = "r2"');
  });

  test('a snapshot check: fails when it holds, saying what it found', () => {
    assert.equal(not(allEqual('nodes')).description, 'not "nodes" all equal');
    assert.equal(not(allEqual('nodes')).verdict({ nodes: { a: 1, b: 2 } }), undefined);
    assert.deepEqual(not(allEqual('nodes')).verdict({ nodes: { a: 1, b: 1 } }), { message: '"nodes" all equal holds, but should not: 1 on nodes.a, nodes.b' });
    assert.deepEqual(not(every('nodes.*', atLeast(1))).verdict({ nodes: { a: 1, b: 2 } }), {
      message: 'every "nodes.*" at least 1 holds, but should not: 2 of 2 values of "nodes.*" are at least 1: nodes.a = 1, nodes.b = 2',
    });
    assert.deepEqual(not(that('primary', equalTo('r1'))).verdict({ primary: 'r1' }), { message: '"primary" "r1" holds, but should not: "primary" is "r1"' });
    const negated = not(allEqual('nodes'));
    assert.equal(not(negated).description, '"nodes" all equal');
  });

  test('a change word', () => {
    const check = every('n.*', not(increasedBy(2)));
    assert.equal(check.verdict({ n: { a: 1 } }), undefined);
    assert.equal(check.verdict({ n: { a: 2 } }), undefined);
    assert.deepEqual(check.verdict({ n: { a: 5 } }), {
      message: '1 of 1 value of "n.*" are increased by at least 2, but should not be: n.a is 5, which is increased by at least 2, but should not be',
    });
  });

  test('a "never" word negated reads "at some point", not "not never"', () => {
    const check = atLeastOf(1, 'n.*', not(neverDecreases()));
    assert.equal(check.description, 'at least 1 of "n.*" decreasing at some point');
    check.verdict({ n: { a: 3 } });
    assert.equal(check.verdict({ n: { a: 2 } }), undefined);
    assert.match(check.verdict({ n: { a: 4 } })?.message ?? '', /^only 0 of 1 value of "n\.\*" are decreasing at some point, not at least 1: /);
  });
});

describe('explainHold: what a check that holds read, for a guard or an "unless" that was hit', () => {
  const cluster = { nodes: { a: { role: 'master' }, b: { role: 'slave' }, c: { role: 'master' } } };

  test('a quantified check names the values it counted, not the head of the snapshot', () => {
    const splitBrain = atLeastOf(2, 'nodes.*.role', equalTo('master'));
    assert.equal(splitBrain.verdict(cluster), undefined);
    assert.equal(explainHold(splitBrain, cluster), '2 of 3 values of "nodes.*.role" are "master": nodes.a.role = "master", nodes.c.role = "master"');
  });

  test('a negation names why the check it negates failed; a conjunction names each part', () => {
    const disagree = not(allEqual('nodes.*.role'));
    assert.equal(disagree.verdict(cluster), undefined);
    assert.equal(explainHold(disagree, cluster), '"nodes.*.role" disagree: "master" on nodes.a.role, nodes.c.role; "slave" on nodes.b.role');
    const both = allOf(some('nodes.*.role', equalTo('master')), that('nodes.b.role', equalTo('slave')));
    assert.equal(both.verdict(cluster), undefined);
    assert.equal(
      explainHold(both, cluster),
      '2 of 3 values of "nodes.*.role" are "master": nodes.a.role = "master", nodes.c.role = "master"; "nodes.b.role" is "slave"',
    );
  });

  test('a missing value that a guard on absence read is named missing', () => {
    const leaderless = that('leader', not(exists()));
    const snapshot = { members: {} };
    assert.equal(leaderless.verdict(snapshot), undefined);
    assert.equal(explainHold(leaderless, snapshot), '"leader" is missing');
  });

  test('nothing is explained for a value the check has not judged', () => {
    const splitBrain = atLeastOf(2, 'nodes.*.role', equalTo('master'));
    assert.equal(explainHold(splitBrain, cluster), undefined);
  });
});
