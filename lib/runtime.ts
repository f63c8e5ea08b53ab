// The lifecycle owner: start-up, then the cycle loop, then stop; the read side is the handle.
import { resolveConfig } from './config.js';
import { ObservationCore } from './core.js';
import { CycleLoop, type SourceFunction } from './cycle-loop.js';
import { ObservationRuntimeError, ObservationStoppedError } from './errors.js';
import { messageOf } from './format.js';
import { ObservationHandle } from './handle.js';
import { checkObserver, observerName } from './observer.js';
import { toSourceFunction } from './sources.js';
import { startUp } from './startup.js';
import { Watches } from './watch.js';
import type { AnyObserver, EventOf, ObservationConfig, SnapshotOf, SourceOf, SourceProviderLike } from './types.js';

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

  /** Settles when the background loop has ended, after `stop()`. Never rejects. */
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
