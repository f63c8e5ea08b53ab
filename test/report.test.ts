// The run report from real Cucumber runs: serial, --parallel 2, three shards merged by the CLI, all with --retry 1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ObservationReport, WaitRow } from '../report/model.js';
import { RECORD_MEDIA_TYPE } from '../report/record.js';
import { assertLeftNothing } from './fixtures/expectations.js';
import { FIXTURE_SUPPORT, runFixtureCucumbers, type CucumberRunOptions, type CucumberRunResult } from './helpers/run-cucumber.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const FEATURES = ['test/fixtures/report'];
const NEAR = 'test/fixtures/report/near-misses.feature';
const STAGES = 'test/fixtures/report/stages.feature';

let dir = '';
let serial: CucumberRunResult;
let parallel: CucumberRunResult;
let shards: CucumberRunResult[];

const out = (name: string): string => join(dir, name);
const json = (name: string): ObservationReport => JSON.parse(readFileSync(out(name), 'utf8')) as ObservationReport;

function run(name: string, extra: Partial<CucumberRunOptions>, formats: string[] = []): CucumberRunOptions {
  return {
    features: FEATURES,
    support: [...FIXTURE_SUPPORT, 'test/fixtures/report/steps.ts'],
    retry: 1,
    formats: [`./report/formatters/json.ts:${out(`${name}.json`)}`, `message:${out(`${name}.ndjson`)}`, ...formats],
    ...extra,
  };
}

// Every bounded wait of the fixtures (12) is among the slowest listed, so which ones are listed never depends on timing.
const SLOWEST = 20;

