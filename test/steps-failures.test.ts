// Every lifecycle, event and failure step made to fail in a real Cucumber run, and what it said.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runFixtureCucumbers, type CucumberRunResult } from './helpers/run-cucumber.js';
import { assertAllFailedLeavingNothing, assertMentions, failureOf } from './fixtures/expectations.js';

const DEFINED = '(defined: system, audit, broken, hanging)';

let lifecycle: CucumberRunResult;
let eventsAndFailures: CucumberRunResult;

before(async () => {
  [lifecycle, eventsAndFailures] = await runFixtureCucumbers([
    // Its @processes scenarios need processes defined: test/steps-processes-failures.integration.test.ts runs them.
    { features: ['test/fixtures/features/lifecycle.feature'], tags: 'not @processes' },
    { features: ['test/fixtures/features/events.feature', 'test/fixtures/features/failures.feature'] },
  ]);
});

describe('fixture runs', () => {
  it('fail every scenario, leave nothing running and exit by themselves', () => {
    assertAllFailedLeavingNothing(lifecycle, eventsAndFailures);
  });
});

describe('selecting, starting and stopping', () => {
  const cases: ReadonlyArray<readonly [string, string, ...(string | RegExp)[]]> = [
    ['selecting an unknown observation', 'the "nope" observation is selected', `no observation named "nope" ${DEFINED}`],
    ['starting an unknown observation', 'the "nope" observation is started', `no observation named "nope" ${DEFINED}`],
    ['starting an unknown observation with options', 'the "nope" observation is started with:', `no observation named "nope" ${DEFINED}`],
    [
      'starting an observation whose tags do not match the scenario',
      'the "audit" observation is started',
      `observation "audit" does not run in this scenario: its tags "@audit" do not match the scenario's tags (none)`,
    ],
    [
      'starting with an unknown option',
      'the "audit" observation is started with:',
      'unknown observation option "speed"; accepted: interval (e.g. 50ms), history (e.g. 16), cycle-timeout',
      'report (e.g. always)',
    ],
    [
      'starting with a bad option value',
      'the "audit" observation is started with:',
      'observation option "interval": invalid duration "5 parsecs": unknown unit "parsecs"; expected a number followed by ms, s or m',
    ],
    [
      'starting with an empty option value',
      'the "audit" observation is started with:',
      'observation option "history": invalid history limit "": expected a whole number of 0 or more',
    ],
    [
      'starting with options an observation that already runs',
      'the "audit" observation is started with:',
      'observation "audit" is already running in this scenario; stop it first to start it with new options',
    ],
    [
      'stopping an observation that was never started',
      'the "audit" observation is stopped',
      'observation "audit" is not running in this scenario, so it cannot be stopped',
    ],
    ['stopping an unknown observation', 'the "nope" observation is stopped', `no observation named "nope" ${DEFINED}`],
    [
      'the current observation when observations are turned off',
      'the observation should be running',
      'observations are turned off in this scenario by @no-observation',
    ],
    [
      'the current observation when two are running',
      'the observation should be running',
      `several observations run in this scenario (system, audit); name one, or select one with 'Given the "system" observation is selected'`,
    ],
    [
      'the current observation when none is running',
      'the observation should be running',
      'no observation is running in this scenario (defined: system, audit, broken, hanging; applicable here: system)',
    ],
    [
      'a named observation that a step stopped',
      'the "system" observation should be running',
      `observation "system" was stopped in this scenario by a step; start it again with 'Given the "system" observation is started'`,
    ],
    [
      'a named observation that was never started',
      'the "audit" observation should be running',
      `observation "audit" is not running in this scenario (it has autoStart: false); start it with 'Given the "audit" observation is started'`,
    ],
    ['an unknown observation that should be running', 'the "nope" observation should be running', `no observation named "nope" ${DEFINED}`],
    ['a running observation that should be stopped', 'the "system" observation should be stopped', 'observation "system" is still running'],
    ['an observation that never ran and should be stopped', 'the "audit" observation should be stopped', 'observation "audit" never ran in this scenario'],
    ['an unknown observation that should be stopped', 'the "nope" observation should be stopped', `no observation named "nope" ${DEFINED}`],
    ['waiting for no cycle at all', 'I wait for 0 more observation cycles', 'invalid cycle count 0: expected a whole number of 1 or more'],
    ['waiting for a negative number of cycles', 'I wait for -1 more observation cycles', 'invalid cycle count -1: expected a whole number of 1 or more'],
    [
      'a watches table with a kind of source that does not exist',
      'the "cluster" observation watches:',
      'StepInputError: watches table, row 1: source "e1" has unknown kind "ftp"; expected one of http, prometheus, command, tcp, process',
    ],
    [
      'collecting the output of a command within a bad duration',
      'on failure the report collects the output of "echo hello" within forever',
      'StepInputError: invalid duration "forever": the number is missing; expected a number followed by ms, s or m',
    ],
    [
      'collecting the last 0 lines of a file',
      'on failure the report collects the last 0 lines of the file "logs/e1.log"',
      "StepInputError: a file tail's lines must be a whole number of 1 or more, got 0",
    ],
    [
      'collecting the response to a GET of an ftp URL',
      'on failure the report collects the response to GET "ftp://127.0.0.1:2121/health"',
      `StepInputError: a diagnostic's URL must be an http:// or https:// URL, got "ftp://127.0.0.1:2121/health"`,
    ],
  ];
  for (const [scenario, step, ...parts] of cases) {
    it(scenario, () => {
      assertMentions(failureOf(lifecycle, scenario, step), ...parts);
    });
  }

  it('cycles that do not complete: the cycles awaited, up to which cycle, the last snapshot and the cycles seen', () => {
    const message = failureOf(lifecycle, 'cycles that do not complete', 'I wait for 2 more observation cycles');
    assertMentions(
      message,
      /^ObservationTimeoutError: timed out after 1120 ms waiting for 2 more cycles \(up to cycle (\d+)\)\n/,
      /last snapshot: cycle \d+, \d+ ms old, 1 source/,
      /cycles during the wait: [01]\n/,
    );
  });
});

