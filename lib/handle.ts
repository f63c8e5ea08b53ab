// The read side of a runtime: latest state, history, failures, subscriptions and event-driven waits.
import { BatchIterator } from './batches.js';
import { unlessOption } from './conditions.js';
import { waitForEventsInOrder } from './event-order.js';
import { tallyEvents, tallyEventsFor, waitForEventCount } from './event-tally.js';
import { guardsOf, type ObservationGuard } from './guards.js';
import { waitAndHold } from './wait-and-hold.js';
import { TrackSampler } from './track.js';
import type { ObservationCore } from './core.js';
import { ObservationHoldError, ObservationStoppedError, ObservationTimeoutError } from './errors.js';
import { cut, summarize } from './format.js';
import type {
  AnyObserver,
  BatchesOptions,
  CycleReport,
  Disposer,
  EventOf,
  EventPredicate,
  EventCountOptions,
  EventTally,
  EventWaitOptions,
  EventWindowOptions,
  FailurePredicate,
  ListenerFailures,
  FailureWaitOptions,
  HoldOptions,
  ObservationBatch,
  ObservationFailure,
  ObservationSnapshot,
  ObservationStatus,
  SettledWait,
  SnapshotOf,
  SnapshotPredicate,
  SnapshotWaitOptions,
  WaitAndHoldOptions,
  WaitCondition,
  WaitOptions,
  ObservedEvent,
} from './types.js';
import { checkCount, checkMilliseconds, checkPredicate, checkSignal, cyclesTimeoutMs } from './validate.js';
import { check, notBeforeOption, startWait, waitTimeout, type Settle } from './wait.js';

export type { ObservedEvent } from './types.js';

/**
 * Read-side handle on one runtime. Cheap: every handle of a runtime reads the same state.
 * Get one from `runtime.handle()`.
 */
export class ObservationHandle<O extends AnyObserver = AnyObserver> {
  readonly #core: ObservationCore<SnapshotOf<O>, EventOf<O>>;

  /** @internal Use `runtime.handle()`. */
  constructor(core: ObservationCore<SnapshotOf<O>, EventOf<O>>) {
    this.#core = core;
  }

  /** The latest successful snapshot: the cycle-0 one right after start, so there always is one (also after stop). */
  latestSnapshot(): ObservationSnapshot<SnapshotOf<O>> {
    return this.#core.latestSnapshot();
  }

  /** Retained non-empty batches, oldest first; a copy. */
  history(): readonly ObservationBatch<EventOf<O>>[] {
    return this.#core.history();
  }

  /** The failure of the latest completed cycle, or undefined when it succeeded (a success clears it). */
  lastFailure(): ObservationFailure | undefined {
    return this.#core.lastFailure();
  }

  /** Whether it runs, and how many cycles it has started, completed and failed. */
  status(): ObservationStatus {
    return this.#core.status();
  }

  /** Subscribers and cycle listeners that threw or rejected: how many, and the latest few with their messages. */
  listenerFailures(): ListenerFailures {
    return this.#core.listenerFailures();
  }

  /**
   * Asks for a cycle now instead of at the next tick, when something says the system changed (a watch, a notification,
   * a step that just acted). The cycle starts at once when none is running, else right after the one in flight, never
   * beside it and never sooner than `minCycleGapMs` after the previous one ended; requests made before it starts are
   * all served by it. Then the interval schedule restarts from that cycle. Does nothing once the runtime has stopped.
   * To wait for its result: `handle.waitForSnapshot(check, { after: handle.status().cyclesStarted })`.
   */
  requestCycle(): void {
    this.#core.requestCycle();
  }

  /**
   * Calls `listener` with every batch published from now on, in order. A listener that throws or rejects
   * is logged and kept in {@link ObservationHandle.listenerFailures}, and affects neither the loop nor other listeners. Returns the function that unsubscribes.
   * That function is also a `Disposable` (`using unsubscribe = handle.subscribe(…)`), and calling it twice is harmless.
   */
  subscribe(listener: (batch: ObservationBatch<EventOf<O>>) => void): Disposer {
    checkPredicate(listener, 'listener');
    return this.#core.on('batch', this.#core.guard('a batch subscriber', listener));
  }

  /** Calls `listener` after every cycle, successful or failed, with what it did (for timelines and progress). Returns its {@link Disposer}. */
  onCycle(listener: (report: CycleReport) => void): Disposer {
    checkPredicate(listener, 'listener');
    return this.#core.on('cycle', this.#core.guard('a cycle listener', listener));
  }

