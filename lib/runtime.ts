// The lifecycle owner: start-up (refresh, init, cycle-0 snapshot), the non-overlapping cycle loop, and stop.
import pRetry from 'p-retry';
import { resolveConfig, type ResolvedConfig } from './config.js';
import { ObservationCore, safeLog } from './core.js';
import { ObservationRuntimeError, ObservationStoppedError } from './errors.js';
import { messageOf, summarize } from './format.js';
import { ObservationHandle } from './handle.js';
import { CycleSignals } from './cycle-signals.js';
import { checkSources, toSourceFunction } from './sources.js';
import { Watches } from './watch.js';
import type {
  AnyObserver,
  EventOf,
  ObservationConfig,
  ObservationFailureStage,
  ObservedSource,
  SnapshotOf,
  SourceOf,
  SourceProviderLike,
  StateOf,
} from './types.js';

// tokio's interval counts a tick as missed when it runs more than 5 ms late; with MissedTickBehavior::Delay the
// missed tick fires at once and the cadence restarts from there, so a slow cycle never causes a burst.
const MISSED_TICK_TOLERANCE_MS = 5;

/** How far a cycle got, for the failure it may turn into, and what it awaits (for a deadline to outlast). */
interface CycleProgress {
  stage: ObservationFailureStage;
  sourceCount: number;
  pending: Promise<unknown> | undefined;
}

/** Races a cycle's await against its deadline, noting what it awaits. */
function within<T>(deadline: Promise<never>, progress: CycleProgress, step: T | Promise<T>): Promise<T> {
  const pending = Promise.resolve(step);
  progress.pending = pending;
  return Promise.race([pending, deadline]);
}

type SourceFunction<S> = (signal: AbortSignal) => readonly ObservedSource<S>[] | Promise<readonly ObservedSource<S>[]>;

/**
 * Owns one background observation loop. Start it with {@link ObservationRuntime.start}, read it through
 * {@link ObservationRuntime.handle}, end it with {@link ObservationRuntime.stop} (or `await using`).
 */
export class ObservationRuntime<O extends AnyObserver> implements AsyncDisposable {
  readonly #core: ObservationCore<SnapshotOf<O>, EventOf<O>>;
  readonly #loop: CycleLoop<O>;
  readonly #handle: ObservationHandle<O>;
  readonly #detachSignal: () => void;
  #watches: Watches | undefined;
  #stopping: Promise<void> | undefined;
  #markDone!: () => void;

  /** Settles when the loop has ended, after `stop()` (the seed's background task). Never rejects. */
  readonly done: Promise<void>;

  private constructor(core: ObservationCore<SnapshotOf<O>, EventOf<O>>, loop: CycleLoop<O>) {
    this.#core = core;
    this.#loop = loop;
    this.#handle = new ObservationHandle<O>(core);
    core.answerCycleRequests(() => loop.request());
    this.done = new Promise((resolve) => {
      this.#markDone = resolve;
    });
    const signal = core.config.signal;
    const onAbort = (): void => void this.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#detachSignal = () => signal?.removeEventListener('abort', onAbort);
  }

  /**
   * Validates `config`, asks `provider` for sources once, builds the observer's state and the cycle-0 snapshot,
   * then schedules the first cycle one interval later. Rejects with `ObservationRuntimeError` (nothing left running)
   * when the config is bad or start-up fails, and with `ObservationStoppedError` when `config.signal` aborts it.
   */
  static async start<O extends AnyObserver>(
    provider: SourceProviderLike<SourceOf<O>>,
    observer: O,
    config?: ObservationConfig,
  ): Promise<ObservationRuntime<O>> {
    const resolved = resolveConfig(config);
    checkObserver(observer);
    let sourceFunction: SourceFunction<SourceOf<O>>;
    try {
      sourceFunction = toSourceFunction(provider);
    } catch (error) {
      throw new ObservationRuntimeError('invalid-config', messageOf(error), { cause: error });
    }
    const { sourceCount, state, value } = await startUp(sourceFunction, observer, resolved);
    const core = new ObservationCore<SnapshotOf<O>, EventOf<O>>(
      resolved,
      Object.freeze({ cycle: 0, observedAt: new Date(resolved.clock.now()), sourceCount, value }),
    );
    if (resolved.logger.info) {
      core.log('info', 'starting observation runtime', {
        observer: observerName(observer),
        intervalMs: resolved.intervalMs,
        historyLimit: resolved.historyLimit,
        sourceCount,
      });
    }
    const loop = new CycleLoop<O>(core, sourceFunction, observer, state);
    const runtime = new ObservationRuntime<O>(core, loop);
    if (resolved.signal?.aborted) {
      await runtime.stop();
      throw new ObservationStoppedError('observation start-up was aborted', { cause: resolved.signal.reason });
    }
    runtime.#watches = Watches.start(core as ObservationCore<unknown, unknown>, { provider, observer }, () => core.requestCycle());
    loop.begin();
    return runtime;
  }

