// Path patterns: "*" segments, selections with concrete paths, and the refusal of "*" where one value is needed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasWildcard, parsePath, parsePattern, PathError, readPath, selectPath, WILDCARD } from './paths.js';

const snapshot = {
  nodes: { n1: { height: 12 }, n2: { height: 7 }, n3: {} },
  members: [{ up: true }, { up: false }],
  shards: { s1: { replicas: { r1: { lag: 0 }, r2: { lag: 2 } } }, s2: { replicas: {} }, s3: {} },
  labels: {},
  count: 3,
};

describe('parsePattern', () => {
  test('"*" and "[*]" are wildcards; ["*"] is a key named *', () => {
    assert.deepEqual(parsePattern('nodes.*.height'), ['nodes', WILDCARD, 'height']);
    assert.deepEqual(parsePattern('members[*].up'), ['members', WILDCARD, 'up']);
    assert.deepEqual(parsePattern('*'), [WILDCARD]);
    assert.deepEqual(parsePattern('data["*"]'), ['data', '*']);
    assert.equal(hasWildcard('a.*'), true);
    assert.equal(hasWildcard('a["*"]'), false);
  });

  test('a star mixed into a name is refused, saying how to write a key with a star', () => {
    assert.throws(() => parsePattern('nodes.n*.height'), { name: 'PathError', message: /"n\*" mixes "\*" with other characters; .*\["n\*"\]/ });
  });

  test('parsePath and readPath refuse a "*", naming the quantifiers', () => {
    assert.throws(
      () => parsePath('nodes.*.height'),
      (error: unknown) => error instanceof PathError && /one value is needed here; .*every, some, no/.test(error.message),
    );
    assert.throws(() => readPath(snapshot, 'nodes.*'), PathError);
  });

  test('readPath takes parsed segments too', () => {
    assert.deepEqual(readPath(snapshot, ['nodes', 'n1', 'height']), { found: true, value: 12 });
  });
});

describe('selectPath', () => {
  test('each value of an object in key order, with its concrete path; a missing one below the star is an item', () => {
    const { items, emptyBecause } = selectPath(snapshot, 'nodes.*.height');
    assert.equal(emptyBecause, undefined);
    assert.deepEqual(
      items.map((item) => [item.path, item.present, item.present ? item.value : item.reason]),
      [
        ['nodes.n1.height', true, 12],
        ['nodes.n2.height', true, 7],
        ['nodes.n3.height', false, 'path "nodes.n3.height": no "height" in "nodes.n3" (keys there: none)'],
      ],
    );
  });

  test('array items, and nested stars', () => {
    assert.deepEqual(
      selectPath(snapshot, 'members[*].up').items.map((item) => item.path),
      ['members[0].up', 'members[1].up'],
    );
    const lags = selectPath(snapshot, 'shards.*.replicas.*.lag').items;
    assert.deepEqual(
      lags.map((item) => [item.path, item.present]),
      [
        ['shards.s1.replicas.r1.lag', true],
        ['shards.s1.replicas.r2.lag', true],
        ['shards.s3.replicas.*.lag', false],
      ],
    );
  });

  test('a path without a star selects one item, present or missing', () => {
    assert.deepEqual(
      selectPath(snapshot, 'count').items.map((item) => item.present),
      [true],
    );
    const [missing] = selectPath(snapshot, 'nodes.n4.height').items;
    assert.equal(missing?.present, false);
    assert.match(missing && !missing.present ? missing.reason : '', /no "n4" in "nodes"/);
  });

  test('a star over an empty, missing or scalar value selects nothing and says why', () => {
    assert.deepEqual(selectPath(snapshot, 'labels.*'), { items: [], emptyBecause: '"labels" is empty' });
    assert.match(selectPath(snapshot, 'count.*').emptyBecause ?? '', /"count" is number 3, which has no values for "\*" to select/);
    assert.match(selectPath(snapshot, 'absent.*').emptyBecause ?? '', /path "absent\.\*": no "absent" in the snapshot/);
  });

  test('a star never reaches a prototype', () => {
    const hostile = JSON.parse('{"nodes": {"__proto__": {"height": 1}, "n1": {"height": 2}}}');
    assert.deepEqual(
      selectPath(hostile, 'nodes.*.height').items.map((item) => item.path),
      ['nodes.__proto__.height', 'nodes.n1.height'],
    );
    assert.throws(() => selectPath(hostile, 'nodes.*.__proto__'), PathError);
  });
});
