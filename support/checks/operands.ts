// What a check word takes: a JSON value or a remembered one, a number, a regular expression literal.
import { cut, messageOf, summarize } from '../../lib/format.js';
import { parseJsonLiteral, StepInputError } from '../parse.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isOperand, matchesSchema, observedAt, type Operand, type ValueCheck } from '../../lib/checks/index.js';

/** Where a phrase's `the remembered "<name>"` values come from; without it, such a phrase is refused. */
export interface CheckParseOptions {
  readonly remembered?: (name: string) => unknown;
}

const OBSERVED = /^the observed "((?:[^"\\]|\\.)*)"$/;

/** The path in `the observed "<path>"`, or undefined when the text is not that form. */
function observedOperandPath(text: string): string | undefined {
  const match = OBSERVED.exec(text.trim());
  return match ? match[1]!.replace(/\\(.)/g, '$1') : undefined;
}

const REMEMBERED = /^the remembered "((?:[^"\\]|\\.)*)"$/;

/** The name in `the remembered "<name>"`, or undefined when the text is not that form. */
function rememberedName(text: string): string | undefined {
  const match = REMEMBERED.exec(text.trim());
  return match ? match[1]!.replace(/\\(.)/g, '$1') : undefined;
}

/**
 * A JSON literal, `the remembered "<name>"` looked up through the options, or `the observed "<path>"`: an operand
 * read from the snapshot being checked, in the same cycle.
 */
export function parseOperand(text: string, options: CheckParseOptions): unknown {
  const path = observedOperandPath(text);
  if (path !== undefined) return observedAt(path);
  const name = rememberedName(text);
  if (name === undefined) return parseJsonLiteral(text);
  if (!options.remembered) throw new StepInputError(`"the remembered "${cut(name, 80)}"" cannot be used here: this step has no remembered values`);
  return options.remembered(name);
}

/** A number operand (a JSON number, a remembered number or an observed value) of a check word such as "greater than". */
export function parseNumber(text: string, word: string, options: CheckParseOptions): number | Operand {
  const value = parseOperand(text, options);
  if (isOperand(value)) return value;
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

/** The JSON Schema in the file `file` (relative to the directory Cucumber runs in), as `match the schema "<file>"` names it. */
export function readSchemaFile(file: string): ValueCheck {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new StepInputError(`the schema file "${cut(file, 200)}" cannot be read (from ${process.cwd()}): ${messageOf(error)}`);
  }
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw new StepInputError(`the schema file "${cut(file, 200)}" is not JSON: ${messageOf(error)}`);
  }
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    throw new StepInputError(`the schema file "${cut(file, 200)}" holds ${summarize(schema, 80)}, not a JSON Schema (an object or a boolean)`);
  }
  try {
    return matchesSchema(schema as object | boolean);
  } catch (error) {
    throw new StepInputError(`the schema file "${cut(file, 200)}" cannot be used: ${messageOf(error)}`);
  }
}
