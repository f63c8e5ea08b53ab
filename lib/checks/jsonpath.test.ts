// Selection by condition: RFC 9535 JSONPath queries beside dot and bracket paths, with concrete paths and reasons for empty selections.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allEqual, atLeast, checkPattern, equalTo, every, neverDecreases, not, observedAt, selectPath, some, that } from './index.js';
import { hasWildcard } from './paths.js';

const cluster = {
  members: { e1: { up: true, leader: 'e1' }, e2: { up: false }, e3: { up: true, leader: 'e1' } },
  nodes: [
    { role: 'slave', offset: 3 },
    { role: 'master', offset: 9 },
    { role: 'slave', offset: 4 },
  ],
};

describe('selectPath with a JSONPath query', () => {
  test('a filter selects by condition; each value keeps a readable concrete path', () => {
    assert.deepEqual(selectPath(cluster, '$.members[?@.up == true].leader'), {
      items: [
        { path: 'members.e1.leader', segments: ['members', 'e1', 'leader'], present: true, value: 'e1' },
        { path: 'members.e3.leader', segments: ['members', 'e3', 'leader'], present: true, value: 'e1' },
      ],
    });
    assert.deepEqual(
      selectPath(cluster, "$.nodes[?@.role == 'slave'].offset").items.map((item) => [item.path, item.present && item.value]),
      [
        ['nodes[0].offset', 3],
        ['nodes[2].offset', 4],
      ],
    );
  });

  test('keys that are not plain names are written in bracket form', () => {
    assert.deepEqual(
      selectPath({ 'a b': { 'c.d': [1, 2] } }, "$['a b']['c.d'][-1]").items.map((item) => item.path),
      ['["a b"]["c.d"][1]'],
    );
  });

  test("slices, unions and descendants are the library's, per RFC 9535", () => {
    assert.deepEqual(
      selectPath(cluster, '$.nodes[0:2].role').items.map((item) => item.present && item.value),
      ['slave', 'master'],
    );
    assert.deepEqual(
      selectPath(cluster, '$..leader').items.map((item) => item.path),
      ['members.e1.leader', 'members.e3.leader'],
    );
  });

  test('an empty selection says which segment matched nothing, and in what', () => {
    assert.deepEqual(selectPath(cluster, "$.nodes[?@.role == 'sentinel'].offset"), {
      items: [],
      emptyBecause: `the filter [?@.role == 'sentinel'] matched none of the 3 values in "$.nodes"`,
    });
    assert.equal(
      selectPath(cluster, '$.members[?@.up == true].term').emptyBecause,
      '.term selects nothing in any of the 2 values of "$.members[?@.up == true]"',
    );
    assert.equal(selectPath(cluster, '$.members.e2[?@ == 1]').emptyBecause, 'the filter [?@ == 1] matched none of the 1 value in "$.members.e2"');
    assert.equal(selectPath(cluster, '$[?@.x == 1]').emptyBecause, 'the filter [?@.x == 1] matched none of the 2 values of the snapshot');
    assert.equal(
      selectPath(cluster, "$.members['e9'][?@ == 1]").emptyBecause,
      `"$.members" is an object, where ['e9'] selects nothing (keys there: e1, e2, e3)`,
    );
  });

  test('a $ path in plain dot and bracket notation keeps its messages, and Map entries', () => {
    assert.deepEqual(selectPath(cluster, '$.members.e4.up').items[0], {
      path: 'members.e4.up',
      segments: ['members', 'e4', 'up'],
      present: false,
      reason: 'path "$.members.e4.up": no "e4" in "members" (keys there: e1, e2, e3)',
    });
    assert.equal(selectPath({ m: new Map([['a', 1]]) }, '$.m.a').items[0]?.present, true);
  });

  test('an invalid query is a PathError when the check is built, naming the input and what is wrong', () => {
    assert.throws(() => every('$.members[?@.up ==].leader', equalTo('e1')), {
      name: 'PathError',
      message:
        'invalid JSONPath "$.members[?@.up ==].leader": Expected "$", "\'", "-", "-0", "0", "@", "\\"", "false", "null", "true", [1-9], [\\t-\\n\\r ], or [a-z] but "]" found. (at character 19); expected an RFC 9535 query such as $.members[?@.up == true].leader',
    });
    assert.throws(() => checkPattern('members[?@.up == true]'), {
      name: 'PathError',
      message: /"\[\?@\.up == true\]" is neither an index, a quoted key nor \[\*\]; a filter needs a JSONPath query, which starts with "\$"/,
    });
    assert.throws(() => allEqual('$.a['), { name: 'PathError', message: /^invalid JSONPath "\$\.a\[": .*\(at character 5\)/ });
    assert.throws(() => observedAt('$..'), { name: 'PathError', message: /^invalid JSONPath "\$\.\.":/ });
    assert.throws(() => checkPattern(`$[?${'('.repeat(4000)}@.a${')'.repeat(4000)}]`), {
      name: 'PathError',
      message: /: it is nested too deeply for the JSONPath parser;/,
    });
    assert.throws(() => checkPattern(`$[?@.a == '${'x'.repeat(10_000)}']`), {
      name: 'PathError',
      message: /: it has 10013 characters, more than the 10000 a JSONPath query may have;/,
    });
  });

  test('a query may select several values, so one-value uses refuse it', () => {
    assert.equal(hasWildcard('$.members[?@.up == true].leader'), true);
    assert.equal(hasWildcard('$.members.e1.leader'), false);
    assert.throws(() => that('$.members[?@.up == true].leader', equalTo('e1')), {
      name: 'PathError',
      message:
        /^path "\$\.members\[\?@\.up == true\]\.leader" is a JSONPath query, which may select several values, but one value is needed here; .* every, some, no/,
    });
  });
});

