// The AbortSignal each cycle gets: a new one only when the previous cycle's signal was used, since building one costs
// more than the rest of a small cycle (Node builds an AbortSignal by re-prototyping an EventTarget).
import { getEventListeners } from 'node:events';

/**
 * Hands out the controller whose signal a cycle gets. The previous cycle's controller is handed on only when nothing
 * used its signal: it is not aborted, has no `abort` listener (nor `onabort`), and has no property it was born without
 * (`AbortSignal.any` records its dependants on each source signal as a new own property). So a listener or a combined
 * signal made in one cycle never sees a later cycle's abort, and nothing accumulates on a signal over cycles.
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

let freshKeyCount: number | undefined;

function untouched(signal: AbortSignal): boolean {
  freshKeyCount ??= Reflect.ownKeys(new AbortController().signal).length;
  return !signal.aborted && getEventListeners(signal, 'abort').length === 0 && Reflect.ownKeys(signal).length === freshKeyCount;
}
