// The record each scenario attaches for the run report: its schema, its media type, and the check that reads one back.
import { messageOf } from '../lib/format.js';
import type { ObservationFailureStage, WaitOutcome } from '../lib/index.js';

/** Media type of the one record per scenario that the plugin's After hook attaches to Cucumber's message stream. */
export const RECORD_MEDIA_TYPE = 'application/vnd.cucumber-observation.record+json';

/** Version of the record's schema; a report refuses records of a version it does not know. */
export const RECORD_VERSION = 1;

/** One settled wait of a scenario. */
export interface RecordedWait {
  readonly observation: string;
  /** The pickle step that ran the wait (the step running when it settled, else the one before); absent outside any step. */
  readonly step?: string;
  readonly awaited: string;
  readonly timeoutMs: number;
  /** Time from the wait's start to its end, on the observation's clock. */
  readonly usedMs: number;
  readonly outcome: WaitOutcome;
  readonly cycles: number;
  readonly failedCycles: number;
}

/** Failed cycles of one stage, with the message of the last one. */
export interface StageFailures {
  readonly cycles: number;
  readonly lastMessage: string;
}

/** One observation's totals in a scenario, over every run of it (a step may stop and start it again). */
export interface ObservationTotals {
  readonly name: string;
  readonly runs: number;
  readonly intervalMs: number;
  readonly cycles: number;
  readonly failedCycles: number;
  /** Failed cycles by stage, counted over the cycles kept for the timeline (all of them unless `droppedCycles`). */
  readonly stages: Partial<Record<ObservationFailureStage, StageFailures>>;
  readonly droppedCycles: number;
}

/** What one scenario attempt recorded. */
export interface ScenarioRecord {
  readonly version: typeof RECORD_VERSION;
  readonly observations: readonly ObservationTotals[];
  readonly waits: readonly RecordedWait[];
  /** Waits settled beyond the per-scenario bound, counted but not listed. */
  readonly droppedWaits: number;
}

/** Reads an attachment's body back into a record; throws an Error saying what is wrong with it. */
export function parseScenarioRecord(body: string): ScenarioRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new Error(`a ${RECORD_MEDIA_TYPE} attachment is not JSON: ${messageOf(error)}`);
  }
  const record = parsed as Partial<ScenarioRecord> | null;
  if (typeof record !== 'object' || record === null || record.version !== RECORD_VERSION) {
    throw new Error(
      `a ${RECORD_MEDIA_TYPE} attachment has version ${JSON.stringify((record as { version?: unknown } | null)?.version)}; ` +
        `this report reads version ${RECORD_VERSION}: make the report with the cucumber-observation version that ran the suite`,
    );
  }
  if (!Array.isArray(record.observations) || !Array.isArray(record.waits)) {
    throw new Error(`a ${RECORD_MEDIA_TYPE} attachment lacks its "observations" or "waits" list`);
  }
  return record as ScenarioRecord;
}
