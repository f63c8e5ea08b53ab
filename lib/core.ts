// The state one runtime shares with its handles, and the emitter that fans each recorded cycle out to listeners.
import { EventEmitter } from 'eventemitter3';
import type { ResolvedConfig } from './config.js';
import { Ring } from './ring.js';
import { disposer, noopDisposer } from './disposer.js';
import { messageOf } from './format.js';
import type {
  CycleReport,
  Disposer,
  ListenerFailure,
  ListenerFailures,
  ObservationBatch,
  ObservationFailure,
  ObservationLogger,
  ObservationSnapshot,
  ObservationStatus,
  SettledWait,
} from './types.js';

/** Most listener failures a runtime keeps (it counts them all). */
const LISTENER_FAILURES_KEPT = 20;

/** Events of the core emitter; all are emitted synchronously where the cycle is recorded. */
export interface CoreEvents<T, E> {
  batch: (batch: ObservationBatch<E>) => void;
  snapshot: (snapshot: ObservationSnapshot<T>) => void;
  failure: (failure: ObservationFailure) => void;
  cycle: (report: CycleReport) => void;
  wait: (wait: SettledWait) => void;
  stop: () => void;
}

/** @internal See {@link ObservationCore.cycleTally}. */
export interface CycleTally {
  readonly reported: number;
  readonly failed: number;
  readonly lastFailure: ObservationFailure | undefined;
}

/** @internal Owned by one runtime; handles read it and listen to it. */
export class ObservationCore<T, E> {
  readonly emitter = new EventEmitter<CoreEvents<T, E>>();
  readonly config: ResolvedConfig;
  readonly startedAt: Date;
  #latest: ObservationSnapshot<T>;
  // Adding a batch never moves the others: the cost per cycle does not grow with historyLimit.
  readonly #history: Ring<ObservationBatch<E>>;
  #lastFailure: ObservationFailure | undefined;
  #stopped = false;
  #cyclesStarted = 0;
  #cyclesCompleted = 0;
  #cyclesFailed = 0;
  #batchesPublished = 0;
  // What waits count, so that a pending wait needs no 'cycle' listener of its own (see cycleTally).
  #cyclesReported = 0;
  #lastReportedFailure: ObservationFailure | undefined;
  #listenerFailures: ListenerFailure[] = [];
  #firstListenerFailure: ListenerFailure | undefined;
  #listenerFailureTotal = 0;
  #answerCycleRequest: () => void = () => {};

