// What a predicate said about a value: it held, or it did not and why; the one place predicates are run.
import { isThenable } from './core.js';
import { messageOf } from './format.js';

/** What a predicate said: it held, or it did not (with the reason when it threw one). */
export type Verdict = { readonly holds: true } | { readonly holds: false; readonly mismatch: string | undefined };

const HOLDS: Verdict = { holds: true };

/**
 * Runs a predicate. It holds when it returns `true`, any other truthy value, or nothing at all
 * (so assertion-style predicates such as chai's work); it does not when it returns a falsy value or throws.
 */
export function check<A extends unknown[]>(predicate: (...args: A) => unknown, ...args: A): Verdict {
  let result: unknown;
  try {
    result = predicate(...args);
  } catch (error) {
    return { holds: false, mismatch: messageOf(error) };
  }
  if (isThenable(result)) {
    throw new TypeError('a wait predicate returned a promise; predicates must be synchronous (they run inside the cycle that publishes)');
  }
  return result === undefined || result ? HOLDS : { holds: false, mismatch: undefined };
}
