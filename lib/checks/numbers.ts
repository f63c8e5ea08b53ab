// Check words on numbers: greater than, at least, less than, at most, between (inclusive); bounds are numbers or operands.
import { summarize } from '../format.js';
import { describeOperand, isOperand, type Operand, readingOperands, resolveOperand, shownOperand, unresolved } from './operands.js';
import { isNot, MISSING, withKind } from './render.js';
import type { ValueCheck } from './types.js';

function numberCheck(
  bounds: readonly unknown[],
  words: (bounds: readonly string[]) => string,
  holds: (value: number, bounds: readonly number[]) => boolean,
): ValueCheck {
  const description = words(bounds.map(describeOperand));
  const check: ValueCheck = {
    description,
    verdict: (value, present, context) => {
      if (!present) return MISSING;
      const limits: number[] = [];
      for (const bound of bounds) {
        const resolved = resolveOperand(bound, context);
        if (!resolved.found) return unresolved(value, bound, resolved.reason);
        if (typeof resolved.value !== 'number' || Number.isNaN(resolved.value)) return unresolved(value, bound, `is ${withKind(resolved.value)}, not a number`);
        limits.push(resolved.value);
      }
      if (typeof value !== 'number' || Number.isNaN(value)) return `is ${withKind(value)}, not a number, so it cannot be ${description}`;
      if (holds(value, limits)) return undefined;
      return isNot(value, bounds.some(isOperand) ? words(bounds.map((bound, index) => shownOperand(bound, limits[index]))) : description);
    },
  };
  return readingOperands(check, bounds);
}

function bound(value: unknown, where: string): number | Operand {
  if (isOperand(value)) return value;
  if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`${where} needs a number, got ${summarize(value)}`);
  return value;
}

/** Holds on a number greater than `bound` (a number, or an operand standing for one). */
export function greaterThan(limit: number | Operand): ValueCheck {
  return numberCheck(
    [bound(limit, 'greaterThan')],
    ([at]) => `greater than ${at}`,
    (value, [at]) => value > at!,
  );
}

/** Holds on a number of at least `bound` (a number, or an operand standing for one). */
export function atLeast(limit: number | Operand): ValueCheck {
  return numberCheck(
    [bound(limit, 'atLeast')],
    ([at]) => `at least ${at}`,
    (value, [at]) => value >= at!,
  );
}

/** Holds on a number less than `bound` (a number, or an operand standing for one). */
export function lessThan(limit: number | Operand): ValueCheck {
  return numberCheck(
    [bound(limit, 'lessThan')],
    ([at]) => `less than ${at}`,
    (value, [at]) => value < at!,
  );
}

/** Holds on a number of at most `bound` (a number, or an operand standing for one). */
export function atMost(limit: number | Operand): ValueCheck {
  return numberCheck(
    [bound(limit, 'atMost')],
    ([at]) => `at most ${at}`,
    (value, [at]) => value <= at!,
  );
}

/** Holds on a number from `low` to `high`, both included (each a number, or an operand standing for one). */
export function between(low: number | Operand, high: number | Operand): ValueCheck {
  const from = bound(low, 'between');
  const to = bound(high, 'between');
  if (typeof from === 'number' && typeof to === 'number' && from > to) throw new TypeError(`between needs its lower bound first, got ${from} and ${to}`);
  return numberCheck(
    [from, to],
    ([a, b]) => `between ${a} and ${b}`,
    (value, [a, b]) => value >= a! && value <= b!,
  );
}
