// Path quantifiers: one value (that), every, some, none, at least / at most / exactly N of the values a pattern selects.
import { summarize } from '../format.js';
import { parsePath } from './paths.js';
import { diffOf, isRelative, judge, listItems, type Judged, type Judgement } from './selection.js';
import { snapshotCheck } from './snapshot-check.js';
import type { Mismatch, QuantifierOptions, RelativeCheck, SnapshotCheck, ValueCheck } from './types.js';

/** How many of the selected values must pass. */
export type Quantity =
  | { readonly kind: 'every' }
  | { readonly kind: 'some' }
  | { readonly kind: 'none' }
  | { readonly kind: 'at least' | 'at most' | 'exactly'; readonly count: number };

/** The value at `path` (one value: a `*` is refused) passes `check`. */
export function that(path: string, check: ValueCheck | RelativeCheck, options?: QuantifierOptions): SnapshotCheck {
  parsePath(path);
  const judging = judge(path, check, options);
  return snapshotCheck(`"${path}" ${check.description}`, (root) => {
    const [judged] = judging(root).judged;
    if (!judged || judged.why === undefined) return undefined;
    const { item, why } = judged;
    const message = item.present ? `"${path}" ${why}` : why === 'is missing' ? item.reason : `"${path}" ${why}`;
    const sides = diffOf([judged]);
    return sides ? { message, actual: sides.actual[item.path], expected: sides.expected[item.path] } : { message };
  });
}

/** Every value `pattern` selects passes `check`; an empty selection fails (it proves nothing). */
export function every(pattern: string, check: ValueCheck | RelativeCheck, options?: QuantifierOptions): SnapshotCheck {
  return quantified({ kind: 'every' }, pattern, check, options);
}

/** At least one value `pattern` selects passes `check`. */
export function some(pattern: string, check: ValueCheck | RelativeCheck, options?: QuantifierOptions): SnapshotCheck {
  return quantified({ kind: 'some' }, pattern, check, options);
}

/** No value `pattern` selects passes `check`; an empty selection passes. */
export function none(pattern: string, check: ValueCheck | RelativeCheck, options?: QuantifierOptions): SnapshotCheck {
  return quantified({ kind: 'none' }, pattern, check, options);
}

/** At least `count` of the values `pattern` selects pass `check`. */
export function atLeastOf(count: number, pattern: string, check: ValueCheck | RelativeCheck, options?: QuantifierOptions): SnapshotCheck {
  return quantified({ kind: 'at least', count }, pattern, check, options);
}

/** At most `count` of the values `pattern` selects pass `check`. */
export function atMostOf(count: number, pattern: string, check: ValueCheck | RelativeCheck, options?: QuantifierOptions): SnapshotCheck {
  return quantified({ kind: 'at most', count }, pattern, check, options);
}

/** Exactly `count` of the values `pattern` selects pass `check`. */
export function exactlyOf(count: number, pattern: string, check: ValueCheck | RelativeCheck, options?: QuantifierOptions): SnapshotCheck {
  return quantified({ kind: 'exactly', count }, pattern, check, options);
}

/** How a quantity reads before a path: `every "x"`, `at least 2 of "x"`. */
export function describeQuantity(quantity: Quantity, pattern: string): string {
  switch (quantity.kind) {
    case 'every':
      return `every "${pattern}"`;
    case 'some':
      return `some "${pattern}"`;
    case 'none':
      return `no "${pattern}"`;
    default:
      return `${quantity.kind} ${quantity.count} of "${pattern}"`;
  }
}

/** A quantified check over the values `pattern` selects. */
export function quantified(quantity: Quantity, pattern: string, check: ValueCheck | RelativeCheck, options?: QuantifierOptions): SnapshotCheck {
  if ('count' in quantity && (!Number.isInteger(quantity.count) || quantity.count < 0)) {
    throw new TypeError(`a quantifier's count must be a whole number of 0 or more, got ${summarize(quantity.count)}`);
  }
  const judging = judge(pattern, check, options);
  const failed = isRelative(check) ? check.failed : `are not ${check.description}`;
  return snapshotCheck(`${describeQuantity(quantity, pattern)} ${check.description}`, (root) =>
    verdictOf(quantity, pattern, check.description, failed, judging(root)),
  );
}

function verdictOf(quantity: Quantity, pattern: string, description: string, failed: string, { judged, emptyBecause }: Judgement): Mismatch | undefined {
  const passing = judged.filter((entry) => entry.why === undefined);
  const failing = judged.filter((entry) => entry.why !== undefined);
  const total = judged.length;
  const of = `of ${total} value${total === 1 ? '' : 's'} of "${pattern}"`;
  const empty = `the selection "${pattern}" is empty${emptyBecause ? ` (${emptyBecause})` : ''}`;
  const fail = (message: string, offending: readonly Judged[]): Mismatch => {
    const sides = diffOf(offending);
    const listed = offending.length > 0 ? `: ${listItems(offending)}` : '';
    return sides ? { message: `${message}${listed}`, ...sides } : { message: `${message}${listed}` };
  };
  switch (quantity.kind) {
    case 'every':
      if (total === 0) return { message: `${empty}: "every" proves nothing on no values` };
      return failing.length === 0 ? undefined : fail(`${failing.length} ${of} ${failed}`, failing);
    case 'some':
      if (total === 0) return { message: `${empty}, so no value is ${description}` };
      return passing.length > 0 ? undefined : fail(`none ${of.replace(/^of /, 'of the ')} is ${description}`, failing);
    case 'none':
      return passing.length === 0 ? undefined : { message: `${passing.length} ${of} are ${description}, but none should be: ${listItems(passing)}` };
    case 'at least':
      if (passing.length >= quantity.count) return undefined;
      return total === 0
        ? { message: `${empty}, so fewer than ${quantity.count} values are ${description}` }
        : fail(`only ${passing.length} ${of} are ${description}, not at least ${quantity.count}`, failing);
    case 'at most':
      return passing.length <= quantity.count
        ? undefined
        : { message: `${passing.length} ${of} are ${description}, more than ${quantity.count}: ${listItems(passing)}` };
    case 'exactly':
      if (passing.length === quantity.count) return undefined;
      if (total === 0) return { message: `${empty}, so 0 values are ${description}, not exactly ${quantity.count}` };
      return passing.length > quantity.count
        ? { message: `${passing.length} ${of} are ${description}, not exactly ${quantity.count}: ${listItems(passing)}` }
        : fail(`${passing.length} ${of} are ${description}, not exactly ${quantity.count}`, failing);
  }
}
