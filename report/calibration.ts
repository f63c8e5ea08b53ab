// Timeout calibration: each wait step's times to success, and which timeouts are tight or loose for them, with a better value.
import type { WaitRow } from './wait-row.js';

/** A timeout below this many times the p95 time to success is tight: a slower day makes the wait fail (a flake). */
export const TIGHT_FACTOR = 2;
/** A timeout above this many times the p99 time to success is loose: when the system breaks, the failure comes late. */
export const LOOSE_FACTOR = 20;
/** The suggested timeout is this many times the p99 time to success (rounded up): between the two bounds. */
const SUGGESTED_FACTOR = 4;
/** No timeout is suggested below this, in ms: a wait needs room for a few cycles whatever its past. */
const MIN_SUGGESTED_MS = 100;
/** Runs needed before a step is judged; with fewer, the calibration says that more are needed. */
export const MIN_RUNS = 3;
/** Most times to success kept per wait step and run, so that a history stays small. */
const MAX_SAMPLES_PER_RUN = 200;

/** One wait step's waits in one run (all its shards): how long each success took, and how many timed out. */
export interface StepTimings {
  /** `uri:line` of the step. */
  readonly location: string;
  readonly text: string;
  /** The step's timeout in this run (the largest, if its waits had several). */
  readonly timeoutMs: number;
  /** Time each wait took to succeed, in ms, in run order (at most 200). */
  readonly successesMs: readonly number[];
  readonly timedOut: number;
}

/** Per wait step of a run, the times its bounded waits took to succeed: what a history keeps of the run. */
export function stepTimings(waits: readonly WaitRow[]): StepTimings[] {
  const byStep = new Map<string, { text: string; timeoutMs: number; successesMs: number[]; timedOut: number }>();
  for (const wait of waits) {
    if (wait.kind !== 'until' || !wait.step) continue;
    if (wait.outcome !== 'resolved' && wait.outcome !== 'timed-out') continue;
    const entry = byStep.get(wait.step.location) ?? { text: wait.step.text, timeoutMs: 0, successesMs: [], timedOut: 0 };
    entry.timeoutMs = Math.max(entry.timeoutMs, wait.timeoutMs);
    if (wait.outcome === 'timed-out') entry.timedOut += 1;
    else if (entry.successesMs.length < MAX_SAMPLES_PER_RUN) entry.successesMs.push(Math.round(wait.usedMs));
    byStep.set(wait.step.location, entry);
  }
  return [...byStep].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([location, entry]) => ({ location, ...entry }));
}

/** What the calibration says of one wait step. */
export type CalibrationVerdict = 'tight' | 'loose' | 'ok' | 'more-runs-needed';

export interface StepCalibration {
  readonly location: string;
  readonly text: string;
  readonly verdict: CalibrationVerdict;
  /** The timeout of the latest run that had the step. */
  readonly timeoutMs: number;
  /** Runs that had the step, and the waits of those runs that succeeded and that timed out. */
  readonly runs: number;
  readonly successes: number;
  readonly timedOut: number;
  readonly p50Ms: number | undefined;
  readonly p95Ms: number | undefined;
  readonly p99Ms: number | undefined;
  /** A timeout for a tight or loose step, in ms. */
  readonly suggestedMs: number | undefined;
  /** Why, in words. */
  readonly reason: string;
}

/** Judges each step from its timings in several runs, oldest run first. */
export function calibrate(runs: readonly (readonly StepTimings[])[]): StepCalibration[] {
  const byStep = new Map<string, StepTimings[]>();
  for (const run of runs) {
    for (const timings of run) {
      const list = byStep.get(timings.location) ?? [];
      list.push(timings);
      byStep.set(timings.location, list);
    }
  }
  return [...byStep].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([location, list]) => judge(location, list));
}

function judge(location: string, list: readonly StepTimings[]): StepCalibration {
  const latest = list[list.length - 1]!;
  const samples = list.flatMap((timings) => timings.successesMs).sort((a, b) => a - b);
  const timedOut = list.reduce((sum, timings) => sum + timings.timedOut, 0);
  const base = {
    location,
    text: latest.text,
    timeoutMs: latest.timeoutMs,
    runs: list.length,
    successes: samples.length,
    timedOut,
    p50Ms: quantile(samples, 0.5),
    p95Ms: quantile(samples, 0.95),
    p99Ms: quantile(samples, 0.99),
  };
  const timedOutNote = timedOut > 0 ? `; ${timedOut} timed out` : '';
  if (list.length < MIN_RUNS || samples.length === 0) {
    const have = samples.length === 0 ? 'no success yet' : `${list.length} run${list.length === 1 ? '' : 's'}`;
    return { ...base, verdict: 'more-runs-needed', suggestedMs: undefined, reason: `${have}; at least ${MIN_RUNS} runs are needed to judge${timedOutNote}` };
  }
  const p95 = base.p95Ms!;
  const p99 = base.p99Ms!;
  const suggestedMs = suggestTimeout(p99);
  if (latest.timeoutMs < TIGHT_FACTOR * p95) {
    return {
      ...base,
      verdict: 'tight',
      suggestedMs,
      reason: `the timeout (${ms(latest.timeoutMs)}) is below ${TIGHT_FACTOR}× the p95 time to success (${ms(p95)})${timedOutNote}`,
    };
  }
  if (latest.timeoutMs > LOOSE_FACTOR * p99) {
    return {
      ...base,
      verdict: 'loose',
      suggestedMs,
      reason: `the timeout (${ms(latest.timeoutMs)}) is above ${LOOSE_FACTOR}× the p99 time to success (${ms(p99)})${timedOutNote}`,
    };
  }
  return { ...base, verdict: 'ok', suggestedMs: undefined, reason: `within ${TIGHT_FACTOR}× p95 and ${LOOSE_FACTOR}× p99${timedOutNote}` };
}

/** The nearest-rank quantile of sorted samples; undefined when there are none. */
export function quantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** 4× the p99, rounded up to a value a person writes in a step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten), at least 100 ms. */
export function suggestTimeout(p99Ms: number): number {
  const wanted = Math.max(MIN_SUGGESTED_MS, SUGGESTED_FACTOR * p99Ms);
  const power = 10 ** Math.floor(Math.log10(wanted));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((factor) => factor * power).find((candidate) => candidate >= wanted)!;
}

/** A duration as a step writes it: "500ms", "2s", "1.5s". */
export function stepDuration(valueMs: number): string {
  return valueMs < 1000 ? `${Math.round(valueMs)}ms` : `${Math.round(valueMs / 100) / 10}s`;
}

function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : `${Math.round(value / 10) / 100} s`;
}
