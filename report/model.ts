// The run report as data (what the JSON variant prints): waits against their timeouts, near misses, stages, retries.
import { groupBy } from '../lib/group-by.js';
import type { ObservationFailureStage } from '../lib/index.js';
import { stepTimings, type StepTimings } from './calibration.js';
import type { CollectedAttempt, CollectedRun } from './collect.js';
import type { ResolvedReportOptions } from './options.js';
import type { WaitKind, WaitRow } from './wait-row.js';

export type { WaitKind, WaitRow } from './wait-row.js';

/** Version of the report's JSON shape. */
export const REPORT_VERSION = 1;

export interface StageRow {
  readonly stage: ObservationFailureStage;
  readonly cycles: number;
  readonly lastMessage: string;
}

export interface ObservationRow {
  readonly observation: string;
  /** Scenario attempts it ran in. */
  readonly attempts: number;
  readonly runs: number;
  readonly cycles: number;
  readonly failedCycles: number;
  readonly stages: readonly StageRow[];
  readonly waits: number;
  readonly nearMisses: number;
  readonly timedOut: number;
}

export interface FeatureRow {
  readonly uri: string;
  readonly feature: string;
  readonly scenarios: number;
  readonly waits: number;
  readonly nearMisses: number;
  readonly timedOut: number;
  /** Highest share of its timeout that a bounded wait of the feature used (timed-out waits count as 1). */
  readonly maxShare: number | undefined;
}

export interface AttemptRow {
  readonly attempt: number;
  readonly status: string;
  /** The first step that did not pass, with the first line of its message. */
  readonly failedStep: { readonly text: string; readonly location: string; readonly message: string } | undefined;
  readonly waits: number;
  readonly nearMisses: number;
  readonly timedOut: number;
}

export interface RetriedScenario {
  readonly uri: string;
  readonly scenario: string;
  readonly scenarioLocation: string;
  readonly finalStatus: string;
  readonly attempts: readonly AttemptRow[];
}

export interface ObservationReport {
  readonly reportVersion: typeof REPORT_VERSION;
  readonly options: { readonly nearMiss: number; readonly slowest: number };
  readonly runs: { readonly count: number; readonly success: boolean; readonly durationMs: number | undefined };
  readonly totals: {
    readonly scenarios: number;
    readonly attempts: number;
    readonly retriedScenarios: number;
    readonly scenariosWithRecords: number;
    readonly observations: number;
    readonly waits: number;
    readonly bounded: number;
    readonly holds: number;
    readonly nearMisses: number;
    readonly timedOut: number;
    readonly otherwiseFailed: number;
    readonly droppedWaits: number;
  };
  /** Near misses first: passing bounded waits at or above the share, most of their timeout used first. */
  readonly nearMisses: readonly WaitRow[];
  readonly timedOut: readonly WaitRow[];
  /** The bounded waits that took longest. */
  readonly slowest: readonly WaitRow[];
  readonly observations: readonly ObservationRow[];
  readonly features: readonly FeatureRow[];
  readonly retried: readonly RetriedScenario[];
  /** Every wait of the run, by feature, scenario, attempt and order. */
  readonly waits: readonly WaitRow[];
  /** Per wait step (`uri:line`), the time each of its bounded waits took to succeed: what a history file keeps. */
  readonly timings: readonly StepTimings[];
  readonly problems: readonly string[];
}

/** Builds the report of one run, or of several (shards) merged: their scenarios are put together, in file and line order. */
export function buildReport(runs: readonly CollectedRun[], options: ResolvedReportOptions): ObservationReport {
  const attempts = runs.flatMap((run) => run.attempts).sort(byLocation);
  const waits = attempts.flatMap((attempt) => waitRows(attempt, options.nearMiss));
  const bounded = waits.filter((wait) => wait.kind === 'until');
  const nearMisses = waits.filter((wait) => wait.nearMiss).sort((a, b) => b.share - a.share || byRow(a, b));
  const timedOut = waits.filter((wait) => wait.outcome === 'timed-out' && wait.kind === 'until');
  const slowest = [...bounded].sort((a, b) => b.usedMs - a.usedMs || byRow(a, b)).slice(0, options.slowest);
  const scenarioKeys = new Set(attempts.map(scenarioKey));
  const retried = retriedScenarios(attempts, waits);
  const observations = observationRows(attempts, waits);
  return {
    reportVersion: REPORT_VERSION,
    options: { nearMiss: options.nearMiss, slowest: options.slowest },
    runs: {
      count: runs.length,
      success: runs.every((run) => run.success === true),
      durationMs: runs.some((run) => run.durationMs === undefined) ? undefined : Math.max(0, ...runs.map((run) => run.durationMs!)),
    },
    totals: {
      scenarios: scenarioKeys.size,
      attempts: attempts.length,
      retriedScenarios: retried.length,
      scenariosWithRecords: new Set(attempts.filter((attempt) => attempt.record).map(scenarioKey)).size,
      observations: observations.length,
      waits: waits.length,
      bounded: bounded.length,
      holds: waits.length - bounded.length,
      nearMisses: nearMisses.length,
      timedOut: timedOut.length,
      otherwiseFailed: waits.filter((wait) => wait.outcome === 'failed').length,
      droppedWaits: attempts.reduce((sum, attempt) => sum + (attempt.record?.droppedWaits ?? 0), 0),
    },
    nearMisses,
    timedOut,
    slowest,
    observations,
    features: featureRows(attempts, waits),
    retried,
    waits,
    timings: stepTimings(waits),
    problems: runs.flatMap((run) => run.problems),
  };
}

function location(uri: string, line: number | undefined): string {
  return line === undefined ? uri : `${uri}:${line}`;
}

