// Public types of the observation runtime: what an app implements and what the runtime hands back.

/** One named observation source: a human-readable name and an app-owned value (typically a client for one node). */
export interface ObservedSource<S> {
  readonly name: string;
  readonly source: S;
}

/** Supplies the current source set; asked once at start and again before every cycle. */
export interface SourceProvider<S> {
  sources(signal: AbortSignal): readonly ObservedSource<S>[] | Promise<readonly ObservedSource<S>[]>;
  /** Optional: watches the system for changes and asks for a cycle on each one; see {@link WatchContext}. */
  watch?(context: WatchContext): void | Promise<void>;
}

/**
 * What a provider's or observer's optional `watch(context)` gets. The runtime calls `watch` once, after start-up and
 * before the first cycle; it may return at once (having set up a listener) or keep running until `signal` aborts.
 */
export interface WatchContext {
  /** Asks for a cycle as soon as the current one ends (see `ObservationHandle.requestCycle`); safe to call after stop. */
  requestCycle(): void;
  /** Aborts when the runtime stops: close the watch then. `stop()` waits at most `stopTimeoutMs` for `watch` to settle. */
  readonly signal: AbortSignal;
}

/** A {@link SourceProvider}, or a plain function that does its job. */
export type SourceProviderLike<S> = SourceProvider<S> | ((signal: AbortSignal) => readonly ObservedSource<S>[] | Promise<readonly ObservedSource<S>[]>);

/**
 * App-owned observation logic. The runtime knows nothing of its four types.
 *
 * - `init` builds the retained state from the first source set.
 * - `poll` advances that state in place by one cycle and returns the delta events it found. The runtime copies the list
 *   so that no listener can change it, unless it has 1,024 events or more and is frozen: freeze a long list to spare the copy.
 * - `snapshot` builds the current view from the state; return a new value, not the live state.
 * - `watch`, optional, turns polling into push: it asks for a cycle whenever the system says it changed.
 */
export interface Observer<Source, State, Snapshot, Event> {
  init(sources: readonly ObservedSource<Source>[], signal: AbortSignal): State | Promise<State>;
  poll(sources: readonly ObservedSource<Source>[], state: State, signal: AbortSignal): readonly Event[] | Promise<readonly Event[]>;
  snapshot(state: State): Snapshot;
  /** Optional: watches the system for changes and asks for a cycle on each one; see {@link WatchContext}. */
  watch?(context: WatchContext): void | Promise<void>;
}

// `any` here is what lets a concrete observer's own types be inferred back out of it.
/** Any observer, whatever its four types: the bound of every generic that takes an observer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyObserver = Observer<any, any, any, any>;

/** The source type of an observer. */
export type SourceOf<O extends AnyObserver> = O extends Observer<infer S, any, any, any> ? S : never;
/** The retained state type of an observer. */
export type StateOf<O extends AnyObserver> = O extends Observer<any, infer T, any, any> ? T : never;
/** The snapshot type of an observer. */
export type SnapshotOf<O extends AnyObserver> = O extends Observer<any, any, infer T, any> ? T : never;
/** The event type of an observer. */
export type EventOf<O extends AnyObserver> = O extends Observer<any, any, any, infer E> ? E : never;

/** One materialized snapshot. Cycle 0 is built from `init` at start-up. */
export interface ObservationSnapshot<T> {
  readonly cycle: number;
  readonly observedAt: Date;
  readonly sourceCount: number;
  readonly value: T;
}

/** All events of one successful cycle that produced any. */
export interface ObservationBatch<E> {
  readonly cycle: number;
  readonly observedAt: Date;
  readonly sourceCount: number;
  readonly events: readonly E[];
}

/** An event and the batch it arrived in. */
export interface ObservedEvent<E> {
  readonly event: E;
  readonly batch: ObservationBatch<E>;
}

/** Where a cycle failed: refreshing the sources, or polling (which includes building the snapshot). */
export type ObservationFailureStage = 'source-refresh' | 'poll';

