// The per-observation summary the After hook attaches to the report as JSON.
import { cut, toJsonSafe } from '../lib/format.js';
import type { ListenerFailure, ObservationBatch, ObservationFailure, ObservationSnapshot, ObservationStatus } from '../lib/index.js';
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
  readonly listenerFailures: { readonly total: number; readonly first: unknown; readonly recent: readonly unknown[] };
}

/**
 * The report's one warning for a scenario whose subscribers or cycle listeners threw, whatever the report policy (the
 * default logger is silent and a passing scenario attaches no summary): how many failed, per observation, the first
 * message and the latest few. Undefined when none did.
 */
export function listenerWarning(runs: readonly RunRecord[]): string | undefined {
  const failing = runs.map((run) => ({ name: run.name, failures: run.handle.listenerFailures() })).filter(({ failures }) => failures.total > 0);
  if (failing.length === 0) return undefined;
  const total = failing.reduce((sum, { failures }) => sum + failures.total, 0);
  const where =
    failing.length === 1
      ? `observation "${failing[0]!.name}"`
      : `observations ${failing.map(({ name, failures }) => `"${name}" (${failures.total})`).join(', ')}`;
  const line = (name: string, failure: ListenerFailure): string =>
    `  ${failure.listener} of "${name}" at cycle ${failure.cycle}: ${cut(failure.message, LISTENER_MESSAGE_LENGTH)}`;
  const firsts = failing.map(({ name, failures }) => ({ name, failure: failures.first ?? failures.recent[0]! }));
  const { name: firstName, failure: first } = firsts.reduce((earliest, next) => (next.failure.at < earliest.failure.at ? next : earliest));
  const latest = failing.flatMap(({ name, failures }) => failures.recent.filter((failure) => failure !== first).map((failure) => ({ name, failure })));
  latest.sort((a, b) => a.failure.at.getTime() - b.failure.at.getTime());
  const shown = latest.slice(-LATEST_LISTENER_FAILURES_SHOWN);
  const skipped = total - 1 - shown.length;
  return [
    `cucumber-observation warning: ${total} listener failure${total === 1 ? '' : 's'} in ${where}; the loop and the other listeners went on.`,
    'The first:',
    line(firstName, first),
    ...(shown.length > 0
      ? [`The latest${skipped > 0 ? ` (${skipped} between not shown)` : ''}:`, ...shown.map(({ name, failure }) => line(name, failure))]
      : []),
  ].join('\n');
}

// How long a listener's message may be in the warning, and how many of the latest failures it lists after the first.
const LISTENER_MESSAGE_LENGTH = 300;
const LATEST_LISTENER_FAILURES_SHOWN = 4;

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
      first: listenerFailures.first === undefined ? null : { ...listenerFailures.first, at: listenerFailures.first.at.toISOString() },
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
