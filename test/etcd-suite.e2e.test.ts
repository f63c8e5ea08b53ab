// The etcd suites against real 3-member clusters, run by the Cucumber CLI (they need the etcd-server package).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runProfile } from './helpers/cucumber-profile.js';

// One entry per profile of cucumber.js that starts etcd.
for (const [title, profile] of [['the etcd example suite (-p etcd)', 'etcd']] as const) {
  test(`${title} passes`, async (t) => {
    const run = await runProfile(profile, 15 * 60_000);
    t.diagnostic(run.summary);
    assert.equal(run.code, 0, `cucumber-js -p ${profile} exited with ${run.code}:\n${run.output.slice(-20_000)}`);
  });
}