describe('events', () => {
  it('within: no event matches the docstring: what was awaited, the last snapshot, the cycles seen', () => {
    const message = failureOf(eventsAndFailures, 'within: no event matches the docstring', 'within 400ms an event should match:');
    assertMentions(
      message,
      'timed out after 400 ms waiting for an event matching {"type":"elected","leader":"b"}\n',
      /last snapshot: cycle \d+, \d+ ms old, 1 source/,
      /cycles during the wait: [1-9]\d*/,
    );
  });

  it('within: no event has the value: the path and value awaited', () => {
    const message = failureOf(eventsAndFailures, 'within: no event has the value', 'within 400ms an event should have "leader" equal to "b"');
    assertMentions(message, 'timed out after 400 ms waiting for an event with "leader" = "b"\n', /last snapshot: cycle \d+/);
  });

  for (const [scenario, step, what, event] of [
    ['no event for a duration, but one comes', 'no event should be observed for 5s', 'event', '{"type":"elected","leader":"a"}'],
    [
      'no matching event for a duration, but one comes',
      'no event should match for 5s:',
      'event matching {"type":"elected"}',
      '{"type":"elected","leader":"b","term":7}',
    ],
    [
      'no event with a value for a duration, but one comes',
      'no event should have "leader" equal to "b" for 5s',
      'event with "leader" = "b"',
      '{"type":"elected","leader":"b","term":7}',
    ],
  ] as const) {
    it(`${scenario}: the event, and the cycle that brought it`, () => {
      const message = failureOf(eventsAndFailures, scenario, step);
      assertMentions(message, `expected no ${what} for 5000 ms, but cycle `, / of observation "system" brought one: /, event);
    });
  }

  it('the history size: the observation and both counts', () => {
    const message = failureOf(eventsAndFailures, 'the history holds another number of batches', 'the event history should hold 5 batches');
    assertMentions(message, 'batches in the history of observation "system": expected 1 to equal 5', '+ expected - actual');
  });
});

