// `npm run soak`: 1,000 scenarios observing at 5 ms, serially and with --parallel 2, checked for passes, exit and memory.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    scenarios: { type: 'string', default: '1000' },
    modes: { type: 'string', default: 'serial,parallel' },
    'rss-bound-mb': { type: 'string', default: '96' },
    'heap-bound-mb': { type: 'string', default: '8' },
  },
});

const SCENARIOS = positiveInteger(options.scenarios, '--scenarios');
const MODES = options.modes.split(',').map((mode) => mode.trim());
for (const mode of MODES) {
  if (mode !== 'serial' && mode !== 'parallel') throw new Error(`--modes takes serial and/or parallel, got "${mode}"`);
}
/** Resident set growth from BeforeAll to AfterAll (both after a forced GC) that a process may show. */
const RSS_BOUND = positiveInteger(options['rss-bound-mb'], '--rss-bound-mb') * 2 ** 20;
/** Heap growth over the same span: the sharper sign of something kept per scenario. */
const HEAP_BOUND = positiveInteger(options['heap-bound-mb'], '--heap-bound-mb') * 2 ** 20;
/** How long a process may take to exit once its last AfterAll hook has run. */
const EXIT_GRACE_MS = 10_000;
/** The whole run's bound; far above what it takes, only there so that a hang ends. */
const RUN_BOUND_MS = 15 * 60_000;

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const WORK = join(ROOT, '.tmp', 'soak');
const require = createRequire(import.meta.url);
const cucumberPackage = require.resolve('@cucumber/cucumber/package.json');
const CLI = join(dirname(cucumberPackage), require(cucumberPackage).bin['cucumber-js']);

function positiveInteger(text, name) {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}

function writeFeature() {
  const rows = Array.from({ length: SCENARIOS }, (_, index) => `      | ${index + 1} |`).join('\n');
  const feature = `Feature: Soak
  Scenario Outline: observation <run> with an event every cycle
    When I wait for 3 more observation cycles
    Then within 2s an event should have "seq" equal to 3
    And within 2s the observed cycle should be at least 3
    And the observation should have no failure

    Examples:
      | run |
${rows}
`;
  writeFileSync(join(WORK, 'soak.feature'), feature);
}

function writeConfig(mode) {
  const profile = {
    paths: [join('.tmp', 'soak', 'soak.feature')],
    // The catalog's leak checks first: they fail the run if a scenario or the run leaves anything running.
    import: ['features/catalog/support/leaks.ts', 'features/soak/support/**/*.ts'],
    loader: ['ts-node/esm/transpile-only'],
    format: ['summary', `message:${join('.tmp', 'soak', `${mode}.ndjson`)}`],
    ...(mode === 'parallel' ? { parallel: 2 } : {}),
  };
  // Cucumber reads the config path relative to its working directory, the repository root.
  const path = join('.tmp', 'soak', `${mode}.cucumber.json`);
  writeFileSync(join(ROOT, path), JSON.stringify({ default: profile }, null, 2));
  return path;
}

/** Runs Cucumber once; resolves with how it ended, killing it only if it outlives its bounds. */
function runCucumber(mode) {
  rmSync(join(WORK, `${mode}.ndjson`), { force: true });
  const memoryDir = join(WORK, `${mode}-memory`);
  rmSync(memoryDir, { recursive: true, force: true });
  mkdirSync(memoryDir, { recursive: true });
  const config = writeConfig(mode);
  const startedAt = Date.now();
  const child = spawn(process.execPath, [CLI, '--config', config], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SOAK_MEMORY_DIR: memoryDir, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim() },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let killedBecause;
  const kill = (why) => {
    killedBecause = why;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const runTimer = setTimeout(() => kill(`still running after ${RUN_BOUND_MS} ms`), RUN_BOUND_MS);
  // Once every process has written its AfterAll figures, the run has nothing left to do but exit.
  const expected = mode === 'parallel' ? 2 : 1;
  let exitTimer;
  const watcher = setInterval(() => {
    if (exitTimer || readdirSync(memoryDir).length < expected) return;
    exitTimer = setTimeout(() => kill(`did not exit within ${EXIT_GRACE_MS} ms of its last AfterAll hook`), EXIT_GRACE_MS);
  }, 200);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(runTimer);
      clearTimeout(exitTimer);
      clearInterval(watcher);
      resolve({ mode, code, signal, killedBecause, wallMs: Date.now() - startedAt, closedAt: Date.now(), output, memoryDir });
    });
  });
}

