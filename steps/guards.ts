// Scenario guards (fail fast): once one is hit, every pending and later wait of the observation fails at once, naming it.
import { Given, When } from '@cucumber/cucumber';
import type { ObservationFailureStage } from '../lib/index.js';
import type { ObservedState } from '../support/state-words.js';
import { isRunning } from '../support/scenario.js';
import { scenarioOf } from '../support/world.js';
import { eventMatches, failsAt, observedIs } from './conditions.js';
import { observed } from './context.js';
import { eventPattern } from './event-checks.js';

Given('the scenario fails as soon as an event matches:', function (this: object, docString?: string) {
  const condition = eventMatches(eventPattern(this, docString));
  observed(this).handle.arm(condition);
});

Given('the scenario fails as soon as the observed {string} {state}', function (this: object, path: string, state: ObservedState) {
  const condition = observedIs(path, state);
  observed(this).handle.arm(condition);
});

Given('the scenario fails as soon as the observation fails at the {stage} stage', function (this: object, stage: ObservationFailureStage) {
  observed(this).handle.arm(failsAt(stage));
});

When('the scenario guards are lifted', function (this: object) {
  const guards = scenarioOf(this)
    .runs()
    .filter(isRunning)
    .flatMap((run) => run.runtime.handle().guards());
  if (guards.length === 0) throw new Error('no scenario guard is armed, so none can be lifted');
  for (const guard of guards) guard.lift();
});
