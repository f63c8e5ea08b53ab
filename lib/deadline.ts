// The one deadline primitive: a timer on a replaceable clock (or a signal) that ends the races run against it.
import type { Clock } from './types.js';
import { MAX_TIMER_MS } from './validate.js';

/** How a {@link Deadline} is set. */
export interface DeadlineOptions {
  /** The clock whose timer measures the deadline: the runtime's, so that a manual clock drives it in tests. */
  readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /**
   * Time until the deadline passes, in ms; none for a deadline that only `signal` ends. Longer than one platform
   * timer holds (`MAX_TIMER_MS`) is fine: the timer is re-armed until the whole time has passed.
   */
  readonly timeoutMs?: number | undefined;
  /** Ends the deadline as soon as it aborts (at once when it already has), with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Called once when `timeoutMs` passes, before any race ends; returns the reason the races reject with, and may act on
   * the expiry (abort a controller). Default: an `Error` saying the time ran out.
   */
  readonly onTimeout?: () => unknown;
}

/**
 * A deadline that races run against: {@link Deadline.race} rejects at expiry, {@link Deadline.atMost} stops waiting.
 * It creates one timer (none without `timeoutMs`) and no promise until a race asks for one, and holds nothing once
 * {@link Deadline.clear}ed or disposed, so it can bound every cycle of a loop.
 */
export class Deadline implements Disposable {
  readonly #clock: DeadlineOptions['clock'];
  readonly #onTimeout: (() => unknown) | undefined;
  readonly #timeoutMs: number | undefined;
  #signal: AbortSignal | undefined;
  #timer: unknown;
  #expired = false;
  #reason: unknown;
  #expiry: Promise<never> | undefined;
  #reject: ((reason: unknown) => void) | undefined;

  constructor(options: DeadlineOptions) {
    this.#clock = options.clock;
    this.#onTimeout = options.onTimeout;
    const { timeoutMs, signal } = options;
    this.#timeoutMs = timeoutMs;
    if (signal?.aborted) {
      this.#expire(signal.reason);
      return;
    }
    if (signal) {
      this.#signal = signal;
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
    if (timeoutMs !== undefined) this.#arm(timeoutMs);
  }

  /** Whether the deadline has passed (or its signal aborted). */
  get expired(): boolean {
    return this.#expired;
  }

  /** What the races rejected with, once expired. */
  get reason(): unknown {
    return this.#reason;
  }

  /** {@link Deadline.race} against a deadline of its own, cleared as soon as `work` or the deadline settles. */
  static async race<T>(options: DeadlineOptions, work: T | PromiseLike<T>): Promise<T> {
    const deadline = new Deadline(options);
    try {
      return await deadline.race(work);
    } finally {
      deadline.clear();
    }
  }

  /** {@link Deadline.atMost} against a deadline of its own, cleared as soon as `work` or the deadline settles. */
  static async atMost<T>(options: DeadlineOptions, work: T | PromiseLike<T>): Promise<T | undefined> {
    const deadline = new Deadline(options);
    try {
      return await deadline.atMost(work);
    } finally {
      deadline.clear();
    }
  }

  /** Settles as `work` does, or rejects with the deadline's reason if it expires first (at once if it has). */
  race<T>(work: T | PromiseLike<T>): Promise<T> {
    // The expiry goes first: once the deadline has passed it wins even over work that has already settled.
    return Promise.race([this.#expiryPromise(), work]);
  }

  /** Settles as `work` does, or resolves with undefined if the deadline expires first: a wait that gives up without failing. */
  atMost<T>(work: T | PromiseLike<T>): Promise<T | undefined> {
    return Promise.race([work, this.#expiryPromise().catch(() => undefined)]);
  }

  /** Disarms the timer and the signal listener; a cleared deadline never expires. Safe to call again. */
  clear(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#signal = undefined;
  }

  /** Same as {@link Deadline.clear}, for `using`. */
  [Symbol.dispose](): void {
    this.clear();
  }

  #arm(left: number): void {
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = undefined;
        if (left > MAX_TIMER_MS) this.#arm(left - MAX_TIMER_MS);
        else this.#expire(this.#timeoutReason());
      },
      Math.min(left, MAX_TIMER_MS),
    );
  }

  // A timer callback that threw would leave every race pending: what onTimeout throws becomes the reason instead.
  #timeoutReason(): unknown {
    if (!this.#onTimeout) return new Error(`the deadline of ${this.#timeoutMs} ms passed`);
    try {
      return this.#onTimeout();
    } catch (error) {
      return error;
    }
  }

  readonly #onAbort = (): void => {
    this.#expire(this.#signal?.reason);
  };

  #expire(reason: unknown): void {
    if (this.#expired) return;
    this.#expired = true;
    this.#reason = reason;
    this.clear();
    this.#reject?.(reason);
  }

  // Made on the first race only; every race attaches its handlers at once, so its rejection is never unhandled.
  #expiryPromise(): Promise<never> {
    if (this.#expiry) return this.#expiry;
    this.#expiry = this.#expired
      ? Promise.reject(this.#reason)
      : new Promise<never>((_resolve, reject) => {
          this.#reject = reject;
        });
    return this.#expiry;
  }
}
