// An async iterator over live batches with a bounded buffer, reporting lag the way a broadcast receiver does.
import type { ObservationCore } from './core.js';
import { ObservationLagError } from './errors.js';
import type { ObservationBatch } from './types.js';

type Pending<E> = {
  resolve(result: IteratorResult<ObservationBatch<E>, undefined>): void;
  reject(error: unknown): void;
};

/**
 * Live batches from the moment it is created. It buffers at most `capacity` batches; when a slow consumer lets more
 * arrive, the oldest are dropped and the next `next()` rejects once with `ObservationLagError` saying how many, after
 * which iteration goes on with what is buffered. It ends (done) when the runtime stops, once the buffer is drained,
 * and at once on `return()`, `break`, disposal or its signal's abort; any of these releases its listener.
 */
export class BatchIterator<E> implements AsyncIterableIterator<ObservationBatch<E>, undefined>, AsyncDisposable {
  readonly #capacity: number;
  readonly #buffer: ObservationBatch<E>[] = [];
  readonly #release: () => void;
  #skipped = 0;
  #closed = false;
  #pending: Pending<E> | undefined;

  constructor(core: ObservationCore<unknown, E>, signal: AbortSignal | undefined) {
    this.#capacity = Math.max(core.config.historyLimit, 1);
    if (core.stopped || signal?.aborted) {
      this.#closed = true;
      this.#release = () => {};
      return;
    }
    const onBatch = (batch: ObservationBatch<E>): void => this.#push(batch);
    const onStop = (): void => this.#close(false);
    const onAbort = (): void => this.#close(true);
    const offBatch = core.on('batch', onBatch);
    const offStop = core.on('stop', onStop);
    signal?.addEventListener('abort', onAbort, { once: true });
    this.#release = () => {
      offBatch();
      offStop();
      signal?.removeEventListener('abort', onAbort);
    };
  }

  next(): Promise<IteratorResult<ObservationBatch<E>, undefined>> {
    if (this.#pending) return Promise.reject(new Error('batches(): next() called again before the previous call settled'));
    if (this.#skipped > 0) {
      const skipped = this.#skipped;
      this.#skipped = 0;
      return Promise.reject(new ObservationLagError(skipped, this.#capacity));
    }
    const batch = this.#buffer.shift();
    if (batch) return Promise.resolve({ value: batch, done: false });
    if (this.#closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<ObservationBatch<E>, undefined>> {
    this.#close(true);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  #push(batch: ObservationBatch<E>): void {
    const pending = this.#pending;
    if (pending) {
      this.#pending = undefined;
      pending.resolve({ value: batch, done: false });
      return;
    }
    this.#buffer.push(batch);
    if (this.#buffer.length > this.#capacity) {
      this.#buffer.shift();
      this.#skipped += 1;
    }
  }

  // Stopping keeps what is buffered for the consumer; return() and abort drop it, since nobody will read it.
  #close(dropBuffered: boolean): void {
    if (dropBuffered) {
      this.#buffer.length = 0;
      this.#skipped = 0;
    }
    if (this.#closed) return;
    this.#closed = true;
    this.#release();
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.resolve({ value: undefined, done: true });
  }
}
