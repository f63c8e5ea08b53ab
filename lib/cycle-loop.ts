// The timer loop: one cycle at a time on the interval (or sooner when asked), never overlapping, each bounded by its deadline.
import type { ResolvedConfig } from './config.js';
import type { ObservationCore } from './core.js';
import { CycleSignals } from './cycle-signals.js';
import { Deadline } from './deadline.js';
import { ObservationCycleTimeoutError, ObservationStoppedError } from './errors.js';
import { messageOf, summarize } from './format.js';
import { observerName } from './observer.js';
import { checkSources } from './sources.js';
import type { AnyObserver, EventOf, ObservationBatch, ObservationFailureStage, ObservedSource, SnapshotOf, SourceOf, StateOf } from './types.js';

// tokio's interval counts a tick as missed when it runs more than 5 ms late; with MissedTickBehavior::Delay the
// missed tick fires at once and the cadence restarts from there, so a slow cycle never causes a burst.
const MISSED_TICK_TOLERANCE_MS = 5;

// From this many events a batch keeps the observer's list when it is frozen, rather than a copy (see #succeed).
const KEEP_FROZEN_FROM = 1024;

/** How far a cycle got, for the failure it may turn into, and what it awaits (for a deadline to outlast). */
interface CycleProgress {
  stage: ObservationFailureStage;
  sourceCount: number;
  pending: Promise<unknown> | undefined;
}

/** Races a cycle's await against its deadline, noting what it awaits. */
function within<T>(deadline: Deadline, progress: CycleProgress, step: T | Promise<T>): Promise<T> {
  const pending = Promise.resolve(step);
  progress.pending = pending;
  return deadline.race(pending);
}

/** How a runtime asks its sources for the current list: the provider, turned into one function. */
export type SourceFunction<S> = (signal: AbortSignal) => readonly ObservedSource<S>[] | Promise<readonly ObservedSource<S>[]>;

/** The timer loop: one cycle at a time, each one interval after the previous tick (or sooner when asked), never overlapping. */
export class CycleLoop<O extends AnyObserver> {
  readonly #core: ObservationCore<SnapshotOf<O>, EventOf<O>>;
  readonly #sources: SourceFunction<SourceOf<O>>;
  readonly #observer: O;
  readonly #state: StateOf<O>;
  readonly #config: ResolvedConfig;
  readonly #signals = new CycleSignals();
  #deadline = 0;
  #cycle = 0;
  #timer: unknown;
  #cycleDeadline: Deadline | undefined;
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
    await Deadline.atMost({ clock, timeoutMs }, inFlight);
  }

  #schedule(): void {
    if (this.#core.stopped) return;
    const { clock } = this.#config;
    const delay = this.#requested ? Math.max(0, this.#lastEndedAt + this.#config.minCycleGapMs - clock.now()) : Math.max(0, this.#deadline - clock.now());
    this.#timer = clock.setTimeout(this.#tick, delay);
  }

  readonly #tick = (): void => {
    // A request served from a microtask may find its cycle already started by a timer, or the runtime stopped.
    if (this.#core.stopped || this.#running) return;
    const { clock, intervalMs } = this.#config;
    this.#timer = undefined;
    const now = clock.now();
    // After a requested cycle the cadence restarts from it; a late tick restarts it too, so there is never a burst.
    this.#deadline = this.#requested || now - this.#deadline > MISSED_TICK_TOLERANCE_MS ? now + intervalMs : this.#deadline + intervalMs;
    this.#requested = false;
    this.#cycle += 1;
    this.#running = true;
    const running = this.#runCycle(this.#cycle, now);
    // Without a deadline #runCycle cannot reject: what it calls outside its try, #fail and #cycleEnded, catch their own
    // errors, so the cycle needs no .catch() (a promise and a microtask every cycle). The deadline's clock calls are
    // outside them: with one, should the cycle still reject, the loop goes on rather than die with an unhandled rejection.
    this.#inFlight =
      this.#config.cycleTimeoutMs === undefined
        ? running
        : running.catch((error: unknown) => {
            this.#unrecorded(error);
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
    try {
      this.#lastEndedAt = this.#config.clock.now();
      this.#schedule();
    } catch (error) {
      this.#unrecorded(error);
    }
  }

  // A cycle's end that could not be recorded (a throwing clock or failure listener): logged rather than left to reject
  // the cycle's promise unhandled. After #fail the cycle still ends and the next one is scheduled.
  #unrecorded(error: unknown): void {
    this.#core.log('warn', 'observation cycle could not be recorded', { message: messageOf(error) });
  }

  // With cycleTimeoutMs: a deadline that aborts the cycle and fails its awaits. The work it interrupted stays
  // "abandoned" until it settles, so its late result is dropped and no later cycle runs beside it.
  #deadlineFor(cycle: number, controller: AbortController, progress: CycleProgress): Deadline {
    const { clock, cycleTimeoutMs: timeoutMs } = this.#config;
    this.#cycleDeadline = new Deadline({
      clock,
      timeoutMs,
      onTimeout: () => {
        const { stage, pending } = progress;
        const error = new ObservationCycleTimeoutError(cycle, timeoutMs!, stage);
        this.#abandoned = { cycle, stage };
        const release = (): void => {
          if (this.#abandoned?.cycle === cycle) this.#abandoned = undefined;
        };
        if (pending) pending.then(release, release);
        else release();
        controller.abort(error);
        return error;
      },
    });
    return this.#cycleDeadline;
  }

  #clearDeadline(): void {
    this.#cycleDeadline?.clear();
    this.#cycleDeadline = undefined;
  }

  #succeed(cycle: number, sourceCount: number, events: readonly EventOf<O>[], value: SnapshotOf<O>, startedAt: number): void {
    const observedAt = new Date(this.#config.clock.now());
    // A frozen copy, so that no listener can change what the others see (slice is the cheapest copy of an array). A
    // long list the observer froze itself is kept as it is: nobody can change it, and copying it costs the most (past
    // about 32,000 events the copy is a large object, whose pages the kernel must zero). Short lists are not asked:
    // isFrozen would cost more than their copy.
    let batch: ObservationBatch<EventOf<O>> | undefined;
    if (events.length > 0) {
      const kept = events.length >= KEEP_FROZEN_FROM && Object.isFrozen(events);
      const frozen = kept ? events : Object.freeze(Array.prototype.slice.call(events) as EventOf<O>[]);
      batch = Object.freeze({ cycle, observedAt, sourceCount, events: frozen });
    }
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
    try {
      this.#core.log('warn', 'observation cycle failed', { observer: observerName(this.#observer), cycle, sourceCount, stage, message });
      this.#core.recordFailure(Object.freeze({ cycle, observedAt: new Date(this.#config.clock.now()), sourceCount, stage, message, cause }), startedAt);
    } catch (error) {
      this.#unrecorded(error);
    }
  }
}
