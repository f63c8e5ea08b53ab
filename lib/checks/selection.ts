// Judging every value a path pattern selects with one check, relative checks against their baseline included.
import { summarize } from '../format.js';
import { isConjunction } from './combinators.js';
import { checkPattern, judgedAt, selectPath, type Selected, type Selection } from './paths.js';
import { comparedSides, isNot, MISSING, pathText, shown } from './render.js';
import type { CheckContext, QuantifierOptions, RelativeCheck, ValueCheck } from './types.js';
import { assertCheck } from './values.js';

/** One selected value and the check's verdict on it (undefined: it holds). */
export interface Judged {
  readonly item: Selected;
  readonly why: string | undefined;
  readonly check: ValueCheck;
}

/** The values a pattern selected in one snapshot, judged. */
export interface Judgement {
  readonly judged: readonly Judged[];
  readonly emptyBecause: string | undefined;
  /** The snapshot judged, which operands read. */
  readonly root: unknown;
}

/** Whether a check is relative (a change word) rather than a check on one value. */
export function isRelative(check: ValueCheck | RelativeCheck): check is RelativeCheck {
  return typeof (check as Partial<RelativeCheck>).relativeTo === 'function';
}

/**
 * Judges the values `pattern` selects, one after another, with `check`. A relative check is judged against the
 * baseline: `options.since`, else the first value judged; a rolling one against the previous value judged.
 */
export function judge(pattern: string, check: ValueCheck | RelativeCheck, options: QuantifierOptions = {}): (root: unknown) => Judgement {
  if (typeof pattern !== 'string') throw new TypeError(`a path must be a string, got ${summarize(pattern)}`);
  checkPattern(pattern);
  if (!isRelative(check)) assertCheck(check, 'a path quantifier');
  if (typeof options !== 'object' || options === null) throw new TypeError(`quantifier options must be an object, got ${summarize(options)}`);
  // A change word's baseline: the values the pattern selected in the baseline snapshot, by concrete path, so a value
  // the pattern did not select there (a replica that was a primary) has no baseline rather than another role's value.
  let baseline: ReadonlyMap<string, unknown> | undefined = 'since' in options ? valuesByPath(selectPath(options.since, pattern)) : undefined;
  return (root) => {
    const selection = selectPath(root, pattern);
    const current = isRelative(check) ? valuesByPath(selection) : undefined;
    baseline ??= current;
    const judged = selection.items.map((item): Judged => {
      const itemCheck = isRelative(check) ? check.relativeTo(baseline!.get(item.path), baseline!.has(item.path)) : check;
      const context = { root, path: item.path };
      return { item, check: itemCheck, why: judgedAt(item.path, () => itemCheck.verdict(item.present ? item.value : undefined, item.present, context)) };
    });
    if (isRelative(check) && check.rolling) baseline = current;
    return { judged, emptyBecause: selection.emptyBecause, root };
  };
}

function valuesByPath(selection: Selection): ReadonlyMap<string, unknown> {
  const values = new Map<string, unknown>();
  for (const item of selection.items) if (item.present) values.set(item.path, item.value);
  return values;
}

/** Most items a quantified message lists before "… and N more". */
const LISTED_ITEMS = 10;

/** "nodes.n2.height = 7", "nodes.n3.height is missing", or the path and the whole verdict when it says more. */
function describeItem(judged: Judged): string {
  return shortForm(judged) ?? `${pathText(judged.item.path)} ${judged.why}`;
}

function shortForm({ item, why, check }: Judged): string | undefined {
  if (!item.present) return why === MISSING || why === undefined ? `${pathText(item.path)} is missing` : undefined;
  if (why !== undefined && isConjunction(check)) return undefined;
  const value = shown(item.value);
  const plain =
    why === undefined ||
    why === isNot(item.value, check.description) ||
    why === `is ${value} but should be ${check.description}` ||
    why === `is ${value} but should not be`;
  return plain ? `${pathText(item.path)} = ${value}` : undefined;
}

/** Items listed, at most {@link LISTED_ITEMS}: short ones between commas, longer verdicts (with commas of their own) between semicolons. */
export function listItems(items: readonly Judged[]): string {
  const listed = items.slice(0, LISTED_ITEMS);
  const separator = listed.every((judged) => shortForm(judged) !== undefined) ? ', ' : '; ';
  const text = listed.map(describeItem).join(separator);
  return items.length > LISTED_ITEMS ? `${text}${separator}… and ${items.length - LISTED_ITEMS} more` : text;
}

/** The diff of the items that failed an equality-like check, by concrete path; undefined when the check compares nothing. */
export function diffOf(items: readonly Judged[], context?: CheckContext): { actual: Record<string, unknown>; expected: Record<string, unknown> } | undefined {
  const actual: Record<string, unknown> = {};
  const expected: Record<string, unknown> = {};
  for (const { item, check } of items) {
    const sides = comparedSides(check, item.present ? item.value : undefined, context);
    if (!sides) return undefined;
    define(actual, item.path, item.present ? sides.actual : '<missing>');
    define(expected, item.path, sides.expected);
  }
  return items.length === 0 ? undefined : { actual, expected };
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
