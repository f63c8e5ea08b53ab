// A discrete-event clock for benchmarks: timers fire in deadline order as fast as the CPU allows, so a run of
// many cycles measures the work done per cycle rather than time spent sleeping.
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { Clock, TimerHandle } from '../lib/index.js';

interface VirtualTimer {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
}

/**
 * Implements the runtime's {@link Clock}. `now()` only moves when {@link VirtualClock.fire} runs the earliest timer,
 * jumping to its deadline. Each timer runs in its own macrotask, as a real one would, so promise chains started by
 * one timer settle before the next fires.
 */
export class VirtualClock implements Clock {
  #now: number;
  #order = 0;
  #timers: VirtualTimer[] = [];

  constructor(start = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer: VirtualTimer = { at: this.#now + Math.max(0, delayMs), order: this.#order++, callback };
    // Few timers are ever pending (a loop timer and perhaps a deadline), so a sorted insert is cheapest.
    let index = this.#timers.length;
    while (index > 0 && this.#timers[index - 1]!.at > timer.at) index -= 1;
    this.#timers.splice(index, 0, timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    const index = this.#timers.indexOf(handle as VirtualTimer);
    if (index >= 0) this.#timers.splice(index, 1);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#timers.length;
  }

  /**
   * Fires `count` timers, earliest first, each in a fresh macrotask. Throws if none is pending when one is due,
   * since the loop being driven has then stopped scheduling (a harness bug, not a figure to report).
   */
  async fire(count: number): Promise<void> {
    for (let fired = 0; fired < count; fired += 1) {
      await nextMacrotask();
      const timer = this.#timers.shift();
      if (!timer) throw new Error(`VirtualClock.fire: no timer pending after ${fired} of ${count} fires`);
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
    }
    // Let the work the last timer started finish before the caller measures.
    await nextMacrotask();
  }
}
