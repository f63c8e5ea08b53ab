// The operator form of JSON patterns ({"$gte": 10}, {"$regex": "^n"}, {"$exists": false}): the check words as JSON.
import { cut, MAX_VALUE_DEPTH, messageOf, summarize } from '../format.js';
import { membersAllDistinct, membersAllEqual } from './agreement.js';
import { allOf, not } from './combinators.js';
import { CheckNode, compare, describeDifferences } from './compare.js';
import { atLeast, atMost, between, greaterThan, lessThan } from './numbers.js';
import { isOperand, type Operand, observedAt, readingOperands, remembered } from './operands.js';
import { matchesSchema } from './schema.js';
import { exists, hasLength, isA, isEmpty, VALUE_TYPES } from './shape.js';
import { matches } from './text.js';
import type { ValueCheck, ValueType } from './types.js';
import { contains, equalTo, oneOf } from './values.js';

/** Where the operator form finds what it cannot read from the pattern itself. */
export interface PatternOptions {
  /**
   * Looks up a remembered value by name for `{"$remembered": "<name>"}` (called when the pattern is compiled; it may
   * throw for an unknown name). Without it, `$remembered` is refused.
   */
  readonly remembered?: (name: string) => unknown;
}

type Operator = (operand: unknown, siblings: Readonly<Record<string, unknown>>, options: PatternOptions) => ValueCheck;

/** The operand operators: `{"$remembered": "<name>"}` and `{"$observed": "<path>"}`, wherever a value is taken. */
const OPERAND_NAMES = ['$remembered', '$observed'] as const;

/**
 * `{"$remembered": "<name>"}` or `{"$observed": "<path>"}` as an {@link Operand}; any other value as itself. A malformed
 * operand object throws a TypeError naming it.
 */
function operandOf(value: unknown, options: PatternOptions): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const named = keys.filter((key) => (OPERAND_NAMES as readonly string[]).includes(key));
  if (named.length === 0) return value;
  if (keys.length !== 1) throw new TypeError(`${named[0]} stands alone in its object, got ${summarize(value, 80)}`);
  const record = value as Record<string, unknown>;
  if (keys[0] === '$observed') {
    const path = record.$observed;
    if (typeof path !== 'string') throw new TypeError(`"$observed" needs a path such as {"$observed": "primary"}, got ${summarize(path, 80)}`);
    return observedAt(path);
  }
  const name = record.$remembered;
  if (typeof name !== 'string')
    throw new TypeError(`"$remembered" needs the name of a remembered value, such as {"$remembered": "old leader"}, got ${summarize(name, 80)}`);
  if (!options.remembered) throw new TypeError(`"$remembered" cannot be used here: no remembered values were given (asked for "${cut(name, 80)}")`);
  return remembered(name, options.remembered(name));
}

const number = (operator: string, operand: unknown, options: PatternOptions): number | Operand => {
  const value = operandOf(operand, options);
  if (isOperand(value)) return value;
  if (typeof value !== 'number') throw new TypeError(`"${operator}" needs a number, got ${summarize(operand, 80)}`);
  return value;
};
const flag = (operator: string, operand: unknown): boolean => {
  if (typeof operand !== 'boolean') throw new TypeError(`"${operator}" needs true or false, got ${summarize(operand, 80)}`);
  return operand;
};
const list = (operator: string, operand: unknown, options: PatternOptions): unknown[] | Operand => {
  const value = operandOf(operand, options);
  if (isOperand(value)) return value;
  if (!Array.isArray(value)) throw new TypeError(`"${operator}" needs an array, got ${summarize(operand, 80)}`);
  return value.map((item) => operandOf(item, options));
};