function readResults(mode) {
  const statuses = new Map();
  const path = join(WORK, `${mode}.ndjson`);
  if (!existsSync(path)) return { scenarios: 0, statuses: {}, runHookFailures: ['Cucumber wrote no messages'] };
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const worst = new Map();
  const rank = ['UNKNOWN', 'PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];
  for (const envelope of lines) {
    const finished = envelope.testStepFinished;
    if (!finished) continue;
    const status = finished.testStepResult.status;
    const previous = worst.get(finished.testCaseStartedId) ?? 'UNKNOWN';
    worst.set(finished.testCaseStartedId, rank.indexOf(status) > rank.indexOf(previous) ? status : previous);
  }
  for (const status of worst.values()) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const runHookFailures = lines
    .filter((envelope) => envelope.testRunHookFinished && envelope.testRunHookFinished.result.status !== 'PASSED')
    .map((envelope) => envelope.testRunHookFinished.result.message);
  return { scenarios: worst.size, statuses: Object.fromEntries(statuses), runHookFailures };
}

const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

function evaluate(outcome) {
  const problems = [];
  const results = readResults(outcome.mode);
  if (outcome.killedBecause) problems.push(`the Cucumber process ${outcome.killedBecause}`);
  if (outcome.code !== 0) problems.push(`Cucumber exited with ${outcome.code ?? `signal ${outcome.signal}`}`);
  if (results.scenarios !== SCENARIOS || results.statuses.PASSED !== SCENARIOS) {
    problems.push(`expected ${SCENARIOS} passed scenarios, got ${JSON.stringify(results.statuses)} of ${results.scenarios}`);
  }
  for (const failure of results.runHookFailures) problems.push(`a BeforeAll/AfterAll hook failed: ${failure}`);
  const processes = readdirSync(outcome.memoryDir).map((file) => JSON.parse(readFileSync(join(outcome.memoryDir, file), 'utf8')));
  if (processes.length !== (outcome.mode === 'parallel' ? 2 : 1)) problems.push(`expected memory figures from each process, got ${processes.length}`);
  const memory = processes.map((figures) => {
    const rssGrowth = figures.end.rss - figures.start.rss;
    const heapGrowth = figures.end.heapUsed - figures.start.heapUsed;
    const who = figures.worker === null ? `process ${figures.pid}` : `worker ${figures.worker}`;
    if (!figures.gcForced) problems.push(`${who}: GC could not be forced (--expose-gc did not apply)`);
    if (rssGrowth > RSS_BOUND) problems.push(`${who}: RSS grew by ${mb(rssGrowth)} MB, more than ${mb(RSS_BOUND)} MB`);
    if (heapGrowth > HEAP_BOUND) problems.push(`${who}: heap grew by ${mb(heapGrowth)} MB, more than ${mb(HEAP_BOUND)} MB`);
    const { worlds, observers, of } = figures.retained;
    if (worlds > 0 || observers > 0) {
      problems.push(`${who}: after a forced GC, ${worlds} of ${of.worlds} scenario Worlds and ${observers} of ${of.observers} observers are still reachable`);
    }
    return {
      process: who,
      scenarios: figures.scenarios,
      rssStartMb: mb(figures.start.rss),
      rssEndMb: mb(figures.end.rss),
      rssMaxMb: mb(figures.maxRss),
      heapStartMb: mb(figures.start.heapUsed),
      heapEndMb: mb(figures.end.heapUsed),
      retained: figures.retained,
    };
  });
  const lastAfterAll = Math.max(...processes.map((figures) => figures.end.at));
  return {
    mode: outcome.mode,
    passed: problems.length === 0,
    wallSeconds: Math.round(outcome.wallMs / 100) / 10,
    exitedByItself: outcome.killedBecause === undefined,
    exitMsAfterLastAfterAll: processes.length > 0 ? outcome.closedAt - lastAfterAll : null,
    exitCode: outcome.code,
    scenarios: results.statuses,
    memory,
    problems,
  };
}

mkdirSync(WORK, { recursive: true });
writeFeature();
const report = { scenarios: SCENARIOS, intervalMs: 5, rssBoundMb: mb(RSS_BOUND), heapBoundMb: mb(HEAP_BOUND), runs: [] };
for (const mode of MODES) {
  console.log(`soak: ${SCENARIOS} scenarios, ${mode}…`);
  const outcome = await runCucumber(mode);
  const run = evaluate(outcome);
  report.runs.push(run);
  console.log(
    `  ${run.passed ? 'PASS' : 'FAIL'}: ${run.wallSeconds} s wall, exit code ${run.exitCode}, exited by itself: ${run.exitedByItself} (${run.exitMsAfterLastAfterAll} ms after the last AfterAll), scenarios ${JSON.stringify(run.scenarios)}`,
  );
  for (const figures of run.memory) {
    console.log(
      `  ${figures.process} (${figures.scenarios} scenarios): RSS ${figures.rssStartMb} → ${figures.rssEndMb} MB (max ${figures.rssMaxMb} MB), ` +
        `heap ${figures.heapStartMb} → ${figures.heapEndMb} MB, still reachable after GC: ${figures.retained.worlds} Worlds, ${figures.retained.observers} observers`,
    );
  }
  for (const problem of run.problems) console.log(`  problem: ${problem}`);
  if (!run.passed) console.log(outcome.output.slice(-4000));
}
writeFileSync(join(WORK, 'report.json'), JSON.stringify(report, null, 2));
console.log(`soak: figures written to ${join('.tmp', 'soak', 'report.json')}`);
process.exitCode = report.runs.every((run) => run.passed) ? 0 : 1;
