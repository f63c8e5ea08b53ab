// Case 3: what observation adds to a Cucumber run: the same trivial suite with and without an observation per scenario.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from '../children.js';
import { atMost, type CaseResult } from '../report.js';
import { rotate, round, roundSummary, summarize } from '../stats.js';

/** Sizes of the per-scenario case. */
export interface ScenarioCostOptions {
  readonly scenarios: number;
  /** Which suites to run; 'plain' and 'observed' are always needed for the ratio. */
  readonly variants: readonly Variant[];
  /** Rounds; each runs every variant once, one after the other, the order rotating every round. */
  readonly rounds: number;
}

const VARIANTS = ['plain', 'empty-hooks', 'catalog-only', 'plugin-idle', 'observed-unrecorded', 'observed'] as const;
type Variant = (typeof VARIANTS)[number];

/** What `npm run bench` runs; the tiny size only proves the harness works. */
export const SCENARIO_COST_FULL: ScenarioCostOptions = { scenarios: 500, variants: VARIANTS, rounds: 4 };
export const SCENARIO_COST_TINY: ScenarioCostOptions = { scenarios: 3, variants: ['plain', 'observed'], rounds: 1 };

interface ChildResult {
  readonly variant: Variant;
  readonly success: boolean;
  readonly scenarios: number;
  readonly observersCreated: number;
  readonly runCucumberMs: number;
  readonly testRunMs: number;
  readonly testRunCpuMs: number;
}

const LABELS: Readonly<Record<Variant, string>> = {
  plain: 'without observation',
  'empty-hooks': 'empty hooks where the plugin has its own',
  'catalog-only': "the plugin's step definitions, no hooks",
  'plugin-idle': 'plugin hooks, no observation started',
  'observed-unrecorded': 'the same, without recording waits for the run report',
  observed: 'plugin hooks + 1 observation per scenario',
};

/** A feature of `count` three-step scenarios. */
function trivialFeature(count: number): string {
  const scenarios = Array.from(
    { length: count },
    (_, index) =>
      `  Scenario: trivial ${index + 1}\n    Given a counter at ${index}\n    When the counter is incremented\n    Then the counter is ${index + 1}\n`,
  );
  return `Feature: trivial scenarios for the per-scenario benchmark\n\n${scenarios.join('\n')}`;
}

/**
 * Each run is a fresh child process (bench/children/cucumber-run.ts) calling Cucumber's API on the same generated
 * feature: "plain" loads only the trivial steps; "observed" also imports the plugin's steps and hooks and defines one
 * observation (50 ms interval) that the Before hook starts and the After hook stops in every scenario. Two more
 * variants split the difference: empty Before/After/AfterStep hooks (what Cucumber charges for hooks at all), the
 * plugin's step definitions without its hooks (what Cucumber charges for matching steps among them), and the plugin's
 * hooks with an observation that applies to no scenario; and the observed suite with the run
 * report's wait recording turned off (bench/suite/observed-unrecorded.ts), for what recording adds. The headline is the test run
 * (testRunStarted to testRunFinished: every scenario with its hooks), wall and CPU; loading the support code is
 * reported apart, because it is paid once per run, not per scenario.
 */
