// matchesSchema and the "$matchesSchema" operator: ajv validation, each error at its concrete path with its keyword; bad schemas refused when built.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compare } from './compare.js';
import { compilePattern, every, matchesSchema, not, that } from './index.js';

const member = {
  title: 'member',
  type: 'object',
  required: ['up', 'leader'],
  properties: { up: { type: 'boolean' }, leader: { type: 'string' }, since: { type: 'string', format: 'date-time' } },
  additionalProperties: false,
};

describe('matchesSchema', () => {
  test('holds on a valid value; a missing value is missing', () => {
    const check = matchesSchema(member);
    assert.equal(check.description, 'matching the schema "member"');
    assert.equal(check.verdict({ up: true, leader: 'e1', since: '2026-12-07T06:00:00Z' }, true), undefined);
    assert.equal(check.verdict(undefined, false), 'is missing');
  });

  test('lists each error with its path, what is wrong, the keyword and where it is in the schema', () => {
    assert.equal(
      matchesSchema(member).verdict({ up: 'yes', extra: 1, since: 'yesterday' }, true),
      [
        'does not match the schema "member":',
        '  leader: is missing, but the schema requires it ("required" at #/required)',
        '  extra: is not allowed by the schema ("additionalProperties" at #/additionalProperties)',
        '  up: must be boolean ("type" at #/properties/up/type)',
        '  since: must match format "date-time" ("format" at #/properties/since/format)',
      ].join('\n'),
    );
    assert.equal(
      matchesSchema({ type: 'array', items: { type: 'integer' } }).verdict([1, 'a', 2.5], true),
      'does not match the schema:\n  [1]: must be integer ("type" at #/items/type)\n  [2]: must be integer ("type" at #/items/type)',
    );
    assert.equal(
      matchesSchema(false).verdict(1, true),
      'does not match the schema:\n  (the whole value): boolean schema is false ("false schema" at #/false schema)',
    );
  });

  test('under a quantifier or that(), each error names the concrete path in the snapshot', () => {
    const snapshot = { members: { e1: { up: true, leader: 'e1' }, e2: { up: 1, leader: 'e1' } } };
    assert.deepEqual(every('members.*', matchesSchema(member)).verdict(snapshot), {
      message:
        '1 of 2 values of "members.*" are not matching the schema "member": members.e2 does not match the schema "member":\n  members.e2.up: must be boolean ("type" at #/properties/up/type)',
    });
    assert.deepEqual(that('members.e2', matchesSchema(member)).verdict(snapshot), {
      message: '"members.e2" does not match the schema "member":\n  members.e2.up: must be boolean ("type" at #/properties/up/type)',
    });
    assert.deepEqual(that('members.e1', not(matchesSchema(member))).verdict(snapshot), {
      message: '"members.e1" is {"up":true,"leader":"e1"}, which is matching the schema "member", but should not be',
    });
  });

  test('the draft is the one "$schema" names: 2020-12 by default, 2019-09 or 07', () => {
    assert.equal(matchesSchema({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' }).verdict('a', true), undefined);
    assert.equal(matchesSchema({ $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'string' }).verdict('a', true), undefined);
    assert.equal(
      matchesSchema({ prefixItems: [{ type: 'string' }], items: false }).verdict(['a', 'b'], true),
      'does not match the schema:\n  (the whole value): must NOT have more than 1 items ("items" at #/items)',
      'prefixItems is 2020-12',
    );
  });

  test('a bad schema is a TypeError when the check is built, naming the schema and what is wrong', () => {
    assert.throws(() => matchesSchema({ type: 'strin' }), {
      name: 'TypeError',
      message:
        'the schema {"type":"strin"} cannot be used: schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf',
    });
    assert.throws(() => matchesSchema({ typo: 1 }), { message: 'the schema {"typo":1} cannot be used: strict mode: unknown keyword: "typo"' });
    assert.throws(() => matchesSchema({ $ref: '#/nope' }), {
      message: 'the schema {"$ref":"#/nope"} cannot be used: can\'t resolve reference #/nope from id #',
    });
    assert.throws(() => matchesSchema({ $schema: 'http://json-schema.org/draft-04/schema#' }), {
      message:
        'the schema declares "$schema": "http://json-schema.org/draft-04/schema#", which is not a draft this check validates; use draft 2020-12 (the default, no "$schema"), 2019-09 or 07',
    });
    assert.throws(() => matchesSchema([1] as never), { message: 'matchesSchema needs a JSON Schema (an object or a boolean), got [1]' });
  });
});

describe('the "$matchesSchema" operator', () => {
  test('validates the value at its place, and names the full path', () => {
    const pattern = compilePattern({ members: { e1: { $matchesSchema: member } } });
    assert.deepEqual(compare({ members: { e1: { up: true, leader: 'e1' } } }, pattern, true), []);
    assert.deepEqual(compare({ members: { e1: { up: true } } }, pattern, true, { root: {} }), [
      {
        at: ['members', 'e1'],
        what: 'does not match the schema "member":\n  members.e1.leader: is missing, but the schema requires it ("required" at #/required)',
      },
    ]);
  });

  test('a bad schema fails when the pattern is compiled, naming the place', () => {
    assert.throws(() => compilePattern({ a: { $matchesSchema: { type: 'strin' } } }), {
      name: 'TypeError',
      message: /^at "a": the schema \{"type":"strin"\} cannot be used/,
    });
    assert.throws(() => compilePattern({ a: { $matchesSchema: 3 } }), { message: 'at "a": matchesSchema needs a JSON Schema (an object or a boolean), got 3' });
  });
});
