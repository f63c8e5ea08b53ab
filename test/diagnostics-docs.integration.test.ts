// Runs docs/diagnostics.md's examples in a real Cucumber run: its definition, Gherkin and code examples attach what the page says, and its timeout message has the page's shape.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { delimiter, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FIXTURE_SUPPORT, runFixtureCucumbers, type CucumberRunResult, type TestCaseOutcome } from './helpers/run-cucumber.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = readFileSync(join(REPO_ROOT, 'docs', 'diagnostics.md'), 'utf8');
// The examples name an etcd cluster's log and health endpoint; the run points them at a file and a server of its own.
const EXAMPLE_LOG = 'logs/e1.log';
const EXAMPLE_ORIGIN = 'http://127.0.0.1:2379';

let dir = '';
let server: Server | undefined;
let origin = '';
let logPath = '';
let docsRun: CucumberRunResult;
let tracksRun: CucumberRunResult;

/** The page's fenced blocks of one language, in order. */
function blocks(language: string): string[] {
  return [...PAGE.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1]!);
}

/** An example with its imports of the package dropped (the generated file imports them) and its log and endpoint made local. */
function localized(code: string): string {
  return code
    .replace(/^import .* from 'cucumber-observation';\n/m, '')
    .replaceAll(EXAMPLE_LOG, logPath)
    .replaceAll(EXAMPLE_ORIGIN, origin);
}

function scenario(run: CucumberRunResult, name: string): TestCaseOutcome {
  const found = run.testCases.find((testCase) => testCase.name === name);
  assert.ok(found, `scenario "${name}" ran: ${run.stdout}${run.stderr}`);
  return found;
}

function diagnostics(testCase: TestCaseOutcome): Map<string, string> {
  return new Map(
    testCase.attachments.filter((attachment) => attachment.fileName?.startsWith('diagnostic ')).map((attachment) => [attachment.fileName!, attachment.body]),
  );
}

