// However a scenario ends (mid-wait timeout, mid-start timeout, hang, failing user hook, retry), nothing outlives it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FIXTURE_SUPPORT, runFixtureCucumber, testCase, type CucumberRunResult, type TestCaseOutcome } from './helpers/run-cucumber.js';
import type { LeftBehind } from './fixtures/reliability/first.js';

const FEATURE = 'test/fixtures/reliability/reliability.feature';
// first.ts goes before the plugin so that its After runs after the plugin's; steps.ts after, so its hooks run inside.
const SUPPORT = ['test/fixtures/reliability/first.ts', ...FIXTURE_SUPPORT, 'test/fixtures/reliability/steps.ts'];
const LEFT_BEHIND_MEDIA_TYPE = 'application/vnd.reliability.left-behind+json';
const PLUGIN_AFTER = 'After: cucumber-observation: stop observations and report';
const CUCUMBER_TIMEOUT = /function timed out, ensure the promise resolves within 150 milliseconds/;
// Every wait in the fixture lasts a minute: a run that kept one alive could not exit within this.
const EXIT_BOUND_MS = 10_000;

const MID_WAIT = [
  'a snapshot that never comes',
  'an event that never comes',
  'a failure that never comes',
  'a cycle far in the future',
  'a hold of a minute',
  'the batch iterator',
].map((wait) => `a user step times out in the middle of waiting on ${wait}`);

// The scenario ends while an observation a user step started is still starting, or after which the step starts one.
const STARTING = [
  'a user step times out while the observation it starts is still starting',
  'a timed-out user step goes on to start an observation after its scenario ended',
];

function run(options: { tags: string; parallel?: number; retry?: number }): Promise<CucumberRunResult> {
  return runFixtureCucumber({ features: [FEATURE], support: SUPPORT, exitTimeoutMs: EXIT_BOUND_MS, ...options });
}

/** The run as a whole: no run-level error (its AfterAll checks found nothing), nothing unhandled, and it ended by itself. */
function assertRunLeftNothing(result: CucumberRunResult): void {
  assert.deepEqual(result.runErrors, [], `no BeforeAll/AfterAll failed and the run itself did not fail; stderr:\n${result.stderr.slice(-2000)}`);
  assert.ok(result.exitedByItself, `the Cucumber process ended by itself within ${EXIT_BOUND_MS} ms of its last result`);
  assert.doesNotMatch(result.stderr, /unhandled|uncaught/i);
}

/** One attempt of a scenario: the plugin's After passed, and once every After had run nothing of it was left. */
function assertAttemptLeftNothing(outcome: TestCaseOutcome, attemptIndex = outcome.attempts.length - 1): void {
  const attempt = outcome.attempts[attemptIndex]!;
  const label = `"${outcome.name}", attempt ${attemptIndex + 1}`;
  const pluginAfter = attempt.steps.find((step) => step.text === PLUGIN_AFTER);
  assert.equal(pluginAfter?.status, 'PASSED', `${label}: the plugin's After hook ran and passed`);
  const reports = attempt.attachments.filter((attachment) => attachment.mediaType === LEFT_BEHIND_MEDIA_TYPE);
  assert.equal(reports.length, 1, `${label}: the left-behind check ran once`);
  const leftBehind = JSON.parse(reports[0]!.body) as LeftBehind;
  assert.deepEqual(leftBehind, { running: [], liveRuntimes: 0, resources: [] }, `${label}: nothing was left behind`);
  for (const summary of attempt.attachments.filter(
    (attachment) => attachment.fileName?.startsWith('observation-') && attachment.mediaType === 'application/json',
  )) {
    const { status, stoppedBy } = JSON.parse(summary.body) as { status: { running: boolean }; stoppedBy: string };
    assert.equal(status.running, false, `${label}: ${summary.fileName} says it stopped`);
    assert.ok(['after-hook', 'step'].includes(stoppedBy), `${label}: ${summary.fileName} says who stopped it`);
  }
}

