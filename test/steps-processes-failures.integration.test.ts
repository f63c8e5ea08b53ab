// Every process step made to fail in a real Cucumber run (the @processes scenarios of the lifecycle failure fixture,
// with small node processes defined), what it said, and that no process outlived the run.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { FIXTURE_SUPPORT, runFixtureCucumber, testCase, type CucumberRunResult } from './helpers/run-cucumber.js';
import { assertAllFailedLeavingNothing, assertMentions, failureOf } from './fixtures/expectations.js';
import { FAILURE_FIXTURE_MARK } from './fixtures/support/process-mark.js';
import { livePidsWith } from './helpers/process-list.js';

/** Pids of live processes of these fixtures, told by the mark on their command line. */
const fixtureProcesses = (): number[] => livePidsWith(FAILURE_FIXTURE_MARK);

let run: CucumberRunResult;
let beforeRun: number[];

before(async () => {
  beforeRun = fixtureProcesses();
  run = await runFixtureCucumber({
    features: ['test/fixtures/features/lifecycle.feature'],
    tags: '@processes',
    support: [...FIXTURE_SUPPORT, 'test/fixtures/support/processes.ts'],
  });
});

describe('the process steps failure fixture', () => {
  it('fails every scenario, leaves nothing running and exits by itself', () => {
    assert.equal(run.testCases.length, 6, `scenarios run: ${run.testCases.map((outcome) => outcome.name).join(', ')}\n${run.stderr.slice(-2000)}`);
    assertAllFailedLeavingNothing(run);
    assert.deepEqual(
      fixtureProcesses().filter((pid) => !beforeRun.includes(pid)),
      [],
      'fixture processes still running after the run',
    );
  });
});

describe('process steps', () => {
  const cases: ReadonlyArray<readonly [string, string, ...(string | RegExp)[]]> = [
    ['starting an unknown process', 'the process "nope" is started', 'StepInputError: unknown process "nope"; defined: worker, crashing'],
    [
      'starting all processes when one exits during start-up',
      'all processes are started',
      'Error: processes: process "crashing" exited during start-up (exit code 3), before a log line containing "ready"; its last 3 log line(s):',
      'cannot open the data dir',
    ],
    [
      'killing a process with an unknown signal',
      'the process "worker" is killed with SIGFOO',
      'StepInputError: unknown signal "SIGFOO"; expected SIGKILL or SIGTERM',
    ],
    [
      'pausing a process that was never started',
      'the process "worker" is paused',
      'Error: processes: cannot pause process "worker": it is not running (was never started)',
    ],
    [
      'resuming a process that is not paused',
      'the process "worker" is resumed',
      'Error: processes: cannot resume process "worker": it is not paused (it is running)',
    ],
    ['restarting a process named twice', 'the processes "worker, worker" are restarted', 'StepInputError: process "worker" is named twice in "worker, worker"'],
  ];
  for (const [scenario, step, ...parts] of cases) {
    it(scenario, () => {
      assertMentions(failureOf(run, scenario, step), ...parts);
    });
  }

  it('a failed start attaches the log of each process it started', () => {
    const files = testCase(run, 'starting all processes when one exits during start-up').attachments.map((attachment) => attachment.fileName);
    assert.ok(files.includes('process crashing.log'), `attachments: ${files.join(', ')}`);
    assert.ok(files.includes('process worker.log'), `attachments: ${files.join(', ')}`);
  });
});
