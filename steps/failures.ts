// Steps on failed cycles: a failure at a stage within a duration, the last failure's stage and message, none, recovery,
// no failure over a window; the within forms also with their own "unless".
import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { systemClock } from '../lib/clock.js';
import { cut } from '../lib/format.js';
import { cyclesTimeoutMs, ObservationHoldError, type ObservationFailureStage, type ValueCheck, type WaitCondition } from '../lib/index.js';
import { parseCheck, parseCondition, parseHold } from '../support/checks/index.js';
import { parseDuration, parseStage, STAGE_WORDS, StepInputError } from '../support/parse.js';
import { rememberedValue } from '../support/remembered.js';
import { scenarioOf } from '../support/world.js';
import { conditionFrom } from './conditions.js';
import { backstopped, observed } from './context.js';

// These steps check one value now: change and agreement words need time or several values.
function valueCheck(world: object, words: string, what: string): ValueCheck {
  const parsed = parseCheck(words, { remembered: (name) => rememberedValue(world, name) });
  if (parsed.kind !== 'value' || parsed.heldOnly) throw new StepInputError(`${what} is one value, read now: "should ${parsed.text}" cannot be checked on it`);
  return parsed.check;
}

// Availability over a window: every cycle of it must succeed; the first failed one ends the step, saying when.
async function noFailure(world: object, window: { durationMs: number } | { cycles: number }): Promise<void> {
  const { name, handle } = observed(world);
  const startedAt = systemClock.now();
  const firstCycle = handle.status().cyclesCompleted;
  const waitMs = 'cycles' in window ? cyclesTimeoutMs(window.cycles, handle.status().intervalMs) : window.durationMs;
  const wanted = 'cycles' in window ? `${window.cycles} cycle${window.cycles === 1 ? '' : 's'}` : `${window.durationMs} ms`;
  try {
    await backstopped(
      waitMs,
      handle.holdsFor(() => true, { ...window, timeoutMs: 'cycles' in window ? waitMs : undefined, description: 'the observation' }),
    );
  } catch (error) {
    const failure = error instanceof ObservationHoldError ? error.failure : undefined;
    if (!failure) throw error;
    const progress =
      'cycles' in window ? `after ${failure.cycle - firstCycle - 1} of ${wanted}` : `after ${Math.round(systemClock.now() - startedAt)} ms of ${wanted}`;
    throw new Error(
      `expected observation "${name}" not to fail for ${wanted}, but cycle ${failure.cycle} failed at the ` +
        `${STAGE_WORDS[failure.stage]} stage ${progress}: ${cut(failure.message, 300)}`,
      { cause: error },
    );
  }
}

function lastFailure(world: object) {
  const { name, handle } = observed(world);
  const failure = handle.lastFailure();
  if (!failure) {
    throw new Error(`observation "${name}" has no failure: its latest cycle (${handle.status().cyclesCompleted}) succeeded`);
  }
  return { name, failure };
}

async function failureAt(world: object, ms: number, stage: ObservationFailureStage, unless?: WaitCondition): Promise<void> {
  const { handle } = observed(world);
  await backstopped(
    ms,
    handle.waitForFailure((failure) => failure.stage === stage, { timeoutMs: ms, description: `a failure at the ${STAGE_WORDS[stage]} stage`, unless }),
  );
}

async function failureWords(world: object, ms: string, what: string, unlessWords: string | undefined, docString?: string): Promise<void> {
  const timeoutMs = parseDuration(ms);
  const conditionWords = unlessWords === undefined ? undefined : parseCondition(unlessWords);
  // Events come only with a successful cycle, and that cycle is the recovery: "recover unless an event matches" cannot be hit first.
  if (what === 'recover' && conditionWords?.kind === 'event') {
    throw new StepInputError(
      '"recover unless an event matches": an event comes only with a successful cycle, which is the recovery itself; name an observed value instead',
    );
  }
  const unless = conditionWords === undefined ? undefined : conditionFrom(world, conditionWords, docString);
  if (what === 'recover') return recovery(world, timeoutMs, unless);
  await failureAt(world, timeoutMs, parseStage(what.replace(/^fail at the (.*) stage$/, '$1')), unless);
}

// Ending with a colon, the "unless" takes the docstring below (an event's pattern); Cucumber counts the arguments.
// biome-ignore format: the Cucumber language server reads this literal as written
Then(/^within (\S.*?) the observation should (fail at the \S.*? stage|recover)(?: unless (\S.*[^:]))?$/, { timeout: -1 }, async function (this: object, ms: string, what: string, unless?: string) {
  await failureWords(this, ms, what, unless ?? undefined);
});

// biome-ignore format: the Cucumber language server reads this literal as written
Then(/^within (\S.*?) the observation should (fail at the \S.*? stage|recover) unless (\S.*):$/, { timeout: -1 }, async function (this: object, ms: string, what: string, unless: string, docString: string) {
  await failureWords(this, ms, what, unless, docString);
});

Then(/^the last observation failure should be at the (\S.*) stage$/, function (this: object, stageWords: string) {
  const stage = parseStage(stageWords);
  const { name, failure } = lastFailure(this);
  expect(STAGE_WORDS[failure.stage], `stage of the last failure of observation "${name}" (cycle ${failure.cycle}: ${cut(failure.message, 200)})`).to.equal(
    STAGE_WORDS[stage],
  );
});

Then(/^the last observation failure message should (\S.*)$/, function (this: object, words: string) {
  const check = valueCheck(this, words, 'the last observation failure message');
  const { name, failure } = lastFailure(this);
  const why = check.verdict(failure.message, true);
  if (why !== undefined) {
    throw new Error(`the message of the last failure of observation "${name}" (cycle ${failure.cycle}, ${STAGE_WORDS[failure.stage]} stage) ${why}`);
  }
});

Then(/^the number of failed observation cycles should (\S.*)$/, function (this: object, words: string) {
  const check = valueCheck(this, words, 'the number of failed observation cycles');
  const { name } = observed(this);
  // Every run of the observation in this scenario counts: a step may have stopped and started it again.
  const runs = scenarioOf(this)
    .runs()
    .filter((run) => run.name === name);
  const failed = runs.reduce((sum, run) => sum + run.runtime.handle().status().cyclesFailed, 0);
  const why = check.verdict(failed, true);
  if (why !== undefined) throw new Error(`the number of failed cycles of observation "${name}" in this scenario ${why}`);
});

Then('the observation should have no failure', function (this: object) {
  const { name, handle } = observed(this);
  const failure = handle.lastFailure();
  if (failure) {
    throw new Error(
      `expected observation "${name}" to have no failure, but cycle ${failure.cycle} failed at the ` +
        `${STAGE_WORDS[failure.stage]} stage: ${cut(failure.message, 300)}`,
    );
  }
});

async function recovery(world: object, ms: number, unless?: WaitCondition): Promise<void> {
  const { handle } = observed(world);
  const failure = handle.lastFailure();
  if (!failure) return;
  await backstopped(
    ms,
    handle.waitForSnapshot(() => true, {
      timeoutMs: ms,
      after: failure.cycle,
      // The wait appends "after cycle <n>" itself.
      description: `a successful cycle to end the ${STAGE_WORDS[failure.stage]} stage failures`,
      unless,
    }),
  );
}

Then(/^the observation should not fail for (\S.*)$/, { timeout: -1 }, async function (this: object, amount: string) {
  await noFailure(this, parseHold(amount));
});
