// Steps on failed cycles: a failure at a stage within a duration, the last failure's stage and message, none, recovery,
// no failure over a window; the within forms also with their own "unless".
import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { cyclesTimeoutMs, ObservationHoldError, type ObservationFailureStage } from '../lib/index.js';
import { systemClock } from '../lib/clock.js';
import { cut } from '../lib/format.js';
import { STAGE_WORDS } from '../support/parse.js';
import type { ValueCheck, WaitCondition } from '../lib/index.js';
import type { ObservedState } from '../support/state-words.js';
import { eventMatches, observedIs } from './conditions.js';
import { eventPattern } from './event-checks.js';
import type { ParsedCheck } from '../support/checks/index.js';
import { StepInputError } from '../support/parse.js';
import { scenarioOf } from '../support/world.js';
import { backstopped, observed, positiveCycles } from './context.js';

// These steps check one value now: change and agreement words need time or several values.
function valueCheck(parsed: ParsedCheck, what: string): ValueCheck {
  if (parsed.kind !== 'value') throw new StepInputError(`${what} is one value, read now: "should ${parsed.text}" cannot be checked on it`);
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

Then(
  'within {duration} the observation should fail at the {stage} stage',
  { timeout: -1 },
  async function (this: object, ms: number, stage: ObservationFailureStage) {
    await failureAt(this, ms, stage);
  },
);

Then(
  'within {duration} the observation should fail at the {stage} stage unless an event matches:',
  { timeout: -1 },
  async function (this: object, ms: number, stage: ObservationFailureStage, docString?: string) {
    await failureAt(this, ms, stage, eventMatches(eventPattern(this, docString)));
  },
);

Then(
  'within {duration} the observation should fail at the {stage} stage unless the observed {string} {state}',
  { timeout: -1 },
  async function (this: object, ms: number, stage: ObservationFailureStage, otherPath: string, state: ObservedState) {
    await failureAt(this, ms, stage, observedIs(otherPath, state));
  },
);

Then('the last observation failure should be at the {stage} stage', function (this: object, stage: ObservationFailureStage) {
  const { name, failure } = lastFailure(this);
  expect(STAGE_WORDS[failure.stage], `stage of the last failure of observation "${name}" (cycle ${failure.cycle}: ${cut(failure.message, 200)})`).to.equal(
    STAGE_WORDS[stage],
  );
});

Then('the last observation failure message should {check}', function (this: object, parsed: ParsedCheck) {
  const check = valueCheck(parsed, 'the last observation failure message');
  const { name, failure } = lastFailure(this);
  const why = check.verdict(failure.message, true);
  if (why !== undefined) {
    throw new Error(`the message of the last failure of observation "${name}" (cycle ${failure.cycle}, ${STAGE_WORDS[failure.stage]} stage) ${why}`);
  }
});

Then('the number of failed observation cycles should {check}', function (this: object, parsed: ParsedCheck) {
  const check = valueCheck(parsed, 'the number of failed observation cycles');
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

Then('within {duration} the observation should recover', { timeout: -1 }, async function (this: object, ms: number) {
  await recovery(this, ms);
});

// No "recover unless an event matches": events come only with a successful cycle, and that cycle is the recovery.
Then(
  'within {duration} the observation should recover unless the observed {string} {state}',
  { timeout: -1 },
  async function (this: object, ms: number, otherPath: string, state: ObservedState) {
    await recovery(this, ms, observedIs(otherPath, state));
  },
);

Then('the observation should not fail for {duration}', { timeout: -1 }, async function (this: object, ms: number) {
  await noFailure(this, { durationMs: ms });
});

Then('the observation should not fail for {int} cycle(s)', { timeout: -1 }, async function (this: object, cycles: number) {
  await noFailure(this, { cycles: positiveCycles(cycles) });
});