  constructor(config: ResolvedConfig, initial: ObservationSnapshot<T>) {
    this.config = config;
    this.#latest = initial;
    this.#history = new Ring(config.historyLimit);
    this.startedAt = new Date(config.clock.now());
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * Calls `listener` on every `event` from now on; the returned Disposer removes it. Once stopped, attaches nothing
   * (stop drops every listener anyway) and returns a Disposer with nothing to do.
   */
  on<K extends keyof CoreEvents<T, E>>(event: K, listener: CoreEvents<T, E>[K]): Disposer {
    if (this.#stopped) return noopDisposer();
    // eventemitter3 spells the listener type as a conditional TypeScript cannot resolve for a generic K; it is this one.
    const attached = listener as EventEmitter.EventListener<CoreEvents<T, E>, K>;
    const emitter = this.emitter;
    emitter.on(event, attached);
    return disposer(() => emitter.removeListener(event, attached));
  }

  latestSnapshot(): ObservationSnapshot<T> {
    return this.#latest;
  }

  history(): ObservationBatch<E>[] {
    return this.#history.toArray();
  }

  /** Calls `visit` with each retained batch, oldest first, without copying them, until it returns true. */
  searchHistory(visit: (batch: ObservationBatch<E>) => boolean): void {
    this.#history.some(visit);
  }

  lastFailure(): ObservationFailure | undefined {
    return this.#lastFailure;
  }

  /** Number of the last completed cycle: cycles complete in order, so it is also their count. */
  lastCycle(): number {
    return this.#cyclesCompleted;
  }

  listenerFailures(): ListenerFailures {
    return { total: this.#listenerFailureTotal, first: this.#firstListenerFailure, recent: this.#listenerFailures.slice() };
  }

  status(): ObservationStatus {
    return {
      running: !this.#stopped,
      intervalMs: this.config.intervalMs,
      historyLimit: this.config.historyLimit,
      startedAt: this.startedAt,
      cyclesStarted: this.#cyclesStarted,
      cyclesCompleted: this.#cyclesCompleted,
      cyclesFailed: this.#cyclesFailed,
      batchesPublished: this.#batchesPublished,
    };
  }

  /** Asks the runtime's loop for a cycle as soon as it can run one; nothing once stopped. */
  requestCycle(): void {
    if (!this.#stopped) this.#answerCycleRequest();
  }

  /** The runtime's loop answers {@link ObservationCore.requestCycle}. */
  answerCycleRequests(answer: () => void): void {
    this.#answerCycleRequest = answer;
  }

  /**
   * Cycles reported so far (each is a 'cycle' event, whether or not anything listens), the failed ones among them, and
   * the latest failed one. A wait takes the difference between its start and its end: the same count as a 'cycle'
   * listener of its own would make, without one listener per pending wait for every cycle to call.
   */
  cycleTally(): CycleTally {
    return { reported: this.#cyclesReported, failed: this.#cyclesFailed, lastFailure: this.#lastReportedFailure };
  }

  cycleStarted(cycle: number): void {
    this.#cyclesStarted = cycle;
  }

  recordSuccess(snapshot: ObservationSnapshot<T>, batch: ObservationBatch<E> | undefined, startedAt: number): void {
    if (this.#stopped) return;
    this.#latest = snapshot;
    this.#lastFailure = undefined;
    this.#cyclesCompleted = snapshot.cycle;
    if (batch) {
      this.#batchesPublished += 1;
      this.#history.push(batch);
      this.emitter.emit('batch', batch);
    }
    this.emitter.emit('snapshot', snapshot);
    this.#cyclesReported += 1;
    if (this.emitter.listenerCount('cycle') === 0) return;
    this.emitter.emit('cycle', {
      cycle: snapshot.cycle,
      startedAt,
      endedAt: snapshot.observedAt.getTime(),
      sourceCount: snapshot.sourceCount,
      eventCount: batch?.events.length ?? 0,
      failure: undefined,
    });
  }

  recordFailure(failure: ObservationFailure, startedAt: number): void {
    if (this.#stopped) return;
    this.#lastFailure = failure;
    this.#cyclesCompleted = failure.cycle;
    this.#cyclesFailed += 1;
    this.emitter.emit('failure', failure);
    this.#cyclesReported += 1;
    this.#lastReportedFailure = failure;
    this.emitter.emit('cycle', {
      cycle: failure.cycle,
      startedAt,
      endedAt: failure.observedAt.getTime(),
      sourceCount: failure.sourceCount,
      eventCount: 0,
      failure,
    });
  }

  /** Ends every wait and iterator, then drops every listener. Later records change nothing. */
  markStopped(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.emitter.emit('stop');
    this.emitter.removeAllListeners();
  }

  /** Calls a user's listener so that a throw or a rejection reaches the logger, never the loop or other listeners. */
  guard<A extends unknown[]>(what: string, listener: (...args: A) => unknown): (...args: A) => void {
    return (...args) => {
      try {
        const result = listener(...args);
        if (isThenable(result)) result.then(undefined, (error: unknown) => this.#listenerFailed(what, error));
      } catch (error) {
        this.#listenerFailed(what, error);
      }
    };
  }

  log(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    safeLog(this.config.logger, level, message, fields);
  }

  // Kept as well as logged: the default logger is silent, and a listener's error must still reach the user.
  #listenerFailed(what: string, error: unknown): void {
    const message = messageOf(error);
    this.#listenerFailureTotal += 1;
    const failure = Object.freeze({ listener: what, message, cycle: this.#cyclesCompleted, at: new Date(this.config.clock.now()) });
    this.#firstListenerFailure ??= failure;
    this.#listenerFailures.push(failure);
    if (this.#listenerFailures.length > LISTENER_FAILURES_KEPT) this.#listenerFailures.shift();
    this.log('warn', `${what} threw; other listeners and the loop go on`, { message });
  }
}

type LogLevel = 'debug' | 'info' | 'warn';

/** Logs without letting a broken logger break observation; there is nowhere left to report its failure. */
export function safeLog(logger: ObservationLogger, level: LogLevel, message: string, fields: Record<string, unknown>): void {
  try {
    logger[level]?.(message, fields);
  } catch {
    // Deliberately ignored: see above.
  }
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
