// Check words on any value: equality, membership and containment, each taking a literal or an operand.
import { cut, summarize } from '../format.js';
import { compare, type Difference, describeDifferences, isPlainRecord, pruneTo } from './compare.js';
import { describeOperand, isOperand, type Operand, readingOperands, resolveOperand, shownOperand, unresolved } from './operands.js';
import { formatPath } from './paths.js';
import { NOT_JUDGED, asEquality, comparing, kindOf, MISSING, shown } from './render.js';
import type { ValueCheck } from './types.js';

/** Holds when the value deeply equals `expected` (objects key by key, arrays item by item), a literal or an operand. */
export function equalTo(expected: unknown): ValueCheck {
  const description = describeOperand(expected);
  const check: ValueCheck = {
    description,
    verdict: (value, present, context) => {
      if (!present) return MISSING;
      const wanted = resolveOperand(expected, context);
      if (!wanted.found) return unresolved(value, expected, wanted.reason);
      const differences = compare(value, wanted.value, false, context);
      if (differences.length === 0) return undefined;
      return tooDeep(differences) ?? `is ${shown(value)} but should be ${shownOperand(expected, wanted.value)}`;
    },
  };
  return asEquality(
    readingOperands(
      comparing(check, (actual, context) => {
        const wanted = resolveOperand(expected, context);
        return wanted.found ? { actual, expected: wanted.value } : undefined;
      }),
      [expected],
    ),
  );
}

/**
 * The verdict when two values could not be compared because they nest too deeply (both would print alike, so "is X but
 * should be X" would mislead); undefined when the differences are real.
 */
function tooDeep(differences: readonly Difference[]): string | undefined {
  const deep = differences.find((difference) => difference.what.startsWith('nested deeper than'));
  return deep && `${NOT_JUDGED}: at ${cut(formatPath(deep.at), 200)} it is ${deep.what}`;
}

/**
 * Holds when the value deeply equals one of `candidates`: an array whose items may be operands, or an operand that
 * stands for such an array.
 */
export function oneOf(candidates: readonly unknown[] | Operand): ValueCheck {
  if (!Array.isArray(candidates) && !isOperand(candidates)) throw new TypeError(`oneOf needs an array of candidates, got ${summarize(candidates)}`);
  const description = isOperand(candidates) ? `one of ${candidates.description}` : `one of ${listed(candidates, describeOperand)}`;
  const check: ValueCheck = {
    description,
    verdict: (value, present, context) => {
      if (!present) return MISSING;
      const list = resolveOperand(candidates, context);
      if (!list.found) return unresolved(value, candidates, list.reason);
      if (!Array.isArray(list.value)) return unresolved(value, candidates, `is ${shown(list.value)}, not an array of candidates`);
      const values: unknown[] = [];
      for (const candidate of list.value) {
        const resolved = resolveOperand(candidate, context);
        if (!resolved.found) return unresolved(value, candidate, resolved.reason);
        values.push(resolved.value);
      }
      const compared = values.map((candidate) => compare(value, candidate, false, context));
      if (compared.some((differences) => differences.length === 0)) return undefined;
      const deep = compared.map(tooDeep).find((why) => why !== undefined);
      if (deep !== undefined) return deep;
      const plain = !isOperand(candidates) && !list.value.some(isOperand);
      return `is ${shown(value)}, not one of ${plain ? shown(values) : isOperand(candidates) ? shownOperand(candidates, values) : listed(list.value, (item, index) => shownOperand(item, values[index]))}`;
    },
  };
  return readingOperands(check, isOperand(candidates) ? [candidates] : candidates);
}

function listed(items: readonly unknown[], show: (item: unknown, index: number) => string): string {
  return items.some(isOperand) ? `[${items.map(show).join(', ')}]` : shown(items);
}

/**
 * Holds when the value contains `expected` (a literal or an operand): a string as a substring, an array as an item
 * that contains it (partially, so `{"id": "n2"}` finds a node object), an object as some of its keys (partially, as a
 * docstring does).
 */
export function contains(expected: unknown): ValueCheck {
  const description = `containing ${describeOperand(expected)}`;
  const objectCase = (value: unknown, wanted: unknown): boolean => isPlainRecord(value) && isPlainRecord(wanted);
  const check: ValueCheck = {
    description,
    verdict: (value, present, context) => {
      if (!present) return MISSING;
      const resolved = resolveOperand(expected, context);
      if (!resolved.found) return unresolved(value, expected, resolved.reason);
      const wanted = resolved.value;
      const wantedShown = shownOperand(expected, wanted);
      const showing = `is ${shown(value)}`;
      if (typeof value === 'string') {
        if (typeof wanted !== 'string') return `${showing}, a string, so it can only contain a string, not ${wantedShown}`;
        return value.includes(wanted) ? undefined : `${showing}, which does not contain ${wantedShown}`;
      }
      if (Array.isArray(value)) {
        return value.some((item) => compare(item, wanted, true, context).length === 0)
          ? undefined
          : `${showing}: none of its ${value.length} items contains ${wantedShown}`;
      }
      if (objectCase(value, wanted)) {
        const found = compare(value, wanted, true, context);
        return found.length === 0 ? undefined : `does not contain ${wantedShown}:\n${describeDifferences(found)}`;
      }
      return (
        `${showing} (${kindOf(value) === 'an object' ? 'an object' : value === null ? 'null' : typeof value}), which cannot contain ${wantedShown}: ` +
        '"contain" applies to a string (substring), an array (an item) or an object (some of its keys)'
      );
    },
  };
  return readingOperands(
    comparing(check, (value, context) => {
      const wanted = resolveOperand(expected, context);
      return wanted.found && objectCase(value, wanted.value) ? { actual: pruneTo(value, wanted.value), expected: wanted.value } : undefined;
    }),
    [expected],
  );
}

/** Throws a TypeError unless `check` is a ValueCheck, naming the function that needed one. */
export function assertCheck(check: unknown, where: string): asserts check is ValueCheck {
  const candidate = check as Partial<ValueCheck> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.verdict !== 'function' || typeof candidate.description !== 'string') {
    throw new TypeError(`${where} needs a check such as atLeast(10) or equalTo("n1"), got ${summarize(check)}`);
  }
}