before(async () => {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  dir = mkdtempSync(join(REPO_ROOT, '.tmp', 'diagnostics-docs-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  // etcdctl as the example calls it: a stand-in that prints a status table.
  writeFileSync(join(bin, 'etcdctl'), '#!/bin/sh\necho "| ENDPOINT | IS LEADER |"\necho "| 127.0.0.1:2379 | true |"\n');
  chmodSync(join(bin, 'etcdctl'), 0o755);
  process.env.PATH = `${bin}${delimiter}${process.env.PATH}`;
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs', 'e1.log'), `${Array.from({ length: 150 }, (_, index) => `log line ${index + 1}`).join('\n')}\n`);
  logPath = relative(REPO_ROOT, join(dir, 'logs', 'e1.log'));
  server = createServer((request, response) => response.end(`health of ${request.url}: {"health":"true"}`));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const [definition, fromCode, trackExample] = blocks('ts');
  const [gherkin] = blocks('gherkin');
  assert.ok(definition && fromCode && trackExample && gherkin, 'the page has its definition, code, track and Gherkin examples');
  const entry = pathToFileURL(join(REPO_ROOT, 'index.js')).href;
  const fixtureWorld = pathToFileURL(join(REPO_ROOT, 'test', 'fixtures', 'support', 'world.js')).href;
  const testSystem = pathToFileURL(join(REPO_ROOT, 'features', 'catalog', 'support', 'test-system.js')).href;
  writeFileSync(
    join(dir, 'steps.ts'),
    [
      `import { Given } from '@cucumber/cucumber';`,
      `import { TestObserver, TestSystem } from '${testSystem}';`,
      `import { addDiagnostic, defineObservation, fileTailDiagnostic } from '${entry}';`,
      // What the examples take from the user's suite.
      `import { FixtureWorld } from '${fixtureWorld}';`,
      'class ClusterObserver extends TestObserver { constructor() { super(new TestSystem()); } }',
      // The example's world.cluster is the fixture World's test system.
      `Object.defineProperty(FixtureWorld.prototype, 'cluster', { get() { return this.system; } });`,
      `const listMembers = async (_signal: AbortSignal) => [{ name: 'e1' }, { name: 'e2' }];`,
      localized(definition),
      `Given('the code example of the page runs', function () {`,
      `  const logPath = '${logPath}';`,
      `  const name = 'e1';`,
      '  const queueDepth = async (_signal: AbortSignal) => 7;',
      localized(fromCode),
      '});',
      `Given('the track example of the page runs', async function () {`,
      `  const handle = this.observation('system');`,
      trackExample,
      '});',
    ].join('\n'),
  );
  const sentences = localized(gherkin)
    .trim()
    .split('\n')
    .map((line, index) => `    ${index === 0 ? line : line.replace(/^Given /, 'And ')}`);
  const inline = /`… (the output of "[^"]+" within \w+)`/.exec(PAGE)?.[1];
  assert.ok(inline, 'the page shows a time bound');
  writeFileSync(
    join(dir, 'docs.feature'),
    [
      'Feature: the examples of docs/diagnostics.md',
      '  Scenario: a passing scenario with the examples',
      ...sentences,
      '    And the code example of the page runs',
      `    And the system reports "leader" as "n1"`,
      '    And the track example of the page runs',
      '  Scenario: a failing scenario with the examples',
      ...sentences,
      `    And on failure the report collects ${inline}`,
      '    And the code example of the page runs',
      `    When a user step fails with "failing on purpose"`,
      '',
    ].join('\n'),
  );
  [docsRun, tracksRun] = await runFixtureCucumbers([
    { features: [relative(REPO_ROOT, join(dir, 'docs.feature'))], support: [...FIXTURE_SUPPORT, relative(REPO_ROOT, join(dir, 'steps.ts'))] },
    { features: ['test/fixtures/tracks/tracks.feature'], names: ['a number that never reaches its bound'] },
  ]);
});

after(async () => {
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('docs/diagnostics.md', () => {
  test('a passing scenario with every example (the track example too) collects nothing', () => {
    const passing = scenario(docsRun, 'a passing scenario with the examples');
    assert.equal(passing.status, 'PASSED', docsRun.stdout + docsRun.stderr);
    assert.deepEqual([...diagnostics(passing).keys()], []);
  });

  test("a failing scenario attaches the definition's, the Gherkin's and the code's diagnostics, as the page says", () => {
    const failing = scenario(docsRun, 'a failing scenario with the examples');
    assert.equal(failing.status, 'FAILED');
    assert.match(failing.steps.find((step) => step.status === 'FAILED')?.message ?? '', /failing on purpose/);
    const found = diagnostics(failing);
    const table = '| ENDPOINT | IS LEADER |\n| 127.0.0.1:2379 | true |';
    const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `log line ${from + index}`).join('\n');
    assert.deepEqual(
      [...found.keys()].sort(),
      [
        'diagnostic GET http://127.0.0.1:PORT/health.txt',
        'diagnostic e1 health.txt',
        'diagnostic etcdctl endpoint status -w table.txt',
        'diagnostic last 100 lines of LOG.txt',
        'diagnostic last 200 lines of LOG.txt',
        'diagnostic log of e1.txt',
        'diagnostic members.txt',
        'diagnostic queue depth.txt',
        'diagnostic sleep 1; date.txt',
      ]
        .map((name) => name.replace('http://127.0.0.1:PORT', origin).replace('LOG', logPath))
        .sort(),
    );
    assert.equal(found.get('diagnostic etcdctl endpoint status -w table.txt'), table);
    assert.equal(found.get(`diagnostic last 100 lines of ${logPath}.txt`), lines(51, 150));
    assert.equal(found.get(`diagnostic last 200 lines of ${logPath}.txt`), lines(1, 150));
    assert.equal(found.get('diagnostic log of e1.txt'), lines(1, 150));
    assert.equal(found.get('diagnostic e1 health.txt'), 'HTTP 200 OK\n\nhealth of /health: {"health":"true"}');
    assert.equal(found.get(`diagnostic GET ${origin}/health.txt`), 'HTTP 200 OK\n\nhealth of /health: {"health":"true"}');
    assert.deepEqual(JSON.parse(found.get('diagnostic members.txt') ?? ''), [{ name: 'e1' }, { name: 'e2' }]);
    assert.equal(found.get('diagnostic queue depth.txt'), '7');
    assert.match(found.get('diagnostic sleep 1; date.txt') ?? '', /\d{4}/);
  });

  test("a tracked wait's timeout message has the page's shape", () => {
    const example = blocks('text').find((block) => block.startsWith('timed out after'));
    assert.ok(example, 'the page shows a timeout message');
    const shape = example
      .trim()
      .split('\n')
      .map((line) => line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+/g, '\\d+'))
      .map((line) => (line.startsWith('  last snapshot') ? line.replace(/source: .*$/, 'source: .*') : line))
      .join('\\n');
    const message = scenario(tracksRun, 'a number that never reaches its bound').steps.find((step) => step.status === 'FAILED')?.message ?? '';
    assert.match(message, new RegExp(shape));
  });
});
