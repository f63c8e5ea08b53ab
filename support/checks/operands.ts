// What a check word takes: a JSON value or a remembered one, a number, a regular expression literal.
import { cut, messageOf, summarize } from '../../lib/format.js';
import { parseJsonLiteral, StepInputError } from '../parse.js';
import { topLevelOffsets } from './scan.js';

/**
 * Where a phrase's `the remembered "<name>"` and `the observed "<path>"` values come from; without the one it uses,
 * such a phrase is refused.
 */
export interface CheckParseOptions {
  readonly remembered?: (name: string) => unknown;
  /** The value at `path` of the snapshot being checked; a phrase using it is parsed again for each snapshot. */
  readonly observed?: (path: string) => unknown;
}

const OBSERVED = /^the observed "((?:[^"\\]|\\.)*)"$/;

/** The path in `the observed "<path>"`, or undefined when the text is not that form. */
export function observedOperandPath(text: string): string | undefined {
  const match = OBSERVED.exec(text.trim());
  return match ? match[1]!.replace(/\\(.)/g, '$1') : undefined;
}

/** Whether a phrase takes a value from the snapshot it checks (`be the observed "primary"`), outside its quoted values. */
export function usesObserved(text: string): boolean {
  return topLevelOffsets(text, 'the observed "').length > 0;
}

const REMEMBERED = /^the remembered "((?:[^"\\]|\\.)*)"$/;

/** The name in `the remembered "<name>"`, or undefined when the text is not that form. */
export function rememberedName(text: string): string | undefined {
  const match = REMEMBERED.exec(text.trim());
  return match ? match[1]!.replace(/\\(.)/g, '$1') : undefined;
}

/** A JSON literal, or `the remembered "<name>"` looked up through the options. */
export function parseOperand(text: string, options: CheckParseOptions): unknown {
  const path = observedOperandPath(text);
  if (path !== undefined) {
    if (!options.observed) throw new StepInputError(`"the observed "${cut(path, 80)}"" cannot be used here: this value is not read from a snapshot`);
    return options.observed(path);
  }
  const name = rememberedName(text);
  if (name === undefined) return parseJsonLiteral(text);
  if (!options.remembered) throw new StepInputError(`"the remembered "${cut(name, 80)}"" cannot be used here: this step has no remembered values`);
  return options.remembered(name);
}

/** What `the observed "<path>"` stands for while a phrase is checked before any snapshot: any value a word accepts. */
export const OBSERVED_PLACEHOLDER: unique symbol = Symbol('the observed value');

/** A number operand (a JSON number or a remembered number) of a check word such as "greater than". */
export function parseNumber(text: string, word: string, options: CheckParseOptions): number {
  const value = parseOperand(text, options);
  if (value === OBSERVED_PLACEHOLDER) return 0;
  if (typeof value !== 'number') {
    const what = rememberedName(text) === undefined ? `got ${cut(text.trim(), 80)}` : `the remembered value is ${summarize(value, 80)}`;
    throw new StepInputError(`"${word}" compares numbers, but ${what}; write a number such as ${word} 10`);
  }
  return value;
}

const REGEX_HELP = 'expected a JavaScript regex literal such as /^v3\\.4\\./ or /leader/i';

/** A regex literal `/source/flags`, as JavaScript writes one. */
export function parseRegexLiteral(text: string): RegExp {
  const trimmed = text.trim();
  const match = /^\/(.+)\/([A-Za-z]*)$/s.exec(trimmed);
  if (!match) throw new StepInputError(`invalid regular expression ${cut(trimmed, 80)}: ${REGEX_HELP}`);
  try {
    return new RegExp(match[1]!, match[2]);
  } catch (error) {
    throw new StepInputError(`invalid regular expression ${cut(trimmed, 80)}: ${messageOf(error)}; ${REGEX_HELP}`);
  }
}
