// The test tiers (unit, integration, package, e2e): which tier each *.test.ts belongs to, and the runner of one or more tiers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureSystemPackages } from './system-deps.mjs';

/** @typedef {'unit' | 'integration' | 'package' | 'e2e'} Tier */

/**
 * The tiers, in the order `npm test` runs them. `needs` is what a tier needs beyond `npm ci` (the Debian packages
 * themselves are listed, with the tiers that need them, in scripts/system-deps.mjs).
 * @type {Readonly<Record<Tier, { readonly what: string, readonly needs: string }>>}
 */
export const TIERS = {
  unit: {
    what: 'unit tests of lib/, support/, report/ and the other modules: no Cucumber run, no system package, no internet',
    needs: 'nothing but npm ci; loopback servers and short child processes of Node only',
  },
  integration: {
    what: 'Cucumber runs of the fixture features and of the catalog and kv-cluster suites, the kv-cluster example against real Node processes, and long runs of pure code (200,000 cycles)',
    needs: 'nothing but npm ci',
  },
  package: {
    what: 'the packed tarball installed and run on every supported Node and Cucumber version',
    needs: 'the npm registry (Node 22 and 24 are fetched once into ~/.cache/cucumber-observation/node)',
  },
  e2e: {
    what: 'the timeline in a real browser, the etcd suites, the process module and cluster tests against real etcd processes, and the bench harness at a tiny size (its cluster-start case starts etcd)',
    needs: 'Debian packages chromium, etcd-server and etcd-client (installed when run as root with apt-get, else named with the command that installs them)',
  },
};

/**
 * Test files outside the folders of pure modules, each with its tier. A new file goes here, or says its tier in its
 * name (`*.integration.test.ts`, `*.package.test.ts`, `*.e2e.test.ts`, `*.unit.test.ts`); a file that does neither
 * fails every tier run, naming it.
 * @type {Readonly<Record<string, Tier>>}
 */
export const LISTED = {
  'test/etcd-observer.test.ts': 'unit',
  'test/etcd-watch.test.ts': 'unit',
  'test/faults.test.ts': 'unit',
  'test/kv-cluster-observer.test.ts': 'unit',
  'test/properties.test.ts': 'unit',
  'test/docs.test.ts': 'unit',
  'test/system-deps.test.ts': 'unit',
  'test/test-tiers.test.ts': 'unit',
  // A long run of pure code: 200,000 cycles.
  'test/cycle-signal-leak.test.ts': 'integration',
  'test/catalog.test.ts': 'integration',
  'test/example-etcd.test.ts': 'integration',
  'test/features-coverage.test.ts': 'integration',
  'test/hooks-reliability.test.ts': 'integration',
  'test/hostile-values.test.ts': 'integration',
  'test/listener-failures.test.ts': 'integration',
  'test/orphan-workers.test.ts': 'integration',
  'test/report.test.ts': 'integration',
  'test/calibration.test.ts': 'integration',
  'test/diagnostics.test.ts': 'integration',
  'test/docs-examples.test.ts': 'integration',
  'test/processes-orphans.test.ts': 'integration',
  'test/processes-steps.test.ts': 'integration',
  'test/value-tracks.test.ts': 'integration',
  'test/steps-bounds-guards.test.ts': 'integration',
  'test/steps-checks.test.ts': 'integration',
  'test/steps-events-more.test.ts': 'integration',
  'test/steps-failures.test.ts': 'integration',
  'test/steps-hooks.test.ts': 'integration',
  'test/steps-input.test.ts': 'integration',
  'test/steps-snapshot.test.ts': 'integration',
  'examples/kv-cluster/cluster.test.ts': 'integration',
  'test/node-binaries.test.ts': 'package',
  'test/package.test.ts': 'package',
  'test/timeline-browser.test.ts': 'e2e',
  'examples/etcd/cluster.test.ts': 'e2e',
  'processes/etcd.test.ts': 'e2e',
  // The benchmark harness at a tiny size, every case once: the cluster-start case starts etcd.
  'bench/bench.test.ts': 'e2e',
};

/** Folders of pure modules: a test file anywhere under them is a unit test unless its name says otherwise. */
export const UNIT_FOLDERS = ['lib', 'support', 'report', 'steps', 'processes', 'sources', 'bench'];

// Never searched for test files: dependencies, build output, scratch space, fixtures of a packed consumer.
const IGNORED = new Set(['node_modules', 'dist', 'reports', '.tmp', '.git']);

/**
 * The tier of a test file (a path relative to the repository, with `/`), or undefined when nothing places it.
 * @param {string} file
 * @returns {Tier | undefined}
 */
