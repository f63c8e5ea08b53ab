// Turns a verdict on a whole snapshot value into a SnapshotCheck: a predicate that throws, with a description.
import { assertionOf } from './assertion.js';
import { ValueReadError } from './paths.js';
import type { Mismatch, SnapshotCheck } from './types.js';

// What each check found when it held ("nodes.a.role = \"master\", …"), for the message of its negation.
const explanations = new WeakMap<SnapshotCheck, (value: unknown) => string | undefined>();

/**
 * What `check` found in `value` when it holds there, in the words of its messages (`2 of 3 values of "nodes.*.role"
 * are "master": nodes.a.role = "master", nodes.c.role = "master"`): for a guard or an `unless` that was hit, and for
 * the message of a negation. Call it after the check's verdict on that same `value` held: it reads what that verdict
 * judged rather than judging again (which would move a change word's baseline). Undefined when nothing is known.
 */
export function explainHold(check: SnapshotCheck, value: unknown): string | undefined {
  return explanations.get(check)?.(value);
}

/**
 * A SnapshotCheck from its description and verdict; as a predicate it throws an AssertionError naming the cycle.
 * `explain` says what was found when it holds (for `not`).
 */
export function snapshotCheck(
  description: string,
  verdict: (value: unknown) => Mismatch | undefined,
  explain?: (value: unknown) => string | undefined,
): SnapshotCheck {
  const predicate = (value: unknown, snapshot?: { readonly cycle: number }): void => {
    const cycle = typeof snapshot?.cycle === 'number' ? ` (cycle ${snapshot.cycle})` : '';
    let mismatch: Mismatch | undefined;
    try {
      mismatch = verdict(value);
    } catch (error) {
      if (error instanceof ValueReadError) throw assertionOf(`${error.message}${cycle}`);
      throw error;
    }
    if (mismatch === undefined) return;
    throw assertionOf(`${mismatch.message}${cycle}`, mismatch);
  };
  // The name is what a wait's message shows as awaited when no description is given.
  Object.defineProperty(predicate, 'name', { value: description });
  const check = Object.assign(predicate, { description, verdict });
  if (explain) explanations.set(check, explain);
  return check;
}
