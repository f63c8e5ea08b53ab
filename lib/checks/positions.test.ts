// Every value word in every position of the library: each quantifier, not, allOf, the operator form and explainHold.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  allOf,
  atLeast,
  atLeastOf,
  atMost,
  atMostOf,
  between,
  contains,
  equalTo,
  every,
  exactlyOf,
  exists,
  explainHold,
  greaterThan,
  hasLength,
  isA,
  isEmpty,
  lessThan,
  matches,
  matchesPattern,
  matchesSchema,
  none,
  not,
  observedAt,
  oneOf,
  remembered,
  type SnapshotCheck,
  some,
  that,
  type ValueCheck,
} from './index.js';

/** Stands for a value that is not there at all (the key is absent). */
const ABSENT = Symbol('absent');

interface Word {
  readonly name: string;
  readonly check: () => ValueCheck;
  /** The same word in the operator form of a docstring. */
  readonly operator: unknown;
  readonly passing: unknown;
  readonly failing: unknown;
}

const WORDS: readonly Word[] = [
  { name: 'equal to', check: () => equalTo('e1'), operator: { $eq: 'e1' }, passing: 'e1', failing: 'e2' },
  { name: 'not equal to', check: () => not(equalTo('e1')), operator: { $ne: 'e1' }, passing: 'e2', failing: 'e1' },
  { name: 'greater than', check: () => greaterThan(2), operator: { $gt: 2 }, passing: 3, failing: 2 },
  { name: 'at least', check: () => atLeast(2), operator: { $gte: 2 }, passing: 2, failing: 1 },
  { name: 'less than', check: () => lessThan(2), operator: { $lt: 2 }, passing: 1, failing: 2 },
  { name: 'at most', check: () => atMost(2), operator: { $lte: 2 }, passing: 2, failing: 3 },
  { name: 'between', check: () => between(1, 3), operator: { $between: [1, 3] }, passing: 2, failing: 4 },
  { name: 'matching', check: () => matches(/^v3/), operator: { $regex: '^v3' }, passing: 'v3.1', failing: 'v2.9' },
  { name: 'not matching', check: () => not(matches(/^v3/)), operator: { $not: { $regex: '^v3' } }, passing: 'v2.9', failing: 'v3.1' },
  { name: 'present', check: () => exists(), operator: { $exists: true }, passing: 0, failing: ABSENT },
  { name: 'absent', check: () => not(exists()), operator: { $exists: false }, passing: ABSENT, failing: 0 },
  { name: 'empty', check: () => isEmpty(), operator: { $empty: true }, passing: [], failing: [1] },
  { name: 'of length', check: () => hasLength(2), operator: { $length: 2 }, passing: [1, 2], failing: [1] },
  { name: 'of length at least', check: () => hasLength(atLeast(2)), operator: { $length: { $gte: 2 } }, passing: [1, 2, 3], failing: [1] },
  { name: 'a type', check: () => isA('integer'), operator: { $type: 'integer' }, passing: 3, failing: 3.5 },
  { name: 'one of', check: () => oneOf(['a', 'b']), operator: { $in: ['a', 'b'] }, passing: 'a', failing: 'c' },
  { name: 'not one of', check: () => not(oneOf(['a', 'b'])), operator: { $nin: ['a', 'b'] }, passing: 'c', failing: 'a' },
  { name: 'containing', check: () => contains('x'), operator: { $contains: 'x' }, passing: ['x', 'y'], failing: ['y'] },
  { name: 'a schema', check: () => matchesSchema({ type: 'string' }), operator: { $matchesSchema: { type: 'string' } }, passing: 's', failing: 1 },
  { name: 'and', check: () => allOf(isA('number'), atLeast(2)), operator: { $type: 'number', $gte: 2 }, passing: 3, failing: 1 },
  { name: 'not null and at least', check: () => allOf(not(equalTo(null)), atLeast(2)), operator: { $ne: null, $gte: 2 }, passing: 2, failing: null },
  { name: 'the observed', check: () => equalTo(observedAt('primary')), operator: { $observed: 'primary' }, passing: 'r1', failing: 'r2' },
  { name: 'greater than the observed', check: () => greaterThan(observedAt('floor')), operator: { $gt: { $observed: 'floor' } }, passing: 6, failing: 5 },
  {
    name: 'greater than the remembered',
    check: () => greaterThan(remembered('old term', 3)),
    operator: { $gt: { $remembered: 'old term' } },
    passing: 4,
    failing: 3,
  },
  { name: 'the remembered', check: () => equalTo(remembered('old term', 3)), operator: { $remembered: 'old term' }, passing: 3, failing: 4 },
];

