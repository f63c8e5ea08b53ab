// A bounded list that keeps the newest entries: the history of batches and the report's recorded cycles share it.

/**
 * Keeps at most `limit` entries, oldest first. Once full, adding one overwrites the oldest in place, so keeping the
 * newest n costs O(1) per entry whatever n is; `dropped` counts the entries overwritten. A limit of 0 keeps nothing.
 */
export class Ring<T> {
  readonly #limit: number;
  #items: T[] = [];
  // Where the oldest entry is, once the ring has wrapped.
  #oldest = 0;
  #dropped = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** How many entries it holds. */
  get size(): number {
    return this.#items.length;
  }

  /** How many entries were overwritten (or refused, with a limit of 0). */
  get dropped(): number {
    return this.#dropped;
  }

  push(item: T): void {
    if (this.#items.length < this.#limit) {
      this.#items.push(item);
      return;
    }
    this.#dropped += 1;
    if (this.#limit === 0) return;
    this.#items[this.#oldest] = item;
    this.#oldest = (this.#oldest + 1) % this.#limit;
  }

  /** The entries, oldest first, in a fresh array. */
  toArray(): T[] {
    const items = this.#items;
    return this.#oldest === 0 ? items.slice() : items.slice(this.#oldest).concat(items.slice(0, this.#oldest));
  }

  /**
   * The entries, oldest first, without a copy: the ring straightens itself once, so reads are free until it wraps
   * again. The array is the ring's own; it changes with the next push.
   */
  view(): readonly T[] {
    if (this.#oldest !== 0) {
      this.#items = this.toArray();
      this.#oldest = 0;
    }
    return this.#items;
  }

  /** Calls `visit` with each entry, oldest first, without copying, until it returns true. */
  some(visit: (item: T) => boolean): boolean {
    const items = this.#items;
    for (let offset = 0; offset < items.length; offset += 1) {
      if (visit(items[(this.#oldest + offset) % items.length]!)) return true;
    }
    return false;
  }
}