/** The most recent failed cycle. */
export interface ObservationFailure {
  readonly cycle: number;
  readonly observedAt: Date;
  /** Sources involved: the refreshed count when the poll failed; 0 when the refresh failed or the cycle was skipped. */
  readonly sourceCount: number;
  readonly stage: ObservationFailureStage;
  /** The thrown Error's own message, verbatim; a readable rendering of anything else that was thrown. */
  readonly message: string;
  /** What was thrown. */
  readonly cause: unknown;
}

/** Where the runtime logs. Every method is optional; the runtime is silent without a logger. */
export interface ObservationLogger {
  debug?(message: string, fields: Record<string, unknown>): void;
  info?(message: string, fields: Record<string, unknown>): void;
  warn?(message: string, fields: Record<string, unknown>): void;
}

/** A handle on a scheduled callback, as returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown;

/**
 * Time as the runtime sees it. Replace it in tests to drive cycles and deadlines without real sleeps.
 * `now()` is in milliseconds since the epoch and must never go backwards.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Options of {@link ObservationRuntime.start}. Every one is optional. */
export interface ObservationConfig {
  /** Time between cycles, in ms. Must be a positive finite number. Default 1000. */
  intervalMs?: number;
  /** Non-empty event batches kept in memory (0 keeps none). Also the buffer of each `batches()` iterator (at least 1). Default 64. */
  historyLimit?: number;
  /** Extra attempts at the start-up source refresh and init. Default 0: start-up fails at its first error. */
  startupRetries?: number;
  /** Delay before the first start-up retry, doubled for each further one, in ms. Default 100. */
  startupRetryDelayMs?: number;
  /** Bound on the whole start-up (all attempts), in ms. Default: none. */
  startupTimeoutMs?: number;
  /** Bound on one cycle, in ms: an overrunning cycle is aborted and recorded as a failure at its stage. Default: none. */
  cycleTimeoutMs?: number;
  /** How long `stop()` waits for an in-flight cycle before giving up on it, in ms. Default 1000. */
  stopTimeoutMs?: number;
  /**
   * Least time from the end of one cycle to the start of a requested one (`requestCycle()`), in ms, so that a storm of
   * change notifications cannot keep the process busy. Interval cycles are not held back by it. Default 0.
   */
  minCycleGapMs?: number;
  /** Aborting it aborts start-up, or stops a started runtime. */
  signal?: AbortSignal;
  /** Where to log; silent when absent. */
  logger?: ObservationLogger;
  /** Replaceable time source, for tests. Default: the real timers and `performance`. */
  clock?: Clock;
}

/** What a snapshot predicate gets: the app's snapshot first, the whole observation snapshot second. */
export type SnapshotPredicate<T> = (value: T, snapshot: ObservationSnapshot<T>) => boolean | void;
/** What an event predicate gets: the event and the batch it came in. */
export type EventPredicate<E> = (event: E, batch: ObservationBatch<E>) => boolean | void;
/** What a failure predicate gets. */
export type FailurePredicate = (failure: ObservationFailure) => boolean | void;

/**
 * Something that dooms a wait, or that a guard watches for: predicates over snapshots, events or failures (give at
 * least one). One holds as wait predicates do (true, truthy or nothing returned); one that throws does not hold, and
 * its message is kept for the report. Method syntax, so a predicate typed for your observer's values fits.
 */
export interface WaitCondition<T = any, E = any> {
  /** What the condition means, in words, for messages. Default: built from the predicates' names. */
  readonly description?: string;
  snapshot?(value: T, snapshot: ObservationSnapshot<T>): boolean | void;
  event?(event: E, batch: ObservationBatch<E>): boolean | void;
  failure?(failure: ObservationFailure): boolean | void;
  /** What the snapshot predicate read when it held (the values, with their paths), for messages instead of the snapshot's head. */
  explain?(value: T): string | undefined;
}