  /** Calls `listener` each time a wait on this runtime settles, with what it awaited, its timeout, time used, outcome and cycles. Returns its {@link Disposer}. */
  onWait(listener: (wait: SettledWait) => void): Disposer {
    checkPredicate(listener, 'listener');
    return this.#core.on('wait', this.#core.guard('a wait listener', listener));
  }

  /** Live batches as an async iterator; see {@link BatchIterator} for buffering, lag and ending. */
  batches(options: BatchesOptions = {}): BatchIterator<EventOf<O>> {
    return new BatchIterator(this.#core as ObservationCore<unknown, EventOf<O>>, checkSignal(options.signal));
  }

  /**
   * Resolves with the first snapshot whose value satisfies `predicate`: at once when the latest does
   * (unless `after` is set), else in the turn the satisfying cycle publishes.
   */
  waitForSnapshot(predicate: SnapshotPredicate<SnapshotOf<O>>, options: SnapshotWaitOptions<SnapshotOf<O>> = {}): Promise<ObservationSnapshot<SnapshotOf<O>>> {
    return this.#wait(() => {
      checkPredicate(predicate);
      const after = cycleOption(options.after, 'after');
      const awaited = options.description ?? describePredicate(predicate, 'a snapshot matching');
      const sampler = options.track === undefined ? undefined : new TrackSampler<SnapshotOf<O>>(options.track);
      const consider = (snapshot: ObservationSnapshot<SnapshotOf<O>>, settle: Settle<ObservationSnapshot<SnapshotOf<O>>>): void => {
        sampler?.sample(snapshot);
        if (after !== undefined && snapshot.cycle <= after) return;
        const verdict = check(predicate, snapshot.value, snapshot);
        if (verdict.holds) settle.resolve(snapshot);
        else settle.mismatch(verdict.mismatch);
      };
      const timeoutMs = waitTimeout(options.timeoutMs);
      return startWait(this.#core, {
        awaited: after === undefined ? awaited : `${awaited} after cycle ${after}`,
        timeoutMs,
        signal: checkSignal(options.signal),
        ...boundOptions(options, timeoutMs),
        track: sampler && (() => sampler.track()),
        immediate: (settle) => consider(this.#core.latestSnapshot(), settle),
        listeners: { snapshot: consider },
      });
    });
  }

  /** Resolves with the first event satisfying `predicate`: retained history first (unless turned off), then live. */
  waitForEvent(predicate: EventPredicate<EventOf<O>>, options: EventWaitOptions = {}): Promise<ObservedEvent<EventOf<O>>> {
    return this.#wait(() => {
      checkPredicate(predicate);
      // True once it found the event, so that a search of the history stops there.
      const consider = (batch: ObservationBatch<EventOf<O>>, settle: Settle<ObservedEvent<EventOf<O>>>): boolean => {
        for (const event of batch.events) {
          const verdict = check(predicate, event, batch);
          if (verdict.holds) {
            settle.resolve({ event, batch });
            return true;
          }
          settle.mismatch(verdict.mismatch);
        }
        return false;
      };
      const timeoutMs = waitTimeout(options.timeoutMs);
      return startWait(this.#core, {
        awaited: options.description ?? describePredicate(predicate, 'an event matching'),
        timeoutMs,
        signal: checkSignal(options.signal),
        ...boundOptions(options, timeoutMs),
        immediate: (settle) => {
          if (options.includeHistory === false) return;
          this.#core.searchHistory((batch) => consider(batch, settle));
        },
        listeners: { batch: consider },
      });
    });
  }

  /** Resolves with the first failure satisfying `predicate` (any failure without one): the current one first, then later ones. */
  waitForFailure(predicate?: FailurePredicate, options: FailureWaitOptions = {}): Promise<ObservationFailure> {
    return this.#wait(() => {
      if (predicate !== undefined) checkPredicate(predicate);
      const after = cycleOption(options.after, 'after');
      const consider = (failure: ObservationFailure | undefined, settle: Settle<ObservationFailure>): void => {
        if (!failure || (after !== undefined && failure.cycle <= after)) return;
        const verdict = predicate ? check(predicate, failure) : { holds: true as const };
        if (verdict.holds) settle.resolve(failure);
        else settle.mismatch(verdict.mismatch);
      };
      const what = predicate ? describePredicate(predicate, 'a failure matching') : 'a failed cycle';
      const timeoutMs = waitTimeout(options.timeoutMs);
      return startWait(this.#core, {
        awaited: options.description ?? (after === undefined ? what : `${what} after cycle ${after}`),
        timeoutMs,
        signal: checkSignal(options.signal),
        ...boundOptions(options, timeoutMs),
        immediate: (settle) => consider(this.#core.lastFailure(), settle),
        listeners: { failure: consider },
      });
    });
  }

  /** Resolves with the latest snapshot once cycle number `cycle` has completed, successfully or not. */
  waitForCycle(cycle: number, options: WaitOptions = {}): Promise<ObservationSnapshot<SnapshotOf<O>>> {
    return this.#wait(() => {
      const target = cycleOption(cycle, 'cycle') ?? 0;
      const reached = (settle: Settle<ObservationSnapshot<SnapshotOf<O>>>): void => {
        if (this.#core.lastCycle() >= target) settle.resolve(this.#core.latestSnapshot());
      };
      const timeoutMs = waitTimeout(options.timeoutMs);
      return startWait(this.#core, {
        awaited: options.description ?? `cycle ${target} to complete`,
        timeoutMs,
        signal: checkSignal(options.signal),
        ...boundOptions(options, timeoutMs),
        immediate: reached,
        listeners: { cycle: (_report, settle) => reached(settle) },
      });
    });
  }

  /**
   * "Consistently": resolves once `predicate` has held on the latest snapshot and on every new one for
   * `durationMs`, or for `cycles` more cycles. Rejects with `ObservationHoldError` at the first snapshot that breaks
   * it, and at the first failed cycle unless `tolerateFailures` is set (an unobserved system proves nothing).
   */
  holdsFor(predicate: SnapshotPredicate<SnapshotOf<O>>, options: HoldOptions): Promise<void> {
    return this.#wait(() => {
      checkPredicate(predicate);
      if (typeof options !== 'object' || options === null) {
        throw new TypeError('holdsFor needs options with durationMs or cycles');
      }
      const durationMs = options.durationMs === undefined ? undefined : checkMilliseconds(options.durationMs, 'durationMs');
      const cycles = options.cycles === undefined ? undefined : cycleOption(options.cycles, 'cycles');
      if ((durationMs === undefined) === (cycles === undefined) || cycles === 0) {
        throw new TypeError('holdsFor needs exactly one of durationMs (a positive number of ms) or cycles (a positive integer)');
      }
      const core = this.#core;
      const clock = core.config.clock;
      const description = options.description ?? describePredicate(predicate, 'a snapshot matching');
      const wanted = cycles === undefined ? `${durationMs} ms` : `${cycles} cycle${cycles === 1 ? '' : 's'}`;
      const firstCycle = core.lastCycle();
      const startedAt = clock.now();
      const progress = (): string =>
        cycles === undefined ? `after ${Math.round(clock.now() - startedAt)} ms` : `after ${core.lastCycle() - firstCycle} cycles`;
      const cyclesDone = (cycle: number, settle: Settle<void>): void => {
        if (cycles !== undefined && cycle >= firstCycle + cycles) settle.resolve();
      };
      const inspect = (snapshot: ObservationSnapshot<SnapshotOf<O>>, settle: Settle<void>): void => {
        const verdict = check(predicate, snapshot.value, snapshot);
        if (verdict.holds) return cyclesDone(snapshot.cycle, settle);
        const reason = verdict.mismatch === undefined ? '' : `: ${cut(verdict.mismatch, 600)}`;
        settle.reject(
          new ObservationHoldError(
            `${description} stopped holding at cycle ${snapshot.cycle}, ${progress()} of ${wanted}${reason}\n  snapshot: ${summarize(snapshot.value)}`,
            { snapshot },
          ),
        );
      };
      const timeoutMs =
        cycles === undefined
          ? durationMs!
          : options.timeoutMs === undefined
            ? cyclesTimeoutMs(cycles, core.config.intervalMs, { inFlightCounts: true })
            : checkMilliseconds(options.timeoutMs, 'timeoutMs');
      return startWait<SnapshotOf<O>, EventOf<O>, void>(core, {
        awaited: `${description} to hold for ${wanted}`,
        timeoutMs,
        signal: checkSignal(options.signal),
        unless: unlessOption(options.unless),
        immediate: (settle) => inspect(core.latestSnapshot(), settle),
        listeners: {
          snapshot: inspect,
          failure: (failure, settle) => {
            if (options.tolerateFailures) return cyclesDone(failure.cycle, settle);
            settle.reject(
              new ObservationHoldError(
                `${description} could not be confirmed: cycle ${failure.cycle} failed at the ${failure.stage} stage ` +
                  `${progress()} of ${wanted}: ${cut(failure.message, 300)}`,
                { failure },
              ),
            );
          },
        },
        onDeadline: (settle, report, message) => {
          // For a duration the deadline is success; for cycles it means they did not all come in time.
          if (cycles === undefined) return settle.resolve();
          settle.reject(new ObservationTimeoutError(`${message}\n  cycles completed: ${core.lastCycle() - firstCycle} of ${cycles}`, report));
        },
        onStop: () => new ObservationStoppedError(`the observation runtime stopped before ${description} held for ${wanted}`),
      });
    });
  }

  /**
   * Resolves with the first `count` events satisfying `predicate` (at least that many): retained history first (unless
   * `includeHistory: false`, then only batches published after the call), then live. A timeout says how many matched
   * and shows the last events that did not.
   */
  waitForEventCount(predicate: EventPredicate<EventOf<O>>, options: EventCountOptions): Promise<ObservedEvent<EventOf<O>>[]> {
    return this.#wait(() => waitForEventCount(this.#core, predicate, options));
  }

  /** Counts the retained history's events that satisfy `predicate`, now. */
  tallyHistory(predicate: EventPredicate<EventOf<O>>): EventTally<EventOf<O>> {
    return tallyEvents(this.#core.history(), predicate);
  }

  /** Watches live batches for `durationMs`; resolves when the window ends with the events that matched and not. */
  tallyEventsFor(predicate: EventPredicate<EventOf<O>>, options: EventWindowOptions): Promise<EventTally<EventOf<O>>> {
    return this.#wait(() => tallyEventsFor(this.#core, predicate, options));
  }

  /**
   * Resolves with one event per predicate, in order, each later than the previous match (a read cursor: two equal
   * predicates need two events). History first (unless turned off), then live. A timeout names the entry not found
   * and the event after which it was looked for.
   */
  waitForEventsInOrder(predicates: readonly EventPredicate<EventOf<O>>[], options: EventWaitOptions = {}): Promise<ObservedEvent<EventOf<O>>[]> {
    return this.#wait(() => waitForEventsInOrder(this.#core, predicates, options));
  }

  /** "Eventually, then stable": see {@link waitAndHold}. */
  waitAndHold(predicate: SnapshotPredicate<SnapshotOf<O>>, options: WaitAndHoldOptions): Promise<ObservationSnapshot<SnapshotOf<O>>> {
    return waitAndHold(this, predicate, options);
  }

  /**
   * Arms a guard: from now on, the first snapshot, event or failure satisfying `condition` (the latest snapshot and
   * current failure included) rejects every pending wait of this runtime with `ObservationGuardError`, and every later
   * wait before it waits. `guard.lift()` disarms it.
   */
  arm(condition: WaitCondition<SnapshotOf<O>, EventOf<O>>): ObservationGuard {
    return guardsOf(this.#core).arm(condition);
  }

  /** Guards still armed, in arming order. */
  guards(): readonly ObservationGuard[] {
    return guardsOf(this.#core).armed();
  }

  /** Guards that were hit, first hit first (lifted or not). */
  guardHits(): readonly ObservationGuard[] {
    return guardsOf(this.#core).hits();
  }

  // Option errors reject the returned promise rather than throw, so every wait fails the same way.
  #wait<R>(start: () => Promise<R>): Promise<R> {
    try {
      return start();
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

// The `unless` and `notBeforeMs` options every single-shot wait shares.
function boundOptions(options: WaitOptions, timeoutMs: number) {
  return { unless: unlessOption(options.unless), notBeforeMs: notBeforeOption(options.notBeforeMs, timeoutMs) };
}

function cycleOption(value: unknown, name: string): number | undefined {
  return value === undefined ? undefined : checkCount(value, name, { unit: 'cycle number' });
}

function describePredicate(predicate: { name: string }, prefix: string, fallback = ' the predicate'): string {
  const name = predicate.name && predicate.name !== 'predicate' ? ` ${predicate.name}` : fallback;
  return `${prefix}${name}`.trim();
}