function scenarioKey(attempt: CollectedAttempt): string {
  return `${location(attempt.uri, attempt.line)} ${attempt.scenario}`;
}

function byLocation(a: CollectedAttempt, b: CollectedAttempt): number {
  return (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || a.scenario.localeCompare(b.scenario) || a.attempt - b.attempt;
}

// Ties in the sorted lists keep the run's order: feature, scenario, attempt, then the waits' own order.
function byRow(a: WaitRow, b: WaitRow): number {
  return a.uri.localeCompare(b.uri) || a.scenarioLocation.localeCompare(b.scenarioLocation, undefined, { numeric: true }) || a.attempt - b.attempt;
}

function waitRows(attempt: CollectedAttempt, threshold: number): WaitRow[] {
  const record = attempt.record;
  if (!record) return [];
  return record.waits.map((wait) => {
    const step = wait.step === undefined ? undefined : attempt.steps.get(wait.step);
    // A wait that timed out in a step that passed was awaited to time out ("no event … for 1s").
    const kind: WaitKind = wait.outcome === 'held' || (wait.outcome === 'timed-out' && step?.status === 'PASSED') ? 'hold' : 'until';
    const share = wait.timeoutMs > 0 ? wait.usedMs / wait.timeoutMs : 0;
    return {
      uri: attempt.uri,
      feature: attempt.feature,
      scenario: attempt.scenario,
      scenarioLocation: location(attempt.uri, attempt.line),
      attempt: attempt.attempt,
      step: step && { text: step.text, location: location(attempt.uri, step.line) },
      observation: wait.observation,
      awaited: wait.awaited,
      timeoutMs: wait.timeoutMs,
      usedMs: wait.usedMs,
      share,
      slackMs: wait.timeoutMs - wait.usedMs,
      outcome: wait.outcome,
      kind,
      cycles: wait.cycles,
      failedCycles: wait.failedCycles,
      nearMiss: kind === 'until' && wait.outcome === 'resolved' && share >= threshold,
    };
  });
}

function observationRows(attempts: readonly CollectedAttempt[], waits: readonly WaitRow[]): ObservationRow[] {
  const rows = new Map<string, { attempts: number; runs: number; cycles: number; failedCycles: number; stages: Map<ObservationFailureStage, StageRow> }>();
  for (const attempt of attempts) {
    for (const totals of attempt.record?.observations ?? []) {
      const row = rows.get(totals.name) ?? { attempts: 0, runs: 0, cycles: 0, failedCycles: 0, stages: new Map() };
      row.attempts += 1;
      row.runs += totals.runs;
      row.cycles += totals.cycles;
      row.failedCycles += totals.failedCycles;
      for (const [stage, failures] of Object.entries(totals.stages) as [ObservationFailureStage, { cycles: number; lastMessage: string }][]) {
        const seen = row.stages.get(stage);
        row.stages.set(stage, { stage, cycles: (seen?.cycles ?? 0) + failures.cycles, lastMessage: failures.lastMessage });
      }
      rows.set(totals.name, row);
    }
  }
  return [...rows]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([observation, row]) => {
      const own = waits.filter((wait) => wait.observation === observation);
      return {
        observation,
        attempts: row.attempts,
        runs: row.runs,
        cycles: row.cycles,
        failedCycles: row.failedCycles,
        stages: [...row.stages.values()].sort((a, b) => a.stage.localeCompare(b.stage)),
        waits: own.length,
        nearMisses: own.filter((wait) => wait.nearMiss).length,
        timedOut: own.filter((wait) => wait.outcome === 'timed-out' && wait.kind === 'until').length,
      };
    });
}

function featureRows(attempts: readonly CollectedAttempt[], waits: readonly WaitRow[]): FeatureRow[] {
  const uris = [...new Set(attempts.map((attempt) => attempt.uri))];
  return uris.map((uri) => {
    const own = waits.filter((wait) => wait.uri === uri);
    const shares = own.filter((wait) => wait.kind === 'until').map((wait) => (wait.outcome === 'timed-out' ? 1 : wait.share));
    return {
      uri,
      feature: attempts.find((attempt) => attempt.uri === uri)!.feature,
      scenarios: new Set(attempts.filter((attempt) => attempt.uri === uri).map(scenarioKey)).size,
      waits: own.length,
      nearMisses: own.filter((wait) => wait.nearMiss).length,
      timedOut: own.filter((wait) => wait.outcome === 'timed-out' && wait.kind === 'until').length,
      maxShare: shares.length === 0 ? undefined : Math.max(...shares),
    };
  });
}

function retriedScenarios(attempts: readonly CollectedAttempt[], waits: readonly WaitRow[]): RetriedScenario[] {
  return [...groupBy(attempts, scenarioKey).values()]
    .filter((list) => list.length > 1)
    .map((list) => {
      const first = list[0]!;
      const scenarioLocation = location(first.uri, first.line);
      return {
        uri: first.uri,
        scenario: first.scenario,
        scenarioLocation,
        finalStatus: list[list.length - 1]!.status,
        attempts: list.map((attempt) => {
          const own = waits.filter((wait) => wait.scenarioLocation === scenarioLocation && wait.attempt === attempt.attempt);
          const failed = [...attempt.steps.values()].find((step) => step.status !== 'PASSED' && step.status !== 'UNKNOWN' && step.status !== 'SKIPPED');
          return {
            attempt: attempt.attempt,
            status: attempt.status,
            failedStep: failed && {
              text: failed.text,
              location: location(attempt.uri, failed.line),
              message: (failed.message ?? failed.status).split('\n')[0]!,
            },
            waits: own.length,
            nearMisses: own.filter((wait) => wait.nearMiss).length,
            timedOut: own.filter((wait) => wait.outcome === 'timed-out' && wait.kind === 'until').length,
          };
        }),
      };
    });
}
