// The etcd twin (features/etcd-defined) against real etcd: every scenario passes, and no etcd member outlives the run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { listProcesses } from './helpers/process-list.js';
import { runFixtureCucumber } from './helpers/run-cucumber.js';

/** The members of the twin, and of no other suite: their command line carries the twin's cluster token. */
const twinMembers = (): number[] =>
  listProcesses()
    .filter((entry) => entry.args.includes('--initial-cluster-token=etcd-defined'))
    .map((entry) => entry.pid);

test('the etcd twin passes, and leaves no process behind', { timeout: 400_000 }, async () => {
  const before = new Set(twinMembers());
  const result = await runFixtureCucumber({
    features: ['features/etcd-defined/**/*.feature'],
    support: ['features/etcd-defined/support/**/*.ts'],
    runTimeoutMs: 360_000,
  });
  const failed = result.testCases.filter((outcome) => outcome.status !== 'PASSED');
  assert.deepEqual(
    failed.map((outcome) => outcome.name),
    [],
    failed
      .map((outcome) =>
        outcome.steps
          .filter((step) => step.message)
          .map((step) => `${outcome.name}\n  ${step.text}\n  ${step.message!.slice(0, 1500)}`)
          .join('\n'),
      )
      .join('\n'),
  );
  assert.ok(result.testCases.length >= 8, `every scenario ran (${result.testCases.length})`);
  assert.equal(result.exitedByItself, true, 'Cucumber ended by itself: nothing of ours kept it alive');
  // The After hook awaits the members' exit; allow the process table a moment to drop them.
  let left = twinMembers().filter((pid) => !before.has(pid));
  for (let tries = 0; left.length > 0 && tries < 20; tries += 1) {
    await sleep(100);
    left = twinMembers().filter((pid) => !before.has(pid));
  }
  assert.deepEqual(left, [], 'no etcd member of the twin is left running');
});
