// JSON docstrings with the operator form ({"$gte": 10}, {"$regex": "^n"}, {"$remembered": "old leader"}) compiled to a pattern.
import { compilePattern } from '../../lib/checks/operators.js';
import { messageOf } from '../../lib/format.js';
import { parseJsonDocString, StepInputError } from '../parse.js';
import type { CheckParseOptions } from './operands.js';

// {"$remembered": "<name>"} stands for the remembered value, compared literally (as {"$eq": value}).
function resolveRemembered(value: unknown, options: CheckParseOptions): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveRemembered(item, options));
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  if (keys.length === 1 && keys[0] === '$remembered') {
    const name = record.$remembered;
    if (typeof name !== 'string') throw new StepInputError('"$remembered" needs the name of a remembered value, such as {"$remembered": "old leader"}');
    if (!options.remembered) throw new StepInputError('"$remembered" cannot be used here: this step has no remembered values');
    return { $eq: options.remembered(name) };
  }
  if (keys.length === 1 && keys[0] === '$eq') return value;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    Object.defineProperty(out, key, { value: resolveRemembered(record[key], options), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Parses a JSON docstring and compiles its operator objects into checks; bad operators fail naming the accepted ones. */
export function parsePatternDocString(text: string, options: CheckParseOptions = {}): unknown {
  const json = parseJsonDocString(text);
  try {
    return compilePattern(resolveRemembered(json, options));
  } catch (error) {
    if (error instanceof StepInputError) throw error;
    throw new StepInputError(`the docstring's operators cannot be used: ${messageOf(error)}`);
  }
}
