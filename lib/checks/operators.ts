// The operator form of JSON patterns ({"$gte": 10}, {"$regex": "^n"}, {"$exists": false}): the check words as JSON.
import { messageOf, summarize } from '../format.js';
import { CheckNode, compare, describeDifferences } from './compare.js';
import { atLeast, atMost, between, greaterThan, lessThan } from './numbers.js';
import { exists, hasLength, isA, isEmpty, VALUE_TYPES } from './shape.js';
import { matches } from './text.js';
import type { ValueCheck, ValueType } from './types.js';
import { contains, equalTo, not, oneOf } from './values.js';

type Operator = (operand: unknown, siblings: Readonly<Record<string, unknown>>) => ValueCheck;

const number = (operator: string, operand: unknown): number => {
  if (typeof operand !== 'number') throw new TypeError(`"${operator}" needs a number, got ${summarize(operand, 80)}`);
  return operand;
};
const flag = (operator: string, operand: unknown): boolean => {
  if (typeof operand !== 'boolean') throw new TypeError(`"${operator}" needs true or false, got ${summarize(operand, 80)}`);
  return operand;
};
const list = (operator: string, operand: unknown): unknown[] => {
  if (!Array.isArray(operand)) throw new TypeError(`"${operator}" needs an array, got ${summarize(operand, 80)}`);
  return operand;
};

const OPERATORS: Readonly<Record<string, Operator>> = {
  $eq: (operand) => equalTo(operand),
  $ne: (operand) => not(equalTo(operand)),
  $gt: (operand) => greaterThan(number('$gt', operand)),
  $gte: (operand) => atLeast(number('$gte', operand)),
  $lt: (operand) => lessThan(number('$lt', operand)),
  $lte: (operand) => atMost(number('$lte', operand)),
  $between: (operand) => {
    const bounds = list('$between', operand);
    if (bounds.length !== 2) throw new TypeError(`"$between" needs [low, high], got ${summarize(operand, 80)}`);
    return between(number('$between', bounds[0]), number('$between', bounds[1]));
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
  $length: (operand) => (typeof operand === 'number' ? hasLength(operand) : hasLength(compileCheck(operand, '$length'))),
  $type: (operand) => {
    if (typeof operand !== 'string' || !(VALUE_TYPES as readonly string[]).includes(operand)) {
      throw new TypeError(`"$type" needs one of ${VALUE_TYPES.map((type) => `"${type}"`).join(', ')}, got ${summarize(operand, 80)}`);
    }
    return isA(operand as ValueType);
  },
  $in: (operand) => oneOf(list('$in', operand)),
  $nin: (operand) => not(oneOf(list('$nin', operand))),
  $contains: (operand) => contains(operand),
  $not: (operand) => not(compileCheck(operand, '$not')),
};

/** The operators the JSON pattern form accepts. */
export const OPERATOR_NAMES = Object.keys(OPERATORS) as readonly string[];

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((key) => key.startsWith('$'));
}

function compileCheck(spec: unknown, where: string): ValueCheck {
  if (!isOperatorObject(spec)) throw new TypeError(`"${where}" needs an operator object such as {"$gte": 3}, got ${summarize(spec, 80)}`);
  return operatorCheck(spec, where);
}

function operatorCheck(spec: Record<string, unknown>, at: string): ValueCheck {
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
      if (!operator) throw new TypeError(`${at}: unknown operator "${key}"; accepted: ${OPERATOR_NAMES.join(', ')}`);
      try {
        return operator(spec[key], spec);
      } catch (error) {
        throw new TypeError(`${at}: ${messageOf(error)}`);
      }
    });
  return checks.length === 1 ? checks[0]! : allOf(checks);
}

function allOf(checks: readonly ValueCheck[]): ValueCheck {
  const presenceAware = checks.some((check) => check.verdict(undefined, false) === undefined);
  return {
    description: checks.map((check) => check.description).join(' and '),
    verdict: (value, present) => {
      if (!present && !presenceAware) return 'is missing';
      for (const check of checks) {
        const why = check.verdict(value, present);
        if (why !== undefined) return why;
      }
      return undefined;
    },
  };
}

/**
 * Compiles a JSON pattern: every object whose keys start with `$` becomes a check (several operators must all hold;
 * `{"$eq": …}` takes its operand literally, for data whose keys start with `$`). Throws a TypeError naming the place and
 * the accepted operators for an unknown one or a bad operand.
 */
export function compilePattern(pattern: unknown, at: readonly (string | number)[] = []): unknown {
  const where = at.length === 0 ? 'the pattern' : `at "${at.join('.')}"`;
  if (isOperatorObject(pattern)) return new CheckNode(operatorCheck(pattern, where));
  if (Array.isArray(pattern)) return pattern.map((item, index) => compilePattern(item, [...at, index]));
  if (typeof pattern === 'object' && pattern !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(pattern)) {
      Object.defineProperty(out, key, {
        value: compilePattern((pattern as Record<string, unknown>)[key], [...at, key]),
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
export function matchesPattern(pattern: unknown): ValueCheck {
  const compiled = compilePattern(pattern);
  const description = `matching the pattern ${summarize(pattern, 200)}`;
  return {
    description,
    verdict: (value, present) => {
      if (!present) return 'is missing';
      const found = compare(value, compiled, true);
      return found.length === 0 ? undefined : `does not match the pattern:\n${describeDifferences(found)}`;
    },
  };
}
