// Snapshot waits with more to say: a lower bound ("but not before"), "and stay so for", and a step's own "unless".
import { Then } from '@cucumber/cucumber';
import type { WaitCondition } from '../lib/index.js';
import { cyclesTimeoutMs } from '../lib/index.js';
import { awaitedFor, heldCheckFor, parsePatternDocString, snapshotCheckFor, type ParsedCheck, type Quantifier } from '../support/checks/index.js';
import { assertSubset } from '../support/match.js';
import { StepInputError } from '../support/parse.js';
import { rememberedValue } from '../support/remembered.js';
import type { ObservedState } from '../support/state-words.js';
import { eventMatches, observedIs } from './conditions.js';
import { backstopped, diffOnFailure, eventually, observed, positiveCycles, readFrom, requireArgument } from './context.js';
import { eventPattern } from './event-checks.js';
import { currentValue, stepCheck, type Check } from './forms.js';

// The check of "{quantifier} observed {string} should {check}", built before any wait so bad input fails at once.
function checking(world: object, quantifier: Quantifier, path: string, parsed: ParsedCheck): (name: string) => Check {
  const check = snapshotCheckFor(quantifier, path, parsed, { overTime: true, since: currentValue(world) });
  return (name) => stepCheck(name, check);
}

// What a reach-and-stay names in its messages, as holds do: `"leader" = "n2"`, `every "nodes.*.height" at least 10`.
function holdWords(quantifier: Quantifier, path: string, parsed: ParsedCheck): string {
  if (parsed.kind === 'agreement') return awaitedFor(quantifier, path, parsed);
  return heldCheckFor(quantifier, path, parsed.check).description;
}

function matchesDocString(world: object, docString: string | undefined): (name: string) => Check {
  const expected = parsePatternDocString(requireArgument(docString, 'a JSON docstring'), { remembered: (name) => rememberedValue(world, name) });
  return (name) => (value, snapshot) => assertSubset(value, expected, readFrom(name, snapshot));
}

function lowerBound(notBeforeMs: number, timeoutMs: number): number {
  if (notBeforeMs >= timeoutMs) {
    throw new StepInputError(`the lower bound (${notBeforeMs} ms) must be below the upper bound (${timeoutMs} ms), as in "within 5s but not before 500ms"`);
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
async function reachAndStay(
  world: object,
  timeoutMs: number,
  hold: { durationMs: number } | { cycles: number },
  description: string,
  make: (name: string) => Check,
): Promise<void> {
  const { name, handle } = observed(world);
  const holdMs = 'cycles' in hold ? cyclesTimeoutMs(hold.cycles, handle.status().intervalMs) : hold.durationMs;
  await diffOnFailure(make(name), (check) => backstopped(timeoutMs + holdMs, handle.waitAndHold(check, { timeoutMs, ...hold, description })));
}

Then(
  'within {duration} but not before {duration} {quantifier} observed {string} should {check}',
  { timeout: -1 },
  async function (this: object, ms: number, notBeforeMs: number, quantifier: Quantifier, path: string, parsed: ParsedCheck) {
    const bound = lowerBound(notBeforeMs, ms);
    await withinBounded(this, ms, { notBeforeMs: bound }, awaitedFor(quantifier, path, parsed), checking(this, quantifier, path, parsed));
  },
);

Then(
  'within {duration} but not before {duration} the observed snapshot should match:',
  { timeout: -1 },
  async function (this: object, ms: number, notBeforeMs: number, docString?: string) {
    const bound = lowerBound(notBeforeMs, ms);
    await withinBounded(this, ms, { notBeforeMs: bound }, 'the snapshot to match the docstring', matchesDocString(this, docString));
  },
);

Then(
  'within {duration} {quantifier} observed {string} should {check} and stay so for {duration}',
  { timeout: -1 },
  async function (this: object, ms: number, quantifier: Quantifier, path: string, parsed: ParsedCheck, holdMs: number) {
    await reachAndStay(this, ms, { durationMs: holdMs }, holdWords(quantifier, path, parsed), checking(this, quantifier, path, parsed));
  },
);

Then(
  'within {duration} {quantifier} observed {string} should {check} and stay so for {int} cycle(s)',
  { timeout: -1 },
  async function (this: object, ms: number, quantifier: Quantifier, path: string, parsed: ParsedCheck, cycles: number) {
    await reachAndStay(this, ms, { cycles: positiveCycles(cycles) }, holdWords(quantifier, path, parsed), checking(this, quantifier, path, parsed));
  },
);

Then(
  'within {duration} the observed snapshot should match and stay so for {duration}:',
  { timeout: -1 },
  async function (this: object, ms: number, holdMs: number, docString?: string) {
    await reachAndStay(this, ms, { durationMs: holdMs }, 'the snapshot matching the docstring', matchesDocString(this, docString));
  },
);

Then(
  'within {duration} {quantifier} observed {string} should {check} unless an event matches:',
  { timeout: -1 },
  async function (this: object, ms: number, quantifier: Quantifier, path: string, parsed: ParsedCheck, docString?: string) {
    const unless = eventMatches(eventPattern(this, docString));
    await withinBounded(this, ms, { unless }, awaitedFor(quantifier, path, parsed), checking(this, quantifier, path, parsed));
  },
);

Then(
  'within {duration} {quantifier} observed {string} should {check} unless the observed {string} {state}',
  { timeout: -1 },
  async function (this: object, ms: number, quantifier: Quantifier, path: string, parsed: ParsedCheck, otherPath: string, state: ObservedState) {
    const unless = observedIs(otherPath, state);
    await withinBounded(this, ms, { unless }, awaitedFor(quantifier, path, parsed), checking(this, quantifier, path, parsed));
  },
);
