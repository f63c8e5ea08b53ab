// The conditions step text can name, for scenario guards and a step's "unless": an event, observed values, a failure.
import { summarize } from '../lib/format.js';
import type { ObservationFailureStage, WaitCondition } from '../lib/index.js';
import { explainHold } from '../lib/checks/index.js';
import { selectPath } from '../lib/checks/paths.js';
import { parseChecks, snapshotCheckFor } from '../support/checks/index.js';
import { quantifierWords } from '../support/checks/build.js';
import { parseCondition, type ConditionWords } from '../support/checks/sentence.js';
import { parseStage, STAGE_WORDS, StepInputError } from '../support/parse.js';
import { rememberedValue } from '../support/remembered.js';
import { stateToCheckWords } from '../support/state-words.js';
import { observed } from './context.js';
import { eventPattern, matching, passes, type EventPattern } from './event-checks.js';

/** An event that contains the pattern (partially, as docstrings match). */
function eventMatches(pattern: EventPattern): WaitCondition {
  const check = matching(pattern);
  return { description: `an event matches ${summarize(pattern.written, 200)}`, event: (event, batch) => passes(check, event, batch) };
}

/**
 * Selected values of a snapshot are as the words say (`some observed "members.*.healthy" is false`): any quantifier
 * and check word, a missing path counting as missing. Change words need a baseline a condition has not, so they are refused.
 */
function observedAre(world: object, words: ConditionWords & { kind: 'observed' }): WaitCondition {
  const checkWords = stateToCheckWords(words.state);
  const parsed = parseChecks(checkWords, { remembered: (name) => rememberedValue(world, name) });
  const written = `${quantifierWords(words.quantifier)} observed "${words.path}" ${words.state}`;
  if (parsed.some((check) => check.kind === 'change' || check.heldOnly)) {
    throw new StepInputError(
      `"${written}": a condition is judged on each snapshot alone, so it cannot say how values move; use a step with "within" or a hold`,
    );
  }
  const check = snapshotCheckFor(words.quantifier, words.path, parsed, { overTime: false });
  const { name } = observed(world);
  return {
    description: written,
    snapshot: (value) => check.verdict(value) === undefined,
    explain: (value) => `${explainHold(check, value) ?? selectedValues(value, words.path)} (observation "${name}")`,
  };
}

// The values a path selects, with their concrete paths, for a condition that holds without saying what it read.
function selectedValues(root: unknown, path: string): string {
  const { items, emptyBecause } = selectPath(root, path);
  if (items.length === 0) return `"${path}" selects nothing${emptyBecause ? ` (${emptyBecause})` : ''}`;
  return items.map((item) => (item.present ? `${item.path} = ${summarize(item.value, 120)}` : `"${item.path}" is missing`)).join('; ');
}

/** A cycle fails at `stage`. */
function failsAt(stage: ObservationFailureStage): WaitCondition {
  return { description: `the observation fails at the ${STAGE_WORDS[stage]} stage`, failure: (failure) => failure.stage === stage };
}

/** The condition the words name; an event condition takes its pattern from the step's docstring. */
export function conditionFrom(world: object, words: ConditionWords, docString: string | undefined): WaitCondition {
  if (words.kind === 'event') return eventMatches(eventPattern(world, docString));
  if (words.kind === 'failure') return failsAt(parseStage(words.stage));
  return observedAre(world, words);
}

/** The condition of an "unless" on a step whose docstring is already its own pattern: an event condition is refused. */
export function unlessBesideDocString(world: object, words: string | undefined, written: string): WaitCondition | undefined {
  if (words === undefined) return undefined;
  const parsed = parseCondition(words);
  if (parsed.kind === 'event') {
    throw new StepInputError(
      `"${written}": the docstring below is this step's own pattern, so "unless an event matches" has none; name an observed value instead`,
    );
  }
  return conditionFrom(world, parsed, undefined);
}
