// The shape every benchmark case returns, and how a case's result is judged against its target.
import { round } from './stats.js';

/** A target from the issue, and whether this run met it. */
export interface Target {
  readonly name: string;
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  readonly met: boolean;
}

/** One case's figures: a table for people, and `data` with every statistic for results.json. */
export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly targets: readonly Target[];
  readonly notes: readonly string[];
  readonly data: Record<string, unknown>;
  readonly wallMs: number;
}

/** A target met when `value <= limit`. */
export function atMost(name: string, value: number, limit: number, unit: string): Target {
  return { name, value: round(value, 4), limit, unit, met: value <= limit };
}
