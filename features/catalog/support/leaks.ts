// Leak checks of the catalog suite: each scenario stops its observations, and the run leaves no timer or handle behind.
import { After, AfterAll, Before, BeforeAll } from '@cucumber/cucumber';
import { isRunning, liveRuntimeCount } from '../../../support/scenario.js';
import { findScenario } from '../../../support/world.js';
import { census, growth, type Census } from '../../../test/helpers/resources.js';

let runBaseline: Census | undefined;
let scenarioBaseline: Census | undefined;

// These hooks are synchronous on purpose: Cucumber arms no timeout timer for a hook that returns no promise,
// so a census taken inside one sees only what the suite itself holds.
BeforeAll({ name: 'leak check: take the baseline' }, function () {
  runBaseline = census();
});

// This file is loaded before the plugin's hooks are registered (below): Before hooks run in registration order, so
// this one runs before the plugin starts anything; After hooks run in reverse, so the After below runs once the
// plugin's After has stopped everything.
Before({ name: 'leak check: note what runs before the scenario' }, function () {
  scenarioBaseline = census();
});

After({ name: 'leak check: the scenario left nothing running' }, function (this: object) {
  const problems: string[] = [];
  for (const run of findScenario(this)?.runs() ?? []) {
    if (isRunning(run)) problems.push(`observation "${run.name}" is still running`);
  }
  if (liveRuntimeCount() > 0) problems.push(`${liveRuntimeCount()} observation runtime(s) are still live in this process`);
  if (scenarioBaseline) problems.push(...growth(scenarioBaseline).map((item) => `left behind: ${item}`));
  if (problems.length > 0) {
    throw new Error(
      `leak check failed after the scenario, once the plugin's After hook had run:\n  ${problems.join('\n  ')}\n` +
        '(if every observation is still running, the plugin was registered before this file: load this file first)',
    );
  }
});

await import('../../../steps/index.js');

// Registered after the plugin's AfterAll, so it runs before that safety net could quietly stop a forgotten runtime.
AfterAll({ name: 'leak check: the run left nothing behind' }, function () {
  const problems: string[] = [];
  if (liveRuntimeCount() > 0) problems.push(`${liveRuntimeCount()} observation runtime(s) are still running`);
  if (runBaseline) problems.push(...growth(runBaseline).map((item) => `left behind: ${item}`));
  if (problems.length > 0) {
    throw new Error(`leak check failed at the end of the run:\n  ${problems.join('\n  ')}\n  active resources: ${process.getActiveResourcesInfo().join(', ')}`);
  }
});