  /** The read side. Every call returns a handle on the same state. */
  handle(): ObservationHandle<O> {
    return this.#handle;
  }

  /**
   * Stops the loop: aborts the in-flight cycle's signal, rejects pending waits with `ObservationStoppedError`,
   * ends iterators, waits for the in-flight cycle at most `stopTimeoutMs`, and resolves. Safe to call any number of
   * times, concurrently: every call returns the same promise. The last snapshot, history and error stay readable.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutdown();
    return this.#stopping;
  }

  /** Same as {@link ObservationRuntime.stop}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  async #shutdown(): Promise<void> {
    this.#detachSignal();
    this.#core.markStopped();
    try {
      const { stopTimeoutMs, clock } = this.#core.config;
      await Promise.all([this.#loop.halt(stopTimeoutMs), this.#watches?.stop(stopTimeoutMs, clock)]);
    } finally {
      this.#core.log('info', 'observation runtime stopped', { cycles: this.#core.lastCycle() });
      this.#markDone();
    }
  }
}

/** The timer loop: one cycle at a time, each one interval after the previous tick (or sooner when asked), never overlapping. */
class CycleLoop<O extends AnyObserver> {
  readonly #core: ObservationCore<SnapshotOf<O>, EventOf<O>>;
  readonly #sources: SourceFunction<SourceOf<O>>;
  readonly #observer: O;
  readonly #state: StateOf<O>;
  readonly #config: ResolvedConfig;
  readonly #signals = new CycleSignals();
  #deadline = 0;
  #cycle = 0;
  #timer: unknown;
  #cycleTimer: unknown;
  #running = false;
  #inFlight: Promise<void> | undefined;
  // A requested cycle is due: the next cycle starts as soon as the gap allows, not at the deadline.
  #requested = false;
  #lastEndedAt = Number.NEGATIVE_INFINITY;
  // A cycle that timed out but whose work has not settled: no new cycle may touch the state until it does.
  #abandoned: { cycle: number; stage: ObservationFailureStage } | undefined;

  constructor(core: ObservationCore<SnapshotOf<O>, EventOf<O>>, sources: SourceFunction<SourceOf<O>>, observer: O, state: StateOf<O>) {
    this.#core = core;
    this.#sources = sources;
    this.#observer = observer;
    this.#state = state;
    this.#config = core.config;
  }

  begin(): void {
    this.#deadline = this.#config.clock.now() + this.#config.intervalMs;
    this.#schedule();
  }

