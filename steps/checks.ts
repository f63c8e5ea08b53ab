// Steps that check the values a path selects: every check word, with a quantifier, now, within, freshly (with its own "unless" too), or over time.
import { Then } from '@cucumber/cucumber';
import { neverDecreases, unchanged, type RelativeCheck, type ValueCheck } from '../lib/index.js';
import { awaitedFor, heldCheckFor, snapshotCheckFor, type ParsedCheck, type Quantifier } from '../support/checks/index.js';
import type { ObservedState } from '../support/state-words.js';
import { pathTrack } from '../support/value-track.js';
import { eventMatches, observedIs } from './conditions.js';
import { positiveCycles } from './context.js';
import { eventPattern } from './event-checks.js';
import { currentValue, now, stays, stepCheck, within, type Check } from './forms.js';

function checking(quantifier: Quantifier, path: string, parsed: ParsedCheck, overTime: boolean, since?: unknown): (name: string) => Check {
  const check = snapshotCheckFor(quantifier, path, parsed, overTime ? { overTime, since } : { overTime });
  return (name) => stepCheck(name, check);
}

async function hold(
  world: object,
  hold: { durationMs: number } | { cycles: number },
  quantifier: Quantifier,
  path: string,
  check: ValueCheck | RelativeCheck,
  since?: { readonly value: unknown },
): Promise<void> {
  const held = heldCheckFor(quantifier, path, check, since);
  await stays(world, hold, held.description, (name) => stepCheck(name, held.check));
}

Then('{quantifier} observed {string} should {check}', function (this: object, quantifier: Quantifier, path: string, parsed: ParsedCheck) {
  now(this, checking(quantifier, path, parsed, false));
});

Then(
  'within {duration} {quantifier} observed {string} should {check}',
  { timeout: -1 },
  async function (this: object, ms: number, quantifier: Quantifier, path: string, parsed: ParsedCheck) {
    await within(
      this,
      ms,
      false,
      awaitedFor(quantifier, path, parsed),
      checking(quantifier, path, parsed, true, currentValue(this)),
      undefined,
      pathTrack(path, parsed.text),
    );
  },
);

Then(
  'within {duration} {quantifier} freshly observed {string} should {check}',
  { timeout: -1 },
  async function (this: object, ms: number, quantifier: Quantifier, path: string, parsed: ParsedCheck) {
    await within(
      this,
      ms,
      true,
      awaitedFor(quantifier, path, parsed),
      checking(quantifier, path, parsed, true, currentValue(this)),
      undefined,
      pathTrack(path, parsed.text),
    );
  },
);

Then(
  'within {duration} {quantifier} freshly observed {string} should {check} unless an event matches:',
  { timeout: -1 },
  async function (this: object, ms: number, quantifier: Quantifier, path: string, parsed: ParsedCheck, docString?: string) {
    const unless = eventMatches(eventPattern(this, docString));
    await within(
      this,
      ms,
      true,
      awaitedFor(quantifier, path, parsed),
      checking(quantifier, path, parsed, true, currentValue(this)),
      unless,
      pathTrack(path, parsed.text),
    );
  },
);

Then(
  'within {duration} {quantifier} freshly observed {string} should {check} unless the observed {string} {state}',
  { timeout: -1 },
  async function (this: object, ms: number, quantifier: Quantifier, path: string, parsed: ParsedCheck, otherPath: string, state: ObservedState) {
    const unless = observedIs(otherPath, state);
    await within(
      this,
      ms,
      true,
      awaitedFor(quantifier, path, parsed),
      checking(quantifier, path, parsed, true, currentValue(this)),
      unless,
      pathTrack(path, parsed.text),
    );
  },
);

Then(
  '{quantifier} observed {string} should stay {comparison} for {duration}',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, check: ValueCheck, ms: number) {
    await hold(this, { durationMs: ms }, quantifier, path, check);
  },
);

Then(
  '{quantifier} observed {string} should stay {comparison} for {int} cycle(s)',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, check: ValueCheck, cycles: number) {
    await hold(this, { cycles: positiveCycles(cycles) }, quantifier, path, check);
  },
);

Then(
  '{quantifier} observed {string} should not change for {duration}',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, ms: number) {
    await hold(this, { durationMs: ms }, quantifier, path, unchanged(), { value: currentValue(this) });
  },
);

Then(
  '{quantifier} observed {string} should not change for {int} cycle(s)',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, cycles: number) {
    await hold(this, { cycles: positiveCycles(cycles) }, quantifier, path, unchanged(), { value: currentValue(this) });
  },
);

Then(
  '{quantifier} observed {string} should never decrease for {duration}',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, ms: number) {
    await hold(this, { durationMs: ms }, quantifier, path, neverDecreases());
  },
);

Then(
  '{quantifier} observed {string} should never decrease for {int} cycle(s)',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, cycles: number) {
    await hold(this, { cycles: positiveCycles(cycles) }, quantifier, path, neverDecreases());
  },
);

// Agreement held over time: the selected values compared with each other on every cycle of the window.
async function holdAgreement(
  world: object,
  hold: { durationMs: number } | { cycles: number },
  quantifier: Quantifier,
  path: string,
  agreement: 'equal' | 'distinct' | 'agree',
): Promise<void> {
  const text = agreement === 'agree' ? 'agree' : `all be ${agreement}`;
  const check = snapshotCheckFor(quantifier, path, { kind: 'agreement', agreement, text }, { overTime: true });
  await stays(world, hold, check.description, (name) => stepCheck(name, check));
}

Then(
  '{quantifier} observed {string} should all stay equal for {duration}',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, ms: number) {
    await holdAgreement(this, { durationMs: ms }, quantifier, path, 'equal');
  },
);

Then(
  '{quantifier} observed {string} should all stay equal for {int} cycle(s)',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, cycles: number) {
    await holdAgreement(this, { cycles: positiveCycles(cycles) }, quantifier, path, 'equal');
  },
);

Then(
  '{quantifier} observed {string} should all stay distinct for {duration}',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, ms: number) {
    await holdAgreement(this, { durationMs: ms }, quantifier, path, 'distinct');
  },
);

Then(
  '{quantifier} observed {string} should all stay distinct for {int} cycle(s)',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, cycles: number) {
    await holdAgreement(this, { cycles: positiveCycles(cycles) }, quantifier, path, 'distinct');
  },
);

Then(
  '{quantifier} observed {string} should agree for {duration}',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, ms: number) {
    await holdAgreement(this, { durationMs: ms }, quantifier, path, 'agree');
  },
);

Then(
  '{quantifier} observed {string} should agree for {int} cycle(s)',
  { timeout: -1 },
  async function (this: object, quantifier: Quantifier, path: string, cycles: number) {
    await holdAgreement(this, { cycles: positiveCycles(cycles) }, quantifier, path, 'agree');
  },
);
