// The baseline for cycle cost: the timer loop one writes by hand instead of the runtime, keeping the same data
// (latest snapshot and a bounded history of event batches) from the same observer, on the same clock.
import type { AnyObserver, Clock, ObservedSource } from '../lib/index.js';

/**
 * `async` awaits the provider and the poll, as a loop over a real (networked) system must; `sync` does not;
 * `async-cancellable` is `async` with a fresh AbortSignal per cycle, as the runtime gives each cycle.
 */
export type BareLoopMode = 'async' | 'sync' | 'async-cancellable';

interface Kept<T> {
  readonly cycle: number;
  readonly observedAt: Date;
  readonly sourceCount: number;
  readonly value: T;
}

/** A minimal observation loop: no validation, no abort signals, no listeners, no waits. */
export class BareLoop<O extends AnyObserver> {
  readonly #clock: Clock;
  readonly #sources: () => readonly ObservedSource<unknown>[];
  readonly #observer: O;
  readonly #intervalMs: number;
  readonly #historyLimit: number;
  readonly #mode: BareLoopMode;
  readonly #sharedSignal = new AbortController().signal;
  #state: unknown;
  #deadline = 0;
  #timer: unknown;
  #stopped = false;
  cycles = 0;
  latest: Kept<unknown> | undefined;
  readonly history: Kept<readonly unknown[]>[] = [];
  lastError: { readonly cycle: number; readonly error: unknown } | undefined;

  constructor(clock: Clock, sources: () => readonly ObservedSource<unknown>[], observer: O, intervalMs: number, historyLimit: number, mode: BareLoopMode) {
    this.#clock = clock;
    this.#sources = sources;
    this.#observer = observer;
    this.#intervalMs = intervalMs;
    this.#historyLimit = historyLimit;
    this.#mode = mode;
  }

  async start(): Promise<void> {
    const sources = this.#sources();
    this.#state = await this.#observer.init(sources, this.#sharedSignal);
    this.latest = { cycle: 0, observedAt: new Date(this.#clock.now()), sourceCount: sources.length, value: this.#observer.snapshot(this.#state) };
    this.#deadline = this.#clock.now() + this.#intervalMs;
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#stopped) return;
    const tick = this.#mode === 'sync' ? this.#tickSync : this.#tickAsync;
    this.#timer = this.#clock.setTimeout(tick, Math.max(0, this.#deadline - this.#clock.now()));
  }

  readonly #tickSync = (): void => {
    this.#timer = undefined;
    this.#deadline += this.#intervalMs;
    const cycle = ++this.cycles;
    try {
      const sources = this.#sources();
      const events = this.#observer.poll(sources, this.#state, this.#sharedSignal) as readonly unknown[];
      this.#keep(cycle, sources.length, events, this.#observer.snapshot(this.#state));
    } catch (error) {
      this.lastError = { cycle, error };
    }
    this.#schedule();
  };

  readonly #tickAsync = async (): Promise<void> => {
    this.#timer = undefined;
    this.#deadline += this.#intervalMs;
    const cycle = ++this.cycles;
    try {
      const signal = this.#mode === 'async-cancellable' ? new AbortController().signal : this.#sharedSignal;
      const sources = await this.#sources();
      const events = (await this.#observer.poll(sources, this.#state, signal)) as readonly unknown[];
      this.#keep(cycle, sources.length, events, this.#observer.snapshot(this.#state));
    } catch (error) {
      this.lastError = { cycle, error };
    }
    this.#schedule();
  };

  #keep(cycle: number, sourceCount: number, events: readonly unknown[], value: unknown): void {
    const observedAt = new Date(this.#clock.now());
    this.latest = { cycle, observedAt, sourceCount, value };
    this.lastError = undefined;
    if (events.length === 0 || this.#historyLimit === 0) return;
    this.history.push({ cycle, observedAt, sourceCount, value: events });
    if (this.history.length > this.#historyLimit) this.history.shift();
  }
}
