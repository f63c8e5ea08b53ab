// Validates an ObservationConfig and fills in its defaults, refusing bad input before anything starts.
import { systemClock } from './clock.js';
import { ObservationRuntimeError } from './errors.js';
import { summarize } from './format.js';
import type { Clock, ObservationConfig, ObservationLogger } from './types.js';
import { checkCount, checkMilliseconds, isTimerDelay, MAX_TIMER_MS } from './validate.js';

/** Defaults of {@link ObservationConfig}. */
export const DEFAULT_CONFIG = Object.freeze({
  intervalMs: 1000,
  historyLimit: 64,
  startupRetries: 0,
  startupRetryDelayMs: 100,
  stopTimeoutMs: 1000,
  minCycleGapMs: 0,
});

export interface ResolvedConfig {
  readonly intervalMs: number;
  readonly historyLimit: number;
  readonly startupRetries: number;
  readonly startupRetryDelayMs: number;
  readonly startupTimeoutMs: number | undefined;
  readonly cycleTimeoutMs: number | undefined;
  readonly stopTimeoutMs: number;
  readonly minCycleGapMs: number;
  readonly signal: AbortSignal | undefined;
  readonly logger: ObservationLogger;
  readonly clock: Clock;
}

/** Every option `ObservationConfig` accepts. */
export const CONFIG_OPTIONS: ReadonlySet<string> = new Set([
  'intervalMs',
  'historyLimit',
  'startupRetries',
  'startupRetryDelayMs',
  'startupTimeoutMs',
  'cycleTimeoutMs',
  'stopTimeoutMs',
  'minCycleGapMs',
  'signal',
  'logger',
  'clock',
]);

// Spellings people bring from snake_case configs or other libraries, and the option each one means.
const LIKELY_MEANT: Readonly<Record<string, string>> = {
  interval: 'intervalMs',
  history_limit: 'historyLimit',
  history: 'historyLimit',
  historySize: 'historyLimit',
  timeout: 'cycleTimeoutMs',
  retries: 'startupRetries',
};

/** Checks every option and returns the full configuration; throws `ObservationRuntimeError` naming the bad option. */
export function resolveConfig(config: ObservationConfig | undefined): ResolvedConfig {
  if (config === undefined || config === null) config = {};
  if (typeof config !== 'object') {
    throw invalid(`observation config must be an object, got ${summarize(config)}`);
  }
  // Only an absent option takes its default: null is a value, and refused like any other wrong one.
  const given = config as Record<string, unknown>;
  const option = <K extends keyof typeof DEFAULT_CONFIG>(key: K): unknown => (given[key] === undefined ? DEFAULT_CONFIG[key] : given[key]);

  // The interval first, so that a bad one is reported as invalid-interval even beside other bad options.
  const intervalMs = option('intervalMs');
  if (!isTimerDelay(intervalMs)) {
    const tooLong = typeof intervalMs === 'number' && Number.isFinite(intervalMs) && intervalMs > MAX_TIMER_MS;
    throw new ObservationRuntimeError(
      'invalid-interval',
      tooLong
        ? `observation interval must be at most ${MAX_TIMER_MS} ms: intervalMs was ${intervalMs}`
        : `observation interval must be greater than zero: intervalMs was ${summarize(intervalMs)}, expected a positive finite number of milliseconds`,
    );
  }

  for (const key of Object.keys(config)) {
    if (!CONFIG_OPTIONS.has(key)) {
      const hint = LIKELY_MEANT[key] ? `; did you mean ${LIKELY_MEANT[key]}?` : '';
      throw invalid(`unknown observation option ${key}${hint} (known: ${[...CONFIG_OPTIONS].join(', ')})`);
    }
  }

  const clock = config.clock === undefined ? systemClock : config.clock;
  if (
    typeof clock !== 'object' ||
    clock === null ||
    typeof clock.now !== 'function' ||
    typeof clock.setTimeout !== 'function' ||
    typeof clock.clearTimeout !== 'function'
  ) {
    throw invalid('clock must have now(), setTimeout() and clearTimeout()');
  }
  const logger = config.logger === undefined ? {} : config.logger;
  if (typeof logger !== 'object' || logger === null) {
    throw invalid(`logger must be an object with optional debug, info and warn methods, got ${summarize(logger)}`);
  }
  const signal = config.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalid(`signal must be an AbortSignal, got ${summarize(signal)}`);
  }

  return {
    intervalMs,
    historyLimit: count('historyLimit', option('historyLimit')),
    startupRetries: count('startupRetries', option('startupRetries')),
    startupRetryDelayMs: milliseconds('startupRetryDelayMs', option('startupRetryDelayMs'), true),
    startupTimeoutMs: optionalMilliseconds('startupTimeoutMs', config.startupTimeoutMs),
    cycleTimeoutMs: optionalMilliseconds('cycleTimeoutMs', config.cycleTimeoutMs),
    stopTimeoutMs: milliseconds('stopTimeoutMs', option('stopTimeoutMs'), true),
    minCycleGapMs: milliseconds('minCycleGapMs', option('minCycleGapMs'), true),
    signal,
    logger,
    clock,
  };
}

function count(name: string, value: unknown): number {
  return checkCount(value, name, { refuse: invalid });
}

function milliseconds(name: string, value: unknown, allowZero: boolean): number {
  return checkMilliseconds(value, name, { allowZero, refuse: invalid });
}

function optionalMilliseconds(name: string, value: unknown): number | undefined {
  return value === undefined ? undefined : milliseconds(name, value, false);
}

function invalid(message: string): ObservationRuntimeError {
  return new ObservationRuntimeError('invalid-config', message);
}
