// WaitLog, the scenario's record for the run report: every settled wait with the step that ran it, and per-observation cycle totals.
import { systemClock } from '../lib/clock.js';
import { cut } from '../lib/format.js';
import { groupBy } from '../lib/group-by.js';
import type { CycleReport, ObservationFailureStage, ObservationHandle, SettledWait } from '../lib/index.js';
import { RECORD_VERSION, type ObservationTotals, type RecordedWait, type ScenarioRecord, type StageFailures } from '../report/record.js';

/** Most waits listed per scenario; later ones are only counted. */
export const MAX_RECORDED_WAITS = 1000;
/** Longest description of what a wait awaited, and of a stage's last failure message, in a record. */
export const RECORD_TEXT_LIMIT = 300;

/** What the record needs of one run of an observation: its name, its handle's counters and the cycles it kept. */
export interface LoggedRun {
  readonly name: string;
  readonly handle: ObservationHandle;
  readonly cycles: readonly CycleReport[];
  readonly droppedCycles: number;
}

// A settled wait whose step is not known yet: the step it settled in is only seen when that step ends.
interface PendingWait {
  readonly observation: string;
  readonly wait: SettledWait;
  /** When it settled, by the system clock (the runtime's clock may be another). */
  readonly at: number;
}

/**
 * Collects a scenario's settled waits from its observations' handles, attributing each to the step running when it
 * settled (or, between steps, to the one that ran last: a wait that outlived its step ends in the After hook).
 * Steps are told either as they begin ({@link WaitLog.stepBegan}) or once they ended, with their start
 * ({@link WaitLog.stepEnded}). A runtime drops its listeners when it stops, so following one leaves nothing behind.
 */
export class WaitLog {
  readonly #waits: RecordedWait[] = [];
  #pending: PendingWait[] = [];
  #dropped = 0;
  #step: string | undefined;

  follow(observation: string, handle: ObservationHandle): void {
    handle.onWait((wait) => this.#record(observation, wait));
  }

  /** A step begins: waits from now on are its own. */
  stepBegan(pickleStepId: string | undefined): void {
    this.#settle(this.#step);
    this.#step = pickleStepId;
  }

  /** A step that began at `startedAt` (system clock) has ended: the waits that settled since then were its own. */
  stepEnded(pickleStepId: string | undefined, startedAt: number): void {
    if (this.#pending.length > 0) {
      for (const pending of this.#pending) this.#push(pending, pending.at >= startedAt ? pickleStepId : this.#step);
      this.#pending = [];
    }
    this.#step = pickleStepId;
  }

  #record(observation: string, wait: SettledWait): void {
    if (this.#waits.length + this.#pending.length >= MAX_RECORDED_WAITS) {
      this.#dropped += 1;
      return;
    }
    this.#pending.push({ observation, wait, at: systemClock.now() });
  }

  #settle(step: string | undefined): void {
    if (this.#pending.length === 0) return;
    for (const pending of this.#pending) this.#push(pending, step);
    this.#pending = [];
  }

  #push({ observation, wait }: PendingWait, step: string | undefined): void {
    this.#waits.push({
      observation,
      ...(step === undefined ? {} : { step }),
      awaited: cut(wait.awaited, RECORD_TEXT_LIMIT),
      timeoutMs: wait.timeoutMs,
      usedMs: Math.max(0, wait.endedAt - wait.startedAt),
      outcome: wait.outcome,
      cycles: wait.cycles,
      failedCycles: wait.failedCycles,
    });
  }

  /** The scenario's record, or undefined when no observation ran in it. */
  record(runs: readonly LoggedRun[]): ScenarioRecord | undefined {
    if (runs.length === 0) return undefined;
    this.#settle(this.#step);
    return { version: RECORD_VERSION, observations: totals(runs), waits: this.#waits, droppedWaits: this.#dropped };
  }
}

function totals(runs: readonly LoggedRun[]): ObservationTotals[] {
  return [...groupBy(runs, (run) => run.name)].map(([name, list]) => {
    const stages: Partial<Record<ObservationFailureStage, StageFailures>> = {};
    let cycles = 0;
    let failedCycles = 0;
    let droppedCycles = 0;
    for (const run of list) {
      const status = run.handle.status();
      cycles += status.cyclesCompleted;
      failedCycles += status.cyclesFailed;
      droppedCycles += run.droppedCycles;
      for (const report of run.cycles) {
        const failure = report.failure;
        if (!failure) continue;
        const seen = stages[failure.stage];
        stages[failure.stage] = { cycles: (seen?.cycles ?? 0) + 1, lastMessage: failure.message };
      }
    }
    for (const [stage, seen] of Object.entries(stages) as [ObservationFailureStage, StageFailures][]) {
      stages[stage] = { cycles: seen.cycles, lastMessage: cut(seen.lastMessage, RECORD_TEXT_LIMIT) };
    }
    const intervalMs = list[list.length - 1]!.handle.status().intervalMs;
    return { name, runs: list.length, intervalMs, cycles, failedCycles, stages, droppedCycles };
  });
}
