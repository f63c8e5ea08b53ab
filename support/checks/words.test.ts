// The grammar of step sentences: every word after "should", "and", the timing, hold and "unless", conditions, near misses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StepInputError } from '../parse.js';
import { parseCheck, parseChecks, parseFieldCheck, type ParsedCheck } from './index.js';
import { parseCondition, parseTail, parseTiming } from './sentence.js';
import { stateToCheckWords } from '../state-words.js';

function value(parsed: ParsedCheck) {
  assert.equal(parsed.kind, 'value');
  return parsed.kind === 'value' ? parsed.check : undefined!;
}

describe('parseCheck', () => {
  const holds: ReadonlyArray<readonly [string, unknown]> = [
    ['be "n1"', 'n1'],
    ['be equal to 3', 3],
    ['be greater than 1', 2],
    ['be at least 10', 10],
    ['be less than 5', 4],
    ['be at most 5', 5],
    ['be between 10 and 20', 15],
    ['match /^v3\\.4\\./', 'v3.4.1'],
    ['match /^V/i', 'v3'],
    ['exist', null],
    ['be empty', []],
    ['have length 3', [1, 2, 3]],
    ['have length at least 2', 'abc'],
    ['be a string', 's'],
    ['be a number', 1.5],
    ['be an integer', 2],
    ['be a boolean', false],
    ['be an array', []],
    ['be an object', {}],
    ['be null', null],
    ['be one of ["n1", "n2"]', 'n2'],
    ['contain "x"', 'axb'],
    ['not be null', 0],
    ['not match /^v2/', 'v3'],
    ['not be empty', [1]],
    ['not contain 3', [1]],
    ['not have length 3', [1]],
    ['not be between 1 and 2', 3],
    ['be not null', 1],
  ];
  for (const [phrase, passing] of holds) {
    test(`"${phrase}" holds on ${JSON.stringify(passing)}`, () => {
      assert.equal(value(parseCheck(phrase)).verdict(passing, true), undefined);
    });
  }

  test('"not exist" holds on a missing value', () => {
    assert.equal(value(parseCheck('not exist')).verdict(undefined, false), undefined);
  });

  test('agreement and change words', () => {
    assert.deepEqual(parseCheck('all be equal'), { kind: 'agreement', agreement: 'equal', text: 'all be equal' });
    assert.equal((parseCheck('all be distinct') as { agreement: string }).agreement, 'distinct');
    assert.equal((parseCheck('agree') as { agreement: string }).agreement, 'agree');
    const change = parseCheck('increase by at least 5');
    assert.equal(change.kind, 'change');
    assert.equal(change.kind === 'change' && change.check.description, 'increased by at least 5');
    assert.equal(parseCheck('decrease by at least 2').kind, 'change');
    assert.equal(parseCheck('change').kind, 'change');
  });

  test('the remembered "<name>" wherever a value is taken, through the options', () => {
    const remembered = (name: string) => ({ 'old leader': 'n1', 'old term': 3 })[name];
    assert.equal(value(parseCheck('not be the remembered "old leader"', { remembered })).verdict('n2', true), undefined);
    assert.equal(value(parseCheck('be greater than the remembered "old term"', { remembered })).verdict(4, true), undefined);
    assert.throws(() => parseCheck('be the remembered "x"'), { name: 'StepInputError', message: /this step has no remembered values/ });
    assert.throws(() => parseCheck('be greater than the remembered "old leader"', { remembered }), {
      message: /"greater than" compares numbers, but the remembered value is "n1"/,
    });
  });

  test('near misses name the accepted words, never "invalid JSON literal"', () => {
    for (const phrase of ['be greter than 1', 'be great than 1', 'bee 3', 'equal 3', 'be at lest 4']) {
      assert.throws(
        () => parseCheck(phrase),
        (error: unknown) =>
          error instanceof StepInputError && /^unknown check .*accepted words are be <JSON>/.test(error.message) && !/JSON literal/.test(error.message),
        phrase,
      );
    }
  });

  test('a bare word is a JSON mistake, with the suggestion', () => {
    assert.throws(() => parseCheck('be leader'), { message: /^invalid JSON literal leader: .*did you mean "leader"\?/ });
  });

  test('input errors: a regex, a number, a word that needs time', () => {
    assert.throws(() => parseCheck('match /(/'), { message: /^invalid regular expression \/\(\/: Invalid regular expression/ });
    assert.throws(() => parseCheck('match v3'), { message: /^invalid regular expression v3: expected a JavaScript regex literal/ });
    assert.throws(() => parseCheck('be at least "ten"'), { message: /"at least" compares numbers, but got "ten"/ });
    assert.throws(() => parseCheck('be between 5 and 1'), { message: /the lower bound comes first/ });
    assert.throws(() => parseCheck('be one of 3'), { message: /"one of" needs a JSON array/ });
    assert.equal(parseCheck('not change').heldOnly, true);
    assert.equal(parseCheck('never decrease').heldOnly, true);
    assert.equal(parseCheck('stay 3').heldOnly, true);
    assert.throws(() => parseCheck('increase by at least -1'), { message: /must be 0 or more/ });
  });
});

describe('parseFieldCheck (the "have"/"stay" form)', () => {
  test('each word', () => {
    const holds: ReadonlyArray<readonly [string, unknown]> = [
      ['3', 3],
      ['equal to "a"', 'a'],
      ['not null', 1],
      ['greater than 1', 2],
      ['at least 2', 2],
      ['less than 1', 0],
      ['at most 1', 1],
      ['between 1 and 2', 1],
      ['matching /^n/', 'n1'],
      ['not matching /^n/', 'x'],
      ['empty', ''],
      ['of length 2', [1, 2]],
      ['a number', 1],
      ['one of [1, 2]', 2],
      ['containing "b"', ['b']],
    ];
    for (const [phrase, passing] of holds) assert.equal(parseFieldCheck(phrase).verdict(passing, true), undefined, phrase);
    assert.equal(parseFieldCheck('present').verdict(undefined, false), 'is missing');
    assert.equal(parseFieldCheck('not present').verdict(undefined, false), undefined);
  });

  test('a near miss names the accepted words of this form', () => {
    assert.throws(() => parseFieldCheck('greter than 1'), { message: /^unknown check "greter than 1": the accepted words are <JSON>, equal to <JSON>/ });
  });
});

describe('parseChecks: checks joined by "and"', () => {
  test('splits only before a check word, never inside a value', () => {
    assert.deepEqual(
      parseChecks('all be equal and not be "r1"').map((check) => check.text),
      ['all be equal', 'not be "r1"'],
    );
    assert.deepEqual(
      parseChecks('be between 1 and 9 and be an integer').map((check) => check.text),
      ['be between 1 and 9', 'be an integer'],
    );
    assert.deepEqual(
      parseChecks('contain "a and be b" and match /x and be y/').map((check) => check.text),
      ['contain "a and be b"', 'match /x and be y/'],
    );
  });

  test('the observed "<path>" is read from the snapshot being checked', () => {
    const [check] = parseChecks('be the observed "primary"');
    assert.ok(check?.kind === 'value');
    assert.equal(check.check.verdict('r2', true, { root: { primary: 'r2' } }), undefined);
    assert.match(check.check.verdict('r2', true, { root: { primary: 'r1' } }) ?? '', /the observed "primary"/);
    assert.ok(parseChecks('be greater than the observed "floor"')[0]?.kind === 'value');
  });
});

describe('the parts of a sentence', () => {
  test('timing: within, of an instant, but not before, in the last snapshot', () => {
    assert.deepEqual(parseTiming(undefined), { kind: 'now' });
    assert.deepEqual(parseTiming('in the last snapshot'), { kind: 'last' });
    assert.deepEqual(parseTiming('within 5s'), { kind: 'within', bound: { ms: 5000 } });
    assert.deepEqual(parseTiming('within 3s of "kill"'), { kind: 'within', bound: { ms: 3000, from: 'kill' } });
    assert.deepEqual(parseTiming('within 10s but not before 500ms of "kill"'), {
      kind: 'within',
      bound: { ms: 10000 },
      notBefore: { ms: 500, from: 'kill' },
    });
    assert.throws(() => parseTiming('within 1s but not before 2s'), { message: /the lower bound \(2000 ms\) must be below the upper bound/ });
    assert.throws(() => parseTiming('within 5 parsecs'), { message: /unknown unit "parsecs"/ });
  });

  test('tail: the checks, the hold and the unless', () => {
    assert.deepEqual(parseTail('be "e1" for 5 cycles'), { checks: 'be "e1"', hold: { cycles: 5 } });
    assert.deepEqual(parseTail('not be null and be at least 2 for 200ms'), { checks: 'not be null and be at least 2', hold: { durationMs: 200 } });
    assert.deepEqual(parseTail('all be equal and not be "e1" and stay so for 5 cycles'), { checks: 'all be equal and not be "e1"', hold: { cycles: 5 } });
    assert.deepEqual(parseTail('be "wait for 2s"'), { checks: 'be "wait for 2s"' });
    assert.deepEqual(parseTail('not be null unless some observed "members.*.healthy" is false'), {
      checks: 'not be null',
      unless: { kind: 'observed', quantifier: { kind: 'some' }, path: 'members.*.healthy', state: 'is false' },
    });
    assert.deepEqual(parseTail('be 1 unless an event matches'), { checks: 'be 1', unless: { kind: 'event' } });
    assert.throws(() => parseTail('be 1 for 0 cycles'), { message: /invalid cycle count/ });
  });

  test('conditions: any quantifier, the indicative words, "and"', () => {
    assert.deepEqual(parseCondition('at least 2 of the observed "nodes.*.role" are "master"'), {
      kind: 'observed',
      quantifier: { kind: 'at least', count: 2 },
      path: 'nodes.*.role',
      state: 'are "master"',
    });
    assert.deepEqual(parseCondition('the observation fails at the poll stage'), { kind: 'failure', stage: 'poll' });
    assert.throws(() => parseCondition('the leader is gone'), { message: /^unknown condition "the leader is gone"/ });
    assert.equal(stateToCheckWords('is not null and is at least 2'), 'not be null and be at least 2');
    assert.equal(stateToCheckWords('contains "etcdserver: no leader"'), 'contain "etcdserver: no leader"');
    assert.equal(stateToCheckWords('does not exist'), 'not exist');
    assert.equal(stateToCheckWords('are all equal'), 'all be equal');
    assert.throws(() => stateToCheckWords('was 3'), { message: /^unknown state "was 3"/ });
  });
});