/** What a condition saw when it held. */
export interface ConditionHit {
  /** The condition's description. */
  readonly condition: string;
  readonly kind: 'snapshot' | 'event' | 'failure';
  /** The snapshot's value, the event, or the failure that satisfied it. */
  readonly value: unknown;
  readonly cycle: number;
  readonly observedAt: Date;
  /** What the condition read when it held, when it says so (see WaitCondition.explain). */
  readonly read?: string;
}

/** Options shared by every wait. */
export interface WaitOptions {
  /**
   * Give up at once, rejecting with `ObservationGuardError`, when this condition (or one of these) holds: on the latest
   * snapshot or current failure when the wait begins, or on anything published while it is pending. Events already in
   * the history do not count. Default: none.
   */
  unless?: WaitCondition | readonly WaitCondition[];
  /**
   * A lower bound, in ms: a condition that holds sooner than this after the wait began rejects with
   * `ObservationTooEarlyError` (Awaitility's `between`). Must be below the timeout. Default: none.
   */
  notBeforeMs?: number;
  /** How long to wait before rejecting with `ObservationTimeoutError`, in ms. Default 5000. */
  timeoutMs?: number;
  /** Aborting it rejects the wait with the signal's reason. */
  signal?: AbortSignal;
  /** What is awaited, in words, for the timeout message. Default: the predicate's name, or a generic phrase. */
  description?: string;
}

/** Options of `waitForSnapshot`. */
export interface SnapshotWaitOptions<T = any> extends WaitOptions {
  /** Accept only snapshots of a cycle numbered higher than this (fresh state after an action). */
  after?: number;
  /**
   * Records the values the check reads, cycle by cycle (at most 500 cycles), for `onWait` listeners: the report draws
   * them as the wait's value track. Default: none.
   */
  track?: WaitTrackOptions<T>;
}

/** One value a wait's check read, by its concrete path. */
export interface TrackedValue {
  readonly path: string;
  readonly value: unknown;
}

/** What a wait tracks: the values its check reads from a snapshot's value, and what it expects of them. */
export interface WaitTrackOptions<T = any> {
  values(snapshotValue: T): readonly TrackedValue[];
  /** What the check expects, in words ("be at least 3"), and the number to draw as its bound when there is one. */
  readonly expected?: { readonly text: string; readonly bound?: number };
}

/** The values a wait read, cycle by cycle: numbers as they are, anything else as a short text. */
export interface WaitTrack {
  readonly expected: string | undefined;
  readonly bound: number | undefined;
  /** Oldest first; `at` is the snapshot's time in the clock's epoch ms. */
  readonly samples: readonly {
    readonly cycle: number;
    readonly at: number;
    readonly values: readonly { readonly path: string; readonly value: number | string }[];
  }[];
  /** Oldest samples not kept. */
  readonly droppedSamples: number;
}

/** Options of `waitForEvent`. */
export interface EventWaitOptions extends WaitOptions {
  /** Look through the retained history (oldest first) before live batches. Default true. */
  includeHistory?: boolean;
}

/** Options of `waitForEventCount`. */
export interface EventCountOptions extends EventWaitOptions {
  /** How many matching events to wait for (at least this many); a positive integer. */
  count: number;
}

/** Options of `tallyEventsFor`: a window of live batches. */
export interface EventWindowOptions {
  /** How long the window lasts, in ms. */
  durationMs: number;
  signal?: AbortSignal;
  description?: string;
  unless?: WaitCondition | readonly WaitCondition[];
}

/** Events that matched a predicate, and the latest of those that did not. */
export interface EventTally<E> {
  readonly matched: readonly ObservedEvent<E>[];
  /** The last events that did not match, oldest first (at most 5). */
  readonly unmatched: readonly ObservedEvent<E>[];
  /** How many events were looked at. */
  readonly seen: number;
}

/** Options of `waitAndHold`: a bound to reach the condition, then how long it must keep holding. */
export interface WaitAndHoldOptions extends SnapshotWaitOptions {
  /** How long it must keep holding once reached, in ms. */
  durationMs?: number;
  /** Or how many further cycles it must keep holding for. */
  cycles?: number;
}

