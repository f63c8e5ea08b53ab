// A discrete-event clock for benchmarks: timers fire in deadline order as fast as the CPU allows, so a run of
// many cycles measures the work done per cycle rather than time spent sleeping.
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { Clock, TimerHandle } from '../lib/index.js';

interface VirtualTimer {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
  /** Cleared while pending: it stays in the heap, skipped when it comes up. */
  cancelled: boolean;
  /** Taken off the heap, fired or skipped: clearing it then changes nothing. */
  done: boolean;
}

const earlier = (a: VirtualTimer, b: VirtualTimer): boolean => a.at < b.at || (a.at === b.at && a.order < b.order);

/**
 * Implements the runtime's {@link Clock}. `now()` only moves when {@link VirtualClock.fire} runs the earliest timer,
 * jumping to its deadline. Each timer runs in its own macrotask, as a real one would, so promise chains started by
 * one timer settle before the next fires.
 *
 * The timers are a binary heap, and a cleared one is only marked: with 10,000 pending waits there are 10,000 deadline
 * timers beside the loop's, and a sorted list cost the clock O(pending) per cycle (a walk and a copy of the list),
 * which the scaling case then counted as the runtime's cost per wait.
 */
export class VirtualClock implements Clock {
  #now: number;
  #order = 0;
  readonly #heap: VirtualTimer[] = [];
  #cancelled = 0;

  constructor(start = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const timer: VirtualTimer = { at: this.#now + Math.max(0, delayMs), order: this.#order++, callback, cancelled: false, done: false };
    const heap = this.#heap;
    let index = heap.push(timer) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!earlier(timer, heap[parent]!)) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = timer;
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = handle as VirtualTimer;
    if (timer.cancelled || timer.done) return;
    timer.cancelled = true;
    this.#cancelled += 1;
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.#heap.length - this.#cancelled;
  }

  /**
   * Fires `count` timers, earliest first, each in a fresh macrotask. Throws if none is pending when one is due,
   * since the loop being driven has then stopped scheduling (a harness bug, not a figure to report).
   */
  async fire(count: number): Promise<void> {
    for (let fired = 0; fired < count; fired += 1) {
      await nextMacrotask();
      const timer = this.#next();
      if (!timer) throw new Error(`VirtualClock.fire: no timer pending after ${fired} of ${count} fires`);
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
    }
    // Let the work the last timer started finish before the caller measures.
    await nextMacrotask();
  }

  // The earliest timer not cleared, taken off the heap; cleared ones met on the way are dropped.
  #next(): VirtualTimer | undefined {
    for (;;) {
      const timer = this.#pop();
      if (timer === undefined) return undefined;
      timer.done = true;
      if (!timer.cancelled) return timer;
      this.#cancelled -= 1;
    }
  }

  #pop(): VirtualTimer | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && earlier(heap[right]!, heap[left]!) ? right : left;
      if (!earlier(heap[child]!, last)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}
