// The history file: each wait step's times to success over past runs, merged across shards by run id, for CI to cache.
import { messageOf } from '../lib/format.js';
import type { StepTimings } from './calibration.js';

/** Version of the history file's shape; a history of another version is refused, not guessed at. */
const HISTORY_VERSION = 1;
/** Most runs a history keeps; the oldest go first. */
export const MAX_HISTORY_RUNS = 30;

/** One run of the suite (all its shards) as the history keeps it. */
interface HistoryRun {
  /** Names the run, such as a CI run id: shards added under one id are one run. */
  readonly id: string;
  /** When it was first added, ISO 8601. */
  readonly addedAt: string;
  readonly steps: readonly StepTimings[];
}

export interface TimingHistory {
  readonly historyVersion: typeof HISTORY_VERSION;
  /** Oldest first. */
  readonly runs: readonly HistoryRun[];
}

/** An empty history, for the first run. */
export function emptyHistory(): TimingHistory {
  return { historyVersion: HISTORY_VERSION, runs: [] };
}

/**
 * The history with one more run's timings: under an id already there (another shard of that run), they join that
 * run, the same step's samples put together; else they make a new run, and runs past the last 30 are dropped.
 */
export function addRun(history: TimingHistory, id: string, steps: readonly StepTimings[], now: Date = new Date()): TimingHistory {
  const existing = history.runs.find((run) => run.id === id);
  if (!existing) {
    const runs = [...history.runs, { id, addedAt: now.toISOString(), steps: [...steps] }];
    return { historyVersion: HISTORY_VERSION, runs: runs.slice(-MAX_HISTORY_RUNS) };
  }
  const merged = new Map(existing.steps.map((step) => [step.location, step]));
  for (const step of steps) {
    const seen = merged.get(step.location);
    merged.set(
      step.location,
      seen
        ? {
            location: step.location,
            text: step.text,
            timeoutMs: Math.max(seen.timeoutMs, step.timeoutMs),
            successesMs: [...seen.successesMs, ...step.successesMs],
            timedOut: seen.timedOut + step.timedOut,
          }
        : step,
    );
  }
  const mergedSteps = [...merged.values()].sort((a, b) => a.location.localeCompare(b.location, undefined, { numeric: true }));
  return { historyVersion: HISTORY_VERSION, runs: history.runs.map((run) => (run === existing ? { ...run, steps: mergedSteps } : run)) };
}

/** Reads a history file's text; `source` names it in errors, which say what is wrong. */
export function parseHistory(text: string, source: string): TimingHistory {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON (${messageOf(error)}); expected a history written by "cucumber-observation history"`);
  }
  const history = parsed as Partial<TimingHistory> | null;
  if (typeof history !== 'object' || history === null || history.historyVersion !== HISTORY_VERSION) {
    throw new Error(
      `${source} has history version ${JSON.stringify((history as { historyVersion?: unknown } | null)?.historyVersion)}; ` +
        `this version reads ${HISTORY_VERSION}: start a new history file`,
    );
  }
  if (!Array.isArray(history.runs) || !history.runs.every(isRun)) {
    throw new Error(`${source}: "runs" must be a list of { id, addedAt, steps: [{ location, text, timeoutMs, successesMs, timedOut }] }`);
  }
  return history as TimingHistory;
}

function isRun(run: unknown): run is HistoryRun {
  const candidate = run as Partial<HistoryRun> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.id === 'string' &&
    Array.isArray(candidate.steps) &&
    candidate.steps.every(
      (step) =>
        typeof step?.location === 'string' &&
        typeof step.timeoutMs === 'number' &&
        typeof step.timedOut === 'number' &&
        Array.isArray(step.successesMs) &&
        step.successesMs.every((value: unknown) => typeof value === 'number' && Number.isFinite(value)),
    )
  );
}