/** Options of `waitForFailure`. */
export interface FailureWaitOptions extends WaitOptions {
  /** Accept only failures of a cycle numbered higher than this. */
  after?: number;
}

/** Options of `holdsFor`: give either `durationMs` or `cycles`. */
export interface HoldOptions {
  /** How long the predicate must keep holding, in ms. */
  durationMs?: number;
  /** How many further cycles must complete (successfully, unless failures are tolerated) while it keeps holding. */
  cycles?: number;
  /** With `cycles`: how long to wait for them, in ms. Default: twice the time those cycles should take, plus 1000. */
  timeoutMs?: number;
  /** Accept failed cycles during the hold instead of rejecting at the first one. Default false. */
  tolerateFailures?: boolean;
  signal?: AbortSignal;
  description?: string;
  /** As for every wait: give up at once when this condition holds. */
  unless?: WaitCondition | readonly WaitCondition[];
}

/** Options of `batches()`. */
export interface BatchesOptions {
  /** Aborting it ends the iteration and releases the subscription. */
  signal?: AbortSignal;
}

/** What one finished cycle did, as reported to `onCycle` listeners. */
export interface CycleReport {
  readonly cycle: number;
  /** When the cycle began and ended, in the clock's milliseconds since the epoch. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly sourceCount: number;
  /** Events the cycle produced (0 for a failed cycle). */
  readonly eventCount: number;
  /** The failure, when the cycle failed. */
  readonly failure: ObservationFailure | undefined;
}

/**
 * How a wait ended: `resolved` (its condition held), `held` (its deadline was its success, as for `holdsFor` a
 * duration), `timed-out`, `failed` (rejected otherwise: a broken hold, a bad predicate), `stopped` (the runtime
 * stopped) or `aborted` (its signal).
 */
export type WaitOutcome = 'resolved' | 'held' | 'timed-out' | 'failed' | 'stopped' | 'aborted';

/** A wait that has settled, as `onWait` listeners get it. */
export interface SettledWait {
  /** What was awaited, in words. */
  readonly awaited: string;
  readonly timeoutMs: number;
  /** When it began and settled, in the clock's milliseconds since the epoch. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly outcome: WaitOutcome;
  /** Cycles completed during the wait, and how many of them failed. */
  readonly cycles: number;
  readonly failedCycles: number;
  /** The values it read each cycle, when it was asked to track them. */
  readonly track?: WaitTrack;
}

/**
 * Ends a subscription: call it, or let `using` do it (it is also `Disposable`). Calling it again does nothing, so a
 * listener added later with the same function is never removed by mistake.
 */
export interface Disposer extends Disposable {
  (): void;
}

/** A subscriber or cycle listener that threw or rejected; the loop and the other listeners went on. */
export interface ListenerFailure {
  /** Which kind of listener: "a batch subscriber" or "a cycle listener". */
  readonly listener: string;
  readonly message: string;
  /** The last completed cycle when it failed. */
  readonly cycle: number;
  readonly at: Date;
}

/** Listener failures of a runtime: how many there were, and the most recent ones. */
export interface ListenerFailures {
  readonly total: number;
  /** The first one, kept when {@link ListenerFailures.recent} has moved past it; undefined while none failed. */
  readonly first: ListenerFailure | undefined;
  /** The most recent ones (up to 20), oldest first. */
  readonly recent: readonly ListenerFailure[];
}

/** Counters and settings of one runtime, for progress checks and reports. */
export interface ObservationStatus {
  readonly running: boolean;
  readonly intervalMs: number;
  readonly historyLimit: number;
  readonly startedAt: Date;
  /** Number of the most recently started cycle (0 before the first): waits with `after` set to it see only fresher state. */
  readonly cyclesStarted: number;
  readonly cyclesCompleted: number;
  readonly cyclesFailed: number;
  readonly batchesPublished: number;
}
