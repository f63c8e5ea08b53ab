// What an observed value "is", in the words guards and "unless the observed …" use: "is null", "is not "n1"".
import { cut, summarize } from '../lib/format.js';
import { differences } from './match.js';
import { parseJsonLiteral, StepInputError } from './parse.js';

/** A parsed state phrase: what it says, and whether a value (or a missing one) is in that state. */
export interface ObservedState {
  readonly description: string;
  /** Whether the value is in the state; `present` is false when the path is missing. */
  holds(value: unknown, present: boolean): boolean;
}

const STATE_HELP = 'expected "is <JSON value>" or "is not <JSON value>", such as is null or is not "n1"';

/** Parses "is {json}" and "is not {json}". */
export function parseState(text: string): ObservedState {
  const trimmed = text.trim();
  const match = /^is(\s+not)?\s+(.+)$/s.exec(trimmed);
  if (!match) throw new StepInputError(`unknown state "${cut(trimmed, 80)}": ${STATE_HELP}`);
  const negated = match[1] !== undefined;
  const expected = parseJsonLiteral(match[2]!);
  const equal = (value: unknown, present: boolean): boolean => present && differences(value, expected, { exact: true }) === undefined;
  return {
    description: `is ${negated ? 'not ' : ''}${summarize(expected, 200)}`,
    // A missing value is not any JSON value, so "is not" holds for it and "is" does not.
    holds: negated ? (value, present) => !equal(value, present) : equal,
  };
}
