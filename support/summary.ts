// The per-observation summary the After hook attaches to the report as JSON.
import { cut, toJsonSafe } from '../lib/format.js';
import type { ObservationBatch, ObservationFailure, ObservationSnapshot, ObservationStatus } from '../lib/index.js';
import type { RunRecord } from './recorder.js';

/** Batches of the history tail shown in a summary. */
export const SUMMARY_HISTORY_TAIL = 10;
/** About the longest JSON rendering of one value in a summary; past it, containers and strings end with a marker. */
export const SUMMARY_VALUE_LIMIT = 20_000;

/** The JSON the After hook attaches per observation: status, cycle counts, latest snapshot, last failure, newest batches. */
export interface ObservationSummary {
  readonly observation: string;
  readonly status: ObservationStatus;
  readonly config: Record<string, unknown>;
  readonly stoppedBy: string | undefined;
  readonly latestSnapshot: unknown;
  readonly lastFailure: unknown;
  readonly historyTail: readonly unknown[];
  readonly historySize: number;
  /** Subscribers and cycle listeners that threw or rejected during the run; `at` as an ISO string. */
  readonly listenerFailures: { readonly total: number; readonly recent: readonly unknown[] };
}

/** The report's warning about a run whose subscribers or cycle listeners threw; undefined when none did. */
export function listenerWarning(run: RunRecord): string | undefined {
  const { total, recent } = run.handle.listenerFailures();
  if (total === 0) return undefined;
  const lines = recent.slice(-5).map((failure) => `  ${failure.listener} at cycle ${failure.cycle}: ${cut(failure.message, 300)}`);
  const older = total > lines.length ? `\n  … ${total - lines.length} earlier` : '';
  return (
    `cucumber-observation warning: ${total} listener failure${total === 1 ? '' : 's'} in observation "${run.name}" ` +
    `(the loop and the other listeners went on):\n${lines.join('\n')}${older}`
  );
}

/** Summarises one run: status and cycles, options, final snapshot, last failure and the newest batches. */
export function summarizeRun(run: RunRecord): ObservationSummary {
  const { handle } = run;
  const history = handle.history();
  const { logger: _logger, ...config } = run.options.config;
  const listenerFailures = handle.listenerFailures();
  return {
    observation: run.name,
    status: handle.status(),
    config: { ...config, report: run.options.report },
    stoppedBy: run.stoppedBy,
    latestSnapshot: snapshotJson(handle.latestSnapshot()),
    lastFailure: failureJson(handle.lastFailure()),
    historyTail: history.slice(-SUMMARY_HISTORY_TAIL).map(batchJson),
    historySize: history.length,
    listenerFailures: {
      total: listenerFailures.total,
      recent: listenerFailures.recent.map((failure) => ({ ...failure, at: failure.at.toISOString() })),
    },
  };
}

function snapshotJson(snapshot: ObservationSnapshot<unknown>): unknown {
  return { cycle: snapshot.cycle, observedAt: snapshot.observedAt.toISOString(), sourceCount: snapshot.sourceCount, value: capped(snapshot.value) };
}

function failureJson(failure: ObservationFailure | undefined): unknown {
  if (!failure) return null;
  const { cause: _cause, observedAt, ...rest } = failure;
  return { ...rest, observedAt: observedAt.toISOString() };
}

function batchJson(batch: ObservationBatch<unknown>): unknown {
  return { cycle: batch.cycle, observedAt: batch.observedAt.toISOString(), sourceCount: batch.sourceCount, events: capped(batch.events) };
}

// The one safe serializer: keeps what JSON can hold of any value (BigInt, Map, cycles and throwing getters included),
// and stops at the limit with markers saying how much was left out.
function capped(value: unknown): unknown {
  return toJsonSafe(value, SUMMARY_VALUE_LIMIT);
}
