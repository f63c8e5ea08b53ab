// Diagnostics on failure from real Cucumber runs, serial and --parallel 2: attached on failure only, failed ones as failed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { FIXTURE_SUPPORT, runFixtureCucumbers, type CucumberRunResult, type TestCaseOutcome } from './helpers/run-cucumber.js';

const FEATURE = 'test/fixtures/diagnostics/diagnostics.feature';
const SUPPORT = [...FIXTURE_SUPPORT, 'test/fixtures/diagnostics/steps.ts'];

let serial: CucumberRunResult;
let parallel: CucumberRunResult;

before(async () => {
  [serial, parallel] = await runFixtureCucumbers([
    { features: [FEATURE], support: SUPPORT },
    { features: [FEATURE], support: SUPPORT, parallel: 2 },
  ]);
});

function scenario(run: CucumberRunResult, name: string): TestCaseOutcome {
  const found = run.testCases.find((testCase) => testCase.name.startsWith(name));
  assert.ok(found, `scenario "${name}" ran: ${run.stdout}${run.stderr}`);
  return found;
}

function diagnostics(testCase: TestCaseOutcome): Map<string, string> {
  return new Map(
    testCase.attachments
      .filter((attachment) => attachment.fileName?.startsWith('diagnostic '))
      .map((attachment) => [attachment.fileName!, attachment.mediaType === 'text/plain' ? attachment.body : `<${attachment.mediaType}>`]),
  );
}

for (const [label, result] of [
  ['serial', () => serial],
  ['--parallel 2', () => parallel],
] as const) {
  describe(`diagnostics on failure (${label})`, () => {
    test('the run ended by itself, the scenarios failing by design', () => {
      const run = result();
      assert.ok(run.exitedByItself, 'the Cucumber process exited by itself');
      assert.equal(run.success, false);
      assert.deepEqual(run.runErrors, []);
    });

    test('a passing scenario collects nothing', () => {
      const passing = scenario(result(), 'a passing scenario');
      assert.equal(passing.status, 'PASSED');
      assert.deepEqual([...diagnostics(passing).keys()], []);
    });

    test('a failing scenario attaches every diagnostic under its name, and keeps its own error', () => {
      const failing = scenario(result(), 'a failing scenario');
      assert.equal(failing.status, 'FAILED');
      const failedStep = failing.steps.find((step) => step.status === 'FAILED');
      assert.equal(failedStep?.text, 'a user step fails with "the scenario\'s own error"');
      assert.match(failedStep?.message ?? '', /the scenario's own error/);
      const hook = failing.steps.find((step) => step.text.includes('collect diagnostics on failure'));
      assert.equal(hook?.status, 'PASSED', 'the diagnostics hook never fails the scenario itself');

      const found = diagnostics(failing);
      assert.deepEqual([...found.keys()].sort(), [
        'diagnostic GET http://127.0.0.1:9/down (failed).txt',
        'diagnostic broken collector (failed).txt',
        'diagnostic definition command.txt',
        'diagnostic echo out-line; echo err-line >&2.txt',
        'diagnostic echo partial; exit 3 (failed).txt',
        'diagnostic last 2 lines of test/fixtures/diagnostics/tail.txt.txt',
        'diagnostic local status.txt',
        'diagnostic nodes.txt',
        'diagnostic sleep 27.31 (failed).txt',
      ]);
      assert.equal(found.get('diagnostic echo out-line; echo err-line >&2.txt'), 'out-line\nerr-line');
      assert.equal(found.get('diagnostic last 2 lines of test/fixtures/diagnostics/tail.txt.txt'), 'line three\nline four');
      assert.equal(found.get('diagnostic definition command.txt'), 'declared-in-definition');
      assert.equal(found.get('diagnostic nodes.txt'), 'nodes: a');
      assert.equal(found.get('diagnostic local status.txt'), 'HTTP 200 OK\n\nstatus of /status: all good');
      assert.equal(found.get('diagnostic echo partial; exit 3 (failed).txt'), 'diagnostic failed: it exited with code 3\n\npartial');
      assert.equal(found.get('diagnostic sleep 27.31 (failed).txt'), 'diagnostic failed: it did not finish within 300 ms');
      assert.equal(found.get('diagnostic broken collector (failed).txt'), 'diagnostic failed: the collector broke');
      assert.match(found.get('diagnostic GET http://127.0.0.1:9/down (failed).txt') ?? '', /^diagnostic failed: fetch failed/);
    });

    test('a step with bad input fails at once, naming the input and what it expects', () => {
      for (const [name, message] of [
        ['a bad time bound', /invalid duration "2x": unknown unit "x"; expected a number followed by ms, s or m/],
        ['a URL that is not http', /a diagnostic's URL must be an http:\/\/ or https:\/\/ URL, got "ftp:\/\/127\.0\.0\.1\/status"/],
      ] as const) {
        const failing = scenario(result(), name);
        assert.equal(failing.status, 'FAILED');
        const failed = failing.steps.find((step) => step.status === 'FAILED');
        assert.match(failed?.text ?? '', /^on failure the report collects/);
        assert.match(failed?.message ?? '', message);
        assert.ok(
          [...diagnostics(failing).keys()].every((key) => !key.includes('date') && !key.includes('ftp')),
          'the bad declaration was not added',
        );
      }
    });
  });
}

test('a diagnostic command that timed out leaves no process behind', () => {
  assert.ok(serial && parallel);
  const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('sleep 27.31'));
  assert.deepEqual(left, []);
});
