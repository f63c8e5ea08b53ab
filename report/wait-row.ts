// One wait of the run report: what it awaited, its timeout and the time it used (its own file: calibration reads it too).
import type { WaitOutcome } from '../lib/index.js';

/**
 * `until`: a wait bounded by its timeout, the kind that can be a near miss. `hold`: a wait whose deadline was its success
 * ("should stay … for 2s", "no event … for 1s"): it uses its whole duration by design, so it is never a near miss.
 */
export type WaitKind = 'until' | 'hold';

export interface WaitRow {
  readonly uri: string;
  readonly feature: string;
  readonly scenario: string;
  /** `uri:line` of the scenario (its example row for an outline). */
  readonly scenarioLocation: string;
  readonly attempt: number;
  /** The step that ran the wait; undefined when it ran outside any step. */
  readonly step: { readonly text: string; readonly location: string } | undefined;
  readonly observation: string;
  readonly awaited: string;
  readonly timeoutMs: number;
  readonly usedMs: number;
  /** usedMs / timeoutMs. */
  readonly share: number;
  /** timeoutMs - usedMs: what was left. */
  readonly slackMs: number;
  readonly outcome: WaitOutcome;
  readonly kind: WaitKind;
  readonly cycles: number;
  readonly failedCycles: number;
  readonly nearMiss: boolean;
}
