// The operator form of JSON patterns: each operator is a check word, compared through the docstring's partial match.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compare, CheckNode, expectedForDiff } from './compare.js';
import { compilePattern, matchesPattern, OPERATOR_NAMES } from './operators.js';

function differences(actual: unknown, pattern: unknown): string[] {
  return compare(actual, compilePattern(pattern), true).map(({ at, what }) => `${at.join('.')}: ${what}`);
}

describe('compilePattern', () => {
  test('each operator holds where its word does', () => {
    const actual = { h: 12, v: 'v3.4', l: [1, 2], e: {}, n: null };
    const pattern = {
      h: { $eq: 12, $ne: 3, $gt: 11, $gte: 12, $lt: 13, $lte: 12, $between: [10, 20], $in: [12], $nin: [1], $type: 'integer' },
      v: { $regex: '^V3', $flags: 'i', $contains: '3.4', $length: 4, $not: { $regex: '^v2' } },
      l: { $length: { $gte: 2 }, $empty: false, $contains: 2 },
      e: { $empty: true, $exists: true, $type: 'object' },
      n: { $exists: true, $type: 'null' },
      missing: { $exists: false },
    };
    assert.deepEqual(differences(actual, pattern), []);
  });

  test('an operator that does not hold says why, at its path; a missing key fails every operator but $exists: false', () => {
    assert.deepEqual(differences({ a: { h: 7 } }, { a: { h: { $gte: 10 }, x: { $gt: 1 } }, y: { $exists: true } }), [
      'a.h: is 7, not at least 10',
      'a.x: missing',
      'y: missing',
    ]);
    assert.deepEqual(differences({ e: 1 }, { e: { $exists: false } }), ['e: is 1, but should not exist']);
  });

  test('$eq takes its operand literally, so data keys that start with $ can be matched', () => {
    assert.deepEqual(differences({ q: { $gte: 1 } }, { q: { $eq: { $gte: 1 } } }), []);
  });

  test('unknown operators, mixed keys and bad operands are TypeErrors naming the place and what is accepted', () => {
    assert.throws(() => compilePattern({ a: { $gtx: 1 } }), {
      name: 'TypeError',
      message: `at "a": unknown operator "$gtx"; accepted: ${OPERATOR_NAMES.join(', ')}`,
    });
    assert.throws(() => compilePattern({ a: { $gt: 1, b: 2 } }), { message: /at "a" mixes operators \(\$gt\) with keys \(b\)/ });
    assert.throws(() => compilePattern({ a: { $gte: 'x' } }), { message: 'at "a": "$gte" needs a number, got "x"' });
    assert.throws(() => compilePattern({ a: { $regex: '(' } }), { message: /at "a": "\$regex" "\(" is not a valid regular expression/ });
    assert.throws(() => compilePattern({ a: { $flags: 'i' } }), { message: /"\$flags" goes with "\$regex"/ });
    assert.throws(() => compilePattern([{ $type: 'date' }]), { message: /at "0": "\$type" needs one of "string"/ });
  });

  test('a key "__proto__" of a pattern stays data', () => {
    const compiled = compilePattern(JSON.parse('{"__proto__": {"$gt": 1}}')) as Record<string, unknown>;
    assert.ok(Object.hasOwn(compiled, '__proto__'));
    // biome-ignore lint/suspicious/noProto: reads the own "__proto__" key that the pattern kept as data
    assert.ok(compiled['__proto__'] instanceof CheckNode);
    assert.equal(Object.getPrototypeOf(compiled), Object.prototype);
  });

  test('the expected side of a diff shows an operator that fails as its description, one that holds as the actual value', () => {
    const pattern = compilePattern({ a: { $gte: 10 }, b: { $lt: 5 }, c: { $exists: false } });
    assert.deepEqual(expectedForDiff({ a: 7, b: 1 }, pattern), { a: '<at least 10>', b: 1 });
  });

  test('$allEqual and $allDistinct: agreement among the members of one value', () => {
    assert.deepEqual(differences({ votes: { a: 'e1', b: 'e1' }, ids: [1, 2, 3] }, { votes: { $allEqual: true }, ids: { $allDistinct: true } }), []);
    assert.deepEqual(
      differences(
        { votes: { a: 'e1', b: 'e2', c: 'e1' }, ids: [1, 2, 1], same: [4, 4], none: [], word: 'x' },
        { votes: { $allEqual: true }, ids: { $allDistinct: true }, same: { $allEqual: false }, none: { $allEqual: true }, word: { $allDistinct: true } },
      ),
      [
        'votes: has values that disagree: "e1" on a, c; "e2" on b',
        'ids: has values that are not all distinct: 1 on [0], [2]',
        'same: is [4,4], which is all equal, but should not be',
        'none: is []: "all equal" proves nothing on no values',
        'word: is "x", a string, which has no values to compare: "all distinct" needs an array or an object',
      ],
    );
    assert.throws(() => compilePattern({ a: { $allEqual: 'yes' } }), { message: 'at "a": "$allEqual" needs true or false, got "yes"' });
  });

  test('a change word as an operator is refused, saying why and what to write instead', () => {
    assert.throws(() => compilePattern({ term: { $increasedBy: 1 } }), {
      name: 'TypeError',
      message:
        'at "term": "$increasedBy" is a change word, which compares a value across snapshots, but a pattern judges one value at one moment; ' +
        'write it as a step (every observed "<path>" should increase by at least 5), or remember the value first and compare with {"$gt": {"$remembered": "<name>"}}',
    });
    assert.throws(() => compilePattern({ offset: { $neverDecreases: true } }), { message: /should never decrease for 10 cycles/ });
  });

  test('matchesPattern: the same rules as a check word', () => {
    assert.equal(matchesPattern({ a: { $gte: 1 } }).verdict({ a: 2, b: 3 }, true), undefined);
    assert.match(matchesPattern({ a: { $gte: 5 } }).verdict({ a: 2 }, true) ?? '', /does not match the pattern:\n {2}a: is 2, not at least 5/);
  });
});
