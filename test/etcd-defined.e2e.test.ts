// The etcd twin (features/etcd-defined) against real etcd: every scenario passes, and no etcd member outlives the run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { processesLeft, twinMembers } from './helpers/process-list.js';
import { runFixtureCucumber } from './helpers/run-cucumber.js';

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
  assert.deepEqual(await processesLeft(twinMembers, before), [], 'no etcd member of the twin is left running');
});