export async function runScenarioCost(options: ScenarioCostOptions): Promise<CaseResult> {
  const began = performance.now();
  const folder = mkdtempSync(join(tmpdir(), 'cucumber-observation-bench-'));
  const feature = join(folder, 'trivial.feature');
  writeFileSync(feature, trivialFeature(options.scenarios));
  if (!options.variants.includes('plain') || !options.variants.includes('observed')) {
    throw new TypeError(`variants must include 'plain' and 'observed', got ${options.variants.join(', ')}`);
  }
  const runs = new Map(options.variants.map((variant) => [variant, [] as { testRunMs: number; cpuMs: number; loadMs: number; processMs: number }[]]));
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      for (const variant of rotate(options.variants, round)) {
        const { result, processMs } = await runChild<ChildResult>('bench/children/cucumber-run.ts', [variant, feature]);
        const expectedObservers = variant.startsWith('observed') ? options.scenarios : 0;
        if (!result.success || result.scenarios !== options.scenarios || result.observersCreated !== expectedObservers) {
          throw new Error(`the ${variant} suite did not run as intended: ${JSON.stringify(result)}`);
        }
        runs.get(variant)!.push({
          testRunMs: result.testRunMs,
          cpuMs: result.testRunCpuMs,
          loadMs: result.runCucumberMs - result.testRunMs,
          processMs,
        });
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const stats = options.variants.map((variant) => {
    const list = runs.get(variant)!;
    return {
      variant,
      testRunMs: summarize(list.map((run) => run.testRunMs)),
      cpuMs: summarize(list.map((run) => run.cpuMs)),
      loadMs: summarize(list.map((run) => run.loadMs)),
      processMs: summarize(list.map((run) => run.processMs)),
    };
  });
  const plain = stats.find((entry) => entry.variant === 'plain')!;
  const observed = stats.find((entry) => entry.variant === 'observed')!;
  const ratio = observed.testRunMs.p50 / plain.testRunMs.p50;
  const cpuRatio = observed.cpuMs.p50 / plain.cpuMs.p50;
  const perScenario = (observed.testRunMs.p50 - plain.testRunMs.p50) / options.scenarios;
  const cpuPerScenario = (observed.cpuMs.p50 - plain.cpuMs.p50) / options.scenarios;
  const unrecorded = stats.find((entry) => entry.variant === 'observed-unrecorded');
  const recording = unrecorded && {
    cpuUsPerScenario: (1000 * (observed.cpuMs.p50 - unrecorded.cpuMs.p50)) / options.scenarios,
    wallUsPerScenario: (1000 * (observed.testRunMs.p50 - unrecorded.testRunMs.p50)) / options.scenarios,
    // The noise to compare it with: the spread of the observed suite's own runs.
    cpuSpreadUsPerScenario: (1000 * (observed.cpuMs.max - observed.cpuMs.min)) / options.scenarios,
  };
  const rows = stats.map((entry) => [
    LABELS[entry.variant],
    entry.testRunMs.n,
    entry.testRunMs.p50,
    entry.testRunMs.max,
    `${round(entry.testRunMs.p50 / plain.testRunMs.p50, 2)}x`,
    entry.cpuMs.p50,
    `${round(entry.cpuMs.p50 / plain.cpuMs.p50, 2)}x`,
    (1000 * entry.cpuMs.p50) / options.scenarios,
    entry.loadMs.p50,
  ]);
  return {
    id: 'scenario-cost',
    title: `3. Per-scenario cost (Cucumber API, ${options.scenarios} trivial scenarios; test run wall and CPU in ms)`,
    headers: ['suite', 'runs', 'wall p50', 'wall max', 'wall ratio', 'CPU p50', 'CPU ratio', 'CPU µs/scenario', 'load p50'],
    rows,
    targets: [atMost('Cucumber test run with/without observation (x)', ratio, 1.05, 'x')],
    notes: [
      `Test run with observation: ${round(ratio, 3)}x the wall time (${round(perScenario * 1000, 0)} µs more per scenario) and ` +
        `${round(cpuRatio, 3)}x the CPU (${round(cpuPerScenario * 1000, 0)} µs per scenario), medians. ` +
        `${options.rounds} rounds, the order rotating; with ${options.rounds} runs per suite, max stands in for p99.`,
      `"load" is support-code loading before the first scenario, once per run; here it includes ts-node transpiling the plugin's ` +
        `TypeScript sources (the whole-run ratio is ${round(observed.processMs.p50 / plain.processMs.p50, 2)}x by process wall time).`,
      ...(recording
        ? [
            `Recording waits for the run report (one record attached per scenario): ${round(recording.cpuUsPerScenario, 0)} µs CPU and ` +
              `${round(recording.wallUsPerScenario, 0)} µs wall per scenario (medians, observed minus unrecorded); the observed suite's ` +
              `own CPU spread across rounds is ${round(recording.cpuSpreadUsPerScenario, 0)} µs per scenario.`,
          ]
        : []),
    ],
    data: {
      options,
      testRunRatio: round(ratio, 4),
      addedMsPerScenario: round(perScenario, 5),
      cpuRatio: round(cpuRatio, 4),
      addedCpuMsPerScenario: round(cpuPerScenario, 5),
      processRatio: round(observed.processMs.p50 / plain.processMs.p50, 4),
      ...(recording
        ? { recordingCpuUsPerScenario: round(recording.cpuUsPerScenario, 1), recordingWallUsPerScenario: round(recording.wallUsPerScenario, 1) }
        : {}),
      variants: stats.map((entry) => ({
        variant: entry.variant,
        testRunMs: roundSummary(entry.testRunMs),
        cpuMs: roundSummary(entry.cpuMs),
        loadMs: roundSummary(entry.loadMs),
        processMs: roundSummary(entry.processMs),
      })),
    },
    wallMs: performance.now() - began,
  };
}
