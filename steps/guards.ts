// Scenario guards (fail fast): once one is hit, every pending and later wait of the observation fails at once, naming it.
import { Given, When } from '@cucumber/cucumber';
import { parseCondition } from '../support/checks/index.js';
import { isRunning } from '../support/scenario.js';
import { scenarioOf } from '../support/world.js';
import { conditionFrom } from './conditions.js';
import { observed } from './context.js';

function armGuard(world: object, words: string, docString?: string): void {
  const condition = conditionFrom(world, parseCondition(words), docString);
  observed(world).handle.arm(condition);
}

// Ending with a colon, the condition takes the docstring below (an event's pattern); Cucumber counts the arguments.
Given(/^the scenario fails as soon as (\S.*[^:])$/, function (this: object, words: string) {
  armGuard(this, words);
});

Given(/^the scenario fails as soon as (\S.*):$/, function (this: object, words: string, docString: string) {
  armGuard(this, words, docString);
});

When('the scenario guards are lifted', function (this: object) {
  const guards = scenarioOf(this)
    .runs()
    .filter(isRunning)
    .flatMap((run) => run.runtime.handle().guards());
  if (guards.length === 0) throw new Error('no scenario guard is armed, so none can be lifted');
  for (const guard of guards) guard.lift();
});
