// The check vocabulary's steps made to fail in real Cucumber runs: every word, quantifier, agreement, change, progress,
// remembered value, table and operator docstring, and the bad input each refuses before any wait.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runFixtureCucumbers, type CucumberRunResult } from './helpers/run-cucumber.js';
import { assertAllFailedLeavingNothing, assertMentions, failureOf, withoutStack } from './fixtures/expectations.js';

let readNow: CucumberRunResult;
let overTime: CucumberRunResult;
let input: CucumberRunResult;

before(async () => {
  [readNow, overTime, input] = await runFixtureCucumbers([
    { features: ['test/fixtures/features/checks-now.feature'] },
    { features: ['test/fixtures/features/checks-time.feature'] },
    { features: ['test/fixtures/features/check-input.feature'] },
  ]);
});

const AT = String.raw`\(observation "system", cycle \d+\)`;

/** The first line of a failure: the error's name and message, up to the origin. */
function headline(message: string): string {
  return withoutStack(message).split('\n')[0]!;
}

/** One test per case: the scenario fails at the step with an AssertionError saying exactly `says`, then the origin. */
function itFailsWithHeadlines(cases: ReadonlyArray<readonly [scenario: string, step: string, says: string]>): void {
  for (const [scenario, step, says] of cases) {
    it(scenario, () => {
      const message = failureOf(readNow, scenario, step);
      assert.match(headline(message), new RegExp(`^AssertionError: ${escapeRegExp(says)} ${AT}$`), message);
    });
  }
}

describe('fixture runs', () => {
  it('fail every scenario, leave nothing running and exit by themselves', () => {
    assertAllFailedLeavingNothing(readNow, overTime, input);
  });
});

