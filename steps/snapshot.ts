// Steps on the whole snapshot: a JSON docstring (operators included), a values table, the source count, the cycle;
// the within forms also with their own "unless".
import { type DataTable, Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { parsePatternDocString, parseTable, tableVerdict } from '../support/checks/index.js';
import { assertSubset, failCheck } from '../support/match.js';
import { rememberedValue } from '../support/remembered.js';
import type { ObservedState } from '../support/state-words.js';
import { eventMatches, observedIs } from './conditions.js';
import { positiveCycles, readFrom, requireArgument } from './context.js';
import { now, stays, within, type Check } from './forms.js';
import { eventPattern } from './event-checks.js';

function remembering(world: object) {
  return { remembered: (name: string) => rememberedValue(world, name) };
}

function matchesDocString(world: object, docString: string | undefined): (name: string) => Check {
  const expected = parsePatternDocString(requireArgument(docString, 'a JSON docstring'), remembering(world));
  return (name) => (value, snapshot) => assertSubset(value, expected, readFrom(name, snapshot));
}

function tableMatches(world: object, table: DataTable | undefined): (name: string) => Check {
  const rows = parseTable(requireArgument(table, 'a table of path | value rows').raw(), remembering(world));
  return (name) => (value, snapshot) => {
    const mismatch = tableVerdict(rows, value);
    if (mismatch) failCheck(mismatch, readFrom(name, snapshot));
  };
}

function sourceCount(expected: number): (name: string) => Check {
  return (name) => (_value, snapshot) => expect(snapshot.sourceCount, `source count (observation "${name}", cycle ${snapshot.cycle})`).to.equal(expected);
}

function cycleAtLeast(cycle: number): (name: string) => Check {
  return (name) => (_value, snapshot) => expect(snapshot.cycle, `cycle of the latest snapshot of observation "${name}"`).to.be.at.least(cycle);
}

Then('the observed snapshot should match:', function (this: object, docString?: string) {
  now(this, matchesDocString(this, docString));
});

Then('within {duration} the observed snapshot should match:', { timeout: -1 }, async function (this: object, ms: number, docString?: string) {
  await within(this, ms, false, 'the snapshot to match the docstring', matchesDocString(this, docString));
});

Then('within {duration} the freshly observed snapshot should match:', { timeout: -1 }, async function (this: object, ms: number, docString?: string) {
  await within(this, ms, true, 'the snapshot to match the docstring', matchesDocString(this, docString));
});

Then(
  'within {duration} the observed snapshot should match unless the observed {string} {state}:',
  { timeout: -1 },
  async function (this: object, ms: number, otherPath: string, state: ObservedState, docString?: string) {
    await within(this, ms, false, 'the snapshot to match the docstring', matchesDocString(this, docString), observedIs(otherPath, state));
  },
);

Then(
  'within {duration} the freshly observed snapshot should match unless the observed {string} {state}:',
  { timeout: -1 },
  async function (this: object, ms: number, otherPath: string, state: ObservedState, docString?: string) {
    await within(this, ms, true, 'the snapshot to match the docstring', matchesDocString(this, docString), observedIs(otherPath, state));
  },
);

Then('the observed snapshot should keep matching for {duration}:', { timeout: -1 }, async function (this: object, ms: number, docString?: string) {
  await stays(this, { durationMs: ms }, 'the snapshot matching the docstring', matchesDocString(this, docString));
});

Then('the observed snapshot should keep matching for {int} cycle(s):', { timeout: -1 }, async function (this: object, cycles: number, docString?: string) {
  await stays(this, { cycles: positiveCycles(cycles) }, 'the snapshot matching the docstring', matchesDocString(this, docString));
});

Then('the observed values should be:', function (this: object, table?: DataTable) {
  now(this, tableMatches(this, table));
});

Then('within {duration} the observed values should be:', { timeout: -1 }, async function (this: object, ms: number, table?: DataTable) {
  await within(this, ms, false, 'the values of the table', tableMatches(this, table));
});

Then('within {duration} the freshly observed values should be:', { timeout: -1 }, async function (this: object, ms: number, table?: DataTable) {
  await within(this, ms, true, 'the values of the table', tableMatches(this, table));
});

Then(
  'within {duration} the observed values should be unless the observed {string} {state}:',
  { timeout: -1 },
  async function (this: object, ms: number, otherPath: string, state: ObservedState, table?: DataTable) {
    await within(this, ms, false, 'the values of the table', tableMatches(this, table), observedIs(otherPath, state));
  },
);

Then(
  'within {duration} the freshly observed values should be unless the observed {string} {state}:',
  { timeout: -1 },
  async function (this: object, ms: number, otherPath: string, state: ObservedState, table?: DataTable) {
    await within(this, ms, true, 'the values of the table', tableMatches(this, table), observedIs(otherPath, state));
  },
);

Then('the observed values should stay for {duration}:', { timeout: -1 }, async function (this: object, ms: number, table?: DataTable) {
  await stays(this, { durationMs: ms }, 'the values of the table', tableMatches(this, table));
});

Then('the observed values should stay for {int} cycle(s):', { timeout: -1 }, async function (this: object, cycles: number, table?: DataTable) {
  await stays(this, { cycles: positiveCycles(cycles) }, 'the values of the table', tableMatches(this, table));
});

Then('the observed source count should be {int}', function (this: object, expected: number) {
  now(this, sourceCount(expected));
});

Then('within {duration} the observed source count should be {int}', { timeout: -1 }, async function (this: object, ms: number, expected: number) {
  await within(this, ms, false, `the source count to be ${expected}`, sourceCount(expected));
});

Then('within {duration} the freshly observed source count should be {int}', { timeout: -1 }, async function (this: object, ms: number, expected: number) {
  await within(this, ms, true, `the source count to be ${expected}`, sourceCount(expected));
});

Then('the observed cycle should be at least {int}', function (this: object, cycle: number) {
  now(this, cycleAtLeast(cycle));
});

Then('within {duration} the observed cycle should be at least {int}', { timeout: -1 }, async function (this: object, ms: number, cycle: number) {
  await within(this, ms, false, `cycle ${cycle}`, cycleAtLeast(cycle));
});

Then(
  'within {duration} the observed source count should be {int} unless an event matches:',
  { timeout: -1 },
  async function (this: object, ms: number, expected: number, docString?: string) {
    await within(this, ms, false, `the source count to be ${expected}`, sourceCount(expected), eventMatches(eventPattern(this, docString)));
  },
);

Then(
  'within {duration} the observed source count should be {int} unless the observed {string} {state}',
  { timeout: -1 },
  async function (this: object, ms: number, expected: number, otherPath: string, state: ObservedState) {
    await within(this, ms, false, `the source count to be ${expected}`, sourceCount(expected), observedIs(otherPath, state));
  },
);

Then(
  'within {duration} the freshly observed source count should be {int} unless an event matches:',
  { timeout: -1 },
  async function (this: object, ms: number, expected: number, docString?: string) {
    await within(this, ms, true, `the source count to be ${expected}`, sourceCount(expected), eventMatches(eventPattern(this, docString)));
  },
);

Then(
  'within {duration} the freshly observed source count should be {int} unless the observed {string} {state}',
  { timeout: -1 },
  async function (this: object, ms: number, expected: number, otherPath: string, state: ObservedState) {
    await within(this, ms, true, `the source count to be ${expected}`, sourceCount(expected), observedIs(otherPath, state));
  },
);

Then(
  'within {duration} the observed cycle should be at least {int} unless an event matches:',
  { timeout: -1 },
  async function (this: object, ms: number, cycle: number, docString?: string) {
    await within(this, ms, false, `cycle ${cycle}`, cycleAtLeast(cycle), eventMatches(eventPattern(this, docString)));
  },
);

Then(
  'within {duration} the observed cycle should be at least {int} unless the observed {string} {state}',
  { timeout: -1 },
  async function (this: object, ms: number, cycle: number, otherPath: string, state: ObservedState) {
    await within(this, ms, false, `cycle ${cycle}`, cycleAtLeast(cycle), observedIs(otherPath, state));
  },
);
