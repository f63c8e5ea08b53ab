// What an observed value "is", in the words guards and "unless the observed …" use: "is null", "is at least 3",
// "matches /^n/", "does not exist": the check vocabulary in the indicative.
import { cut } from '../lib/format.js';
import type { ValueCheck } from '../lib/checks/index.js';
import { parseComparison, type CheckParseOptions } from './checks/index.js';
import { StepInputError } from './parse.js';

/** A parsed state phrase: what it says, and whether a value (or a missing one) is in that state. */
export interface ObservedState {
  readonly description: string;
  /** Whether the value is in the state; `present` is false when the path is missing. */
  holds(value: unknown, present: boolean): boolean;
  /** Why it is not, when it is not. */
  readonly check: ValueCheck;
}

// Each indicative form and the comparison phrase it stands for.
const FORMS: readonly (readonly [RegExp, (rest: string) => string])[] = [
  [/^is\s+([\s\S]+)$/, (rest) => rest],
  [/^does\s+not\s+match\s+([\s\S]+)$/, (rest) => `not matching ${rest}`],
  [/^matches\s+([\s\S]+)$/, (rest) => `matching ${rest}`],
  [/^does\s+not\s+contain\s+([\s\S]+)$/, (rest) => `not containing ${rest}`],
  [/^contains\s+([\s\S]+)$/, (rest) => `containing ${rest}`],
  [/^does\s+not\s+have\s+length\s+([\s\S]+)$/, (rest) => `not of length ${rest}`],
  [/^has\s+length\s+([\s\S]+)$/, (rest) => `of length ${rest}`],
  [/^does\s+not\s+exist$/, () => 'not present'],
  [/^exists$/, () => 'present'],
];

const STATE_WORDS =
  'is <JSON>, is not <JSON>, is greater than <n>, is at least <n>, is less than <n>, is at most <n>, is between <a> and <b>, ' +
  'is a string | a number | …, is one of [<JSON>, …], is empty, matches /regex/, contains <JSON>, has length <n>, exists, ' +
  '"does not" before match, contain, have length and exist, "is not" before the others';

/** Parses the indicative check phrase after `the observed {string}`: `is null`, `is not "n1"`, `is at least 3`, `exists`, … */
export function parseState(text: string, options: CheckParseOptions = {}): ObservedState {
  const trimmed = text.trim();
  for (const [pattern, comparison] of FORMS) {
    const match = pattern.exec(trimmed);
    if (!match) continue;
    let check: ValueCheck;
    try {
      check = parseComparison(comparison(match[1] ?? ''), options);
    } catch (error) {
      if (error instanceof StepInputError && error.message.startsWith('unknown check ')) break;
      throw error;
    }
    return { description: trimmed.replace(/\s+/g, ' '), check, holds: (value, present) => check.verdict(value, present) === undefined };
  }
  throw new StepInputError(`unknown state "${cut(trimmed, 80)}": the accepted words are ${STATE_WORDS}`);
}
