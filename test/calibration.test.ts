// Timeout calibration from real Cucumber runs: serial, --parallel 2 and two shards merged, three runs into one history.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { StepCalibration } from '../report/calibration.js';
import type { TimingHistory } from '../report/history.js';
import type { ObservationReport } from '../report/model.js';
import { FIXTURE_SUPPORT, runFixtureCucumbers, type CucumberRunOptions, type CucumberRunResult } from './helpers/run-cucumber.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const FEATURE = 'test/fixtures/calibration/calibration.feature';
const TIGHT = `${FEATURE}:5`;
const FITTING = `${FEATURE}:8`;
const LOOSE = `${FEATURE}:11`;

let dir = '';
let runs: CucumberRunResult[];
const out = (name: string): string => join(dir, name);

function run(name: string, extra: Partial<CucumberRunOptions> = {}): CucumberRunOptions {
  return {
    features: [FEATURE],
    support: [...FIXTURE_SUPPORT, 'test/fixtures/report/steps.ts'],
    formats: [`message:${out(`${name}.ndjson`)}`, `./report/formatters/json.ts:${out(`${name}.json`)}`, `./report/formatters/markdown.ts:${out(`${name}.md`)}`],
    ...extra,
  };
}

/** Runs the package's bin. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', './register-ts-node.mjs', 'report/cli.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cucumber-observation-calibration-'));
  runs = await runFixtureCucumbers([run('serial'), run('parallel', { parallel: 2 }), run('shard-1', { shard: '1/2' }), run('shard-2', { shard: '2/2' })]);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('timeout calibration', () => {
  test('every run passed and ended by itself', () => {
    for (const result of runs) {
      assert.equal(result.success, true, result.stdout + result.stderr);
      assert.ok(result.exitedByItself);
    }
  });

  test("the run report keeps each wait step's times to success, and says one run is not enough to judge", () => {
    const report = JSON.parse(readFileSync(out('serial.json'), 'utf8')) as ObservationReport;
    assert.deepEqual(
      report.timings.map((step) => [step.location, step.timeoutMs, step.successesMs.length, step.timedOut]),
      [
        [TIGHT, 1000, 1, 0],
        [FITTING, 2000, 1, 0],
        [LOOSE, 10_000, 1, 0],
      ],
    );
    const [tight] = report.timings;
    assert.ok(tight!.successesMs[0]! >= 600 && tight!.successesMs[0]! < 1000, `${tight!.successesMs}`);
    const markdown = readFileSync(out('serial.md'), 'utf8');
    assert.match(markdown, /### Time to success per wait step/);
    assert.match(markdown, /more runs are needed/);
  });

  test('two shards merge into one report with every step', () => {
    const cliReport = cli('report', '--format', 'json', out('shard-1.ndjson'), out('shard-2.ndjson'));
    assert.equal(cliReport.status, 0, cliReport.stderr);
    const merged = JSON.parse(cliReport.stdout) as ObservationReport;
    assert.deepEqual(
      merged.timings.map((step) => step.location),
      [TIGHT, FITTING, LOOSE],
    );
  });

  test('with one run in the history, calibrate says more runs are needed and fails nothing', () => {
    const history = out('one-run.json');
    const added = cli('history', history, '--run', 'run-1', out('serial.ndjson'));
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /run "run-1" added \(3 wait steps\); 1 run, 3 wait steps in all/);
    const judged = cli('calibrate', history, '--fail-on', 'tight');
    assert.equal(judged.status, 0, judged.stdout + judged.stderr);
    assert.match(judged.stdout, /More runs are needed: a timeout is judged from at least 3 runs/);
    assert.equal((judged.stdout.match(/^more runs needed {2}/gm) ?? []).length, 3, judged.stdout);
    assert.doesNotMatch(judged.stdout, /suggested/);
  });

  test('three runs (serial, --parallel 2, two shards under one id) flag the tight and the loose wait with a suggestion', () => {
    const history = out('history.json');
    for (const args of [
      ['--run', 'serial', out('serial.ndjson')],
      ['--run', 'parallel', out('parallel.ndjson')],
      ['--run', 'sharded', out('shard-1.ndjson')],
      ['--run', 'sharded', out('shard-2.ndjson')],
    ]) {
      const added = cli('history', history, ...args);
      assert.equal(added.status, 0, added.stderr);
    }
    const saved = JSON.parse(readFileSync(history, 'utf8')) as TimingHistory;
    assert.deepEqual(
      saved.runs.map((entry) => [entry.id, entry.steps.map((step) => `${step.location} ×${step.successesMs.length}`)]),
      [
        ['serial', [`${TIGHT} ×1`, `${FITTING} ×1`, `${LOOSE} ×1`]],
        ['parallel', [`${TIGHT} ×1`, `${FITTING} ×1`, `${LOOSE} ×1`]],
        ['sharded', [`${TIGHT} ×1`, `${FITTING} ×1`, `${LOOSE} ×1`]],
      ],
    );

    const json = cli('calibrate', history, '--format', 'json');
    assert.equal(json.status, 0, json.stderr);
    const { runs: count, steps } = JSON.parse(json.stdout) as { runs: number; steps: StepCalibration[] };
    assert.equal(count, 3);
    const byLocation = new Map(steps.map((step) => [step.location, step]));
    const tight = byLocation.get(TIGHT)!;
    assert.equal(tight.verdict, 'tight', tight.reason);
    assert.ok(tight.suggestedMs! >= 2 * tight.p95Ms! && tight.suggestedMs! <= 20 * tight.p99Ms!, `${tight.suggestedMs} for p95 ${tight.p95Ms}`);
    assert.equal(byLocation.get(FITTING)!.verdict, 'ok', byLocation.get(FITTING)!.reason);
    const loose = byLocation.get(LOOSE)!;
    assert.equal(loose.verdict, 'loose', loose.reason);
    assert.ok(loose.suggestedMs! < 10_000 && loose.suggestedMs! >= 100, `${loose.suggestedMs}`);

    const text = cli('calibrate', history);
    assert.equal(text.status, 0, 'without --fail-on, tight waits do not fail the command');
    assert.match(text.stdout, /^Timeout calibration from 3 runs in .*history\.json, 3 wait steps\.$/m);
    assert.match(text.stdout, new RegExp(`^TIGHT  ${TIGHT}  in a 1000 ms wait, node "a" sets "ready" to true after 650 ms$`, 'm'));
    assert.match(text.stdout, /timeout 1s; p50 \d+ ms, p95 \d+ ms, p99 \d+ ms over 3 successes in 3 runs: the timeout \(1 s\) is below 2× the p95/);
    assert.match(text.stdout, new RegExp(`^LOOSE  ${LOOSE}  `, 'm'));
    assert.match(text.stdout, /is above 20× the p99 time to success/);
    assert.match(text.stdout, /^ {2}suggested timeout: \d+(\.\d)?m?s$/m);
    assert.match(text.stdout, /^1 tight, 1 loose, 1 ok, 0 waiting for more runs\.$/m);

    const failing = cli('calibrate', history, '--fail-on', 'tight');
    assert.equal(failing.status, 1, failing.stdout);
    assert.match(failing.stdout, /^Failing: 1 wait step judged tight \(--fail-on tight\)\.$/m);
  });

  test('bad command lines exit with code 2 and say what is expected', () => {
    const badFailOn = cli('calibrate', out('history.json'), '--fail-on', 'slow');
    assert.equal(badFailOn.status, 2);
    assert.match(badFailOn.stderr, /--fail-on takes tight, loose or tight,loose, got "slow"/);
    const noFiles = cli('history', out('never.json'));
    assert.equal(noFiles.status, 2);
    assert.match(noFiles.stderr, /name the history file, then at least one message file/);
    assert.equal(existsSync(out('never.json')), false);
    const notHistory = cli('calibrate', out('serial.json'));
    assert.equal(notHistory.status, 1);
    assert.match(notHistory.stderr, /serial\.json has history version undefined; this version reads 1: start a new history file/);
  });
});
