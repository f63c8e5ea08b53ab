// Steps on snapshots: read now, eventually ("within"), fresh-only after an action, and consistently ("stay ... for").
import { DataTable, Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { ObservationHoldError, type ObservationSnapshot } from '../lib/index.js';
import { summarize } from '../lib/format.js';
import { assertPathContains, assertPathEquals, assertPathTable, assertSubset } from '../support/match.js';
import { parseJsonDocString, parseJsonLiteral, StepInputError } from '../support/parse.js';
import { parsePath } from '../support/paths.js';
import { bounded, cyclesTimeout, eventually, latest, observed, positiveCycles, readFrom, rememberingAssertions, requireArgument, withDiff } from './context.js';

type Check = (value: unknown, snapshot: ObservationSnapshot<unknown>) => void;

/** The checks a snapshot step can make; the same ones serve the now, within and stay forms. */
function pathEquals(name: string, path: string, expected: unknown): Check {
  parsePath(path);
  return (value, snapshot) => assertPathEquals(value, path, expected, readFrom(name, snapshot));
}

function pathContains(name: string, path: string, expected: unknown): Check {
  parsePath(path);
  return (value, snapshot) => assertPathContains(value, path, expected, readFrom(name, snapshot));
}

function matchesDocString(name: string, docString: string | undefined): Check {
  const expected = parseJsonDocString(requireArgument(docString, 'a JSON docstring'));
  return (value, snapshot) => assertSubset(value, expected, readFrom(name, snapshot));
}

function tableMatches(name: string, table: DataTable | undefined): Check {
  const rows = requireArgument(table, 'a table of path | value rows').raw();
  const body = rows.length > 0 && rows[0]![0]?.trim() === 'path' && rows[0]![1]?.trim() === 'value' ? rows.slice(1) : rows;
  if (body.length === 0) throw new StepInputError('the table has no path | value rows');
  const parsed = body.map((row, index): readonly [string, unknown] => {
    if (row.length !== 2) throw new StepInputError(`table row ${index + 1} has ${row.length} cells; expected two: path | JSON value`);
    const path = row[0]!.trim();
    parsePath(path);
    try {
      return [path, parseJsonLiteral(row[1]!)];
    } catch (error) {
      throw new StepInputError(`table row ${index + 1} ("${path}"): ${(error as Error).message}`);
    }
  });
  return (value, snapshot) => assertPathTable(value, parsed, readFrom(name, snapshot));
}

function sourceCount(name: string, expected: number): Check {
  return (_value, snapshot) =>
    expect(snapshot.sourceCount, `source count (observation "${name}", cycle ${snapshot.cycle})`).to.equal(expected);
}

function cycleAtLeast(name: string, cycle: number): Check {
  return (_value, snapshot) => expect(snapshot.cycle, `cycle of the latest snapshot of observation "${name}"`).to.be.at.least(cycle);
}

function now(world: object, make: (name: string) => Check): void {
  const { name, handle } = observed(world);
  const snapshot = latest(handle);
  make(name)(snapshot.value, snapshot);
}

async function within(world: object, timeoutMs: number, fresh: boolean, description: string, make: (name: string) => Check): Promise<void> {
  const { name, handle } = observed(world);
  await eventually(handle, make(name), { timeoutMs, fresh, description: `${description}${fresh ? ' in a fresh snapshot' : ''}` });
}

async function stays(
  world: object,
  hold: { durationMs: number } | { cycles: number },
  description: string,
  make: (name: string) => Check,
): Promise<void> {
  const { name, handle } = observed(world);
  const { check, lastAssertion } = rememberingAssertions(make(name));
  const waitMs = 'cycles' in hold ? cyclesTimeout(hold.cycles, handle.status().intervalMs) : hold.durationMs;
  try {
    await bounded(waitMs, handle.holdsFor(check, { ...hold, timeoutMs: 'cycles' in hold ? waitMs : undefined, description }));
  } catch (error) {
    const broken = lastAssertion();
    if (error instanceof ObservationHoldError && broken) withDiff(error, broken);
    throw error;
  }
}

Then('the observed {string} should be {json}', function (this: object, path: string, expected: unknown) {
  now(this, (name) => pathEquals(name, path, expected));
});

Then('the observed {string} should contain {json}', function (this: object, path: string, expected: unknown) {
  now(this, (name) => pathContains(name, path, expected));
});

Then('the observed snapshot should match:', function (this: object, docString?: string) {
  now(this, (name) => matchesDocString(name, docString));
});

Then('the observed values should be:', function (this: object, table?: DataTable) {
  now(this, (name) => tableMatches(name, table));
});

Then('the observed source count should be {int}', function (this: object, expected: number) {
  now(this, (name) => sourceCount(name, expected));
});

Then('the observed cycle should be at least {int}', function (this: object, cycle: number) {
  now(this, (name) => cycleAtLeast(name, cycle));
});

// Each within step is registered twice with a literal pattern (editors index only string literals); `fresh` counts only later cycles.
function withinPathEquals(fresh: boolean) {
  return async function (this: object, ms: number, path: string, expected: unknown) {
    await within(this, ms, fresh, `"${path}" to be ${summarize(expected, 200)}`, (name) => pathEquals(name, path, expected));
  };
}

function withinPathContains(fresh: boolean) {
  return async function (this: object, ms: number, path: string, expected: unknown) {
    await within(this, ms, fresh, `"${path}" to contain ${summarize(expected, 200)}`, (name) => pathContains(name, path, expected));
  };
}

function withinDocString(fresh: boolean) {
  return async function (this: object, ms: number, docString?: string) {
    await within(this, ms, fresh, 'the snapshot to match the docstring', (name) => matchesDocString(name, docString));
  };
}

function withinTable(fresh: boolean) {
  return async function (this: object, ms: number, table?: DataTable) {
    await within(this, ms, fresh, 'the values of the table', (name) => tableMatches(name, table));
  };
}

function withinSourceCount(fresh: boolean) {
  return async function (this: object, ms: number, expected: number) {
    await within(this, ms, fresh, `the source count to be ${expected}`, (name) => sourceCount(name, expected));
  };
}

Then('within {duration} the observed {string} should be {json}', { timeout: -1 }, withinPathEquals(false));
Then('within {duration} the freshly observed {string} should be {json}', { timeout: -1 }, withinPathEquals(true));
Then('within {duration} the observed {string} should contain {json}', { timeout: -1 }, withinPathContains(false));
Then('within {duration} the freshly observed {string} should contain {json}', { timeout: -1 }, withinPathContains(true));
Then('within {duration} the observed snapshot should match:', { timeout: -1 }, withinDocString(false));
Then('within {duration} the freshly observed snapshot should match:', { timeout: -1 }, withinDocString(true));
Then('within {duration} the observed values should be:', { timeout: -1 }, withinTable(false));
Then('within {duration} the freshly observed values should be:', { timeout: -1 }, withinTable(true));
Then('within {duration} the observed source count should be {int}', { timeout: -1 }, withinSourceCount(false));
Then('within {duration} the freshly observed source count should be {int}', { timeout: -1 }, withinSourceCount(true));

Then('within {duration} the observed cycle should be at least {int}', { timeout: -1 }, async function (this: object, ms: number, cycle: number) {
  await within(this, ms, false, `cycle ${cycle}`, (name) => cycleAtLeast(name, cycle));
});

Then('the observed {string} should stay {json} for {duration}', { timeout: -1 }, async function (this: object, path: string, expected: unknown, ms: number) {
  await stays(this, { durationMs: ms }, `"${path}" = ${summarize(expected, 200)}`, (name) => pathEquals(name, path, expected));
});

Then('the observed {string} should stay {json} for {int} cycle(s)', { timeout: -1 }, async function (this: object, path: string, expected: unknown, cycles: number) {
  await stays(this, { cycles: positiveCycles(cycles) }, `"${path}" = ${summarize(expected, 200)}`, (name) => pathEquals(name, path, expected));
});

Then('the observed snapshot should keep matching for {duration}:', { timeout: -1 }, async function (this: object, ms: number, docString?: string) {
  await stays(this, { durationMs: ms }, 'the snapshot matching the docstring', (name) => matchesDocString(name, docString));
});

Then('the observed snapshot should keep matching for {int} cycle(s):', { timeout: -1 }, async function (this: object, cycles: number, docString?: string) {
  await stays(this, { cycles: positiveCycles(cycles) }, 'the snapshot matching the docstring', (name) => matchesDocString(name, docString));
});