  /**
   * Asks for a cycle: at once when none runs (in a microtask, so never inside the caller), else right after the one in
   * flight, in a new macrotask so that a stream of requests cannot starve the event loop; never sooner than
   * `minCycleGapMs` after the previous cycle ended. Requests made before it starts are served by that one cycle.
   */
  request(): void {
    if (this.#core.stopped || this.#requested) return;
    this.#requested = true;
    if (this.#running) return;
    const { clock } = this.#config;
    if (this.#timer !== undefined) clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    const wait = this.#lastEndedAt + this.#config.minCycleGapMs - clock.now();
    if (wait > 0) this.#timer = clock.setTimeout(this.#tick, wait);
    else queueMicrotask(this.#tick);
  }

  /** Stops scheduling, aborts the in-flight cycle, and waits for it at most `timeoutMs`. */
  async halt(timeoutMs: number): Promise<void> {
    const { clock } = this.#config;
    if (this.#timer !== undefined) clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    // stop() aborts the cycle too: its deadline must not outlive the runtime.
    this.#clearDeadline();
    const inFlight = this.#inFlight;
    // Between cycles nothing listens to the signal kept for the next one, so only a cycle in flight is aborted.
    if (!this.#running || !inFlight) return;
    this.#signals.abort(new ObservationStoppedError());
    let timer: unknown;
    await Promise.race([inFlight, new Promise<void>((resolve) => (timer = clock.setTimeout(resolve, timeoutMs)))]);
    clock.clearTimeout(timer);
  }

  #schedule(): void {
    if (this.#core.stopped) return;
    const { clock } = this.#config;
    const delay = this.#requested
      ? Math.max(0, this.#lastEndedAt + this.#config.minCycleGapMs - clock.now())
      : Math.max(0, this.#deadline - clock.now());
    this.#timer = clock.setTimeout(this.#tick, delay);
  }

  readonly #tick = (): void => {
    // A request served from a microtask may find its cycle already started by a timer, or the runtime stopped.
    if (this.#core.stopped || this.#running) return;
    const { clock, intervalMs } = this.#config;
    this.#timer = undefined;
    const now = clock.now();
    // After a requested cycle the cadence restarts from it; a late tick restarts it too, so there is never a burst.
    this.#deadline =
      this.#requested || now - this.#deadline > MISSED_TICK_TOLERANCE_MS ? now + intervalMs : this.#deadline + intervalMs;
    this.#requested = false;
    this.#cycle += 1;
    this.#running = true;
    // #runCycle records every failure itself and schedules the next cycle; should it still reject, the loop must go on
    // rather than die with an unhandled rejection.
    this.#inFlight = this.#runCycle(this.#cycle, now).catch((error: unknown) => {
      this.#core.log('warn', 'observation cycle could not be recorded', { message: messageOf(error) });
      if (this.#running) this.#cycleEnded();
    });
  };

  // Runs one cycle, then schedules the next; it never rejects.
  async #runCycle(cycle: number, startedAt: number): Promise<void> {
    const core = this.#core;
    core.cycleStarted(cycle);
    if (this.#abandoned) {
      const { cycle: late, stage } = this.#abandoned;
      const message = `cycle ${cycle} skipped: cycle ${late} timed out in the ${stage} stage and has not settled yet`;
      this.#fail(cycle, stage, 0, message, new Error(message), startedAt);
      return this.#cycleEnded();
    }
    const controller = this.#signals.next();
    const { signal } = controller;
    const progress: CycleProgress = { stage: 'source-refresh', sourceCount: 0, pending: undefined };
    const deadline = this.#config.cycleTimeoutMs === undefined ? undefined : this.#deadlineFor(cycle, controller, progress);
    try {
      // One async function with the provider's and the observer's awaits in it, and a race only under a deadline:
      // this loop runs every cycle, so each extra promise here shows in its cost.
      const sources = checkSources<SourceOf<O>>(await (deadline ? within(deadline, progress, this.#sources(signal)) : this.#sources(signal)));
      // A cycle given up (timed out or stopped) while the provider answered must not go on to poll.
      signal.throwIfAborted();
      progress.stage = 'poll';
      progress.sourceCount = sources.length;
      const polled = this.#observer.poll(sources, this.#state, signal);
      const events: unknown = await (deadline ? within(deadline, progress, polled) : polled);
      if (!Array.isArray(events)) {
        throw new TypeError(`observer.poll returned ${summarize(events, 120)}, expected an array of events`);
      }
      const value = this.#observer.snapshot(this.#state) as SnapshotOf<O>;
      if (signal.aborted) return;
      this.#succeed(cycle, progress.sourceCount, events as readonly EventOf<O>[], value, startedAt);
    } catch (error) {
      if (core.stopped) return;
      const { stage, sourceCount } = progress;
      this.#fail(cycle, stage, stage === 'poll' ? sourceCount : 0, messageOf(error), error, startedAt);
    } finally {
      if (deadline) this.#clearDeadline();
      this.#cycleEnded();
    }
  }

  #cycleEnded(): void {
    this.#running = false;
    this.#lastEndedAt = this.#config.clock.now();
    this.#schedule();
  }

  // With cycleTimeoutMs: a deadline that aborts the cycle and fails its awaits. The work it interrupted stays
  // "abandoned" until it settles, so its late result is dropped and no later cycle runs beside it.
  #deadlineFor(cycle: number, controller: AbortController, progress: CycleProgress): Promise<never> {
    const timeoutMs = this.#config.cycleTimeoutMs!;
    return new Promise<never>((_resolve, reject) => {
      this.#cycleTimer = this.#config.clock.setTimeout(() => {
        this.#cycleTimer = undefined;
        const { stage, pending } = progress;
        const error = new Error(`observation cycle ${cycle} timed out after ${timeoutMs} ms in the ${stage} stage`);
        error.name = 'TimeoutError';
        this.#abandoned = { cycle, stage };
        const release = (): void => {
          if (this.#abandoned?.cycle === cycle) this.#abandoned = undefined;
        };
        if (pending) pending.then(release, release);
        else release();
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
  }

  #clearDeadline(): void {
    if (this.#cycleTimer !== undefined) this.#config.clock.clearTimeout(this.#cycleTimer);
    this.#cycleTimer = undefined;
  }

  #succeed(cycle: number, sourceCount: number, events: readonly EventOf<O>[], value: SnapshotOf<O>, startedAt: number): void {
    const observedAt = new Date(this.#config.clock.now());
    // A frozen copy, so that no listener can change what the others see (slice is the cheapest copy of an array).
    const copy = events.length === 0 ? undefined : (Array.prototype.slice.call(events) as EventOf<O>[]);
    const batch = copy === undefined ? undefined : Object.freeze({ cycle, observedAt, sourceCount, events: Object.freeze(copy) });
    // Fields are built only for a logger that takes debug lines: this runs every cycle.
    if (this.#config.logger.debug) {
      this.#core.log('debug', 'observation cycle completed', {
        observer: observerName(this.#observer),
        cycle,
        sourceCount,
        eventCount: events.length,
      });
    }
    this.#core.recordSuccess(Object.freeze({ cycle, observedAt, sourceCount, value }), batch, startedAt);
  }

  #fail(cycle: number, stage: ObservationFailureStage, sourceCount: number, message: string, cause: unknown, startedAt: number): void {
    this.#core.log('warn', 'observation cycle failed', { observer: observerName(this.#observer), cycle, sourceCount, stage, message });
    this.#core.recordFailure(
      Object.freeze({ cycle, observedAt: new Date(this.#config.clock.now()), sourceCount, stage, message, cause }),
      startedAt,
    );
  }
}

type StartupStage = 'source-refresh' | 'observer-init';

const STARTUP_PREFIX: Record<StartupStage, string> = {
  'source-refresh': 'failed to refresh observation sources during startup',
  'observer-init': 'failed to initialize observation state',
};

/** Refresh, init and the cycle-0 snapshot, retried with p-retry and bounded by `startupTimeoutMs` and `signal`. */
async function startUp<O extends AnyObserver>(
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

  const onExternalAbort = (): void =>
    controller.abort(new ObservationStoppedError('observation start-up was aborted', { cause: external?.reason }));
  external?.addEventListener('abort', onExternalAbort, { once: true });
  const { clock, startupTimeoutMs } = config;
  const timer =
    startupTimeoutMs === undefined
      ? undefined
      : clock.setTimeout(() => {
          const error = new Error(`start-up timed out after ${startupTimeoutMs} ms`);
          error.name = 'TimeoutError';
          controller.abort(error);
        }, startupTimeoutMs);
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
    return await untilAborted(retried, signal);
  } catch (error) {
    if (!signal.aborted) throw error;
    const reason: unknown = signal.reason;
    if (reason instanceof ObservationStoppedError) throw reason;
    const last = lastError === undefined ? '' : ` (last error: ${messageOf(lastError)})`;
    throw new ObservationRuntimeError(stage, `${STARTUP_PREFIX[stage]}: ${messageOf(reason)}${last}`, { cause: reason });
  } finally {
    if (timer !== undefined) clock.clearTimeout(timer);
    external?.removeEventListener('abort', onExternalAbort);
  }
}

// p-retry only checks its signal between attempts; this also ends a hung attempt when the signal aborts.
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function checkObserver(observer: unknown): void {
  const methods = ['init', 'poll', 'snapshot'] as const;
  const missing =
    typeof observer === 'object' && observer !== null
      ? methods.filter((method) => typeof (observer as Record<string, unknown>)[method] !== 'function')
      : methods;
  if (missing.length > 0) {
    throw new ObservationRuntimeError(
      'invalid-config',
      `observer must have init, poll and snapshot methods; ${summarize(observer, 120)} lacks ${missing.join(', ')}`,
    );
  }
}

function observerName(observer: object): string {
  try {
    const name: unknown = observer.constructor?.name;
    return typeof name === 'string' && name !== '' && name !== 'Object' ? name : 'anonymous observer';
  } catch {
    return 'anonymous observer';
  }
}