/** A snapshot with members a and b, each holding `v` (or not, for ABSENT), beside the values operands read. */
function snapshot(a: unknown, b: unknown): unknown {
  const member = (value: unknown) => (value === ABSENT ? {} : { v: value });
  return { primary: 'r1', floor: 5, members: { a: member(a), b: member(b) } };
}

interface Position {
  readonly name: string;
  readonly build: (check: ValueCheck) => SnapshotCheck;
  /** Values of members a and b on which the position holds, then on which it fails, given a passing and a failing value. */
  readonly holds: (pass: unknown, fail: unknown) => [unknown, unknown];
  readonly fails: (pass: unknown, fail: unknown) => [unknown, unknown];
  /** The concrete path the failure message names. */
  readonly names: string;
}

const PATH = 'members.*.v';
const POSITIONS: readonly Position[] = [
  { name: 'the', build: (check) => that('members.a.v', check), holds: (p) => [p, p], fails: (_p, f) => [f, f], names: 'members.a.v' },
  { name: 'every', build: (check) => every(PATH, check), holds: (p) => [p, p], fails: (p, f) => [p, f], names: 'members.b.v' },
  { name: 'some', build: (check) => some(PATH, check), holds: (p, f) => [f, p], fails: (_p, f) => [f, f], names: 'members.a.v' },
  { name: 'no', build: (check) => none(PATH, check), holds: (_p, f) => [f, f], fails: (p, f) => [f, p], names: 'members.b.v' },
  { name: 'at least 2 of', build: (check) => atLeastOf(2, PATH, check), holds: (p) => [p, p], fails: (p, f) => [p, f], names: 'members.b.v' },
  { name: 'at most 1 of', build: (check) => atMostOf(1, PATH, check), holds: (p, f) => [p, f], fails: (p) => [p, p], names: 'members.a.v' },
  { name: 'exactly 1 of', build: (check) => exactlyOf(1, PATH, check), holds: (p, f) => [f, p], fails: (p) => [p, p], names: 'members.a.v' },
  { name: 'not every', build: (check) => not(every(PATH, check)), holds: (p, f) => [p, f], fails: (p) => [p, p], names: 'members.a.v' },
  {
    name: 'every, and a snapshot check',
    build: (check) => allOf(that('primary', exists()), every(PATH, check)),
    holds: (p) => [p, p],
    fails: (p, f) => [f, p],
    names: 'members.a.v',
  },
  {
    name: 'the operator form',
    build: (check) => that('members', check),
    holds: (p) => [p, p],
    fails: (p, f) => [p, f],
    names: 'b.v',
  },
];

const DOUBLE_NEGATION = /\bnot not\b|\bnot never\b|\bnone of the [^:]* is not\b/;

describe('every value word in every position', () => {
  for (const word of WORDS) {
    for (const position of POSITIONS) {
      test(`${position.name} … ${word.name}`, () => {
        const valueCheck =
          position.name === 'the operator form'
            ? matchesPattern({ a: { v: word.operator }, b: { v: word.operator } }, { remembered: (name) => (name === 'old term' ? 3 : undefined) })
            : word.check();
        const build = () => position.build(valueCheck);
        const holding = snapshot(...position.holds(word.passing, word.failing));
        const passing = build();
        assert.equal(passing.verdict(holding), undefined, `holds on ${JSON.stringify(holding)}`);
        if (position.name !== 'the operator form') assert.equal(typeof explainHold(passing, holding), 'string', 'explains what it read when it holds');
        const failing = snapshot(...position.fails(word.passing, word.failing));
        const mismatch = build().verdict(failing);
        assert.ok(mismatch !== undefined, `fails on ${JSON.stringify(failing)}`);
        assert.ok(mismatch.message.includes(position.names), `names ${position.names}: ${mismatch.message}`);
        assert.doesNotMatch(mismatch.message, DOUBLE_NEGATION);
      });
    }
  }
});
