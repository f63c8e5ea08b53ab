// The step language's cross product: every check word in every position (now, within, within … of, but not before, a hold
// for a duration and for cycles, and stay so, values table, docstring, guard, unless) is one defined step whose failure
// names the observation and the cycle, or, where the combination cannot make sense, an input error that says why.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runFixtureCucumber, testCase, type CucumberRunResult } from './helpers/run-cucumber.js';
import { assertLeftNothing } from './fixtures/expectations.js';

/** How a word behaves over time: on each snapshot, across values, since the step began, or only over a hold. */
type Kind = 'value' | 'agreement' | 'change' | 'held';

interface Word {
  /** The words after "should", written so that they fail on the background's values. */
  readonly should: string;
  readonly kind: Kind;
  readonly path: string;
  /** The selection before "observed"; default "the". */
  readonly selection?: string;
  /** The indicative words of a guard or "unless" that hold on the background's values. */
  readonly state?: string;
  /** A docstring whose operators fail on the background's values, where the word has an operator form. */
  readonly operator?: string;
}

const WORDS: readonly Word[] = [
  { should: 'be "z"', kind: 'value', path: 'leader', state: 'is "a"', operator: '{"leader": {"$eq": "z"}}' },
  { should: 'be equal to "z"', kind: 'value', path: 'leader', state: 'is equal to "a"', operator: '{"leader": "z"}' },
  { should: 'not be "a"', kind: 'value', path: 'leader', state: 'is not "z"', operator: '{"leader": {"$ne": "a"}}' },
  { should: 'be greater than 5', kind: 'value', path: 'term', state: 'is greater than 3', operator: '{"term": {"$gt": 5}}' },
  { should: 'be at least 5', kind: 'value', path: 'term', state: 'is at least 4', operator: '{"term": {"$gte": 5}}' },
  { should: 'be less than 3', kind: 'value', path: 'term', state: 'is less than 5', operator: '{"term": {"$lt": 3}}' },
  { should: 'be at most 3', kind: 'value', path: 'term', state: 'is at most 4', operator: '{"term": {"$lte": 3}}' },
  { should: 'be between 5 and 9', kind: 'value', path: 'term', state: 'is between 1 and 9', operator: '{"term": {"$between": [5, 9]}}' },
  { should: 'match /^z/', kind: 'value', path: 'leader', state: 'matches /^a/', operator: '{"leader": {"$regex": "^z"}}' },
  { should: 'exist', kind: 'value', path: 'missing', state: 'does not exist', operator: '{"missing": {"$exists": true}}' },
  { should: 'be empty', kind: 'value', path: 'peers', state: 'is not empty', operator: '{"peers": {"$empty": true}}' },
  { should: 'have length 3', kind: 'value', path: 'peers', state: 'has length 1', operator: '{"peers": {"$length": 3}}' },
  { should: 'be a number', kind: 'value', path: 'leader', state: 'is a string', operator: '{"leader": {"$type": "number"}}' },
  { should: 'be one of ["x", "y"]', kind: 'value', path: 'leader', state: 'is one of ["a", "b"]', operator: '{"leader": {"$in": ["x", "y"]}}' },
  { should: 'contain "z"', kind: 'value', path: 'peers', state: 'contains "b"', operator: '{"peers": {"$contains": "z"}}' },
  {
    should: 'match the schema "schemas/member.json"',
    kind: 'value',
    path: 'members.m1',
    state: 'does not match the schema "schemas/member.json"',
    operator: '{"members": {"m1": {"$matchesSchema": {"required": ["up"]}}}}',
  },
  { should: 'be the observed "leader"', kind: 'value', path: 'term', state: 'is the observed "term"', operator: '{"term": {"$eq": {"$observed": "leader"}}}' },
  {
    should: 'be greater than the remembered "old term"',
    kind: 'value',
    path: 'term',
    state: 'is the remembered "old term"',
    operator: '{"term": {"$gt": {"$remembered": "old term"}}}',
  },
  { should: 'be a number and be at least 5', kind: 'value', path: 'term', state: 'is a number and is at least 4' },
  { should: 'be at least 1', kind: 'value', path: 'members.*.rank', selection: 'every', state: 'is at least 1' },
  { should: 'be "a"', kind: 'value', path: '$.members[?@.rank > 0].leader', selection: 'every', state: 'is "b"' },
  { should: 'all be equal', kind: 'agreement', path: 'members.*.leader', state: 'are all distinct' },
  { should: 'all be distinct', kind: 'agreement', path: 'members.*.rank', state: 'are all equal' },
  { should: 'all be equal and not be "b"', kind: 'agreement', path: 'members.*.leader' },
  { should: 'agree', kind: 'agreement', path: 'members.*.leader', selection: 'at least 2 of the' },
  { should: 'change', kind: 'change', path: 'term', state: 'changes' },
  { should: 'increase by at least 1', kind: 'change', path: 'countdown', state: 'increases by at least 1' },
  { should: 'never decrease', kind: 'held', path: 'countdown', state: 'never decreases' },
  { should: 'not change', kind: 'held', path: 'countdown', state: 'does not change' },
];

type Position = 'now' | 'within' | 'within of' | 'not before' | 'for a duration' | 'for cycles' | 'and stay so' | 'table' | 'docstring' | 'guard' | 'unless';

const POSITIONS: readonly Position[] = [
  'now',
  'within',
  'within of',
  'not before',
  'for a duration',
  'for cycles',
  'and stay so',
  'table',
  'docstring',
  'guard',
  'unless',
];

