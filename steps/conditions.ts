// The conditions that step text can name, for scenario guards and a step's "unless": an event, an observed value, a failure.
import type { ObservationFailureStage, WaitCondition } from '../lib/index.js';
import { summarize } from '../lib/format.js';
import { STAGE_WORDS } from '../support/parse.js';
import { parsePath, readPath } from '../support/paths.js';
import type { ObservedState } from '../support/state-words.js';
import { matching, passes, type EventPattern } from './event-checks.js';

/** An event that contains the pattern (partially, as docstrings match). */
export function eventMatches(pattern: EventPattern): WaitCondition {
  const check = matching(pattern);
  return { description: `an event matches ${summarize(pattern.written, 200)}`, event: (event, batch) => passes(check, event, batch) };
}

/** The value at `path` of a snapshot is in `state` (a missing path counts as missing, not as null). */
export function observedIs(path: string, state: ObservedState): WaitCondition {
  parsePath(path);
  return {
    description: `the observed "${path}" ${state.description}`,
    snapshot: (value) => {
      const lookup = readPath(value, path);
      return state.holds(lookup.found ? lookup.value : undefined, lookup.found);
    },
  };
}

/** A cycle fails at `stage`. */
export function failsAt(stage: ObservationFailureStage): WaitCondition {
  return { description: `the observation fails at the ${STAGE_WORDS[stage]} stage`, failure: (failure) => failure.stage === stage };
}