describe('each check word, read now: the path, the value, what it should be, the observation and cycle', () => {
  const cases = [
    ['now: greater than', 'the observed "term" should be greater than 5', '"term" is 4, not greater than 5'],
    ['now: at least', 'the observed "term" should be at least 5', '"term" is 4, not at least 5'],
    ['now: less than', 'the observed "term" should be less than 4', '"term" is 4, not less than 4'],
    ['now: at most', 'the observed "term" should be at most 3', '"term" is 4, not at most 3'],
    ['now: between', 'the observed "term" should be between 5 and 9', '"term" is 4, not between 5 and 9'],
    [
      'now: a number word on a value that is not a number',
      'the observed "leader" should be greater than 1',
      '"leader" is "a", a string, not a number, so it cannot be greater than 1',
    ],
    ['now: match', 'the observed "version" should match /^v2\\./', '"version" is "v3.4.2", which does not match /^v2\\./'],
    ['now: not match', 'the observed "version" should not match /^v3/', '"version" is "v3.4.2", which is matching /^v3/, but should not be'],
    ['now: exist', 'the observed "nodes.a.error" should exist', 'path "nodes.a.error": no "error" in "nodes.a" (keys there: height)'],
    ['now: not exist', 'the observed "leader" should not exist', '"leader" is "a", but should not exist'],
    ['now: empty', 'the observed "peers" should be empty', '"peers" is ["b"], which is not empty (length 1)'],
    ['now: not empty', 'the observed "labels" should not be empty', '"labels" is {}, which is empty, but should not be'],
    ['now: have length', 'the observed "peers" should have length 3', '"peers" has length 1, not 3: ["b"]'],
    ['now: have length at least', 'the observed "peers" should have length at least 2', '"peers" has length 1, not at least 2: ["b"]'],
    ['now: a type', 'the observed "leader" should be a number', '"leader" is "a", a string, not a number'],
    ['now: one of', 'the observed "leader" should be one of ["b", "c"]', '"leader" is "a", not one of ["b","c"]'],
    ['now: not', 'the observed "leader" should not be "a"', '"leader" is "a" but should not be'],
    ['now: not contain', 'the observed "peers" should not contain "b"', '"peers" is ["b"], which is containing "b", but should not be'],
  ] as const;
  itFailsWithHeadlines(cases);

  it('a long value is cut with a marker', () => {
    const message = failureOf(readNow, 'now: a long value is cut with a marker', 'the observed "nodes.a.blob" should match /^y/');
    assertMentions(message, /"nodes\.a\.blob" is "x{100,}… \[\d+ more characters\]", which does not match \/\^y\//);
    assert.ok(message.length < 2000, `the message is not cut:\n${message.slice(0, 3000)}`);
  });

  it('a value that differs from a remembered one: both values, and a diff', () => {
    const message = failureOf(
      readNow,
      'remembered: a value that differs from the remembered one',
      'the observed "leader" should be the remembered "old leader"',
    );
    assertMentions(message, new RegExp(`"leader" is "b" but should be "a" ${AT}`), '+ expected - actual', '-b', '+a');
  });
});

describe('quantifiers: a count, and each offending item by concrete path and value', () => {
  const cases = [
    [
      'quantifier: every',
      'every observed "nodes.*.height" should be at least 10',
      '1 of 3 values of "nodes.*.height" are not at least 10: nodes.b.height = 7; and 1 is missing: nodes.c.height',
    ],
    [
      'quantifier: every over an empty selection',
      'every observed "labels.*" should be 1',
      'the selection "labels.*" is empty ("labels" is empty): "every" proves nothing on no values',
    ],
    [
      'quantifier: some',
      'some observed "nodes.*.height" should be greater than 20',
      'none of the 3 values of "nodes.*.height" is greater than 20: nodes.a.height = 12, nodes.b.height = 7, nodes.c.height is missing',
    ],
    [
      'quantifier: no',
      'no observed "nodes.*.height" should exist',
      '2 of 3 values of "nodes.*.height" are present, but none should be: nodes.a.height = 12, nodes.b.height = 7',
    ],
    [
      'quantifier: at least',
      'at least 2 of the observed "members.*.up" should be true',
      'only 1 of 3 values of "members.*.up" are true, not at least 2: members.m2.up = false, members.m3.up = false',
    ],
    [
      'quantifier: at most',
      'at most 1 of the observed "members.*.up" should be false',
      '2 of 3 values of "members.*.up" are false, more than 1: members.m2.up = false, members.m3.up = false',
    ],
    [
      'quantifier: exactly',
      'exactly 3 of the observed "nodes.*.height" should be a number',
      '2 of 3 values of "nodes.*.height" are a number, not exactly 3: nodes.c.height is missing',
    ],
  ] as const;
  itFailsWithHeadlines(cases);

  it('an equality over a selection: a diff by concrete path', () => {
    const message = failureOf(readNow, 'quantifier: every with an equality, and a diff by path', 'every observed "members.*.leader" should be "a"');
    assertMentions(
      message,
      new RegExp(`1 of 3 values of "members\\.\\*\\.leader" are not "a": members\\.m3\\.leader = null ${AT}`),
      '+ expected - actual',
      '+  "members.m3.leader": "a"',
    );
    assert.doesNotMatch(message, /members\.m1\.leader/, 'an item that passes is not reported');
  });
});

describe('agreement: the values grouped, each with where it was seen', () => {
  const cases = [
    [
      'agreement: all equal',
      'the observed "members.*.leader" should all be equal',
      '"members.*.leader" disagree: "a" on members.m1.leader, members.m2.leader; null on members.m3.leader',
    ],
    [
      'agreement: all distinct',
      'the observed "members.*.up" should all be distinct',
      '"members.*.up" are not all distinct: false on members.m2.up, members.m3.up',
    ],
    [
      'agreement: a quorum',
      'at least 3 of the observed "members.*.leader" should agree',
      'no 3 of the 3 values of "members.*.leader" agree (at most 2 do): "a" on members.m1.leader, members.m2.leader; null on members.m3.leader',
    ],
  ] as const;
  itFailsWithHeadlines(cases);
});

describe('tables and operator docstrings', () => {
  it('a table with a check column: every row that does not hold, and only those', () => {
    const message = failureOf(readNow, 'table: a check column', 'the observed values should be:');
    assertMentions(
      message,
      new RegExp(`2 of 3 observed values differ ${AT}:`),
      '  1 of 3 values of "nodes.*.height" are not at least 10: nodes.b.height = 7; and 1 is missing: nodes.c.height',
      '  "term" is 4, not between 5 and 9',
    );
    assert.doesNotMatch(withoutStack(message), /"leader"/, 'a row that holds is not reported');
  });

  it('a docstring with operators: each failing operator by path, and a diff naming what was expected', () => {
    const message = failureOf(readNow, 'docstring: operators that do not hold', 'the observed snapshot should match:');
    assertMentions(
      message,
      new RegExp(`the snapshot does not match ${AT}:`),
      'nodes.a.height: is 12, not at least 100',
      'nodes.a.error: missing',
      'leader: is "a", which does not match /^n[0-9]$/',
      '+      "height": "<at least 100>"',
      '+  "leader": "<matching /^n[0-9]$/>"',
    );
    assert.doesNotMatch(withoutStack(message), /term:/, 'an operator that holds is not reported');
  });
});

describe('over time: within, freshly, stay, change and progress', () => {
  it('within: the timeout names what was awaited, and its last check names the failing items', () => {
    const message = failureOf(overTime, 'within: a quantified check that never holds names the failing items', 'within 300ms every observed');
    assertMentions(
      message,
      /^ObservationTimeoutError: timed out after 300 ms waiting for every "nodes\.\*\.height" to be at least 100 after cycle \d+\n/,
      new RegExp(`last check: 2 of 2 values of "nodes\\.\\*\\.height" are not at least 100: nodes\\.a\\.height = 10, nodes\\.b\\.height = 10 ${AT}`),
    );
  });

  it('within, one path: the value and the word', () => {
    const message = failureOf(overTime, 'within: a single check that never holds', 'within 300ms the observed "term"');
    assertMentions(message, /waiting for "term" to be greater than 10 after cycle \d+\n/, new RegExp(`last check: "term" is 4, not greater than 10 ${AT}`));
  });

  it('freshly: the quantifier, the fresh cycle awaited, the last check', () => {
    const message = failureOf(overTime, 'freshly: a quantified check on fresh snapshots', 'within 300ms some freshly observed');
    assertMentions(
      message,
      /waiting for some "nodes\.\*\.height" to be greater than 10 after cycle \d+\n/,
      'last check: none of the 2 values of "nodes.*.height" is greater than 10',
    );
  });

  it('within, agreement: the groups of the last check', () => {
    const message = failureOf(overTime, 'within: agreement that never comes', 'within 300ms the observed "nodes.*.height" should all be equal');
    assertMentions(
      message,
      /waiting for "nodes\.\*\.height" to all be equal after cycle \d+\n/,
      'last check: "nodes.*.height" disagree: 10 on nodes.a.height; 11 on nodes.b.height',
    );
  });

  const holds = [
    [
      'stay: a check word that stops holding',
      'the observed "term" should stay at least 4 for 5s',
      /"term" at least 4 stopped holding at cycle \d+, after \d+ ms of 5000 ms: "term" is 3, not at least 4/,
    ],
    [
      'stay: a quantified check that stops holding, for cycles',
      'every observed "nodes.*.height" should stay greater than 5 for 200 cycles',
      /every "nodes\.\*\.height" greater than 5 stopped holding at cycle \d+, after \d+ cycles of 200 cycles: 1 of 2 values of "nodes\.\*\.height" are not greater than 5: nodes\.b\.height = 2/,
    ],
    [
      'agreement: values that stop being all equal',
      'the observed "nodes.*.height" should all stay equal for 5s',
      /"nodes\.\*\.height" all equal stopped holding at cycle \d+, after \d+ ms of 5000 ms: "nodes\.\*\.height" disagree: 10 on nodes\.a\.height; 11 on nodes\.b\.height/,
    ],
    [
      'agreement: values that stop being all distinct, for cycles',
      'the observed "nodes.*.height" should all stay distinct for 200 cycles',
      /"nodes\.\*\.height" all distinct stopped holding at cycle \d+, after \d+ cycles of 200 cycles: "nodes\.\*\.height" are not all distinct: 10 on nodes\.a\.height, nodes\.b\.height/,
    ],
    [
      'agreement: values that stop being all equal, for cycles',
      'the observed "nodes.*.height" should all stay equal for 200 cycles',
      /"nodes\.\*\.height" all equal stopped holding at cycle \d+, after \d+ cycles of 200 cycles: "nodes\.\*\.height" disagree: 12 on nodes\.a\.height; 10 on nodes\.b\.height/,
    ],
    [
      'agreement: values that stop being all distinct',
      'the observed "nodes.*.height" should all stay distinct for 5s',
      /"nodes\.\*\.height" all distinct stopped holding at cycle \d+, after \d+ ms of 5000 ms: "nodes\.\*\.height" are not all distinct: 10 on nodes\.a\.height, nodes\.b\.height/,
    ],
    [
      'agreement: a quorum that stops agreeing',
      'at least 2 of the observed "nodes.*.height" should agree for 5s',
      /at least 2 of "nodes\.\*\.height" agree stopped holding at cycle \d+, after \d+ ms of 5000 ms: no 2 of the 2 values of "nodes\.\*\.height" agree \(at most 1 do\): 10 on nodes\.a\.height; 11 on nodes\.b\.height/,
    ],
    [
      'agreement: a quorum that stops agreeing, for cycles',
      'at least 2 of the observed "nodes.*.height" should agree for 200 cycles',
      /after \d+ cycles of 200 cycles: no 2 of the 2 values of "nodes\.\*\.height" agree \(at most 1 do\)/,
    ],
    [
      'change: a value that changes during "not change"',
      'the observed "leader" should not change for 5s',
      /"leader" unchanged stopped holding at cycle \d+, after \d+ ms of 5000 ms: "leader" is "b", changed from "a"/,
    ],
    [
      'change: a value that changes during "not change" for cycles',
      'every observed "nodes.*.height" should not change for 200 cycles',
      /every "nodes\.\*\.height" unchanged stopped holding at cycle \d+, after \d+ cycles of 200 cycles: 1 of 2 values of "nodes\.\*\.height" changed: nodes\.a\.height is 11, changed from 10/,
    ],
    [
      'progress: a value that decreases during "never decrease"',
      'every observed "nodes.*.height" should never decrease for 5s',
      /1 of 2 values of "nodes\.\*\.height" decreased: nodes\.a\.height is 3, down 7 from 10 in the previous snapshot/,
    ],
    [
      'progress: a value that decreases during "never decrease" for cycles',
      'the observed "nodes.b.height" should never decrease for 200 cycles',
      /"nodes\.b\.height" never decreasing stopped holding at cycle \d+, after \d+ cycles of 200 cycles: "nodes\.b\.height" is 3, down 7 from 10 in the previous snapshot/,
    ],
    [
      'stay: a values table with a check column that stops holding',
      'the observed values should stay for 5s:',
      /the values of the table stopped holding at cycle \d+, after \d+ ms of 5000 ms: 1 of 1 observed values differ .*:\n\s+1 of 2 values of "nodes\.\*\.height" are not at least 5: nodes\.a\.height = 2/,
    ],
    [
      'stay: a values table for cycles',
      'the observed values should stay for 200 cycles:',
      /the values of the table stopped holding at cycle \d+, after \d+ cycles of 200 cycles: .*\n\s+"leader" is null but should not be/,
    ],
  ] as const;
  for (const [scenario, step, says] of holds) {
    it(`${scenario}: the cycle that broke it, how far it got, and why`, () => {
      const message = failureOf(overTime, scenario, step);
      assertMentions(message, /^ObservationHoldError: /, says, /snapshot: \{/);
    });
  }

  it('a failed cycle ends a hold on a check word', () => {
    const message = failureOf(overTime, 'a failed cycle ends a hold on a check word', 'the observed "term" should stay at least 4 for 5s');
    assertMentions(message, /"term" at least 4 could not be confirmed: cycle \d+ failed at the poll stage after \d+ ms of 5000 ms: connection refused/);
  });

  const progress = [
    [
      'change: a value that never changes',
      'within 300ms the observed "leader" should change',
      /"leader" to change after cycle \d+\n/,
      'last check: "leader" is still "a", as at the start',
    ],
    [
      'progress: an increase that does not come',
      'within 300ms every observed "nodes.*.height" should increase by at least 1000',
      /every "nodes\.\*\.height" to increase by at least 1000 after cycle \d+\n/,
      /last check: 2 of 2 values of "nodes\.\*\.height" have not increased by at least 1000: nodes\.a\.height is \d+, up \d+ from 10 at the start, not up by at least 1000; nodes\.b\.height/,
    ],
    [
      'progress: a decrease that does not come',
      'within 300ms the observed "term" should decrease by at least 1',
      /"term" to decrease by at least 1 after cycle \d+\n/,
      'last check: "term" is 4, unchanged from 4 at the start, not down by at least 1',
    ],
  ] as const;
  for (const [scenario, step, awaited, check] of progress) {
    it(`${scenario}: what was awaited, and how far the value moved since the step began`, () => {
      const message = failureOf(overTime, scenario, step);
      assertMentions(message, /^ObservationTimeoutError: timed out after 300 ms waiting for /, awaited, check);
    });
  }

  it("events, an operator docstring: the original JSON awaited, and the last event's difference by operator", () => {
    const message = failureOf(overTime, 'events: an operator docstring that no event matches', 'within 300ms an event should match:');
    assertMentions(message, 'waiting for an event matching {"type":"changed","to":{"$gte":100}}', 'to: is 11, not at least 100');
  });

  it('within, an operator docstring: the operator that does not hold, and a diff', () => {
    const message = failureOf(overTime, 'within: an operator docstring that never matches', 'within 300ms the observed snapshot should match:');
    assertMentions(message, 'last check: the snapshot does not match', 'nodes.a.height: is 10, not greater than 10', '+      "height": "<greater than 10>"');
  });
});

describe('bad input fails before any wait, naming the input and the accepted words', () => {
  const cases = [
    [
      'a near miss of a check word',
      'within 5s the observed "term" should be greter than 1',
      'StepInputError: unknown check "be greter than 1": after "should" the accepted words are be <JSON>, be equal to <JSON>, be greater than <n>',
    ],
    ['an unknown verb', 'the observed "leader" should bee "a"', 'StepInputError: unknown check "bee "a"": after "should" the accepted words are'],
    [
      'an invalid regex',
      'within 5s the observed "leader" should match /(/',
      'StepInputError: invalid regular expression /(/: Invalid regular expression: /(/: Unterminated group; expected a JavaScript regex literal',
    ],
    [
      'a regex that is not a literal',
      'the observed "leader" should match ^a',
      'StepInputError: invalid regular expression ^a: expected a JavaScript regex literal such as /^v3\\.4\\./ or /leader/i',
    ],
    [
      'a number word with a value that is not a number',
      'within 5s the observed "term" should be greater than "three"',
      'StepInputError: "greater than" compares numbers, but got "three"',
    ],
    [
      'an unknown remembered name',
      'within 5s the observed "leader" should not be the remembered "old leadr"',
      'StepInputError: nothing is remembered as "old leadr" in this scenario (remembered: "old leader")',
    ],
    [
      'a remembered name before anything is remembered',
      'within 5s an event should have "leader" equal to the remembered "old leader"',
      'StepInputError: nothing is remembered as "old leader" in this scenario (nothing is remembered yet;',
    ],
    [
      'a wildcard where one value is required',
      'within 5s the observed "nodes.*.height" should be at least 1',
      'PathError: path "nodes.*.height" selects several values (it has a "*"), but one value is needed here; name one value (nodes.n1.height), or say how many must pass: every, some, no',
    ],
    ['a wildcard in a remember step', 'I remember the observed "nodes.*.height" as "heights"', 'PathError: path "nodes.*.height" selects several values'],
    [
      'a change word read now',
      'the observed "term" should change',
      `StepInputError: "the observed "term" should change" compares later snapshots with the one when the step began, so it needs a bound: write 'within 10s the observed "term" should change'`,
    ],
    [
      '"not change" without a duration',
      'within 5s the observed "term" should not change',
      `should not change" says how values behave over time, so it needs a hold: end it with 'for 10s' or 'for 5 cycles'`,
    ],
    [
      'agreement with a quantifier',
      'every observed "nodes.*.height" should all be equal',
      `"all be equal" compares the selected values with each other, so it takes no quantifier; write 'the observed "nodes.*.height" should all be equal'`,
    ],
    [
      'held agreement with a quantifier',
      'every observed "nodes.*.height" should all stay equal for 5s',
      `"all be equal" compares the selected values with each other, so it takes no quantifier`,
    ],
    [
      'a held quorum without a count',
      'the observed "nodes.*.height" should agree for 5 cycles',
      `"agree" needs a quorum; write 'at least 2 of the observed "nodes.*.height" should agree'`,
    ],
    [
      'a quorum without a count',
      'the observed "nodes.*.height" should agree',
      `"agree" needs a quorum; write 'at least 2 of the observed "nodes.*.height" should agree'`,
    ],
    [
      'an unknown docstring operator',
      'within 5s the observed snapshot should match:',
      `StepInputError: the docstring's operators cannot be used: at "nodes.a.height": unknown operator "$gtx"; accepted: $eq, $ne, $gt, $gte`,
    ],
    [
      'a docstring operator with a bad operand',
      'the observed snapshot should match:',
      `StepInputError: the docstring's operators cannot be used: at "term": "$gte" needs a number, got "four"`,
    ],
    [
      'an unknown word in the check column of a table',
      'within 5s the observed values should be:',
      'StepInputError: table row 1 ("term"): unknown check "greter than 1": the accepted words are <JSON>, equal to <JSON>',
    ],
    ['an instant without a name', 'I note the time as ""', 'StepInputError: an instant needs a name, such as "kill"'],
    [
      'a bound from an instant never noted',
      'within 3s of "kill" the observed "term" should be 4',
      `StepInputError: no instant is noted as "kill" in this scenario (none is noted yet; note one first with 'When I note the time as "kill"')`,
    ],
  ] as const;
  for (const [scenario, step, says] of cases) {
    it(scenario, () => {
      const message = failureOf(input, scenario, step);
      assertMentions(message, says);
      assert.doesNotMatch(message, /invalid JSON literal|ObservationTimeoutError/, 'the step failed on its input, not on JSON or a wait');
    });
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
