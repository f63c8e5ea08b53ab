// Event waits with their own "unless": the step gives up at once when another event comes or an observed value turns.
import { Then } from '@cucumber/cucumber';
import type { ValueCheck } from '../lib/index.js';
import { summarize } from '../lib/format.js';
import type { ObservedState } from '../support/state-words.js';
import { eventMatches, observedIs } from './conditions.js';
import { awaitEvent, eventPattern, fieldWords, matching, withField } from './event-checks.js';

Then(
  'within {duration} an event should have {string} {comparison} unless an event matches:',
  { timeout: -1 },
  async function (this: object, ms: number, path: string, check: ValueCheck, docString?: string) {
    const unless = eventMatches(eventPattern(this, docString));
    await awaitEvent(this, ms, withField(path, check), `an event with ${fieldWords(path, check)}`, { unless });
  },
);

Then(
  'within {duration} an event should have {string} {comparison} unless the observed {string} {state}',
  { timeout: -1 },
  async function (this: object, ms: number, path: string, check: ValueCheck, otherPath: string, state: ObservedState) {
    const unless = observedIs(otherPath, state);
    await awaitEvent(this, ms, withField(path, check), `an event with ${fieldWords(path, check)}`, { unless });
  },
);

Then(
  'within {duration} an event should match unless the observed {string} {state}:',
  { timeout: -1 },
  async function (this: object, ms: number, otherPath: string, state: ObservedState, docString?: string) {
    const pattern = eventPattern(this, docString);
    const unless = observedIs(otherPath, state);
    await awaitEvent(this, ms, matching(pattern), `an event matching ${summarize(pattern.written, 200)}`, { unless });
  },
);

Then(
  'within {duration} a new event should match unless the observed {string} {state}:',
  { timeout: -1 },
  async function (this: object, ms: number, otherPath: string, state: ObservedState, docString?: string) {
    const pattern = eventPattern(this, docString);
    const unless = observedIs(otherPath, state);
    await awaitEvent(this, ms, matching(pattern), `a new event matching ${summarize(pattern.written, 200)}`, { onlyNew: true, unless });
  },
);

Then(
  'within {duration} a new event should have {string} {comparison} unless an event matches:',
  { timeout: -1 },
  async function (this: object, ms: number, path: string, check: ValueCheck, docString?: string) {
    const unless = eventMatches(eventPattern(this, docString));
    await awaitEvent(this, ms, withField(path, check), `a new event with ${fieldWords(path, check)}`, { onlyNew: true, unless });
  },
);

Then(
  'within {duration} a new event should have {string} {comparison} unless the observed {string} {state}',
  { timeout: -1 },
  async function (this: object, ms: number, path: string, check: ValueCheck, otherPath: string, state: ObservedState) {
    const unless = observedIs(otherPath, state);
    await awaitEvent(this, ms, withField(path, check), `a new event with ${fieldWords(path, check)}`, { onlyNew: true, unless });
  },
);
