// Steps on events: one is observed within a bound (history first, or new only), with its own "unless"; none for a duration; history size.
import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { ObservationTimeoutError, type AnyObserver, type ObservationHandle } from '../lib/index.js';
import { parseFieldCheck, parseTail, parseTiming } from '../support/checks/index.js';
import { instantAt } from '../support/instants.js';
import { StepInputError } from '../support/parse.js';
import { rememberedValue } from '../support/remembered.js';
import { conditionFrom } from './conditions.js';
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

// The timing of an event wait: "within" a bound, from the step's start or a named instant, "but not before" another.
function eventTiming(world: object, words: string, written: string): { timeoutMs: number; notBeforeMs?: number } {
  const timing = parseTiming(`within ${words}`);
  if (timing.kind !== 'within') throw new StepInputError(`"${written}" needs a bound, such as "within 5s"`);
  const now = performance.now();
  const remaining = (span: { ms: number; from?: string }): number => (span.from === undefined ? span.ms : instantAt(world, span.from) + span.ms - now);
  const timeoutMs = remaining(timing.bound);
  if (timeoutMs <= 0)
    throw new Error(
      `the deadline of "${written}" passed ${Math.round(-timeoutMs)} ms before the step began (${timing.bound.ms} ms after "${timing.bound.from}")`,
    );
  const lower = timing.notBefore === undefined ? undefined : remaining(timing.notBefore);
  return lower !== undefined && lower > 0 ? { timeoutMs, notBeforeMs: lower } : { timeoutMs };
}

const FIELD = /^have "((?:[^"\\]|\\.)*)" (\S.*)$/;

// What an event must be: "match" (the docstring's pattern) or 'have "<path>" <comparison>'.
function eventCheck(world: object, words: string, docString: string | undefined, written: string): { check: EventCheck; description: string } {
  if (words === 'match') {
    const pattern = eventPattern(world, docString);
    return { check: matching(pattern), description: `event matching ${summarize(pattern.written, 200)}` };
  }
  const field = FIELD.exec(words);
  if (!field) throw new StepInputError(`"${written}": an event should "match" (a docstring below) or 'have "<path>" <check>', not "${words}"`);
  const path = field[1]!.replace(/\\(.)/g, '$1');
  const check = parseFieldCheck(field[2]!, { remembered: (name) => rememberedValue(world, name) });
  return { check: withField(path, check), description: `event with ${fieldWords(path, check)}` };
}

async function awaitEventWords(world: object, timingWords: string, which: string, tailWords: string, docString?: string): Promise<void> {
  const written = `within ${timingWords} ${which} event should ${tailWords}`;
  const tail = parseTail(tailWords);
  if (tail.hold) throw new StepInputError(`"${written}": an event comes once, so it takes no hold; check a value of the snapshot for a hold`);
  if (tail.checks === 'match' && tail.unless?.kind === 'event') {
    throw new StepInputError(`"${written}": the docstring below is the event's pattern, so "unless an event matches" has none; name an observed value instead`);
  }
  const bounds = eventTiming(world, timingWords, written);
  const { check, description } = eventCheck(world, tail.checks, docString, written);
  const unless = tail.unless === undefined ? undefined : conditionFrom(world, tail.unless, docString);
  const onlyNew = which === 'a new';
  await observe(world, bounds.timeoutMs, check, `${onlyNew ? 'a new' : 'an'} ${description}`, { onlyNew, unless, notBeforeMs: bounds.notBeforeMs });
}

// Ending with a colon, a step takes the docstring below (the event's pattern); Cucumber counts the arguments.
Then(/^within (\S.*?) (an|a new) event should (\S.*[^:])$/, { timeout: -1 }, async function (this: object, timing: string, which: string, tail: string) {
  await awaitEventWords(this, timing, which, tail);
});

Then(
  /^within (\S.*?) (an|a new) event should (\S.*):$/,
  { timeout: -1 },
  async function (this: object, timing: string, which: string, tail: string, docString: string) {
    await awaitEventWords(this, timing, which, tail, docString);
  },
);

async function noEventWords(world: object, tailWords: string, docString?: string): Promise<void> {
  const written = `no event should ${tailWords}`;
  const tail = parseTail(tailWords);
  if (!tail.hold || !('durationMs' in tail.hold) || tail.unless) {
    throw new StepInputError(`"${written}": write how long no event may come, such as 'no event should be observed for 2s'`);
  }
  if (tail.checks === 'be observed') return absent(world, tail.hold.durationMs, () => undefined, 'event');
  const { check, description } = eventCheck(world, tail.checks, docString, written);
  await absent(world, tail.hold.durationMs, check, description);
}

Then(/^no event should (\S.*[^:])$/, { timeout: -1 }, async function (this: object, tail: string) {
  await noEventWords(this, tail);
});

Then(/^no event should (\S.*):$/, { timeout: -1 }, async function (this: object, tail: string, docString: string) {
  await noEventWords(this, tail, docString);
});

Then('the event history should hold {int} batch(es)', function (this: object, expected: number) {
  const { name, handle } = observed(this);
  expect(handle.history().length, `batches in the history of observation "${name}"`).to.equal(expected);
});
