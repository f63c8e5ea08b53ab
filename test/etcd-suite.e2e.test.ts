// The etcd example suite against a real 3-member cluster, run by the Cucumber CLI (needs the etcd-server package).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runProfile } from './helpers/cucumber-profile.js';

test('the etcd example suite (-p etcd) passes', async (t) => {
  const run = await runProfile('etcd', 15 * 60_000);
  t.diagnostic(run.summary);
  assert.equal(run.code, 0, `cucumber-js -p etcd exited with ${run.code}:\n${run.output.slice(-20_000)}`);
});
