// Shared test doubles for the runtime's unit tests: a scriptable provider and observer, a recording logger,
// a deferred promise, and helpers that look at promise state and listener counts without sleeping.
import { EventEmitter } from 'eventemitter3';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import {
  ObservationRuntime,
  observedSource,
  type ObservationConfig,
  type ObservationLogger,
  type ObservedSource,
  type Observer,
  type SourceProvider,
} from '../../lib/index.js';
import { ManualClock } from './manual-clock.js';

/** A promise with its resolve and reject exposed. */
export class Deferred<T> {
  readonly promise: Promise<T>;
  resolve!: (value: T | PromiseLike<T>) => void;
  reject!: (reason?: unknown) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

/** Follows a promise: `state` is 'pending' until it settles, then 'resolved' or 'rejected' with its value or error. */
export function track<T>(promise: Promise<T>): {
  readonly state: 'pending' | 'resolved' | 'rejected';
  readonly value: T | undefined;
  readonly error: unknown;
} {
  const tracked = { state: 'pending' as 'pending' | 'resolved' | 'rejected', value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => {
      tracked.state = 'resolved';
      tracked.value = value;
    },
    (error: unknown) => {
      tracked.state = 'rejected';
      tracked.error = error;
    },
  );
  return tracked;
}

/**
 * Runs microtasks only (no timer, no I/O, no setImmediate) until `done()` holds or `max` have run.
 * Returns whether it held: proof that something happened within the current turn of the event loop.
 */
export async function withinThisTurn(done: () => boolean, max = 1000): Promise<boolean> {
  for (let i = 0; i < max && !done(); i += 1) await Promise.resolve();
  return done();
}

/**
 * Awaits a promise that must settle within the current turn (microtasks only): fails at once if it does not,
 * instead of leaving the test hanging on a promise that never settles.
 */
export async function settledNow<T>(promise: Promise<T>, what = 'the promise'): Promise<T> {
  const tracked = track(promise);
  if (!(await withinThisTurn(() => tracked.state !== 'pending'))) {
    assert.fail(`expected ${what} to settle at once, but it is still pending`);
  }
  return promise;
}

/** Named sources whose values are fake client names. */
export function sourcesNamed(...names: string[]): ObservedSource<string>[] {
  return names.map((name) => observedSource(name, `client:${name}`));
}

type SourcesResult = readonly ObservedSource<string>[] | Promise<readonly ObservedSource<string>[]>;

/** A provider whose list can be replaced mid-run and whose next calls can be scripted. */
export class TestProvider implements SourceProvider<string> {
  list: readonly ObservedSource<string>[];
  calls = 0;
  readonly signals: AbortSignal[] = [];
  /** One-shot behaviours, used in order before falling back to `list`. */
  readonly next: Array<(signal: AbortSignal) => SourcesResult> = [];

  constructor(...names: string[]) {
    this.list = sourcesNamed(...(names.length ? names : ['node-a', 'node-b']));
  }

  sources(signal: AbortSignal): SourcesResult {
    this.calls += 1;
    this.signals.push(signal);
    const once = this.next.shift();
    return once ? once(signal) : this.list;
  }

  /** The next call throws `thrown`. */
  failNext(thrown: unknown): void {
    this.next.push(() => {
      throw thrown;
    });
  }

  /** The next call returns this value as is (for malformed results). */
  returnNext(value: unknown): void {
    this.next.push(() => value as SourcesResult);
  }
}

export interface Tally {
  polls: number;
  total: number;
  sourceNames: string[];
}

export interface TallyView {
  readonly polls: number;
  readonly total: number;
  readonly sourceNames: readonly string[];
}

type PollImpl = (sources: readonly ObservedSource<string>[], state: Tally, signal: AbortSignal) => unknown;

/**
 * An observer whose state counts polls and sums the numbers it emits as events. By default each poll emits the next
 * queued event list (or none); `pollImpl`, `initImpl` and `snapshotImpl` replace the behaviour for one test.
 * It records every call, the signals it got, and the largest number of polls running at once.
 */
export class TallyObserver implements Observer<string, Tally, TallyView, number> {
  initCalls = 0;
  pollCalls = 0;
  active = 0;
  maxActive = 0;
  readonly initSignals: AbortSignal[] = [];
  readonly pollSignals: AbortSignal[] = [];
  readonly pollStartedAt: number[] = [];
  /** Event lists for the next polls, one list per poll. */
  readonly queued: number[][] = [];
  initImpl: ((sources: readonly ObservedSource<string>[], signal: AbortSignal) => unknown) | undefined;
  pollImpl: PollImpl | undefined;
  snapshotImpl: ((state: Tally) => TallyView) | undefined;
  /** Where `pollStartedAt` reads the time. */
  clock: { now(): number } | undefined;

