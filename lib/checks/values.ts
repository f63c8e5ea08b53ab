// Check words on any value: equality, negation, membership and containment.
import { summarize } from '../format.js';
import { compare, describeDifferences, isPlainRecord, pruneTo } from './compare.js';
import { asEquality, comparing, isEquality, judgesPresence, kindOf, MISSING, shown } from './render.js';
import type { ValueCheck } from './types.js';

/** Holds when the value deeply equals `expected` (objects key by key, arrays item by item). */
export function equalTo(expected: unknown): ValueCheck {
  const description = shown(expected);
  const check: ValueCheck = {
    description,
    verdict: (value, present) => {
      if (!present) return MISSING;
      return compare(value, expected, false).length === 0 ? undefined : `is ${shown(value)} but should be ${description}`;
    },
  };
  return asEquality(comparing(check, (actual) => ({ actual, expected })));
}

/**
 * Holds when `check` does not. A missing value fails it (it proves nothing), unless `check` judges presence itself:
 * `not(exists())` holds on a missing value.
 */
export function not(check: ValueCheck): ValueCheck {
  assertCheck(check, 'not');
  const description = `not ${check.description}`;
  return {
    description,
    verdict: (value, present) => {
      if (!present && !judgesPresence(check)) return MISSING;
      if (check.verdict(value, present) !== undefined) return undefined;
      if (!present) return 'is missing, which it should not be';
      if (isEquality(check)) return `is ${shown(value)} but should not be`;
      if (judgesPresence(check)) return `is ${shown(value)}, but should not exist`;
      return `is ${shown(value)}, which is ${check.description}, but should not be`;
    },
  };
}

/** Holds when the value deeply equals one of `candidates`. */
export function oneOf(candidates: readonly unknown[]): ValueCheck {
  if (!Array.isArray(candidates)) throw new TypeError(`oneOf needs an array of candidates, got ${summarize(candidates)}`);
  const description = `one of ${shown(candidates)}`;
  return {
    description,
    verdict: (value, present) => {
      if (!present) return MISSING;
      return candidates.some((candidate) => compare(value, candidate, false).length === 0) ? undefined : `is ${shown(value)}, not ${description}`;
    },
  };
}

/**
 * Holds when the value contains `expected`: a string as a substring, an array as an item that contains it (partially,
 * so `{"id": "n2"}` finds a node object), an object as some of its keys (partially, as a docstring does).
 */
export function contains(expected: unknown): ValueCheck {
  const description = `containing ${shown(expected)}`;
  const objectCase = (value: unknown): boolean => isPlainRecord(value) && isPlainRecord(expected);
  const check: ValueCheck = {
    description,
    verdict: (value, present) => {
      if (!present) return MISSING;
      const showing = `is ${shown(value)}`;
      if (typeof value === 'string') {
        if (typeof expected !== 'string') return `${showing}, a string, so it can only contain a string, not ${shown(expected)}`;
        return value.includes(expected) ? undefined : `${showing}, which does not contain ${shown(expected)}`;
      }
      if (Array.isArray(value)) {
        return value.some((item) => compare(item, expected, true).length === 0)
          ? undefined
          : `${showing}: none of its ${value.length} items contains ${shown(expected)}`;
      }
      if (objectCase(value)) {
        const found = compare(value, expected, true);
        return found.length === 0 ? undefined : `does not contain ${shown(expected)}:\n${describeDifferences(found)}`;
      }
      return (
        `${showing} (${kindOf(value) === 'an object' ? 'an object' : value === null ? 'null' : typeof value}), which cannot contain ${shown(expected)}: ` +
        '"contain" applies to a string (substring), an array (an item) or an object (some of its keys)'
      );
    },
  };
  return comparing(check, (value) => (objectCase(value) ? { actual: pruneTo(value, expected), expected } : undefined));
}

/** Throws a TypeError unless `check` is a ValueCheck, naming the function that needed one. */
export function assertCheck(check: unknown, where: string): asserts check is ValueCheck {
  const candidate = check as Partial<ValueCheck> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.verdict !== 'function' || typeof candidate.description !== 'string') {
    throw new TypeError(`${where} needs a check such as atLeast(10) or equalTo("n1"), got ${summarize(check)}`);
  }
}
