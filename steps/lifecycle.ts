// Steps that choose, start and stop observations, and wait for cycles.
import { type DataTable, Given, Then, When } from '@cucumber/cucumber';
import { cyclesTimeoutMs } from '../lib/index.js';
import { tableLayer } from '../support/config.js';
import { isRunning } from '../support/scenario.js';
import { scenarioOf } from '../support/world.js';
import { backstopped, observed, positiveCycles, requireArgument } from './context.js';

Given('the {string} observation is selected', function (this: object, name: string) {
  scenarioOf(this).select(name);
});

Given('the {string} observation is started', { timeout: -1 }, async function (this: object, name: string) {
  const scenario = scenarioOf(this);
  const run = scenario.run(name);
  if (run && isRunning(run)) return;
  await scenario.start(name);
});

Given('the {string} observation is started with:', { timeout: -1 }, async function (this: object, name: string, table?: DataTable) {
  const rows = requireArgument(table, 'a table of option | value rows').raw();
  await scenarioOf(this).start(name, tableLayer(rows));
});

When('the {string} observation is stopped', { timeout: -1 }, async function (this: object, name: string) {
  await scenarioOf(this).stop(name);
});

Then('the observation should be running', function (this: object) {
  observed(this);
});

Then('the {string} observation should be running', function (this: object, name: string) {
  observed(this, name);
});

Then('the {string} observation should be stopped', function (this: object, name: string) {
  const scenario = scenarioOf(this);
  const run = scenario.run(name);
  if (!run) {
    scenario.assertApplicable(name);
    throw new Error(`observation "${name}" never ran in this scenario`);
  }
  if (isRunning(run)) throw new Error(`observation "${name}" is still running`);
});

When('I wait for {int} more observation cycle(s)', { timeout: -1 }, async function (this: object, count: number) {
  const cycles = positiveCycles(count);
  const { handle } = observed(this);
  const { cyclesStarted, intervalMs } = handle.status();
  const timeoutMs = cyclesTimeoutMs(cycles, intervalMs);
  // Counted from the cycle in progress, so every awaited cycle starts after this step did.
  const target = cyclesStarted + cycles;
  await backstopped(timeoutMs, handle.waitForCycle(target, { timeoutMs, description: `${cycles} more cycles (up to cycle ${target})` }));
});