  async init(sources: readonly ObservedSource<string>[], signal: AbortSignal): Promise<Tally> {
    this.initCalls += 1;
    this.initSignals.push(signal);
    if (this.initImpl) await this.initImpl(sources, signal);
    return { polls: 0, total: 0, sourceNames: sources.map((source) => source.name) };
  }

  async poll(sources: readonly ObservedSource<string>[], state: Tally, signal: AbortSignal): Promise<readonly number[]> {
    this.pollCalls += 1;
    this.pollSignals.push(signal);
    if (this.clock) this.pollStartedAt.push(this.clock.now());
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      const events = this.pollImpl ? await this.pollImpl(sources, state, signal) : (this.queued.shift() ?? []);
      if (Array.isArray(events)) {
        state.polls += 1;
        state.sourceNames = sources.map((source) => source.name);
        for (const event of events) state.total += Number(event);
      }
      return events as readonly number[];
    } finally {
      this.active -= 1;
    }
  }

  snapshot(state: Tally): TallyView {
    if (this.snapshotImpl) return this.snapshotImpl(state);
    return { polls: state.polls, total: state.total, sourceNames: [...state.sourceNames] };
  }
}

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** A logger that keeps every entry. */
export class RecordingLogger implements ObservationLogger {
  readonly entries: LogEntry[] = [];

  debug(message: string, fields: Record<string, unknown>): void {
    this.entries.push({ level: 'debug', message, fields });
  }

  info(message: string, fields: Record<string, unknown>): void {
    this.entries.push({ level: 'info', message, fields });
  }

  warn(message: string, fields: Record<string, unknown>): void {
    this.entries.push({ level: 'warn', message, fields });
  }

  at(level: LogEntry['level']): LogEntry[] {
    return this.entries.filter((entry) => entry.level === level);
  }
}

export const INTERVAL = 100;

/** Starts a runtime on a manual clock with a 100 ms interval and the test doubles above. */
export async function startTally(options: { config?: ObservationConfig; provider?: TestProvider; observer?: TallyObserver; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock();
  const provider = options.provider ?? new TestProvider();
  const observer = options.observer ?? new TallyObserver();
  observer.clock ??= clock;
  const runtime = await ObservationRuntime.start(provider, observer, { intervalMs: INTERVAL, clock, ...options.config });
  return { clock, provider, observer, runtime, handle: runtime.handle() };
}

/**
 * Counts listeners on every eventemitter3 emitter something subscribed to since `install()` (in these tests: the
 * runtime core's emitter), so a test can prove that waits, subscriptions and iterators remove theirs.
 */
export const coreListeners = (() => {
  const emitters = new Set<EventEmitter>();
  let installed = false;
  return {
    install(): void {
      if (installed) return;
      installed = true;
      const original = EventEmitter.prototype.on;
      EventEmitter.prototype.on = function on(this: EventEmitter, ...args: Parameters<typeof original>) {
        emitters.add(this);
        return original.apply(this, args);
      } as typeof original;
    },
    /** Forgets emitters seen so far (call at the start of a test). */
    reset(): void {
      emitters.clear();
    },
    count(): number {
      let total = 0;
      for (const emitter of emitters) for (const name of emitter.eventNames()) total += emitter.listenerCount(name);
      return total;
    },
  };
})();

/** Abort listeners currently registered on a signal. */
export function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}
