// Values tables with a check column, operator docstrings with remembered values, and the per-World remembered values.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckNode } from '../../lib/checks/compare.js';
import { remember, rememberedNames, rememberedValue } from '../remembered.js';
import { parsePatternDocString, parseTable, tableVerdict } from './index.js';

const snapshot = { nodes: { a: { height: 12 }, b: { height: 7 } }, leader: 'a', term: 4 };

describe('parseTable and tableVerdict', () => {
  test('two-column rows mean equality; three columns take a check word; a "*" row means every value', () => {
    const rows = parseTable([
      ['path', 'check', 'value'],
      ['nodes.*.height', 'at least', '5'],
      ['leader', 'not', 'null'],
      ['term', 'between', '1 and 9'],
      ['nodes.c', 'not present', ''],
      ['leader', 'match', '/^a$/'],
    ]);
    assert.equal(rows.length, 5);
    assert.equal(tableVerdict(rows, snapshot), undefined);
    assert.equal(
      tableVerdict(
        parseTable([
          ['leader', '"a"'],
          ['term', '4'],
        ]),
        snapshot,
      ),
      undefined,
    );
  });

  test('"all equal" and "all distinct" rows compare the selected values with each other, JSONPath filters included', () => {
    const cluster = { members: { e1: { up: true, leader: 'e1' }, e2: { up: true, leader: 'e1' }, e3: { up: false, leader: null } } };
    assert.equal(tableVerdict(parseTable([['$.members[?@.up == true].leader', 'all equal', '']]), cluster), undefined);
    const mismatch = tableVerdict(parseTable([['members.*.leader', 'all equal', '']]), cluster);
    assert.match(mismatch?.message ?? '', /1 of 1 observed values differ/);
    assert.match(mismatch?.message ?? '', /members\.e3\.leader/);
    assert.match(tableVerdict(parseTable([['members.*', 'all distinct', '']]), cluster)?.message ?? '', /not all distinct: .* on members\.e1, members\.e2/);
    assert.throws(
      () => parseTable([['members.*.leader', 'all equal', '"e1"']]),
      /table row 1 \("members\.\*\.leader"\): "all equal" compares .* value cell stays empty/,
    );
    assert.throws(() => parseTable([['members.*.leader', 'agree', '']]), /"agree" needs a quorum/);
  });

  test('a failing table lists each row that does not hold; equality rows keep their diff', () => {
    const mismatch = tableVerdict(
      parseTable([
        ['leader', '"b"'],
        ['nodes.*.height', 'at least', '10'],
        ['term', '4'],
        ['missing', '1'],
      ]),
      snapshot,
    );
    assert.equal(
      mismatch?.message,
      [
        '3 of 4 observed values differ:',
        '  "leader": expected "b", got "a"',
        '  1 of 2 values of "nodes.*.height" are not at least 10: nodes.b.height = 7',
        '  path "missing": no "missing" in the snapshot (keys there: nodes, leader, term)',
      ].join('\n'),
    );
    assert.deepEqual(mismatch?.actual, { leader: 'a', term: 4, missing: '<missing>' });
    assert.deepEqual(mismatch?.expected, { leader: 'b', term: 4, missing: 1 });
  });

  test('bad rows name the row and what is accepted', () => {
    assert.throws(() => parseTable([['a', '1', '2', '3']]), { message: /table row 1 has 4 cells; expected two/ });
    assert.throws(() => parseTable([['a', '"x"', '1']]), { message: /table row 1 \("a"\): the check column holds "x", which is not a check word; accepted:/ });
    assert.throws(() => parseTable([['a', 'greter than', '1']]), { message: /table row 1 \("a"\): unknown check "greter than 1"/ });
    assert.throws(() => parseTable([['path', 'value']]), { message: 'the table has no path | value rows' });
    assert.throws(() => parseTable([['__proto__.x', '1']]), { name: 'PathError' });
  });
});

describe('parsePatternDocString', () => {
  test('operators become checks; $remembered stands for a remembered value, taken literally', () => {
    const remembered = (name: string) => (name === 'old' ? { $gte: 1 } : 3);
    const pattern = parsePatternDocString('{"a": {"$gt": 1}, "b": {"$remembered": "old"}, "c": [{"$remembered": "n"}]}', { remembered }) as Record<
      string,
      unknown
    >;
    assert.ok(pattern.a instanceof CheckNode);
    assert.ok(pattern.b instanceof CheckNode);
    assert.equal((pattern.b as CheckNode).check.verdict({ $gte: 1 }, true), undefined);
  });

  test('errors name the docstring, the place and the accepted operators', () => {
    assert.throws(() => parsePatternDocString('{"a": {"$nope": 1}}'), {
      name: 'StepInputError',
      message: /^the docstring's operators cannot be used: at "a": unknown operator "\$nope"; accepted: \$eq/,
    });
    assert.throws(() => parsePatternDocString('{"a": {"$remembered": "x"}}'), { message: /"\$remembered" cannot be used here/ });
    assert.throws(() => parsePatternDocString('{"a": {"$remembered": 3}}', { remembered: () => 1 }), { message: /needs the name of a remembered value/ });
    assert.throws(() => parsePatternDocString('{a: 1}'), { message: /^the docstring is not valid JSON/ });
  });
});

describe('remembered values', () => {
  test('per World, copied when remembered, unknown names listing the known ones', () => {
    const world = {};
    const other = {};
    const value = { id: 'n1' };
    remember(world, 'old leader', value);
    value.id = 'n2';
    assert.deepEqual(rememberedValue(world, 'old leader'), { id: 'n1' });
    remember(world, 'old term', 3);
    assert.deepEqual(rememberedNames(world), ['old leader', 'old term']);
    assert.throws(() => rememberedValue(world, 'old leadr'), {
      name: 'StepInputError',
      message: 'nothing is remembered as "old leadr" in this scenario (remembered: "old leader", "old term")',
    });
    assert.throws(() => rememberedValue(other, 'old leader'), {
      message: /nothing is remembered yet; remember a value first with 'When I remember the observed "<path>" as "old leader"'/,
    });
    assert.throws(() => remember(world, ' ', 1), { message: /needs a name/ });
  });
});
