// What every source kind shares: a reader that never throws, each reading bounded by its own timeout.
import type { SourceKind, SourceReading } from './types.js';

/** Reads one source once per cycle; the outcome, answer or failure, is a {@link SourceReading}, never a rejection. */
export interface SourceReader {
  readonly name: string;
  readonly kind: SourceKind;
  read(signal: AbortSignal): Promise<SourceReading> | SourceReading;
}

/** Why a reading stopped when its own bound passed. */
class ReadingTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'ReadingTimeoutError';
  }
}

/**
 * Runs `read` with a signal that aborts when the cycle's signal does or after `timeoutMs`, whichever comes first, and
 * clears its timer when it settles, so that nothing of a reading outlives it.
 */
export async function bounded<T>(signal: AbortSignal, timeoutMs: number, read: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const bound = new AbortController();
  const timer = setTimeout(() => bound.abort(new ReadingTimeoutError(timeoutMs)), timeoutMs);
  // AbortSignal.any adds no listener to the cycle's signal: a hundred sources do not pile a hundred listeners on it.
  const either = AbortSignal.any([signal, bound.signal]);
  try {
    return await read(either);
  } catch (error) {
    // The bound's reason says more than the library's generic "aborted".
    if (bound.signal.aborted && !signal.aborted) throw bound.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The reading of a source that failed: down, no value, the failure's message. */
export function downReading(kind: SourceKind, error: unknown, startedAt: number, status: number | null = null): SourceReading {
  const message = error instanceof Error ? describeError(error) : String(error);
  return { kind, up: false, value: null, error: message, ms: elapsedSince(startedAt), status };
}

/** Milliseconds since `startedAt` (a `performance.now()`), rounded to 0.1 ms. */
export function elapsedSince(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}

// fetch-like libraries hide the socket's error ("ECONNREFUSED") in the cause.
function describeError(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  const code = (error as { code?: unknown }).code;
  if (cause instanceof Error && cause.message !== error.message) return `${error.message}: ${cause.message}`;
  if (typeof code === 'string' && !error.message.includes(code)) return `${code}: ${error.message}`;
  return error.message;
}
