// The grammar of check phrases: every word after "should" and in the "have"/"stay" form, remembered values, near misses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { CucumberExpression, ParameterType, ParameterTypeRegistry } from '@cucumber/cucumber-expressions';
import { StepInputError } from '../parse.js';
import { parseCheck, parseFieldCheck, type ParsedCheck } from './index.js';
import { CHECK_PHRASE } from './phrase.js';
import { parseQuantifier, QUANTIFIER_PATTERN } from './quantifier.js';

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
    assert.throws(() => parseCheck('not change'), { message: /"not change" needs a duration/ });
    assert.throws(() => parseCheck('never decrease'), { message: /"never decrease" needs a duration/ });
    assert.throws(() => parseCheck('stay 3'), { message: /"stay" needs a duration/ });
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

describe('the {check} parameter and the suffix forms other steps own', () => {
  const registry = new ParameterTypeRegistry();
  registry.defineParameterType(new ParameterType('check', CHECK_PHRASE, null, (text: string) => text, false, false));
  registry.defineParameterType(new ParameterType('comparison', CHECK_PHRASE, null, (text: string) => text, false, false));
  registry.defineParameterType(new ParameterType('duration', /[-+]?\d*\.?\d*\s*(?!cycles?\b)[A-Za-z]+/, null, (text: string) => text, false, false));
  registry.defineParameterType(new ParameterType('quantifier', QUANTIFIER_PATTERN, null, (text: string) => text, false, false));
  // As steps/parameters.ts defines them: a stage stops at a quote, a state takes the rest of the step.
  registry.defineParameterType(new ParameterType('stage', /[^"]+?/, null, (text: string) => text, false, false));
  registry.defineParameterType(new ParameterType('state', /.+/, null, (text: string) => text, false, false));
  const patterns = [
    '{quantifier} observed {string} should {check}',
    'within {duration} {quantifier} observed {string} should {check}',
    '{quantifier} observed {string} should stay {comparison} for {duration}',
    '{quantifier} observed {string} should stay {comparison} for {int} cycle(s)',
    '{quantifier} observed {string} should not change for {duration}',
    '{quantifier} observed {string} should not change for {int} cycle(s)',
    '{quantifier} observed {string} should never decrease for {duration}',
    '{quantifier} observed {string} should all stay equal for {duration}',
    '{quantifier} observed {string} should all stay distinct for {int} cycle(s)',
    '{quantifier} observed {string} should agree for {duration}',
    '{quantifier} observed {string} should agree for {int} cycle(s)',
    // Issue 11's suffix forms, which must stay theirs alone:
    'within {duration} {quantifier} observed {string} should {check} and stay so for {duration}',
    'within {duration} {quantifier} observed {string} should {check} unless an event matches:',
    'no event should have {string} {comparison} for {duration}',
    'within {duration} {quantifier} observed {string} should {check} unless the observed {string} {state}',
    'within {duration} {quantifier} freshly observed {string} should {check}',
    'within {duration} {quantifier} freshly observed {string} should {check} unless an event matches:',
    'within {duration} {quantifier} freshly observed {string} should {check} unless the observed {string} {state}',
    'within {duration} the observation should fail at the {stage} stage',
    'within {duration} the observation should fail at the {stage} stage unless an event matches:',
    'within {duration} the observation should fail at the {stage} stage unless the observed {string} {state}',
    'within {duration} the observed snapshot should match:',
    'within {duration} the observed snapshot should match unless the observed {string} {state}:',
  ].map((pattern) => [pattern, new CucumberExpression(pattern, registry)] as const);

  function matching(text: string): string[] {
    return patterns.filter(([, expression]) => expression.match(text) !== null).map(([pattern]) => pattern);
  }

  const texts: ReadonlyArray<readonly [string, number]> = [
    ['the observed "x" should be at least 10', 0],
    ['every observed "nodes.*.h" should be "a for 2"', 0],
    ['within 5s the observed "x" should be 3', 1],
    ['the observed "x" should stay at least 3 for 2s', 2],
    ['at least 2 of the observed "x" should stay true for 3 cycles', 3],
    ['the observed "x" should not change for 2s', 4],
    ['every observed "x" should not change for 1 cycle', 5],
    ['the observed "x" should never decrease for 500ms', 6],
    ['the observed "x.*" should all stay equal for 2s', 7],
    ['the observed "x.*" should all stay distinct for 3 cycles', 8],
    ['at least 2 of the observed "x.*" should agree for 2s', 9],
    ['at least 2 of the observed "x.*" should agree for 1 cycle', 10],
    ['within 5s the observed "x" should be 3 and stay so for 2s', 11],
    ['within 5s the observed "x" should be at least 3 unless an event matches:', 12],
    ['no event should have "type" equal to "x" for 2s', 13],
    ['within 5s the observed "x" should be 3 unless the observed "y" is at least 2', 14],
    ['within 5s the freshly observed "x" should be 3', 15],
    ['within 5s every freshly observed "x.*" should be 3 unless an event matches:', 16],
    ['within 5s the freshly observed "x" should be 3 unless the observed "y" is null', 17],
    ['within 5s the observation should fail at the poll stage', 18],
    ['within 5s the observation should fail at the source refresh stage unless an event matches:', 19],
    ['within 5s the observation should fail at the poll stage unless the observed "y" does not exist', 20],
    ['within 5s the observed snapshot should match:', 21],
    ['within 5s the observed snapshot should match unless the observed "y" is "n1":', 22],
  ];
  for (const [text, index] of texts) {
    test(`"${text}" matches exactly one pattern`, () => {
      assert.deepEqual(matching(text), [patterns[index]![0]]);
    });
  }

  test('a trailing "for" that no step owns matches nothing rather than a check', () => {
    assert.deepEqual(matching('the observed "x" should be 3 for 2s'), []);
  });

  test('quantifiers', () => {
    assert.deepEqual(parseQuantifier('at least 2 of the'), { kind: 'at least', count: 2 });
    assert.deepEqual(parseQuantifier('no'), { kind: 'none' });
    assert.deepEqual(parseQuantifier('the'), { kind: 'the' });
    assert.throws(() => parseQuantifier('most'), StepInputError);
  });
});

test('the step parameter types are defined with these very regexps, written as literals for editors', () => {
  const source = readFileSync(new URL('../../steps/parameters.ts', import.meta.url), 'utf8');
  assert.equal(source.split(`regexp: ${CHECK_PHRASE},`).length - 1, 2, 'steps/parameters.ts: {check} and {comparison} use CHECK_PHRASE');
  assert.ok(source.includes(`regexp: ${QUANTIFIER_PATTERN},`), 'steps/parameters.ts: {quantifier} uses QUANTIFIER_PATTERN');
});
