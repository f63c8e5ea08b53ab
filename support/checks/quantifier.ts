// The words before "observed" that say how many selected values must pass: the, every, some, no, at least N of the, …
import type { Quantity } from '../../lib/checks/index.js';
import { StepInputError } from '../parse.js';

/** "the" (one value, or agreement among the selected ones) or a quantity of the selected values. */
export type Quantifier = { readonly kind: 'the' } | Quantity;

/** Parses the words before "observed": `the`, `every`, `some`, `no`, `at least 2 of the`, `at most 1 of the`, `exactly 3 of the`. */
export function parseQuantifier(text: string): Quantifier {
  const words = text.trim();
  if (words === 'the') return { kind: 'the' };
  if (words === 'every') return { kind: 'every' };
  if (words === 'some') return { kind: 'some' };
  if (words === 'no') return { kind: 'none' };
  const counted = /^(at least|at most|exactly) (\d+) of the$/.exec(words);
  if (counted) return { kind: counted[1] as 'at least' | 'at most' | 'exactly', count: Number(counted[2]) };
  throw new StepInputError(`unknown quantifier "${words}": expected the, every, some, no, at least <n> of the, at most <n> of the or exactly <n> of the`);
}
