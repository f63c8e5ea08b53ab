// Start-up: refresh the sources, build the observer's state and the cycle-0 snapshot, retried and bounded.
import pRetry from 'p-retry';
import type { ResolvedConfig } from './config.js';
import { safeLog } from './core.js';
import type { SourceFunction } from './cycle-loop.js';
import { Deadline } from './deadline.js';
import { ObservationRuntimeError, ObservationStartupTimeoutError, ObservationStoppedError } from './errors.js';
import { messageOf } from './format.js';
import { checkSources } from './sources.js';
import type { AnyObserver, ObservedSource, SnapshotOf, SourceOf, StateOf } from './types.js';

type StartupStage = 'source-refresh' | 'observer-init';

const STARTUP_PREFIX: Record<StartupStage, string> = {
  'source-refresh': 'failed to refresh observation sources during startup',
  'observer-init': 'failed to initialize observation state',
};

/** Refresh, init and the cycle-0 snapshot, retried with p-retry and bounded by `startupTimeoutMs` and `signal`. */
export async function startUp<O extends AnyObserver>(
  sourceFunction: SourceFunction<SourceOf<O>>,
  observer: O,
  config: ResolvedConfig,
): Promise<{ sourceCount: number; state: StateOf<O>; value: SnapshotOf<O> }> {
  const external = config.signal;
  if (external?.aborted) throw new ObservationStoppedError('observation start-up was aborted', { cause: external.reason });
  const controller = new AbortController();
  const { signal } = controller;
  let stage: StartupStage = 'source-refresh';
  let lastError: unknown;
  let attempts = 0;

  const startupError = (at: StartupStage, error: unknown): ObservationRuntimeError => {
    const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
    return new ObservationRuntimeError(at, `${STARTUP_PREFIX[at]}: ${messageOf(error)}${tries}`, { cause: error });
  };
  const attempt = async (): Promise<{ sourceCount: number; state: StateOf<O>; value: SnapshotOf<O> }> => {
    attempts += 1;
    stage = 'source-refresh';
    let sources: readonly ObservedSource<SourceOf<O>>[];
    try {
      sources = checkSources<SourceOf<O>>(await sourceFunction(signal));
    } catch (error) {
      lastError = error;
      throw startupError('source-refresh', error);
    }
    // A start-up that timed out or was aborted while the provider answered must not go on to init.
    signal.throwIfAborted();
    stage = 'observer-init';
    try {
      const state = (await observer.init(sources, signal)) as StateOf<O>;
      return { sourceCount: sources.length, state, value: observer.snapshot(state) as SnapshotOf<O> };
    } catch (error) {
      lastError = error;
      throw startupError('observer-init', error);
    }
  };

  const onExternalAbort = (): void => controller.abort(new ObservationStoppedError('observation start-up was aborted', { cause: external?.reason }));
  external?.addEventListener('abort', onExternalAbort, { once: true });
  const { clock, startupTimeoutMs } = config;
  // p-retry only checks its signal between attempts; racing the deadline also ends a hung attempt when the signal aborts.
  const deadline = new Deadline({
    clock,
    timeoutMs: startupTimeoutMs,
    signal,
    onTimeout: () => {
      const error = new ObservationStartupTimeoutError(startupTimeoutMs!);
      controller.abort(error);
      return error;
    },
  });
  try {
    // Setting up p-retry costs tens of µs a call, and the Cucumber layer starts a runtime per scenario: with no
    // retries to make, one plain attempt does the same.
    const retried =
      config.startupRetries === 0
        ? attempt()
        : pRetry(attempt, {
            retries: config.startupRetries,
            minTimeout: config.startupRetryDelayMs,
            factor: 2,
            signal,
            onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
              if (retriesLeft > 0) {
                safeLog(config.logger, 'warn', 'observation start-up attempt failed; retrying', {
                  attempt: attemptNumber,
                  retriesLeft,
                  message: error.message,
                });
              }
            },
          });
    return await deadline.race(retried);
  } catch (error) {
    if (!signal.aborted) throw error;
    const reason: unknown = signal.reason;
    if (reason instanceof ObservationStoppedError) throw reason;
    const last = lastError === undefined ? '' : ` (last error: ${messageOf(lastError)})`;
    throw new ObservationRuntimeError(stage, `${STARTUP_PREFIX[stage]}: ${messageOf(reason)}${last}`, { cause: reason });
  } finally {
    deadline.clear();
    external?.removeEventListener('abort', onExternalAbort);
  }
}
