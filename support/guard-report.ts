// After a scenario: the guard hits no step has reported (the hit came while no step was waiting), as one error.
import { describeHit } from '../lib/conditions.js';
import type { ScenarioObservations } from './scenario.js';

/** An error naming every guard hit of the scenario that failed no wait, or undefined when there is none. */
export function unreportedGuardHits(scenario: ScenarioObservations): Error | undefined {
  const lines = scenario.runs().flatMap((run) =>
    run.handle
      .guardHits()
      .filter((guard) => guard.rejectedWaits === 0)
      .map((guard) => `the guard "${guard.description}" of observation "${run.name}" was hit by ${describeHit(guard.hit!)}`),
  );
  if (lines.length === 0) return undefined;
  const error = new Error(`the scenario failed fast, although no step was waiting: ${lines.join('; ')}`);
  error.name = 'ObservationGuardError';
  return error;
}