const OPERATORS: Readonly<Record<string, Operator>> = {
  $eq: (operand) => equalTo(operand),
  $ne: (operand, _siblings, options) => not(equalTo(operandOf(operand, options))),
  $gt: (operand, _siblings, options) => greaterThan(number('$gt', operand, options)),
  $gte: (operand, _siblings, options) => atLeast(number('$gte', operand, options)),
  $lt: (operand, _siblings, options) => lessThan(number('$lt', operand, options)),
  $lte: (operand, _siblings, options) => atMost(number('$lte', operand, options)),
  $between: (operand, _siblings, options) => {
    const bounds = operandOf(operand, options);
    if (!Array.isArray(bounds) || bounds.length !== 2) throw new TypeError(`"$between" needs [low, high], got ${summarize(operand, 80)}`);
    return between(number('$between', bounds[0], options), number('$between', bounds[1], options));
  },
  $regex: (operand, siblings) => {
    if (typeof operand !== 'string') throw new TypeError(`"$regex" needs the source of a regular expression as a string, got ${summarize(operand, 80)}`);
    const flags = siblings.$flags ?? '';
    if (typeof flags !== 'string') throw new TypeError(`"$flags" needs a string of regex flags such as "i", got ${summarize(flags, 80)}`);
    try {
      return matches(new RegExp(operand, flags));
    } catch (error) {
      throw new TypeError(`"$regex" ${summarize(operand, 80)} is not a valid regular expression: ${messageOf(error)}`);
    }
  },
  $flags: () => ({ description: '', verdict: () => undefined }),
  $exists: (operand) => (flag('$exists', operand) ? exists() : not(exists())),
  $empty: (operand) => (flag('$empty', operand) ? isEmpty() : not(isEmpty())),
  $length: (operand, _siblings, options) => {
    const length = operandOf(operand, options);
    return typeof length === 'number' || isOperand(length) ? hasLength(length) : hasLength(compileCheck(operand, '$length', options));
  },
  $type: (operand) => {
    if (typeof operand !== 'string' || !(VALUE_TYPES as readonly string[]).includes(operand)) {
      throw new TypeError(`"$type" needs one of ${VALUE_TYPES.map((type) => `"${type}"`).join(', ')}, got ${summarize(operand, 80)}`);
    }
    return isA(operand as ValueType);
  },
  $in: (operand, _siblings, options) => oneOf(list('$in', operand, options)),
  $nin: (operand, _siblings, options) => not(oneOf(list('$nin', operand, options))),
  $contains: (operand, _siblings, options) => contains(operandOf(operand, options)),
  $not: (operand, _siblings, options) => not(compileCheck(operand, '$not', options)),
  $allEqual: (operand) => (flag('$allEqual', operand) ? membersAllEqual() : not(membersAllEqual())),
  $allDistinct: (operand) => (flag('$allDistinct', operand) ? membersAllDistinct() : not(membersAllDistinct())),
  $matchesSchema: (operand) => matchesSchema(operand as object),
  $remembered: (operand, _siblings, options) => equalTo(operandOf({ $remembered: operand }, options)),
  $observed: (operand, _siblings, options) => equalTo(operandOf({ $observed: operand }, options)),
};

/** The operators the JSON pattern form accepts. */
export const OPERATOR_NAMES = Object.keys(OPERATORS) as readonly string[];

// Change words compare a value across snapshots, which a pattern (one value, one moment) cannot: named so that the
// refusal says why and what to write instead.
const CHANGE_OPERATORS: Readonly<Record<string, string>> = {
  $changed: 'change',
  $unchanged: 'not change for 2s',
  $increasedBy: 'increase by at least 5',
  $decreasedBy: 'decrease by at least 5',
  $neverDecreases: 'never decrease for 10 cycles',
  $neverIncreases: 'never increase for 10 cycles',
};

function refusedOperator(key: string): string {
  const words = Object.hasOwn(CHANGE_OPERATORS, key) ? CHANGE_OPERATORS[key] : undefined;
  if (words === undefined) return `unknown operator "${key}"; accepted: ${OPERATOR_NAMES.join(', ')}`;
  return (
    `"${key}" is a change word, which compares a value across snapshots, but a pattern judges one value at one moment; ` +
    `write it as a step (every observed "<path>" should ${words}), or remember the value first and compare with {"$gt": {"$remembered": "<name>"}}`
  );
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((key) => key.startsWith('$'));
}

