// A listener that throws in a passing scenario reaches the report with the default logger and report policy: one warning per scenario.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { FIXTURE_SUPPORT, runFixtureCucumber, testCase, type CucumberRunResult, type TestCaseOutcome } from './helpers/run-cucumber.js';
import { assertLeftNothing } from './fixtures/expectations.js';

const LOG = 'text/x.cucumber.log+plain';
let result: CucumberRunResult;

before(async () => {
  result = await runFixtureCucumber({
    features: ['test/fixtures/listener-failures/listener-failures.feature'],
    support: [...FIXTURE_SUPPORT, 'test/fixtures/listener-failures/steps.ts'],
  });
});

function passed(name: string): TestCaseOutcome {
  const outcome = testCase(result, name);
  assert.equal(outcome.status, 'PASSED', `"${name}":\n${outcome.steps.map((s) => `  ${s.status} ${s.text}\n    ${s.message ?? ''}`).join('\n')}`);
  return outcome;
}

function logs(outcome: TestCaseOutcome): string[] {
  return outcome.attachments.filter((attachment) => attachment.mediaType === LOG).map((attachment) => attachment.body);
}

function failureCount(warning: string): number {
  const count = /^cucumber-observation warning: (\d+) listener failures? in /.exec(warning)?.[1];
  assert.ok(count !== undefined, `a warning with a count:\n${warning}`);
  return Number(count);
}

describe('a listener that throws in a passing scenario, with the default logger and report policy', () => {
  it('the run passes and leaves nothing behind', () => {
    assertLeftNothing(result);
    assert.equal(result.success, true);
  });

  it('the report gets one warning for the scenario, with the count and the first message', () => {
    const outcome = passed('a subscriber that throws on every batch');
    const [warning, ...more] = logs(outcome);
    assert.equal(more.length, 0, 'one warning per scenario');
    assert.ok(warning !== undefined, 'a warning in the report');
    assert.ok(failureCount(warning) >= 3, warning);
    assert.match(
      warning,
      /^cucumber-observation warning: \d+ listener failures in observation "system"; the loop and the other listeners went on\.\nThe first:\n {2}a batch subscriber of "system" at cycle \d+: system subscriber broke on batch 1\n/,
    );
    assert.ok(
      !outcome.attachments.some((attachment) => attachment.mediaType === 'application/json'),
      'the default policy attaches no summary to a passing scenario',
    );
  });

  it('the first message is kept when more failed than the runtime keeps', () => {
    const [warning] = logs(passed('more failures than the runtime keeps'));
    assert.ok(warning !== undefined, 'a warning in the report');
    assert.ok(failureCount(warning) > 20, warning);
    assert.match(warning, /The first:\n {2}a batch subscriber of "system" at cycle \d+: system subscriber broke on batch 1\n/);
    assert.match(
      warning,
      /The latest \(\d+ between not shown\):\n( {2}a batch subscriber of "system" at cycle \d+: system subscriber broke on batch \d+\n?){4}$/,
    );
  });

  it('failures of two observations make one warning that counts each', () => {
    const [warning, ...more] = logs(passed('subscribers of two observations that throw'));
    assert.equal(more.length, 0, 'one warning per scenario');
    assert.ok(warning !== undefined, 'a warning in the report');
    assert.match(warning, /in observations "system" \(\d+\), "audit" \(\d+\);/);
    assert.match(warning, /The first:\n {2}a batch subscriber of "(system|audit)" at cycle \d+: (system|audit) subscriber broke on batch 1\n/);
  });

  it('no warning when no listener threw', () => {
    assert.deepEqual(logs(passed('a subscriber that never throws')), []);
  });
});
