// Steps on events: one is observed within a duration (history first, or new only), none for a duration, history size.
import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { ObservationTimeoutError, type AnyObserver, type ObservationHandle, type ValueCheck } from '../lib/index.js';
import { summarize } from '../lib/format.js';
import { backstopped, observed } from './context.js';
import { awaitEvent as observe, eventPattern, fieldWords, matching, withField, type EventCheck } from './event-checks.js';

// "No event" passes when the wait for one times out; an event arriving fails the step and shows it.
async function absent(world: object, durationMs: number, check: EventCheck, description: string): Promise<void> {
  const { name, handle } = observed(world);
  const found = await backstopped(durationMs, firstEvent(handle, check, durationMs, description));
  if (found) {
    throw new Error(
      `expected no ${description} for ${durationMs} ms, but cycle ${found.batch.cycle} of observation "${name}" brought one: ${summarize(found.event)}`,
    );
  }
}

async function firstEvent(handle: ObservationHandle<AnyObserver>, check: EventCheck, timeoutMs: number, description: string) {
  try {
    return await handle.waitForEvent(check, { timeoutMs, includeHistory: false, description });
  } catch (error) {
    if (error instanceof ObservationTimeoutError) return undefined;
    throw error;
  }
}

Then('within {duration} an event should match:', { timeout: -1 }, async function (this: object, ms: number, docString?: string) {
  const pattern = eventPattern(this, docString);
  await observe(this, ms, matching(pattern), `an event matching ${summarize(pattern.written, 200)}`);
});

Then(
  'within {duration} an event should have {string} {comparison}',
  { timeout: -1 },
  async function (this: object, ms: number, path: string, check: ValueCheck) {
    await observe(this, ms, withField(path, check), `an event with ${fieldWords(path, check)}`);
  },
);

Then('within {duration} a new event should match:', { timeout: -1 }, async function (this: object, ms: number, docString?: string) {
  const pattern = eventPattern(this, docString);
  await observe(this, ms, matching(pattern), `a new event matching ${summarize(pattern.written, 200)}`, { onlyNew: true });
});

Then(
  'within {duration} a new event should have {string} {comparison}',
  { timeout: -1 },
  async function (this: object, ms: number, path: string, check: ValueCheck) {
    await observe(this, ms, withField(path, check), `a new event with ${fieldWords(path, check)}`, { onlyNew: true });
  },
);

Then('no event should be observed for {duration}', { timeout: -1 }, async function (this: object, ms: number) {
  await absent(this, ms, () => undefined, 'event');
});

Then('no event should match for {duration}:', { timeout: -1 }, async function (this: object, ms: number, docString?: string) {
  const pattern = eventPattern(this, docString);
  await absent(this, ms, matching(pattern), `event matching ${summarize(pattern.written, 200)}`);
});

Then('no event should have {string} {comparison} for {duration}', { timeout: -1 }, async function (this: object, path: string, check: ValueCheck, ms: number) {
  await absent(this, ms, withField(path, check), `event with ${fieldWords(path, check)}`);
});

Then('the event history should hold {int} batch(es)', function (this: object, expected: number) {
  const { name, handle } = observed(this);
  expect(handle.history().length, `batches in the history of observation "${name}"`).to.equal(expected);
});
