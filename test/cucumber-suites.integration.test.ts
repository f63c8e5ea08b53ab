// The step catalog's acceptance suite and the kv-cluster example suite, run by the Cucumber CLI as `npm test` always ran them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runProfile } from './helpers/cucumber-profile.js';

for (const [title, profile] of [
  ['the step catalog suite (features/catalog, the default profile)', undefined],
  ['the kv-cluster example suite (-p example)', 'example'],
] as const) {
  test(`${title} passes`, async (t) => {
    const run = await runProfile(profile, 15 * 60_000);
    t.diagnostic(run.summary);
    assert.equal(run.code, 0, `cucumber-js ${profile ? `-p ${profile}` : ''} exited with ${run.code}:\n${run.output.slice(-20_000)}`);
  });
}
