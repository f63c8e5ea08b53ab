// The check word on strings: matching a regular expression.
import { summarize } from '../format.js';
import { MISSING, shown, withKind } from './render.js';
import type { ValueCheck } from './types.js';

/** Holds on a string that `pattern` matches (a RegExp, or the source of one). */
export function matches(pattern: RegExp | string): ValueCheck {
  let regex: RegExp;
  if (pattern instanceof RegExp) regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  else if (typeof pattern === 'string') regex = new RegExp(pattern);
  else throw new TypeError(`matches needs a RegExp or its source, got ${summarize(pattern)}`);
  const literal = `/${regex.source}/${regex.flags}`;
  return {
    description: `matching ${literal}`,
    verdict: (value, present) => {
      if (!present) return MISSING;
      if (typeof value !== 'string') return `is ${withKind(value)}, not a string, so it cannot match ${literal}`;
      return regex.test(value) ? undefined : `is ${shown(value)}, which does not match ${literal}`;
    },
  };
}
