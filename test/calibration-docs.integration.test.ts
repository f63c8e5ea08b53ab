// Runs docs/calibration.md's examples: its example output reproduced by the command, its shell commands and its GitHub Actions steps run as written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDuration } from '../support/parse.js';
import { FIXTURE_SUPPORT, runFixtureCucumbers, type CucumberRunOptions } from './helpers/run-cucumber.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = readFileSync(join(REPO_ROOT, 'docs', 'calibration.md'), 'utf8');
const FEATURE = 'test/fixtures/calibration/calibration.feature';

let dir = '';
let bin = '';
let shards: string[] = [];

/** The page's fenced blocks of one language, in order. */
function blocks(language: string): string[] {
  return [...PAGE.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1]!);
}

/** Runs shell lines in `cwd`, `npx cucumber-observation` being this checkout's bin; each line's exit status and output. */
function shell(lines: readonly string[], cwd: string, env: Record<string, string> = {}): { line: string; status: number | null; output: string }[] {
  return lines.map((line) => {
    const result = spawnSync('sh', ['-c', line.replaceAll('npx cucumber-observation', 'cucumber-observation')], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ...env, PATH: `${bin}${delimiter}${process.env.PATH}`, TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json') },
    });
    return { line, status: result.status, output: result.stdout + result.stderr };
  });
}

function freshDir(name: string): string {
  const made = join(dir, name);
  mkdirSync(join(made, 'reports'), { recursive: true });
  return made;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cucumber-observation-calibration-docs-'));
  bin = join(dir, 'bin');
  mkdirSync(bin);
  const command = join(bin, 'cucumber-observation');
  writeFileSync(
    command,
    `#!/bin/sh\nexec "${process.execPath}" --import "${join(REPO_ROOT, 'register-ts-node.mjs')}" "${join(REPO_ROOT, 'report', 'cli.ts')}" "$@"\n`,
  );
  chmodSync(command, 0o755);
  shards = [join(dir, 'shard-1.ndjson'), join(dir, 'shard-2.ndjson')];
  const run = (shard: number): CucumberRunOptions => ({
    features: [FEATURE],
    support: [...FIXTURE_SUPPORT, 'test/fixtures/report/steps.ts'],
    shard: `${shard}/2`,
    formats: [`message:${shards[shard - 1]}`],
  });
  const results = await runFixtureCucumbers([run(1), run(2)]);
  for (const result of results) assert.equal(result.success, true, result.stdout + result.stderr);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('docs/calibration.md', () => {
  test('its example output is what calibrate prints for a history with those times', () => {
    const example = blocks('text').find((block) => block.startsWith('Timeout calibration from'));
    assert.ok(example, 'the page shows an example output');
    const steps = [
      ...example.matchAll(/^(?:TIGHT|LOOSE|ok) {2}(\S+) {2}(.+)\n {2}timeout (\S+); p50 (\d+) ms, p95 (\d+) ms, p99 \5 ms over 3 successes in 3 runs/gm),
    ];
    assert.equal(steps.length, 3, 'three steps, each with its figures');
    // Three runs of one success each: nearest-rank p50 is the middle sample, p95 and p99 the largest.
    const runs = [0, 1, 2].map((index) => ({
      id: `run-${index + 1}`,
      addedAt: '2026-01-01T00:00:00.000Z',
      steps: steps.map(([, location, text, timeout, p50, p95]) => ({
        location,
        text,
        timeoutMs: parseDuration(timeout!),
        successesMs: [index === 2 ? Number(p95) : Number(p50)],
        timedOut: 0,
      })),
    }));
    const cwd = freshDir('example-output');
    writeFileSync(join(cwd, 'observation-history.json'), JSON.stringify({ historyVersion: 1, runs }));
    const [judged] = shell(['npx cucumber-observation calibrate observation-history.json'], cwd);
    assert.equal(judged!.status, 0, judged!.output);
    assert.equal(judged!.output, example);
  });

  test('the commands of "The history file" and "Judging the timeouts" run as written', () => {
    const [history, judging] = blocks('sh');
    assert.ok(history && judging, 'the page has both command blocks');
    const [cucumberLine, ...historyLines] = history.trim().split('\n');
    assert.equal(cucumberLine, 'npx cucumber-js --format message:reports/run.ndjson', 'the first command writes the message file the next reads');
    const cwd = freshDir('commands');
    copyFileSync(shards[0]!, join(cwd, 'reports', 'run.ndjson'));
    const results = shell([...historyLines, ...judging.trim().split('\n')], cwd);
    const [added, text, failOn, json] = results;
    assert.equal(added!.status, 0, added!.output);
    assert.match(added!.output, /^observation-history\.json: run ".+" added \(\d+ wait steps?\)/);
    assert.equal(text!.status, 0, text!.output);
    assert.match(text!.output, /More runs are needed/);
    assert.equal(failOn!.status, 0, 'with one run, --fail-on tight fails nothing');
    assert.equal(json!.status, 0, json!.output);
    assert.equal((JSON.parse(json!.output) as { runs: number }).runs, 1);
  });

  test("the GitHub Actions job's steps pass until three runs are in the history, then fail on the tight wait", () => {
    const yaml = blocks('yaml')[0];
    assert.ok(yaml, 'the page has the workflow');
    assert.match(yaml, /- run: npx cucumber-js --shard \$\{\{ matrix\.shard \}\}\/2 --format message:reports\/shard-\$\{\{ matrix\.shard \}\}\.ndjson/);
    const steps = [...yaml.matchAll(/^\s*- run: (.*cucumber-observation.*)$/gm)].map((match) => match[1]!);
    assert.equal(steps.length, 4, `history, report, calibrate, calibrate --fail-on: ${steps.join(' | ')}`);
    const cwd = freshDir('actions');
    copyFileSync(shards[0]!, join(cwd, 'reports', 'shard-1.ndjson'));
    copyFileSync(shards[1]!, join(cwd, 'reports', 'shard-2.ndjson'));
    const summary = join(cwd, 'summary.md');
    for (const runId of ['101', '102', '103']) {
      const lines = steps.map((step) => step.replaceAll(/\$\{\{ github\.run_id \}\}/g, runId));
      const results = shell(lines, cwd, { GITHUB_STEP_SUMMARY: summary });
      for (const result of results.slice(0, -1)) assert.equal(result.status, 0, `${result.line}: ${result.output}`);
      const gate = results[results.length - 1]!;
      if (runId === '103') {
        assert.equal(gate.status, 1, gate.output);
        assert.match(gate.output, /^Failing: 1 wait step judged tight \(--fail-on tight\)\.$/m);
      } else {
        assert.equal(gate.status, 0, gate.output);
        assert.match(gate.output, /More runs are needed/);
      }
    }
    const history = JSON.parse(readFileSync(join(cwd, 'observation-history.json'), 'utf8')) as { runs: { id: string; steps: unknown[] }[] };
    assert.deepEqual(
      history.runs.map((run) => [run.id, run.steps.length]),
      [
        ['101', 3],
        ['102', 3],
        ['103', 3],
      ],
    );
    const written = readFileSync(summary, 'utf8');
    assert.match(written, /Time to success per wait step/);
    assert.match(written, /^TIGHT {2}test\/fixtures\/calibration\/calibration\.feature:5 /m);
  });
});
