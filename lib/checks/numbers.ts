// Check words on numbers: greater than, at least, less than, at most, between (inclusive).
import { summarize } from '../format.js';
import { isNot, MISSING, withKind } from './render.js';
import type { ValueCheck } from './types.js';

function numberCheck(description: string, holds: (value: number) => boolean): ValueCheck {
  return {
    description,
    verdict: (value, present) => {
      if (!present) return MISSING;
      if (typeof value !== 'number' || Number.isNaN(value)) return `is ${withKind(value)}, not a number, so it cannot be ${description}`;
      return holds(value) ? undefined : isNot(value, description);
    },
  };
}

function finite(bound: unknown, where: string): number {
  if (typeof bound !== 'number' || Number.isNaN(bound)) throw new TypeError(`${where} needs a number, got ${summarize(bound)}`);
  return bound;
}

/** Holds on a number greater than `bound`. */
export function greaterThan(bound: number): ValueCheck {
  const limit = finite(bound, 'greaterThan');
  return numberCheck(`greater than ${limit}`, (value) => value > limit);
}

/** Holds on a number of at least `bound`. */
export function atLeast(bound: number): ValueCheck {
  const limit = finite(bound, 'atLeast');
  return numberCheck(`at least ${limit}`, (value) => value >= limit);
}

/** Holds on a number less than `bound`. */
export function lessThan(bound: number): ValueCheck {
  const limit = finite(bound, 'lessThan');
  return numberCheck(`less than ${limit}`, (value) => value < limit);
}

/** Holds on a number of at most `bound`. */
export function atMost(bound: number): ValueCheck {
  const limit = finite(bound, 'atMost');
  return numberCheck(`at most ${limit}`, (value) => value <= limit);
}

/** Holds on a number from `low` to `high`, both included. */
export function between(low: number, high: number): ValueCheck {
  const from = finite(low, 'between');
  const to = finite(high, 'between');
  if (from > to) throw new TypeError(`between needs its lower bound first, got ${from} and ${to}`);
  return numberCheck(`between ${from} and ${to}`, (value) => value >= from && value <= to);
}