describe('failed cycles', () => {
  it('within: no failure comes: the stage awaited, the last snapshot, no last failure', () => {
    const message = failureOf(eventsAndFailures, 'within: no failure comes', 'within 400ms the observation should fail at the poll stage');
    assertMentions(message, 'timed out after 400 ms waiting for a failure at the poll stage\n', /last snapshot: cycle \d+/, /cycles during the wait: [1-9]/);
    assert.doesNotMatch(message, /last failure:/);
  });

  it('within: failures at another stage: the last failure, its stage, cycle and message, and the failed cycles', () => {
    const message = failureOf(eventsAndFailures, 'within: failures come at another stage', 'within 400ms the observation should fail at the poll stage');
    assertMentions(
      message,
      'timed out after 400 ms waiting for a failure at the poll stage\n',
      /last failure: source-refresh stage at cycle \d+: registry down/,
      /cycles during the wait: \d+ \([1-9]\d* failed\)/,
    );
  });

  for (const [scenario, step] of [
    ["the last failure's stage when there is no failure", 'the last observation failure should be at the poll stage'],
    ["the last failure's message when there is no failure", 'the last observation failure message should contain "refused"'],
  ] as const) {
    it(`${scenario}: says there is none, and which cycle succeeded`, () => {
      assertMentions(failureOf(eventsAndFailures, scenario, step), /observation "system" has no failure: its latest cycle \(\d+\) succeeded/);
    });
  }

  it('the last failure at another stage: both stages, its cycle and message', () => {
    const message = failureOf(eventsAndFailures, 'the last failure is at another stage', 'the last observation failure should be at the source refresh stage');
    assertMentions(message, /stage of the last failure of observation "system" \(cycle \d+: connection refused\): expected 'poll' to equal 'source refresh'/);
  });

  it("the last failure's message without the text: the message, its cycle and stage, the text", () => {
    const message = failureOf(
      eventsAndFailures,
      "the last failure's message says something else",
      'the last observation failure message should contain "timeout"',
    );
    assertMentions(
      message,
      /^Error: the message of the last failure of observation "system" \(cycle \d+, poll stage\) is "connection refused", which does not contain "timeout"\n/,
    );
  });

  it("the last failure's message checked with a check word: the message and the pattern", () => {
    const message = failureOf(eventsAndFailures, "the last failure's message does not match", 'the last observation failure message should match /^timeout/');
    assertMentions(
      message,
      /^Error: the message of the last failure of observation "system" \(cycle \d+, poll stage\) is "connection refused", which does not match \/\^timeout\/\n/,
    );
  });

  it('the number of failed cycles: the count and the check', () => {
    const message = failureOf(eventsAndFailures, 'fewer failed cycles than expected', 'the number of failed observation cycles should be at least 1');
    assertMentions(message, /^Error: the number of failed cycles of observation "system" in this scenario is 0, not at least 1\n/);
  });

  it('the number of failed cycles with a change word: an input error', () => {
    const message = failureOf(
      eventsAndFailures,
      'a change word on the number of failed cycles',
      'the number of failed observation cycles should increase by at least 1',
    );
    assertMentions(
      message,
      'StepInputError: the number of failed observation cycles is one value, read now: "should increase by at least 1" cannot be checked on it',
    );
  });

  it('no failure expected, but there is one: its cycle, stage and message', () => {
    const message = failureOf(eventsAndFailures, 'no failure expected, but there is one', 'the observation should have no failure');
    assertMentions(message, /expected observation "system" to have no failure, but cycle \d+ failed at the poll stage: connection refused/);
  });

  it('a recovery that does not come: the failure it waited to end, the last failure, the failed cycles', () => {
    const message = failureOf(eventsAndFailures, 'a recovery that does not come', 'within 400ms the observation should recover');
    assertMentions(
      message,
      /timed out after 400 ms waiting for a successful cycle to end the poll stage failures after cycle \d+\n/,
      /last failure: poll stage at cycle \d+: connection refused/,
      /cycles during the wait: (\d+) \(\1 failed\)/,
    );
  });
});
