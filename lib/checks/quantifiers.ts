// Path quantifiers: one value (that), every, some, none, at least / at most / exactly N of the values a pattern selects.
import { summarize } from '../format.js';
import { isConjunction, negationOf } from './combinators.js';
import { parsePath } from './paths.js';
import { MISSING, pathText, shown } from './render.js';
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
  const judging = remembering(judge(path, check, options));
  return snapshotCheck(
    `"${pathText(path)}" ${check.description}`,
    (root) => {
      const [judged] = judging.judge(root).judged;
      if (!judged || judged.why === undefined) return undefined;
      const { item, why } = judged;
      const message = item.present ? `"${pathText(path)}" ${why}` : why === MISSING ? item.reason : `"${pathText(path)}" ${why}`;
      const sides = diffOf([judged], { root });
      return sides ? { message, actual: sides.actual[item.path], expected: sides.expected[item.path] } : { message };
    },
    (root) => {
      const [judged] = judging.last(root)?.judged ?? [];
      if (judged === undefined) return undefined;
      return judged.item.present ? `"${pathText(path)}" is ${shown(judged.item.value)}` : `"${pathText(path)}" is missing`;
    },
  );
}

// A judging function that keeps its last judgement, so that explaining a verdict does not judge again (change words
// would move their baselines).
function remembering(judging: (root: unknown) => Judgement): { judge: (root: unknown) => Judgement; last: (root: unknown) => Judgement | undefined } {
  let last: Judgement | undefined;
  return {
    judge: (root) => {
      last = judging(root);
      return last;
    },
    last: (root) => (last !== undefined && last.root === root ? last : undefined),
  };
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
export function describeQuantity(quantity: Quantity, path: string): string {
  const pattern = pathText(path);
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
  const judging = remembering(judge(pattern, check, options));
  const failed = isRelative(check) ? check.failed : failedPhrase(check);
  return snapshotCheck(
    `${describeQuantity(quantity, pattern)} ${check.description}`,
    (root) => verdictOf(quantity, pattern, check, failed, judging.judge(root)),
    (root) => {
      const judgement = judging.last(root);
      if (!judgement) return undefined;
      const passing = judgement.judged.filter((entry) => entry.why === undefined);
      const total = judgement.judged.length;
      return `${passing.length} of ${total} value${total === 1 ? '' : 's'} of "${pathText(pattern)}" ${passing.length === 1 ? 'is' : 'are'} ${check.description}${passing.length > 0 ? `: ${listItems(passing)}` : ''}`;
    },
  );
}

// Why "some" failed, without "none … is not …": all the values are what a negation says they should not be.
function noneIs(check: ValueCheck | RelativeCheck, total: number, pattern: string, failing: readonly Judged[]): string {
  const values = `${total} value${total === 1 ? '' : 's'} of "${pathText(pattern)}"`;
  const negated = negationOf(check) as ValueCheck | RelativeCheck | undefined;
  if (negated === undefined) {
    return check.description.startsWith('not ') ? `none of the ${values} passes "${check.description}"` : `none of the ${values} is ${check.description}`;
  }
  if (failing.every((entry) => entry.item.present)) return `all ${values} ${total === 1 ? 'is' : 'are'} ${negated.description}, but at least one should not be`;
  return `none of the ${values} passes "${check.description}"`;
}

// What the values that fail a check are, without a double negation: "are not 3", "are "r1", but should not be", "fail …".
function failedPhrase(check: ValueCheck): string {
  const negated = negationOf(check) as ValueCheck | undefined;
  if (negated !== undefined) return `are ${negated.description}, but should not be`;
  if (isConjunction(check)) return `fail "${check.description}"`;
  return `are not ${check.description}`;
}

function verdictOf(
  quantity: Quantity,
  pattern: string,
  check: ValueCheck | RelativeCheck,
  failed: string,
  { judged, emptyBecause, root }: Judgement,
): Mismatch | undefined {
  const description = check.description;
  const passing = judged.filter((entry) => entry.why === undefined);
  const failing = judged.filter((entry) => entry.why !== undefined);
  const total = judged.length;
  const of = `of ${total} value${total === 1 ? '' : 's'} of "${pathText(pattern)}"`;
  const empty = `the selection "${pathText(pattern)}" is empty${emptyBecause ? ` (${emptyBecause})` : ''}`;
  const fail = (message: string, offending: readonly Judged[]): Mismatch => {
    const sides = diffOf(offending, { root });
    const listed = offending.length > 0 ? `: ${listItems(offending)}` : '';
    return sides ? { message: `${message}${listed}`, ...sides } : { message: `${message}${listed}` };
  };
  // Missing values are reported as missing, never as having failed the check's own words ("decreased", "not equal").
  const failEvery = (offending: readonly Judged[]): Mismatch => {
    const missing = offending.filter((entry) => !entry.item.present && entry.why === MISSING);
    const judgedFailing = offending.filter((entry) => !missing.includes(entry));
    const missingText = `${missing.length === 1 ? 'is' : 'are'} missing: ${missing
      .slice(0, 10)
      .map((entry) => pathText(entry.item.path))
      .join(', ')}${missing.length > 10 ? `, … and ${missing.length - 10} more` : ''}`;
    if (judgedFailing.length === 0) return { message: `${missing.length} ${of} ${missingText}` };
    const head = fail(`${judgedFailing.length} ${of} ${failed}`, judgedFailing);
    return missing.length === 0 ? head : { ...head, message: `${head.message}; and ${missing.length} ${missingText}` };
  };
  switch (quantity.kind) {
    case 'every':
      if (total === 0) return { message: `${empty}: "every" proves nothing on no values` };
      return failing.length === 0 ? undefined : failEvery(failing);
    case 'some':
      if (total === 0) return { message: `${empty}, so no value is ${description}` };
      if (passing.length > 0) return undefined;
      return fail(noneIs(check, total, pattern, failing), failing);
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