export function tierOf(file) {
  const named = /\.(unit|integration|package|e2e)\.test\.[cm]?[jt]s$/.exec(file)?.[1];
  if (named) return /** @type {Tier} */ (named);
  if (Object.hasOwn(LISTED, file)) return LISTED[file];
  if (UNIT_FOLDERS.includes(file.split('/')[0] ?? '')) return 'unit';
  return undefined;
}

/**
 * Every test file of the repository, sorted, as paths relative to `root` with `/`.
 * @param {string} root
 */
export function testFiles(root = '.') {
  /** @type {string[]} */
  const found = [];
  /** @param {string} folder */
  const walk = (folder) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      if (IGNORED.has(entry.name) || (folder === '' && entry.name.startsWith('.'))) continue;
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!path.startsWith('test/fixtures/consumer')) walk(path);
      } else if (/\.test\.[cm]?[jt]s$/.test(entry.name)) found.push(path);
    }
  };
  walk('');
  return found.sort();
}

/**
 * The files of each tier, and those that belong to none.
 * @param {readonly string[]} files
 */
export function byTier(files) {
  /** @type {Record<Tier, string[]>} */
  const tiers = { unit: [], integration: [], package: [], e2e: [] };
  /** @type {string[]} */
  const unplaced = [];
  for (const file of files) {
    const tier = tierOf(file);
    if (tier) tiers[tier].push(file);
    else unplaced.push(file);
  }
  const stale = Object.keys(LISTED).filter((file) => !files.includes(file));
  return { tiers, unplaced, stale };
}

/**
 * The closing lines of a TAP stream (`# tests 12`, `# pass 12`, `# fail 0`, …), from the last summary in it.
 * @param {string} tap
 */
export function tapSummary(tap) {
  const lines = tap.split('\n').filter((line) => /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(line));
  return lines.slice(-8);
}

/**
 * Runs one tier with Node's test runner: readable output on the console, and the TAP summary lines at the end.
 * @param {Tier} tier
 * @param {readonly string[]} files
 * @returns {{ status: number, summary: string[], seconds: number }}
 */
function runTier(tier, files) {
  const started = performance.now();
  mkdirSync('.tmp', { recursive: true });
  const tap = join('.tmp', `test-${tier}-${process.pid}.tap`);
  const reporter = process.stdout.isTTY ? 'spec' : 'tap';
  // Unit test files share no state and start no suite, so they run one per core; the other tiers start whole Cucumber
  // runs and processes, which would crowd each other out, so they run one file at a time.
  const concurrency = tier === 'unit' ? availableParallelism() : 1;
  const args = [
    '--import',
    './register-ts-node.mjs',
    '--test',
    `--test-concurrency=${concurrency}`,
    `--test-reporter=${reporter}`,
    '--test-reporter-destination=stdout',
  ];
  args.push('--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  let summary = [];
  try {
    summary = tapSummary(readFileSync(tap, 'utf8'));
  } catch {
    summary = ['# no TAP summary was written'];
  } finally {
    rmSync(tap, { force: true });
  }
  return { status: result.status ?? 1, summary, seconds: (performance.now() - started) / 1000 };
}

/** @param {string[]} args */
function main(args) {
  const names = args.filter((arg) => Object.hasOwn(TIERS, arg));
  const filters = args.filter((arg) => !Object.hasOwn(TIERS, arg));
  if (names.length === 0) {
    console.error(`name a tier: ${Object.keys(TIERS).join(', ')} (then optional parts of file names to run only those)`);
    process.exit(2);
  }
  const { tiers, unplaced, stale } = byTier(testFiles());
  if (unplaced.length > 0 || stale.length > 0) {
    for (const file of unplaced) {
      console.error(`${file} belongs to no test tier: name it *.<tier>.test.ts (unit, integration, package, e2e) or list it in scripts/test-tiers.mjs`);
    }
    for (const file of stale) console.error(`scripts/test-tiers.mjs lists ${file}, which does not exist: remove or rename the entry`);
    process.exit(1);
  }
  /** @type {string[]} */
  const report = [];
  let failed = false;
  for (const name of /** @type {Tier[]} */ (names)) {
    const files = tiers[name].filter((file) => filters.length === 0 || filters.some((part) => file.includes(part.split(sep).join('/'))));
    if (files.length === 0) {
      console.error(`no ${name} test files${filters.length > 0 ? ` matching ${filters.join(', ')}` : ''}`);
      failed = true;
      continue;
    }
    try {
      ensureSystemPackages(name);
    } catch (error) {
      console.error(/** @type {Error} */ (error).message);
      failed = true;
      report.push(`# tier ${name}: not run, a system package is missing`);
      continue;
    }
    const { status, summary, seconds } = runTier(name, files);
    failed ||= status !== 0;
    report.push(`# tier ${name}: ${files.length} files, ${Math.round(seconds)} s, exit ${status}`, ...summary);
  }
  console.log(report.join('\n'));
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