describe('selection by condition in every check that selects', () => {
  test('agreement: a member that is down is simply not selected', () => {
    assert.equal(allEqual('$.members[?@.up == true].leader').verdict(cluster), undefined);
    assert.deepEqual(allEqual('members.*.leader').verdict(cluster), {
      message: '"members.*.leader" disagree: "e1" on members.e1.leader, members.e3.leader; missing on members.e2.leader',
    });
  });

  test('quantifiers, with the concrete path of each failing value', () => {
    assert.deepEqual(every("$.nodes[?@.role == 'slave'].offset", atLeast(4)).verdict(cluster), {
      message: `1 of 2 values of "$.nodes[?@.role == 'slave'].offset" are not at least 4: nodes[0].offset = 3`,
    });
    assert.deepEqual(some('$.members[?@.up == true].leader', not(equalTo('e1'))).verdict(cluster), {
      message: 'all 2 values of "$.members[?@.up == true].leader" are "e1", but at least one should not be: members.e1.leader = "e1", members.e3.leader = "e1"',
    });
    assert.deepEqual(every('$.members[?@.up == 7].leader', equalTo('e2')).verdict(cluster), {
      message:
        'the selection "$.members[?@.up == 7].leader" is empty (the filter [?@.up == 7] matched none of the 3 values in "$.members"): "every" proves nothing on no values',
    });
  });

  test('change words keep baselines by concrete path, among the values the query selected', () => {
    const check = every("$.nodes[?@.role == 'slave'].offset", neverDecreases());
    assert.equal(check.verdict(cluster), undefined);
    assert.equal(
      check.verdict({
        nodes: [
          { role: 'slave', offset: 5 },
          { role: 'master', offset: 1 },
          { role: 'slave', offset: 4 },
        ],
      }),
      undefined,
      'the master is not selected, so its offset going down is not judged',
    );
    assert.deepEqual(
      check.verdict({
        nodes: [
          { role: 'slave', offset: 4 },
          { role: 'slave', offset: 1 },
          { role: 'slave', offset: 6 },
        ],
      }),
      {
        message: `1 of 3 values of "$.nodes[?@.role == 'slave'].offset" decreased: nodes[0].offset is 4, down 1 from 5 in the previous snapshot`,
      },
      'the old master is newly selected: it has no previous offset among the replicas, so it has not decreased',
    );
  });

  test('an operand may be a query that selects one value', () => {
    const snapshot = {
      primary: { name: 'r1' },
      nodes: [
        { name: 'r1', role: 'master' },
        { name: 'r2', role: 'slave' },
      ],
    };
    assert.equal(equalTo(observedAt("$.nodes[?@.role == 'master'].name")).verdict('r1', true, { root: snapshot }), undefined);
    assert.equal(
      equalTo(observedAt('$.nodes[?@.role == "x"].name')).verdict('r1', true, { root: snapshot }),
      'is "r1", but the observed "$.nodes[?@.role == "x"].name" selects no value (the filter [?@.role == "x"] matched none of the 2 values in "$.nodes"), so the two cannot be compared',
    );
  });
});