function compileCheck(spec: unknown, where: string, options: PatternOptions): ValueCheck {
  if (!isOperatorObject(spec)) throw new TypeError(`"${where}" needs an operator object such as {"$gte": 3}, got ${summarize(spec, 80)}`);
  return operatorCheck(spec, where, options);
}

function operatorCheck(spec: Record<string, unknown>, at: string, options: PatternOptions): ValueCheck {
  const keys = Object.keys(spec);
  const plain = keys.filter((key) => !key.startsWith('$'));
  if (plain.length > 0) {
    throw new TypeError(
      `${at} mixes operators (${keys.filter((key) => key.startsWith('$')).join(', ')}) with keys (${plain.join(', ')}); put the keys in an object of their own`,
    );
  }
  if (keys.includes('$flags') && !keys.includes('$regex')) throw new TypeError(`${at}: "$flags" goes with "$regex"`);
  const checks = keys
    .filter((key) => key !== '$flags')
    .map((key) => {
      const operator = Object.hasOwn(OPERATORS, key) ? OPERATORS[key] : undefined;
      if (!operator) throw new TypeError(`${at}: ${refusedOperator(key)}`);
      try {
        return operator(spec[key], spec, options);
      } catch (error) {
        throw new TypeError(`${at}: ${messageOf(error)}`);
      }
    });
  return checks.length === 1 ? checks[0]! : allOf(...checks);
}

/**
 * Compiles a JSON pattern: every object whose keys start with `$` becomes a check (several operators must all hold;
 * `{"$eq": …}` takes its operand literally, for data whose keys start with `$`). Wherever an operator takes a value,
 * and wherever a value is expected, `{"$remembered": "<name>"}` (looked up through `options.remembered`) and
 * `{"$observed": "<path>"}` (one value of the same snapshot, read when the check runs) may stand for it. Throws a
 * TypeError naming the place and the accepted operators for an unknown one or a bad operand, and for a pattern nested
 * deeper than {@link MAX_VALUE_DEPTH} levels.
 */
export function compilePattern(pattern: unknown, options: PatternOptions = {}): unknown {
  return compileAt(pattern, [], options);
}

function compileAt(pattern: unknown, at: readonly (string | number)[], options: PatternOptions): unknown {
  const where = at.length === 0 ? 'the pattern' : `at "${cut(at.join('.'), 200)}"`;
  if (at.length > MAX_VALUE_DEPTH) throw new TypeError(`the pattern is nested deeper than ${MAX_VALUE_DEPTH} levels, the most a pattern may be (${where})`);
  if (isOperatorObject(pattern)) return new CheckNode(operatorCheck(pattern, where, options));
  if (Array.isArray(pattern)) return pattern.map((item, index) => compileAt(item, [...at, index], options));
  if (typeof pattern === 'object' && pattern !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(pattern)) {
      Object.defineProperty(out, key, {
        value: compileAt((pattern as Record<string, unknown>)[key], [...at, key], options),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return pattern;
}

/**
 * Holds when the value matches a JSON pattern partially, as a snapshot docstring does: the keys it gives, arrays item
 * by item, and operator objects (`{"$gte": 10}`) as checks.
 */
export function matchesPattern(pattern: unknown, options: PatternOptions = {}): ValueCheck {
  const compiled = compilePattern(pattern, options);
  const description = `matching the pattern ${summarize(pattern, 200)}`;
  const check: ValueCheck = {
    description,
    verdict: (value, present, context) => {
      if (!present) return 'is missing';
      const found = compare(value, compiled, true, context);
      return found.length === 0 ? undefined : `does not match the pattern:\n${describeDifferences(found)}`;
    },
  };
  return readingOperands(check, checksIn(compiled));
}

// The checks of a compiled pattern's check nodes (bounded: a compiled pattern is at most MAX_VALUE_DEPTH deep).
function checksIn(compiled: unknown): ValueCheck[] {
  const found: ValueCheck[] = [];
  const pending: unknown[] = [compiled];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node instanceof CheckNode) found.push(node.check);
    else if (Array.isArray(node)) pending.push(...node);
    else if (typeof node === 'object' && node !== null) pending.push(...Object.values(node));
  }
  return found;
}
