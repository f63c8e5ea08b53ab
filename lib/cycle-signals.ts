// The AbortSignal each cycle gets: a new one only when the previous cycle's signal was used, since building one costs
// more than the rest of a small cycle (Node builds an AbortSignal by re-prototyping an EventTarget).
import { getEventListeners } from 'node:events';

/**
 * Hands out the controller whose signal a cycle gets. The previous cycle's controller is handed on only when nothing
 * used its signal: it is not aborted, has no `abort` listener (nor `onabort`), and no signal was derived from it with
 * `AbortSignal.any`. So a listener or a combined signal made in one cycle never sees a later cycle's abort, and nothing
 * accumulates on a signal over cycles.
 */
export class CycleSignals {
  #current: AbortController | undefined;

  /** The controller for the next cycle. */
  next(): AbortController {
    const current = this.#current;
    if (current !== undefined && untouched(current.signal)) return current;
    this.#current = new AbortController();
    return this.#current;
  }

  /** Aborts the signal handed out last (the cycle in flight, or the one kept for the next cycle). */
  abort(reason: unknown): void {
    this.#current?.abort(reason);
  }
}

/**
 * Where this Node records the signals `AbortSignal.any` derived from a signal: the own property that deriving one (and
 * listening to it: Node 24 records a derived signal only once something listens to it) adds to a fresh source signal.
 * A private symbol, found once by trying rather than by name. `null` when none appears: then derivation cannot be
 * seen, and no signal is ever handed on.
 */
const dependantsKey: PropertyKey | null = (() => {
  const source = new AbortController().signal;
  const before = new Set(Reflect.ownKeys(source));
  const derived = AbortSignal.any([source]);
  const listener = (): void => {};
  derived.addEventListener('abort', listener);
  derived.removeEventListener('abort', listener);
  const added = Reflect.ownKeys(source).filter((key) => !before.has(key));
  return added.length === 1 ? added[0]! : null;
})();

function untouched(signal: AbortSignal): boolean {
  if (dependantsKey === null || signal.aborted) return false;
  const dependants = (signal as unknown as Record<PropertyKey, { size?: number } | undefined>)[dependantsKey];
  return (dependants === undefined || dependants.size === 0) && getEventListeners(signal, 'abort').length === 0;
}
