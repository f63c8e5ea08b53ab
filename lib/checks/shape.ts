// Check words on a value's shape: existence, emptiness, length and type.
import { summarize } from '../format.js';
import { isOperand, type Operand, readingOperands } from './operands.js';
import { judgingPresence, MISSING, shown, withKind } from './render.js';
import type { ValueCheck, ValueType } from './types.js';
import { assertCheck, equalTo } from './values.js';

/** Holds when the path is there, whatever its value (`null` included). */
export function exists(): ValueCheck {
  return judgingPresence({ description: 'present', verdict: (_value, present) => (present ? undefined : MISSING) });
}

/** The length of a string or an array, the size of a Map or Set, the number of an object's own keys. */
function lengthOf(value: unknown): number | undefined {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value instanceof Map || value instanceof Set) return value.size;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length;
  return undefined;
}

/** Holds on an empty string, array, Map or Set, or an object without own keys. */
export function isEmpty(): ValueCheck {
  return {
    description: 'empty',
    verdict: (value, present) => {
      if (!present) return MISSING;
      const length = lengthOf(value);
      if (length === undefined) return `is ${withKind(value)}, which is neither empty nor not: only strings, arrays and objects have a length`;
      return length === 0 ? undefined : `is ${shown(value)}, which is not empty (length ${length})`;
    },
  };
}

/**
 * Holds when the value's length (see {@link lengthOf}) is `length` (a whole number, or an operand standing for one),
 * or passes the check given (`hasLength(atLeast(3))`).
 */
export function hasLength(length: number | ValueCheck | Operand): ValueCheck {
  if (typeof length === 'number' && (!Number.isInteger(length) || length < 0)) {
    throw new TypeError(`hasLength needs a whole number of 0 or more, or a check such as atLeast(3), got ${summarize(length)}`);
  }
  const check = typeof length === 'number' || isOperand(length) ? equalTo(length) : length;
  if (typeof length !== 'number') assertCheck(check, 'hasLength');
  const description = `of length ${check.description}`;
  const lengthCheck: ValueCheck = {
    description,
    verdict: (value, present, context) => {
      if (!present) return MISSING;
      const actual = lengthOf(value);
      if (actual === undefined) return `is ${withKind(value)}, which has no length: only strings, arrays and objects have one`;
      const why = check.verdict(actual, true, context);
      if (why === undefined) return undefined;
      return isOperand(length)
        ? `has length ${actual}, ${why.replace(/^is \S+ /, '')}: ${shown(value)}`
        : `has length ${actual}, not ${check.description}: ${shown(value)}`;
    },
  };
  return readingOperands(lengthCheck, [check]);
}

const TYPES: Readonly<Record<ValueType, { words: string; holds: (value: unknown) => boolean }>> = {
  string: { words: 'a string', holds: (value) => typeof value === 'string' },
  number: { words: 'a number', holds: (value) => typeof value === 'number' && !Number.isNaN(value) },
  integer: { words: 'an integer', holds: (value) => Number.isInteger(value) },
  boolean: { words: 'a boolean', holds: (value) => typeof value === 'boolean' },
  array: { words: 'an array', holds: (value) => Array.isArray(value) },
  object: { words: 'an object', holds: (value) => typeof value === 'object' && value !== null && !Array.isArray(value) },
  null: { words: 'null', holds: (value) => value === null },
};

/** The type names `isA` accepts. */
export const VALUE_TYPES = Object.keys(TYPES) as readonly ValueType[];

/** Holds on a value of the type: "string", "number", "integer", "boolean", "array", "object" (not an array, not null) or "null". */
export function isA(type: ValueType): ValueCheck {
  const entry = Object.hasOwn(TYPES, type) ? TYPES[type] : undefined;
  if (!entry) throw new TypeError(`isA needs one of ${VALUE_TYPES.join(', ')}, got ${summarize(type)}`);
  return {
    description: entry.words,
    verdict: (value, present) => {
      if (!present) return MISSING;
      return entry.holds(value) ? undefined : `is ${withKind(value)}, not ${entry.words}`;
    },
  };
}
