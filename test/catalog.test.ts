// The step catalog of docs/steps.md against the steps Cucumber actually registers: the same expressions (a regular
// expression written /like this/), examples that match exactly their own step, no parameter type of the plugin's, the
// same option words, and a failing fixture scenario for every step.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readPage, STEP_CATALOG_PAGE } from './helpers/docs-pages.js';
import { OPTION_WORDS } from '../support/config.js';
import { runFixtureCucumbers, type CucumberRunResult } from './helpers/run-cucumber.js';

/** The step definitions the plugin registers live in steps/; fixture steps live elsewhere. */
const PLUGIN_STEPS = /^steps\//;

/** Fixture features whose every scenario fails at its last step (the steps-*.test.ts files assert how). */
const FAILURE_FEATURES = [
  'lifecycle',
  'snapshot-now',
  'snapshot-within',
  'snapshot-stay',
  'events',
  'failures',
  'checks-now',
  'checks-time',
  'check-input',
  'event-counts',
  'bounds-guards',
].map((name) => `test/fixtures/features/${name}.feature`);

interface CatalogRow {
  readonly expression: string;
  readonly example: string;
  readonly line: number;
}

const page = readPage(STEP_CATALOG_PAGE);

function catalogSection(): { text: string; firstLine: number } {
  const start = page.indexOf('<!-- catalog:start -->');
  const end = page.indexOf('<!-- catalog:end -->');
  assert.ok(start >= 0 && end > start, 'docs/steps.md has a catalog section');
  return { text: page.slice(start, end), firstLine: page.slice(0, start).split('\n').length };
}

// A table row's cells; a pipe escaped as \| (inside code, in a table) stays in its cell.
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function firstCode(cell: string): string | undefined {
  return /`([^`]+)`/.exec(cell)?.[1];
}

/** The rows of every `| Step | Example | Fails with |` table in the catalog section. */
function catalogRows(): CatalogRow[] {
  const { text, firstLine } = catalogSection();
  const lines = text.split('\n');
  const rows: CatalogRow[] = [];
  let inTable = false;
  for (const [index, line] of lines.entries()) {
    if (!line.startsWith('|')) {
      inTable = false;
      continue;
    }
    const [first, second, third] = cells(line);
    if (first === 'Step' && second === 'Example') {
      inTable = true;
      continue;
    }
    if (!inTable || /^-+$/.test(first ?? '')) continue;
    const expression = firstCode(first ?? '');
    const example = firstCode(second ?? '');
    assert.ok(expression && example, `docs/steps.md line ${firstLine + index}: a catalog row needs an expression and an example in code`);
    assert.ok(third, `docs/steps.md line ${firstLine + index}: the catalog row of ${expression} needs what it fails with in its third cell`);
    rows.push({ expression, example, line: firstLine + index });
  }
  return rows;
}

/** The first cell, in code, of each row of the catalog table whose header starts with `header`. */
function firstColumn(header: string): string[] {
  const lines = page.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  assert.ok(start >= 0, `docs/steps.md has a table headed "${header}"`);
  const column: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const code = firstCode(cells(line)[0] ?? '');
    if (code) column.push(code);
  }
  return column;
}

const rows = catalogRows();
let directory: string;
let examples: CucumberRunResult;
let fixtures: CucumberRunResult;

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'cucumber-observation-catalog-'));
  const feature = join(directory, 'readme-examples.feature');
  writeFileSync(feature, ['Feature: Step catalog examples', '', '  Scenario: every example', ...rows.map((row) => `    ${row.example}`), ''].join('\n'));
  [examples, fixtures] = await runFixtureCucumbers([
    // Only the plugin: an example must match one of its steps and nothing else.
    { features: [feature], support: ['steps/index.ts'], dryRun: true },
    { features: FAILURE_FEATURES, dryRun: true },
  ]);
});

after(() => rmSync(directory, { recursive: true, force: true }));

/** A step expression as the catalog writes it: a regular expression between slashes. */
function written(definition: { readonly pattern: string; readonly type: string }): string {
  return definition.type === 'REGULAR_EXPRESSION' ? `/${definition.pattern}/` : definition.pattern;
}

function registered(result: CucumberRunResult): string[] {
  return result.stepDefinitions.filter((definition) => PLUGIN_STEPS.test(definition.uri)).map(written);
}

/** The catalog's form of a pattern a test step matched (the messages give its source only). */
function asWritten(result: CucumberRunResult): (pattern: string) => string {
  const forms = new Map(result.stepDefinitions.map((definition) => [definition.pattern, written(definition)]));
  return (pattern) => forms.get(pattern) ?? pattern;
}

describe('the step catalog of docs/steps.md', () => {
  it('lists every registered step exactly once, and nothing else', () => {
    const documented = rows.map((row) => row.expression);
    const actual = registered(examples);
    assert.ok(actual.length >= 30, `Cucumber registered ${actual.length} plugin steps; stderr:\n${examples.stderr.slice(-2000)}`);
    assert.deepEqual(
      documented.filter((expression, index) => documented.indexOf(expression) !== index),
      [],
      'expressions listed twice',
    );
    assert.deepEqual(
      actual.filter((expression) => !documented.includes(expression)),
      [],
      'registered steps missing from docs/steps.md',
    );
    assert.deepEqual(
      documented.filter((expression) => !actual.includes(expression)),
      [],
      'docs/steps.md steps that are not registered',
    );
  });

  it('has an example for each step that starts with a keyword and matches exactly that step', () => {
    const [scenario] = examples.testCases;
    assert.ok(scenario, `the examples did not run; stderr:\n${examples.stderr.slice(-2000)}`);
    const steps = scenario.steps.filter((outcome) => !outcome.isHook);
    assert.equal(steps.length, rows.length);
    for (const [index, row] of rows.entries()) {
      const outcome = steps[index]!;
      assert.match(row.example, /^(Given|When|Then|And|But) /, `docs/steps.md line ${row.line}: the example starts with a keyword`);
      assert.deepEqual(outcome.definitions.map(asWritten(examples)), [row.expression], `docs/steps.md line ${row.line}: "${row.example}" (${outcome.status})`);
    }
  });

  it('comes with no parameter type, so a suite may define its own {duration}, {json}, {check}, …', () => {
    assert.deepEqual(examples.parameterTypes, []);
  });

  it('documents exactly the option words tags and step tables accept', () => {
    assert.deepEqual(firstColumn('Option word').sort(), Object.keys(OPTION_WORDS).sort());
  });
});

describe('the failure fixtures', () => {
  it('end a scenario with every registered step, where steps-*.test.ts assert how it fails', () => {
    const lastSteps = new Set(
      fixtures.testCases.flatMap(
        (outcome) =>
          outcome.steps
            .filter((s) => !s.isHook)
            .at(-1)
            ?.definitions.map(asWritten(fixtures)) ?? [],
      ),
    );
    assert.deepEqual(
      registered(fixtures).filter((expression) => !lastSteps.has(expression)),
      [],
      'steps no failure fixture makes fail',
    );
  });
});
