// Steps that check the values a path selects: every check word, with a quantifier, now, within, freshly, or over time.
import { Then } from '@cucumber/cucumber';
import { neverDecreases, unchanged, type RelativeCheck, type SnapshotCheck, type ValueCheck } from '../lib/index.js';
import { awaitedFor, snapshotCheckFor, type ParsedCheck, type Quantifier } from '../support/checks/index.js';
import { describeQuantity } from '../lib/checks/quantifiers.js';
import { that, quantified } from '../lib/checks/index.js';
import { isEquality } from '../lib/checks/render.js';
import { positiveCycles } from './context.js';
import { currentValue, now, stays, stepCheck, within, type Check } from './forms.js';

function checking(quantifier: Quantifier, path: string, parsed: ParsedCheck, overTime: boolean, since?: unknown): (name: string) => Check {
  const check = snapshotCheckFor(quantifier, path, parsed, overTime ? { overTime, since } : { overTime });
  return (name) => stepCheck(name, check);
}

// What a hold names in its messages: `"leader" = "n1"`, `every "nodes.*.height" at least 10`.
function holding(quantifier: Quantifier, path: string, check: ValueCheck | RelativeCheck, since?: unknown): SnapshotCheck {
  const options = since === undefined ? undefined : { since };
  return quantifier.kind === 'the' ? that(path, check, options) : quantified(quantifier, path, check, options);
}

function holdDescription(quantifier: Quantifier, path: string, check: { description: string }): string {
  const who = quantifier.kind === 'the' ? `"${path}"` : describeQuantity(quantifier, path);
  return isEquality(check as ValueCheck) ? `${who} = ${check.description}` : `${who} ${check.description}`;
}

async function hold(world: object, hold: { durationMs: number } | { cycles: number }, quantifier: Quantifier, path: string, check: ValueCheck | RelativeCheck, since?: unknown): Promise<void> {
  const built = holding(quantifier, path, check, since);
  await stays(world, hold, holdDescription(quantifier, path, check), (name) => stepCheck(name, built));
}

Then('{quantifier} observed {string} should {check}', function (this: object, quantifier: Quantifier, path: string, parsed: ParsedCheck) {
  now(this, checking(quantifier, path, parsed, false));
});

Then('within {duration} {quantifier} observed {string} should {check}', { timeout: -1 }, async function (this: object, ms: number, quantifier: Quantifier, path: string, parsed: ParsedCheck) {
  await within(this, ms, false, awaitedFor(quantifier, path, parsed), checking(quantifier, path, parsed, true, currentValue(this)));
});

Then('within {duration} {quantifier} freshly observed {string} should {check}', { timeout: -1 }, async function (this: object, ms: number, quantifier: Quantifier, path: string, parsed: ParsedCheck) {
  await within(this, ms, true, awaitedFor(quantifier, path, parsed), checking(quantifier, path, parsed, true, currentValue(this)));
});

Then('{quantifier} observed {string} should stay {comparison} for {duration}', { timeout: -1 }, async function (this: object, quantifier: Quantifier, path: string, check: ValueCheck, ms: number) {
  await hold(this, { durationMs: ms }, quantifier, path, check);
});

Then('{quantifier} observed {string} should stay {comparison} for {int} cycle(s)', { timeout: -1 }, async function (this: object, quantifier: Quantifier, path: string, check: ValueCheck, cycles: number) {
  await hold(this, { cycles: positiveCycles(cycles) }, quantifier, path, check);
});

Then('{quantifier} observed {string} should not change for {duration}', { timeout: -1 }, async function (this: object, quantifier: Quantifier, path: string, ms: number) {
  await hold(this, { durationMs: ms }, quantifier, path, unchanged(), currentValue(this));
});

Then('{quantifier} observed {string} should not change for {int} cycle(s)', { timeout: -1 }, async function (this: object, quantifier: Quantifier, path: string, cycles: number) {
  await hold(this, { cycles: positiveCycles(cycles) }, quantifier, path, unchanged(), currentValue(this));
});

Then('{quantifier} observed {string} should never decrease for {duration}', { timeout: -1 }, async function (this: object, quantifier: Quantifier, path: string, ms: number) {
  await hold(this, { durationMs: ms }, quantifier, path, neverDecreases());
});

Then('{quantifier} observed {string} should never decrease for {int} cycle(s)', { timeout: -1 }, async function (this: object, quantifier: Quantifier, path: string, cycles: number) {
  await hold(this, { cycles: positiveCycles(cycles) }, quantifier, path, neverDecreases());
});

