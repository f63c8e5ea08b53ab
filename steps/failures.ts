// Steps on failed cycles: a failure at a stage within a duration, the last failure's stage and message, none, recovery.
import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import type { ObservationFailureStage } from '../lib/index.js';
import { cut } from '../lib/format.js';
import { STAGE_WORDS } from '../support/parse.js';
import { bounded, observed } from './context.js';

function lastFailure(world: object) {
  const { name, handle } = observed(world);
  const failure = handle.lastError();
  if (!failure) {
    throw new Error(`observation "${name}" has no failure: its latest cycle (${handle.status().cyclesCompleted}) succeeded`);
  }
  return { name, failure };
}

Then('within {duration} the observation should fail at the {stage} stage', { timeout: -1 }, async function (this: object, ms: number, stage: ObservationFailureStage) {
  const { handle } = observed(this);
  await bounded(
    ms,
    handle.waitForFailure((failure) => failure.stage === stage, { timeoutMs: ms, description: `a failure at the ${STAGE_WORDS[stage]} stage` }),
  );
});

Then('the last observation failure should be at the {stage} stage', function (this: object, stage: ObservationFailureStage) {
  const { name, failure } = lastFailure(this);
  expect(
    STAGE_WORDS[failure.stage],
    `stage of the last failure of observation "${name}" (cycle ${failure.cycle}: ${cut(failure.message, 200)})`,
  ).to.equal(STAGE_WORDS[stage]);
});

Then('the last observation failure message should contain {string}', function (this: object, text: string) {
  const { name, failure } = lastFailure(this);
  expect(failure.message, `message of the last failure of observation "${name}" (cycle ${failure.cycle}, ${STAGE_WORDS[failure.stage]} stage)`).to.include(text);
});

Then('the observation should have no failure', function (this: object) {
  const { name, handle } = observed(this);
  const failure = handle.lastError();
  if (failure) {
    throw new Error(
      `expected observation "${name}" to have no failure, but cycle ${failure.cycle} failed at the ` +
        `${STAGE_WORDS[failure.stage]} stage: ${cut(failure.message, 300)}`,
    );
  }
});

Then('within {duration} the observation should recover', { timeout: -1 }, async function (this: object, ms: number) {
  const { handle } = observed(this);
  const failure = handle.lastError();
  if (!failure) return;
  await bounded(
    ms,
    handle.waitForSnapshot(() => true, {
      timeoutMs: ms,
      after: failure.cycle,
      // The wait appends "after cycle <n>" itself.
      description: `a successful cycle to end the ${STAGE_WORDS[failure.stage]} stage failures`,
    }),
  );
});
