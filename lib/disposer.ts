// Turns a release function into a Disposer: callable, `using`-able, and harmless to call twice.
import type { Disposer } from './types.js';

/** Wraps `release` so that it runs at most once, whether called directly or through `Symbol.dispose`. */
export function disposer(release: () => void): Disposer {
  let released = false;
  const dispose = (): void => {
    if (released) return;
    released = true;
    release();
  };
  return Object.assign(dispose, { [Symbol.dispose]: dispose });
}

/** A Disposer with nothing to release: what a subscription made after stop returns. */
export function noopDisposer(): Disposer {
  return disposer(() => {});
}
