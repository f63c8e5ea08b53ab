// The steps on events in a given order: each entry of a docstring array matched by an event later than the previous match.
import { Then } from '@cucumber/cucumber';
import type { WaitCondition } from '../lib/index.js';
import { summarize } from '../lib/format.js';
import { parseDuration, StepInputError } from '../support/parse.js';
import { unlessBesideDocString } from './conditions.js';
import { backstopped, observed } from './context.js';
import { docStringJson, matching, patternOf } from './event-checks.js';

async function inOrder(world: object, ms: number, docString: string | undefined, unless?: WaitCondition): Promise<void> {
  const entries = docStringJson(docString);
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new StepInputError(
      `the docstring must be a non-empty JSON array of partial event matches, such as [{"type": "a"}, {"type": "b"}]; got ${summarize(entries, 200)}`,
    );
  }
  const { handle } = observed(world);
  await backstopped(
    ms,
    handle.waitForEventsInOrder(
      entries.map((entry) => matching(patternOf(world, entry))),
      { timeoutMs: ms, description: `${entries.length} events in this order: ${summarize(entries, 300)}`, unless },
    ),
  );
}

// biome-ignore format: the Cucumber language server reads this literal as written
Then(/^within (\S.*?) events should have been observed in this order(?: unless (\S.*?))?:$/, { timeout: -1 }, async function (this: object, ms: string, unlessWords: string | undefined, docString?: string) {
  const written = `within ${ms} events should have been observed in this order${unlessWords ? ` unless ${unlessWords}` : ''}`;
  await inOrder(this, parseDuration(ms), docString, unlessBesideDocString(this, unlessWords ?? undefined, written));
});
