// Snapshot waits with more to say: a lower bound ("but not before"), "and stay so for", and a step's own "unless".
import { Then } from '@cucumber/cucumber';
import { ObservationHoldError, type ObservationSnapshot, type WaitCondition } from '../lib/index.js';
import { summarize } from '../lib/format.js';
import { equalTo, that } from '../lib/checks/index.js';
import { assertSubset } from '../support/match.js';
import { parseJsonDocString, StepInputError } from '../support/parse.js';
import type { ObservedState } from '../support/state-words.js';
import { eventMatches, observedIs } from './conditions.js';
import { bounded, eventually, observed, positiveCycles, readFrom, rememberingAssertions, requireArgument, withDiff } from './context.js';
import { docStringJson } from './event-checks.js';
import { stepCheck } from './forms.js';

type Check = (value: unknown, snapshot: ObservationSnapshot<unknown>) => void;

function pathEquals(name: string, path: string, expected: unknown): Check {
  return stepCheck(name, that(path, equalTo(expected)));
}

function matchesDocString(name: string, docString: string | undefined): Check {
  const expected = parseJsonDocString(requireArgument(docString, 'a JSON docstring'));
  return (value, snapshot) => assertSubset(value, expected, readFrom(name, snapshot));
}

function lowerBound(notBeforeMs: number, timeoutMs: number): number {
  if (notBeforeMs >= timeoutMs) {
    throw new StepInputError(`the lower bound (${notBeforeMs} ms) must be below the upper bound (${timeoutMs} ms): "within 5s but not before 500ms"`);
  }
  return notBeforeMs;
}

async function withinBounded(
  world: object,
  timeoutMs: number,
  bounds: { notBeforeMs?: number; unless?: WaitCondition },
  description: string,
  make: (name: string) => Check,
): Promise<void> {
  const { name, handle } = observed(world);
  await eventually(handle, make(name), { timeoutMs, fresh: false, description, ...bounds });
}

// Reached within the bound, then held for the duration or cycles, as one wait: nothing can change between the two.
async function reachAndStay(world: object, timeoutMs: number, hold: { durationMs: number } | { cycles: number }, description: string, make: (name: string) => Check) {
  const { name, handle } = observed(world);
  const { check, lastAssertion } = rememberingAssertions(make(name));
  const holdMs = 'cycles' in hold ? 2 * (hold.cycles + 1) * handle.status().intervalMs + 1000 : hold.durationMs;
  try {
    await bounded(timeoutMs + holdMs, handle.waitAndHold(check, { timeoutMs, ...hold, description }));
  } catch (error) {
    const last = lastAssertion();
    if (error instanceof Error && last && (error instanceof ObservationHoldError || error.name === 'ObservationTimeoutError')) withDiff(error, last);
    throw error;
  }
}

Then('within {duration} but not before {duration} the observed {string} should be {json}', { timeout: -1 }, async function (this: object, ms: number, notBeforeMs: number, path: string, expected: unknown) {
  const bound = lowerBound(notBeforeMs, ms);
  await withinBounded(this, ms, { notBeforeMs: bound }, `"${path}" to be ${summarize(expected, 200)}`, (name) => pathEquals(name, path, expected));
});

Then('within {duration} but not before {duration} the observed snapshot should match:', { timeout: -1 }, async function (this: object, ms: number, notBeforeMs: number, docString?: string) {
  const bound = lowerBound(notBeforeMs, ms);
  await withinBounded(this, ms, { notBeforeMs: bound }, 'the snapshot to match the docstring', (name) => matchesDocString(name, docString));
});

Then('within {duration} the observed {string} should be {json} and stay so for {duration}', { timeout: -1 }, async function (this: object, ms: number, path: string, expected: unknown, holdMs: number) {
  await reachAndStay(this, ms, { durationMs: holdMs }, `"${path}" = ${summarize(expected, 200)}`, (name) => pathEquals(name, path, expected));
});

Then('within {duration} the observed {string} should be {json} and stay so for {int} cycle(s)', { timeout: -1 }, async function (this: object, ms: number, path: string, expected: unknown, cycles: number) {
  await reachAndStay(this, ms, { cycles: positiveCycles(cycles) }, `"${path}" = ${summarize(expected, 200)}`, (name) => pathEquals(name, path, expected));
});

Then('within {duration} the observed snapshot should match and stay so for {duration}:', { timeout: -1 }, async function (this: object, ms: number, holdMs: number, docString?: string) {
  await reachAndStay(this, ms, { durationMs: holdMs }, 'the snapshot matching the docstring', (name) => matchesDocString(name, docString));
});

Then('within {duration} the observed {string} should be {json} unless an event matches:', { timeout: -1 }, async function (this: object, ms: number, path: string, expected: unknown, docString?: string) {
  const unless = eventMatches(docStringJson(docString));
  await withinBounded(this, ms, { unless }, `"${path}" to be ${summarize(expected, 200)}`, (name) => pathEquals(name, path, expected));
});

Then('within {duration} the observed {string} should be {json} unless the observed {string} {state}', { timeout: -1 }, async function (this: object, ms: number, path: string, expected: unknown, otherPath: string, state: ObservedState) {
  const unless = observedIs(otherPath, state);
  await withinBounded(this, ms, { unless }, `"${path}" to be ${summarize(expected, 200)}`, (name) => pathEquals(name, path, expected));
});
