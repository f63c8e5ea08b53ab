// The per-observation summary the After hook attaches to the report as JSON.
import { cut } from '../lib/format.js';
import type { ObservationBatch, ObservationFailure, ObservationSnapshot, ObservationStatus } from '../lib/index.js';
import type { ObservationRun } from './scenario.js';

/** Batches of the history tail shown in a summary. */
export const SUMMARY_HISTORY_TAIL = 10;
/** Longest JSON rendering of one value in a summary before it is replaced by a cut preview. */
export const SUMMARY_VALUE_LIMIT = 20_000;

export interface ObservationSummary {
  readonly observation: string;
  readonly status: ObservationStatus;
  readonly config: Record<string, unknown>;
  readonly stoppedBy: string | undefined;
  readonly latestSnapshot: unknown;
  readonly lastFailure: unknown;
  readonly historyTail: readonly unknown[];
  readonly historySize: number;
}

/** Summarises one run: status and cycles, options, final snapshot, last failure and the newest batches. */
export function summarizeRun(run: ObservationRun): ObservationSummary {
  const handle = run.runtime.handle();
  const history = handle.history();
  const { logger: _logger, ...config } = run.options.config;
  return {
    observation: run.name,
    status: handle.status(),
    config: { ...config, report: run.options.report },
    stoppedBy: run.stoppedBy,
    latestSnapshot: snapshotJson(handle.latestSnapshot()),
    lastFailure: failureJson(handle.lastError()),
    historyTail: history.slice(-SUMMARY_HISTORY_TAIL).map(batchJson),
    historySize: history.length,
  };
}

function snapshotJson(snapshot: ObservationSnapshot<unknown> | undefined): unknown {
  if (!snapshot) return null;
  return { cycle: snapshot.cycle, observedAt: snapshot.observedAt.toISOString(), sourceCount: snapshot.sourceCount, value: bounded(snapshot.value) };
}

function failureJson(failure: ObservationFailure | undefined): unknown {
  if (!failure) return null;
  const { cause: _cause, observedAt, ...rest } = failure;
  return { ...rest, observedAt: observedAt.toISOString() };
}

function batchJson(batch: ObservationBatch<unknown>): unknown {
  return { cycle: batch.cycle, observedAt: batch.observedAt.toISOString(), sourceCount: batch.sourceCount, events: bounded(batch.events) };
}

// Keeps an attachment readable: a value whose JSON is huge becomes a cut preview that says so.
function bounded(value: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return { unserializable: (error as Error).message };
  }
  if (json === undefined || json.length <= SUMMARY_VALUE_LIMIT) return value;
  return { truncated: true, length: json.length, preview: cut(json, SUMMARY_VALUE_LIMIT) };
}
