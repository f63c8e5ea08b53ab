// JSON docstrings with the operator form ({"$gte": 10}, {"$regex": "^n"}, {"$gt": {"$remembered": "old term"}},
// {"$observed": "primary"}) compiled to a pattern.
import { compilePattern } from '../../lib/checks/operators.js';
import { messageOf } from '../../lib/format.js';
import { parseJsonDocString, StepInputError } from '../parse.js';
import type { CheckParseOptions } from './operands.js';

/** Parses a JSON docstring and compiles its operator objects into checks; bad operators fail naming the accepted ones. */
export function parsePatternDocString(text: string, options: CheckParseOptions = {}): unknown {
  const json = parseJsonDocString(text);
  try {
    return compilePattern(json, options.remembered ? { remembered: options.remembered } : {});
  } catch (error) {
    if (error instanceof StepInputError) throw error;
    throw new StepInputError(`the docstring's operators cannot be used: ${messageOf(error)}`);
  }
}
