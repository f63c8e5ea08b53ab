// Steps that count events: at least N within a duration, exactly N in the history now, exactly N during a window.
import { Then } from '@cucumber/cucumber';
import type { EventTally, WaitCondition } from '../lib/index.js';
import { describeUnmatched } from '../lib/event-tally.js';
import { summarize } from '../lib/format.js';
import { checkWholeNumber } from '../lib/validate.js';
import { parseDuration, StepInputError } from '../support/parse.js';
import { unlessBesideDocString } from './conditions.js';
import { backstopped, observed } from './context.js';
import { eventPattern, matching } from './event-checks.js';

function plural(count: number, word: 'event' | 'batch'): string {
  return `${count} ${word}${count === 1 ? '' : word === 'batch' ? 'es' : 's'}`;
}

function positiveCount(count: number): number {
  return checkWholeNumber(count, 'event count', { least: 1, refuse: (message) => new StepInputError(message) });
}

function nonNegativeCount(count: number): number {
  return checkWholeNumber(count, 'event count', { refuse: (message) => new StepInputError(message) });
}

// What matched and the last that did not, so a count that is off shows which events it counted.
function describeTally(tally: EventTally<unknown>): string {
  const matched = tally.matched.slice(-5);
  const lines =
    matched.length === 0
      ? ['  none matched']
      : [
          `  matched${tally.matched.length > matched.length ? ` (the last ${matched.length})` : ''}:`,
          ...matched.map(({ event, batch }) => `    cycle ${batch.cycle}: ${summarize(event, 200)}`),
        ];
  return [...lines, describeUnmatched(tally.unmatched)].join('\n');
}

async function atLeast(world: object, ms: number, count: number, docString: string | undefined, unless?: WaitCondition): Promise<void> {
  const pattern = eventPattern(world, docString);
  const expected = pattern.written;
  const wanted = positiveCount(count);
  const { handle } = observed(world);
  await backstopped(
    ms,
    handle.waitForEventCount(matching(pattern), {
      count: wanted,
      timeoutMs: ms,
      description: `${plural(wanted, 'event')} matching ${summarize(expected, 200)}`,
      unless,
    }),
  );
}

// biome-ignore format: the Cucumber language server reads this literal as written
Then(/^within (\S.*?) at least (\d+) events should match(?: unless (\S.*?))?:$/, { timeout: -1 }, async function (this: object, ms: string, count: string, unlessWords: string | undefined, docString?: string) {
  const written = `within ${ms} at least ${count} events should match${unlessWords ? ` unless ${unlessWords}` : ''}`;
  await atLeast(this, parseDuration(ms), Number(count), docString, unlessBesideDocString(this, unlessWords ?? undefined, written));
});

Then('the event history should hold exactly {int} event(s) matching:', function (this: object, count: number, docString?: string) {
  const pattern = eventPattern(this, docString);
  const expected = pattern.written;
  const wanted = nonNegativeCount(count);
  const { name, handle } = observed(this);
  const tally = handle.tallyHistory(matching(pattern));
  if (tally.matched.length === wanted) return;
  throw new Error(
    `the event history of observation "${name}" holds ${plural(tally.matched.length, 'event')} matching ${summarize(expected, 200)}, ` +
      `not exactly ${wanted} (${plural(tally.seen, 'event')} in ${plural(handle.history().length, 'batch')} looked at)\n${describeTally(tally)}`,
  );
});

Then(
  /^exactly (\d+) events? should match for (\S.*?):$/,
  { timeout: -1 },
  async function (this: object, countText: string, duration: string, docString?: string) {
    const count = Number(countText);
    const ms = parseDuration(duration);
    const pattern = eventPattern(this, docString);
    const expected = pattern.written;
    const wanted = nonNegativeCount(count);
    const { name, handle } = observed(this);
    const firstCycle = handle.status().cyclesCompleted + 1;
    const tally = await backstopped(ms, handle.tallyEventsFor(matching(pattern), { durationMs: ms, description: `the events of a ${ms} ms window` }));
    if (tally.matched.length === wanted) return;
    const lastCycle = handle.status().cyclesCompleted;
    throw new Error(
      `expected exactly ${plural(wanted, 'event')} matching ${summarize(expected, 200)} during ${ms} ms, but ${plural(tally.matched.length, 'event')} matched ` +
        `(observation "${name}", cycles ${firstCycle} to ${lastCycle}, ${plural(tally.seen, 'event')} looked at)\n${describeTally(tally)}`,
    );
  },
);