/** Runs the package's bin on saved message files. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', './register-ts-node.mjs', 'report/cli.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cucumber-observation-report-'));
  const results = await runFixtureCucumbers([
    run('serial', { formatOptions: { observationReport: { console: true, slowest: SLOWEST } } }, [
      `./report/formatters/markdown.ts:${out('serial.md')}`,
      `./report/formatters/html.ts:${out('serial.html')}`,
    ]),
    run('parallel', { parallel: 2, formatOptions: { observationReport: { slowest: SLOWEST } } }),
    run('shard-1', { shard: '1/3' }),
    run('shard-2', { shard: '2/3' }),
    run('shard-3', { shard: '3/3' }),
  ]);
  [serial, parallel, ...shards] = results;
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const where = (wait: WaitRow): string => `${wait.step?.location ?? wait.scenarioLocation} #${wait.attempt}`;

// What must not depend on timing: every figure measured in time or cycles goes, and lists ordered by them are re-sorted.
function timingsAside(report: ObservationReport): unknown {
  // A fresh wait names the cycle it waits after, which is as much a matter of timing as the time it used.
  const wait = ({ usedMs: _u, share: _s, slackMs: _k, cycles: _c, failedCycles: _f, ...rest }: WaitRow) => ({
    ...rest,
    awaited: rest.awaited.replace(/after cycle \d+/g, 'after cycle <n>'),
  });
  const sorted = (list: readonly WaitRow[]) => [...list].sort((a, b) => where(a).localeCompare(where(b))).map(wait);
  return {
    ...report,
    runs: { success: report.runs.success },
    nearMisses: sorted(report.nearMisses),
    timedOut: sorted(report.timedOut),
    slowest: sorted(report.slowest),
    waits: report.waits.map(wait),
    observations: report.observations.map(({ cycles: _c, failedCycles: _f, stages, ...rest }) => ({
      ...rest,
      stages: stages.map(({ stage, cycles, lastMessage }) => ({ stage, failed: cycles > 0, lastMessage })),
    })),
    features: report.features.map(({ maxShare: _m, ...rest }) => rest),
    timings: report.timings.map(({ successesMs, ...rest }) => ({ ...rest, successes: successesMs.length })),
  };
}

describe('the report of a serial run', () => {
  it('the runs went as the suite intends, and left nothing running', () => {
    for (const result of [serial, parallel, ...shards]) {
      assert.equal(result.exitedByItself, true, result.stderr.slice(-2000));
      assert.deepEqual(result.runErrors, []);
      assertLeftNothing(result);
    }
    assert.equal(serial.success, false, 'one scenario times out on purpose');
    assert.equal(serial.testCases.length, 7);
  });

  it('counts scenarios, attempts, waits, holds, near misses and timeouts', () => {
    const report = json('serial.json');
    assert.deepEqual(report.totals, {
      scenarios: 7,
      attempts: 9,
      retriedScenarios: 2,
      scenariosWithRecords: 7,
      observations: 1,
      waits: 14,
      bounded: 12,
      holds: 2,
      nearMisses: 2,
      timedOut: 2,
      otherwiseFailed: 0,
      droppedWaits: 0,
    });
    assert.equal(report.runs.success, false);
    assert.equal(report.options.nearMiss, 0.75);
  });

  it('finds the two waits built to use 80 % of their timeout, and only them, with scenario and step location', () => {
    const report = json('serial.json');
    assert.deepEqual(report.nearMisses.map(where).sort(), [`${NEAR}:6 #1`, `${NEAR}:9 #1`]);
    for (const wait of report.nearMisses) {
      assert.equal(wait.timeoutMs, 2500);
      // The change comes 2000 ms after the wait began on the wait's own clock (see the fixture's steps), so never below 0.8.
      assert.ok(wait.share >= 0.8 && wait.share < 1, `share ${wait.share}`);
      assert.equal(wait.slackMs, wait.timeoutMs - wait.usedMs);
      assert.ok(wait.cycles >= 10, `a wait of 2 s at a 20 ms interval sees many cycles (about 100 when idle), saw ${wait.cycles}`);
      assert.equal(wait.observation, 'system');
      assert.equal(wait.outcome, 'resolved');
    }
    assert.deepEqual(report.nearMisses.map((wait) => [wait.scenarioLocation, wait.scenario]).sort(), [
      [`${NEAR}:5`, 'a value that comes at 80 % of the timeout'],
      [`${NEAR}:8`, 'an event that comes at 80 % of the timeout'],
    ]);
    assert.ok(report.nearMisses[0]!.share >= report.nearMisses[1]!.share, 'the closest call comes first');
    const quick = report.waits.filter((wait) => wait.kind === 'until' && !wait.nearMiss && wait.outcome === 'resolved');
    assert.equal(quick.length, 8);
    // Under the near-miss share, which is what sets them apart; how far under depends on the machine's load.
    for (const wait of quick) assert.ok(wait.share < 0.75, `${where(wait)} used ${wait.share}`);
  });

  it('tells holds (a deadline that is success) from bounded waits, and never calls them near misses', () => {
    const holds = json('serial.json').waits.filter((wait) => wait.kind === 'hold');
    assert.deepEqual(
      holds.map((wait) => [wait.step?.text, wait.outcome, wait.nearMiss]),
      [
        ['the observed "nodes.a.n" should stay 1 for 100ms', 'held', false],
        ['no event should be observed for 100ms', 'timed-out', false],
      ],
    );
  });

  it('lists the timed-out wait of each attempt, and the slowest waits longest first', () => {
    const report = json('serial.json');
    assert.deepEqual(report.timedOut.map(where), [`${STAGES}:12 #1`, `${STAGES}:12 #2`]);
    assert.match(report.timedOut[0]!.awaited, /^"nodes\.a\.never" to be 1 after cycle \d+$/);
    assert.equal(report.slowest.length, 12);
    const used = report.slowest.map((wait) => wait.usedMs);
    assert.deepEqual(
      used,
      [...used].sort((a, b) => b - a),
    );
    assert.deepEqual(report.slowest.slice(0, 2).map(where).sort(), [`${NEAR}:6 #1`, `${NEAR}:9 #1`]);
  });

  it('counts cycles run and failed per observation, by stage with the last message', () => {
    const [system] = json('serial.json').observations;
    assert.equal(system?.observation, 'system');
    assert.equal(system.attempts, 9);
    assert.equal(system.runs, 9);
    assert.ok(system.cycles > 100, `cycles: ${system.cycles}`);
    assert.ok(system.failedCycles >= 2);
    assert.deepEqual(
      system.stages.map((stage) => [stage.stage, stage.cycles >= 1, stage.lastMessage]),
      [
        ['poll', true, 'connection refused'],
        ['source-refresh', true, 'registry down'],
      ],
    );
    assert.equal(
      system.failedCycles,
      system.stages.reduce((sum, stage) => sum + stage.cycles, 0),
    );
    assert.deepEqual([system.waits, system.nearMisses, system.timedOut], [14, 2, 2]);
  });

  it('shows each attempt of a retried scenario, with the step that failed', () => {
    const retried = json('serial.json').retried;
    assert.deepEqual(
      retried.map((scenario) => [
        scenario.scenario,
        scenario.finalStatus,
        scenario.attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.failedStep?.location]),
      ]),
      [
        [
          'a wait that times out',
          'FAILED',
          [
            [1, 'FAILED', `${STAGES}:12`],
            [2, 'FAILED', `${STAGES}:12`],
          ],
        ],
        [
          'a scenario that passes on its second attempt',
          'PASSED',
          [
            [1, 'FAILED', `${STAGES}:17`],
            [2, 'PASSED', undefined],
          ],
        ],
      ],
    );
    assert.match(retried[1]!.attempts[0]!.failedStep!.message, /"report flaky" fails on its first attempt/);
    assert.equal(retried[1]!.attempts[0]!.waits, 1);
  });

  it('writes Markdown a CI summary shows as it is: sections, near misses first, the chart, every wait', () => {
    const markdown = readFileSync(out('serial.md'), 'utf8');
    const headings = [...markdown.matchAll(/^#+ (.*)$/gm)].map((match) => match[1]);
    assert.deepEqual(headings, [
      'Observation report',
      'Near misses (≥ 75 % of the timeout)',
      'Timed out',
      'Slowest 12 waits',
      'Observations',
      'Features',
      'Retried scenarios',
      'Time to success per wait step',
    ]);
    assert.match(
      markdown,
      /^\*\*2 near misses\*\* \(passing waits that used 75 % or more of their timeout\), \*\*2 timed out\*\*, of 12 bounded waits and 2 holds in 7 scenarios \(9 attempts, 2 retried\) on 1 observation\. Cucumber run: failed, /m,
    );
    const nearMissRows = markdown
      .split('### Near misses')[1]!
      .split('###')[0]!
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| used'));
    assert.equal(nearMissRows.length, 2);
    for (const row of nearMissRows) {
      assert.match(
        row,
        /^\| \d\.\d\d s \([89]\d %\) \| 2\.50 s \| \d+ ms \| system \| \d+ \| `in a 2500 ms wait, .*` \(test\/fixtures\/report\/near-misses\.feature:(6|9)\) \| an? .* \(test\/fixtures\/report\/near-misses\.feature:(5|8)\) \|$/,
      );
    }
    assert.match(markdown, /\| system \| 9 \| \d+ \| \d+ \| poll: \d+ `connection refused`; source-refresh: \d+ `registry down` \| 14 \| 2 \| 2 \|/);
    assert.match(markdown, /<details><summary>Every wait \(14\)<\/summary>/);
    const svg = Buffer.from(/src="data:image\/svg\+xml;base64,([^"]+)"/.exec(markdown)![1]!, 'base64').toString('utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const dots = [...svg.matchAll(/<circle cx="[\d.]+" cy="[\d.]+" r="3\.5" fill="(#[0-9a-f]+)"/g)].map((match) => match[1]);
    assert.deepEqual([dots.length, dots.filter((color) => color === '#ef8f00').length, dots.filter((color) => color === '#c62828').length], [12, 2, 2]);
    assert.match(markdown, /```text\nshare of the timeout used, bounded waits\n[\s\S]*timed out │█+ 2\n```/);
  });

  it('writes the same report as an HTML page with the chart inline', () => {
    const html = readFileSync(out('serial.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<figure><svg xmlns/);
    assert.match(html, /<h3>Near misses \(≥ 75 % of the timeout\)<\/h3>\n<table>/);
    assert.equal(
      (html.match(/<tr>/g) ?? []).length,
      (readFileSync(out('serial.md'), 'utf8').match(/^\| /gm) ?? []).length,
      'as many table rows as the Markdown',
    );
  });

  it('prints a few lines on the console when asked, once however many report formatters run', () => {
    const lines = serial.stderr.split('\n').filter((line) => line.startsWith('cucumber-observation:') || line.startsWith('  '));
    assert.equal(lines.filter((line) => line.startsWith('cucumber-observation:')).length, 1, serial.stderr);
    assert.match(lines[0]!, /^cucumber-observation: 12 bounded waits in 7 scenarios: 2 near misses \(≥ 75 % of the timeout\), 2 timed out, 2 retried$/);
    assert.match(lines[1]!, /^ {2}\d+ % of 2\.50 s: in a 2500 ms wait, .* \(test\/fixtures\/report\/near-misses\.feature:(6|9)\)$/);
  });

  it('every scenario attempt carried its record in the message stream', () => {
    for (const testCase of serial.testCases) {
      for (const attempt of testCase.attempts) {
        assert.equal(attempt.attachments.filter((attachment) => attachment.mediaType === RECORD_MEDIA_TYPE).length, 1, testCase.name);
      }
    }
  });
});

describe('parallel workers and shards', () => {
  it('with --parallel 2, the formatter sees every worker and reports the same as the serial run, timings aside', () => {
    const workers = new Set(
      readFileSync(out('parallel.ndjson'), 'utf8')
        .split('\n')
        .filter((line) => line.includes('"testCaseStarted"'))
        .map((line) => (JSON.parse(line) as { testCaseStarted: { workerId?: string } }).testCaseStarted.workerId),
    );
    assert.equal(workers.size, 2, `workers: ${[...workers].join(', ')}`);
    assert.deepEqual(timingsAside(json('parallel.json')), timingsAside(json('serial.json')));
  });

  it('the CLI merges the three shards into the report of the whole run, timings aside (JSON and Markdown)', () => {
    const counts = shards.map((shard) => shard.testCases.length);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      7,
    );
    assert.ok(
      counts.every((count) => count > 0),
      `each shard ran some scenarios: ${counts.join(', ')}`,
    );
    const files = [1, 2, 3].map((index) => out(`shard-${index}.ndjson`));
    const merged = cli('report', '--format', 'json', '--slowest', String(SLOWEST), ...files);
    assert.equal(merged.status, 0, merged.stderr);
    assert.deepEqual(timingsAside(JSON.parse(merged.stdout) as ObservationReport), timingsAside(json('serial.json')));

    // Markdown: figures of time and cycles masked, the chart left out, rows compared as a set (their order follows timings).
    const mask = (markdown: string): string[] =>
      markdown
        .replace(/```text[\s\S]*?```/g, '')
        .replace(/<img [^>]*>/g, '')
        .replace(/Cucumber runs? \(\d+ merged\)|Cucumber run\b/g, 'Cucumber run')
        .replace(/\| system \| 9 \| \d+ \| \d+ \|/g, '| system | 9 | <n> | <n> |')
        .replace(/after cycle \d+/g, 'after cycle <n>')
        .replace(/-?\d+(\.\d+)? (ms|s|%)/g, '<t>')
        .replace(/\| \d+( \(\d+ failed\))? \|/g, '| <n> |')
        .replace(/: \d+ `/g, ': <n> `')
        .split('\n')
        .sort();
    const markdown = cli('report', '--slowest', String(SLOWEST), ...files);
    assert.equal(markdown.status, 0, markdown.stderr);
    assert.deepEqual(mask(markdown.stdout), mask(readFileSync(out('serial.md'), 'utf8')));
  });

  it('the CLI refuses what it cannot read, naming it', () => {
    const notMessages = cli('report', join(REPO_ROOT, 'package.json'));
    assert.equal(notMessages.status, 1);
    assert.match(notMessages.stderr, /package\.json, line 1: not a Cucumber message .*; expected the NDJSON that --format message:<file> writes/);
    const missing = cli('report', out('nothing-here.ndjson'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read .*nothing-here\.ndjson: ENOENT/);
    const usage = cli('report', '--format', 'pdf', out('shard-1.ndjson'));
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--format must be one of markdown, json, html, got "pdf"/);
    const share = cli('report', '--near-miss', '1.5', out('shard-1.ndjson'));
    assert.equal(share.status, 2);
    assert.match(share.stderr, /--near-miss must be a share of the timeout above 0 and below 1/);
  });

  it('the CLI applies a near-miss share: at 90 % the waits at 80 % are no longer near misses', () => {
    const result = cli('report', '--format', 'json', '--near-miss', '90%', out('serial.ndjson'));
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as ObservationReport;
    assert.equal(report.options.nearMiss, 0.9);
    for (const wait of report.waits) assert.equal(wait.nearMiss, wait.kind === 'until' && wait.outcome === 'resolved' && wait.share >= 0.9, where(wait));
    assert.equal(report.totals.nearMisses, report.waits.filter((wait) => wait.nearMiss).length);
    assert.ok(
      report.waits.some((wait) => wait.share >= 0.75 && wait.share < 0.9 && !wait.nearMiss),
      'the 80 % waits are below the new share',
    );
  });
});
