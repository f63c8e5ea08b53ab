// Turns a verdict on a whole snapshot value into a SnapshotCheck: a predicate that throws, with a description.
import { assertionOf } from './assertion.js';
import type { Mismatch, SnapshotCheck } from './types.js';

/** A SnapshotCheck from its description and verdict; as a predicate it throws an AssertionError naming the cycle. */
export function snapshotCheck(description: string, verdict: (value: unknown) => Mismatch | undefined): SnapshotCheck {
  const predicate = (value: unknown, snapshot?: { readonly cycle: number }): void => {
    const mismatch = verdict(value);
    if (mismatch === undefined) return;
    const cycle = typeof snapshot?.cycle === 'number' ? ` (cycle ${snapshot.cycle})` : '';
    throw assertionOf(`${mismatch.message}${cycle}`, mismatch);
  };
  // The name is what a wait's message shows as awaited when no description is given.
  Object.defineProperty(predicate, 'name', { value: description });
  return Object.assign(predicate, { description, verdict });
}
