// Steps on events: one is observed within a duration (history first, then live), none for a duration, history size.
import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { ObservationTimeoutError, type AnyObserver, type ObservationBatch, type ObservationHandle } from '../lib/index.js';
import { summarize } from '../lib/format.js';
import { differences } from '../support/match.js';
import { parsePatternDocString } from '../support/checks/index.js';
import { parseJsonDocString } from '../support/parse.js';
import { rememberedValue } from '../support/remembered.js';
import { parsePath, readPath } from '../support/paths.js';
import { bounded, observed, requireArgument } from './context.js';

/** Throws, saying why, when an event does not match; the wait reports the last reason as its "last check". */
type EventCheck = (event: unknown, batch: ObservationBatch<unknown>) => void;

function matching(expected: unknown): EventCheck {
  return (event, batch) => {
    const why = differences(event, expected);
    if (why !== undefined) throw new Error(`the last event seen (cycle ${batch.cycle}) ${summarize(event, 200)} differs:\n${why}`);
  };
}

function withValue(path: string, expected: unknown): EventCheck {
  parsePath(path);
  return (event, batch) => {
    const lookup = readPath(event, path, 'the event');
    if (lookup.found && differences(lookup.value, expected, { exact: true }) === undefined) return;
    const why = lookup.found ? `"${path}" is ${summarize(lookup.value, 200)}, not ${summarize(expected, 200)}` : lookup.reason;
    throw new Error(`the last event seen (cycle ${batch.cycle}) ${summarize(event, 200)} differs: ${why}`);
  };
}

// Operators ({"$gte": 1}) and remembered values ({"$remembered": "old leader"}) match events as they match snapshots.
function docStringJson(world: object, docString: string | undefined): { pattern: unknown; shown: string } {
  const text = requireArgument(docString, 'a JSON docstring');
  const pattern = parsePatternDocString(text, { remembered: (name) => rememberedValue(world, name) });
  return { pattern, shown: summarize(parseJsonDocString(text), 200) };
}

async function observe(world: object, timeoutMs: number, check: EventCheck, description: string): Promise<void> {
  const { handle } = observed(world);
  await bounded(timeoutMs, handle.waitForEvent(check, { timeoutMs, description }));
}

// "No event" passes when the wait for one times out; an event arriving fails the step and shows it.
async function absent(world: object, durationMs: number, check: EventCheck, description: string): Promise<void> {
  const { name, handle } = observed(world);
  const found = await bounded(durationMs, firstEvent(handle, check, durationMs, description));
  if (found) {
    throw new Error(
      `expected no ${description} for ${durationMs} ms, but cycle ${found.batch.cycle} of observation "${name}" ` +
        `brought one: ${summarize(found.event)}`,
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
  const { pattern, shown } = docStringJson(this, docString);
  await observe(this, ms, matching(pattern), `an event matching ${shown}`);
});

Then('within {duration} an event should have {string} equal to {json}', { timeout: -1 }, async function (this: object, ms: number, path: string, expected: unknown) {
  await observe(this, ms, withValue(path, expected), `an event with "${path}" = ${summarize(expected, 200)}`);
});

Then('no event should be observed for {duration}', { timeout: -1 }, async function (this: object, ms: number) {
  await absent(this, ms, () => undefined, 'event');
});

Then('no event should match for {duration}:', { timeout: -1 }, async function (this: object, ms: number, docString?: string) {
  const { pattern, shown } = docStringJson(this, docString);
  await absent(this, ms, matching(pattern), `event matching ${shown}`);
});

Then('no event should have {string} equal to {json} for {duration}', { timeout: -1 }, async function (this: object, path: string, expected: unknown, ms: number) {
  await absent(this, ms, withValue(path, expected), `event with "${path}" = ${summarize(expected, 200)}`);
});

Then('the event history should hold {int} batch(es)', function (this: object, expected: number) {
  const { name, handle } = observed(this);
  expect(handle.history().length, `batches in the history of observation "${name}"`).to.equal(expected);
});