function failedStepOf(outcome: TestCaseOutcome, attemptIndex = outcome.attempts.length - 1): { text: string; message: string } {
  const failed = outcome.attempts[attemptIndex]!.steps.filter((step) => step.status === 'FAILED');
  assert.equal(failed.length, 1, `"${outcome.name}" has one failed step: ${failed.map((step) => step.text).join(', ')}`);
  return { text: failed[0]!.text, message: failed[0]!.message ?? '' };
}

/** What every scenario of the fixture (but the retried one) must show, serial or parallel. */
function assertEveryBadEnding(result: CucumberRunResult): void {
  assertRunLeftNothing(result);
  assert.equal(result.success, false, 'the scenarios fail, as they should');
  assert.equal(result.testCases.length, MID_WAIT.length + STARTING.length + 5);
  for (const outcome of result.testCases) assertAttemptLeftNothing(outcome);

  for (const name of [...MID_WAIT, ...STARTING, 'a user step times out mid-wait while a step-started observation runs too', 'a user step that never ends']) {
    const failed = failedStepOf(testCase(result, name));
    assert.match(failed.text, /^a user step .+ under a Cucumber timeout of 150 ms$/);
    assert.match(failed.message, CUCUMBER_TIMEOUT, `"${name}" failed by Cucumber's timeout, in the middle of its wait`);
  }
  const withAudit = testCase(result, 'a user step times out mid-wait while a step-started observation runs too');
  assert.deepEqual(
    withAudit.attachments
      .filter((attachment) => attachment.mediaType === 'application/json')
      .map((attachment) => attachment.fileName)
      .sort(),
    ['observation-audit.json', 'observation-system.json'],
    'both the automatic and the step-started observation were stopped and reported',
  );

  for (const name of STARTING) {
    const attachments = testCase(result, name).attachments.map((attachment) => attachment.fileName);
    assert.ok(!attachments.includes('observation-slow-start.json'), `"${name}": the late observation never ran, so it has no summary`);
  }

  const early = testCase(result, "a user Before hook fails before the plugin's");
  assert.match(failedStepOf(early).message, /failed before the plugin started anything/);
  assert.equal(early.steps.find((step) => step.text === 'Before: cucumber-observation: start observations')?.status, 'SKIPPED');

  const late = testCase(result, "a user Before hook fails after the plugin's started the observations");
  assert.match(failedStepOf(late).message, /failed after the plugin started the observations/);
  assert.ok(
    late.attachments.some((attachment) => attachment.fileName === 'observation-system.json'),
    'the started observation was stopped and reported',
  );

  const failingAfter = testCase(result, "a user After hook fails before the plugin's After runs");
  assert.match(failedStepOf(failingAfter).message, /the user After hook failed before the plugin stopped anything/);
}

describe('no scenario ending leaves an observation running', () => {
  test('serially: a user step timing out mid-wait or mid-start, a hang, failing user Before and After hooks', async () => {
    assertEveryBadEnding(await run({ tags: 'not @retry' }));
  });

  test('with --parallel 2: the same, in each worker', async () => {
    assertEveryBadEnding(await run({ tags: 'not @retry', parallel: 2 }));
  });

  test('with --retry 1: a first attempt that timed out mid-wait is cleaned up, and the second starts afresh and passes', async () => {
    const result = await run({ tags: '@retry', retry: 1 });
    assertRunLeftNothing(result);
    assert.equal(result.success, true);
    const [retried] = result.testCases;
    assert.ok(retried);
    assert.equal(retried.attempts.length, 2);
    assert.equal(retried.attempts[0]!.willBeRetried, true);
    assert.match(failedStepOf(retried, 0).message, CUCUMBER_TIMEOUT);
    assertAttemptLeftNothing(retried, 0);
    assert.equal(retried.attempts[1]!.status, 'PASSED');
    assertAttemptLeftNothing(retried, 1);
  });
});