/** The combinations refused by design, and the words of the reason each one gives. */
function refusedBecause(word: Word, position: Position): RegExp | undefined {
  const overTime = ['within', 'within of', 'not before', 'and stay so'].includes(position);
  const held = position === 'for a duration' || position === 'for cycles';
  if (word.kind === 'change' && !overTime) {
    if (position === 'table') return /not a check on each value/;
    if (position === 'guard' || position === 'unless') return /judged on each snapshot alone|cannot say how values move/;
    return /needs (a bound|time)/;
  }
  if (word.kind === 'held' && !held) {
    if (position === 'table') return /not a check on each value/;
    if (position === 'guard' || position === 'unless') return /judged on each snapshot alone|cannot say how values move/;
    return position === 'now' ? /needs a hold/ : /"within" adds nothing|needs a hold/;
  }
  if (word.should === 'agree' && position === 'table') return /"agree" needs a quorum/;
  return undefined;
}

/** Whether the word can be written in the position at all (a docstring needs an operator, a guard a state). */
function writable(word: Word, position: Position): boolean {
  if (position === 'docstring') return word.operator !== undefined;
  if (position === 'guard' || position === 'unless') return word.state !== undefined;
  if (position === 'table') return word.selection === undefined || word.selection === 'every' || word.should === 'agree';
  return true;
}

const quote = (path: string): string => `"${path}"`;

/** The steps of one scenario: the word in the position, written to fail (or to be refused). */
function stepsFor(word: Word, position: Position): string[] {
  const selection = word.selection ?? 'the';
  const subject = `${selection} observed ${quote(word.path)}`;
  const state = word.state ?? '';
  switch (position) {
    case 'now':
      return [`Then ${subject} should ${word.should}`];
    case 'within':
      return [`Then within 200ms ${subject} should ${word.should}`];
    case 'within of':
      return ['When I note the time as "t0"', `Then within 200ms of "t0" ${subject} should ${word.should}`];
    case 'not before':
      return [`Then within 200ms but not before 20ms ${subject} should ${word.should}`];
    case 'for a duration':
      return [`Then ${subject} should ${word.should} for 200ms`];
    case 'for cycles':
      return [`Then ${subject} should ${word.should} for 10 cycles`];
    case 'and stay so':
      return [`Then within 200ms ${subject} should ${word.should} and stay so for 60ms`];
    case 'table':
      return ['Then the observed values should be:', `  | ${word.path} | ${word.should.replace(/\|/g, '\\|')} | |`];
    case 'docstring':
      return ['Then the observed snapshot should match:', '  """', `  ${word.operator}`, '  """'];
    case 'guard':
      return [`Given the scenario fails as soon as ${subject} ${state}`, 'Then within 200ms the observed "term" should be 99'];
    case 'unless':
      return [`Then within 200ms the observed "term" should be 99 unless ${subject} ${state}`];
  }
}

interface Case {
  readonly name: string;
  readonly word: Word;
  readonly position: Position;
  readonly refused: RegExp | undefined;
}

const CASES: readonly Case[] = WORDS.flatMap((word) =>
  POSITIONS.filter((position) => writable(word, position)).map((position) => ({
    name: `${position}: ${word.selection ?? 'the'} "${word.path}" should ${word.should}`,
    word,
    position,
    refused: refusedBecause(word, position),
  })),
);

function feature(): string {
  const lines = [
    'Feature: Every check word in every position',
    '',
    '  Background:',
    '    Given the system has the nodes "a"',
    '    And the system reports "term" as 4',
    '    And the system reports "countdown" as 5',
    '    And the system reports "leader" as "a"',
    '    And the system reports "peers" as ["b"]',
    '    And the system reports "members" as {"m1": {"leader": "a", "rank": 0}, "m2": {"leader": "b", "rank": 0}}',
    '    And within 2s the observed "members.m2.leader" should be "b"',
    '    And I remember the observed "term" as "old term"',
    '    And in 50 ms, the system reports "countdown" as 3',
  ];
  for (const one of CASES) {
    lines.push('', `  Scenario: ${one.name}`, ...stepsFor(one.word, one.position).map((line) => `    ${line}`));
  }
  return `${lines.join('\n')}\n`;
}

let directory: string;
let run: CucumberRunResult;

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'cucumber-observation-language-'));
  const file = join(directory, 'language.feature');
  writeFileSync(file, feature());
  run = await runFixtureCucumber({ features: [file], runTimeoutMs: 600_000 });
});

after(() => rmSync(directory, { recursive: true, force: true }));

describe('every check word in every position', () => {
  it(`runs ${CASES.length} scenarios, leaving nothing running`, () => {
    assert.deepEqual(run.runErrors, [], run.stderr.slice(-2000));
    assert.equal(run.testCases.length, CASES.length);
    assertLeftNothing(run);
  });

  it('reads each text as exactly one defined step', () => {
    const wrong = run.testCases.flatMap((outcome) =>
      outcome.steps.filter((step) => !step.isHook && step.definitions.length !== 1).map((step) => `${outcome.name}: ${step.text} (${step.status})`),
    );
    assert.deepEqual(wrong, []);
  });

  it('fails each combination naming the observation and the cycle, or refuses it before any wait saying why', () => {
    const problems: string[] = [];
    for (const one of CASES) {
      const outcome = testCase(run, one.name);
      const failed = outcome.steps.find((step) => step.status === 'FAILED');
      if (!failed) {
        problems.push(`${one.name}: ${outcome.status}, expected a failure`);
        continue;
      }
      const message = failed.message ?? '';
      if (one.refused) {
        if (!message.startsWith('StepInputError: ') || !one.refused.test(message))
          problems.push(`${one.name}: expected a refusal matching ${one.refused}, got ${message.split('\n')[0]}`);
      } else if (!/observation "system"/.test(message) || !/cycle \d+/.test(message)) {
        problems.push(`${one.name}: the message does not name the observation and the cycle: ${message.split('\n').slice(0, 3).join(' | ')}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
