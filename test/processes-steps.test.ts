// The process steps through real Cucumber runs: what they do, the instants they note, the logs a failed scenario attaches, and bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { livePidsWith } from './helpers/process-list.js';
import { FIXTURE_SUPPORT, runFixtureCucumber, type TestCaseOutcome } from './helpers/run-cucumber.js';

const SUPPORT = [...FIXTURE_SUPPORT, 'test/fixtures/processes/steps.ts'];

/** Pids of live processes running the fixture child. */
const fixtureChildren = (): number[] => livePidsWith('test/fixtures/processes/child.mjs');

function failure(testCase: TestCaseOutcome | undefined): string {
  const step = testCase?.steps.find((candidate) => candidate.status === 'FAILED');
  return step ? `${step.text}: ${step.message ?? ''}` : '(no failed step)';
}

for (const parallel of [undefined, 2]) {
  test(`process steps act, note instants and attach logs on failure${parallel ? ' (--parallel 2)' : ''}`, async () => {
    const before = fixtureChildren();
    const result = await runFixtureCucumber({ features: ['test/fixtures/processes/lifecycle.feature'], support: SUPPORT, ...(parallel ? { parallel } : {}) });
    const byName = new Map(result.testCases.map((testCase) => [testCase.name, testCase]));
    const lifecycle = byName.get('start, pause, resume, restart and kill');
    assert.equal(lifecycle?.status, 'PASSED', failure(lifecycle) + result.stderr.slice(-2000));
    const grace = byName.get('SIGTERM waits the grace, then SIGKILL');
    assert.equal(grace?.status, 'PASSED', failure(grace));
    const failed = byName.get("a scenario that fails attaches the tail of each process's output");
    assert.equal(failed?.status, 'FAILED');
    const logs = failed!.attachments.filter((attachment) => attachment.mediaType === 'text/plain');
    assert.equal(logs.length, 1, 'one log attachment: the one process it started');
    assert.equal(logs[0]!.fileName, 'process web.log');
    assert.match(logs[0]!.body, /^process web: running, pid \d+, restarts 0; last 3 line\(s\) of stdout and stderr\n/);
    assert.match(logs[0]!.body, /out \| ready on \d+/);
    assert.match(logs[0]!.body, /err \| pid \d+ started/);
    const passedLogs = lifecycle!.attachments.filter((attachment) => attachment.mediaType === 'text/plain');
    assert.deepEqual(passedLogs, [], 'a scenario that passes attaches no logs');
    assert.ok(result.exitedByItself, 'the run ended by itself: no handle kept it alive');
    const left = fixtureChildren().filter((pid) => !before.includes(pid));
    assert.deepEqual(left, [], 'no fixture process is left after the run');
  });
}

test('bad input fails the step with a message naming it, and leaves no process', async () => {
  const before = fixtureChildren();
  const result = await runFixtureCucumber({ features: ['test/fixtures/processes/bad-input.feature'], support: SUPPORT });
  const messages = new Map(result.testCases.map((testCase) => [testCase.name, failure(testCase)]));
  const expected: Record<string, RegExp> = {
    'unknown process': /StepInputError: unknown process "nope"; defined: web, tcp, stubborn, early, slow, missing/,
    'bad signal': /StepInputError: unknown signal "SIGFOO"; expected SIGKILL or SIGTERM/,
    'command not found': /process "missing": command "no-such-command-for-the-fixture" is not found on PATH/,
    'exits during start-up':
      /process "early" exited during start-up \(exit code 3\), before a log line containing "ready"; its last \d log line\(s\):\n.*cannot open the data dir/s,
    'never ready': /process "slow" did not become ready within 700 ms; awaited a log line containing "never printed"/,
    'kill of a process that is not running': /cannot kill process "web": it is not running \(was never started\)/,
  };
  for (const [name, pattern] of Object.entries(expected)) assert.match(messages.get(name) ?? '(scenario missing)', pattern, name);
  const commandNotFound = result.testCases.find((testCase) => testCase.name === 'command not found');
  assert.deepEqual(
    commandNotFound?.attachments.filter((attachment) => attachment.mediaType === 'text/plain'),
    [],
    'a command that is not found starts nothing: not even the valid process beside it',
  );
  assert.ok(result.exitedByItself);
  assert.deepEqual(
    fixtureChildren().filter((pid) => !before.includes(pid)),
    [],
  );
});
