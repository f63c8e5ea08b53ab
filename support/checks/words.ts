// The grammar of check phrases: the words after "should" and their "have"/"stay" form, turned into lib/checks checks.
import { cut } from '../../lib/format.js';
import {
  atLeast,
  atMost,
  between,
  changed,
  contains,
  decreasedBy,
  equalTo,
  exists,
  greaterThan,
  hasLength,
  increasedBy,
  isA,
  isEmpty,
  lessThan,
  matches,
  not,
  oneOf,
  type RelativeCheck,
  type ValueCheck,
  type ValueType,
  unchanged,
  neverDecreases,
  neverIncreases,
  isOperand,
} from '../../lib/checks/index.js';
import { StepInputError } from '../parse.js';
import { parseNumber, parseOperand, parseRegexLiteral, readSchemaFile, type CheckParseOptions } from './operands.js';
import { splitTopLevel } from './scan.js';

/** A parsed phrase after "should": a check on each value, a change since the step began, or agreement among values. */
export type ParsedCheck =
  | {
      readonly kind: 'value';
      readonly check: ValueCheck;
      readonly text: string;
      /** Only held over a window (`stay at least 10 for 2s`). */
      readonly heldOnly?: boolean;
    }
  | { readonly kind: 'change'; readonly check: RelativeCheck; readonly text: string; readonly heldOnly?: boolean }
  | { readonly kind: 'agreement'; readonly agreement: 'equal' | 'distinct' | 'agree'; readonly text: string; readonly heldOnly?: boolean };

/** The words a check may start with: a sentence splits its checks at " and " only before one of them. */
const CHECK_START = /^(?:not|be|match|matches|contain|have|exist|all|agree|change|increase|decrease|never|stay)\b/;

/**
 * Parses checks joined by "and" (`all be equal and not be "r1"`, `be a number and be at least 2`); an "and" inside a
 * value (`be between 1 and 9`, `contain "a and b"`) does not split.
 */
export function parseChecks(text: string, options: CheckParseOptions = {}): readonly ParsedCheck[] {
  return splitTopLevel(text.trim(), ' and ', (rest) => CHECK_START.test(rest)).map((part) => parseCheck(part, options));
}

/** The phrases accepted after "should", as error messages list them. */
const CHECK_WORDS =
  'be <JSON>, be equal to <JSON>, be greater than <n>, be at least <n>, be less than <n>, be at most <n>, ' +
  'be between <a> and <b>, match /regex/flags, match the schema "<file>", exist, be empty, have length <n> (or have length at least <n>, …), ' +
  'be a string | a number | an integer | a boolean | an array | an object | null, be one of [<JSON>, …], ' +
  'contain <JSON>, "not" before any of these (not be null, not match /x/, not exist, …), all be equal, all be distinct, agree, ' +
  'change, increase by at least <n>, decrease by at least <n>, never decrease, never increase, not change (over a hold), checks joined by "and"; ' +
  'a value may be the remembered "<name>" or the observed "<path>"';

/** The phrases accepted in the "have {string} …" and "stay … for" forms. */
export const COMPARISON_WORDS =
  '<JSON>, equal to <JSON>, greater than <n>, at least <n>, less than <n>, at most <n>, between <a> and <b>, ' +
  'matching /regex/flags, present, empty, of length <n> (or of length at least <n>, …), ' +
  'a string | a number | an integer | a boolean | an array | an object | null, one of [<JSON>, …], containing <JSON>, ' +
  '"not" before any of these; a value may be the remembered "<name>"';

const TYPES: Readonly<Record<string, ValueType>> = {
  'a string': 'string',
  'a number': 'number',
  'an integer': 'integer',
  'a boolean': 'boolean',
  'an array': 'array',
  'an object': 'object',
};

function words(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Parses a phrase in the "have"/"stay" form ("at least 10", "not null", "matching /^n/") into a check. */
export function parseComparison(text: string, options: CheckParseOptions = {}): ValueCheck {
  const trimmed = text.trim();
  const rest = (pattern: RegExp): string | undefined => pattern.exec(trimmed)?.[1];
  let operand: string | undefined;
  if ((operand = rest(/^not\s+([\s\S]+)$/)) !== undefined) return not(parseComparison(operand, options));
  if ((operand = rest(/^equal\s+to\s+([\s\S]+)$/)) !== undefined) return equalTo(parseOperand(operand, options));
  if ((operand = rest(/^greater\s+than\s+([\s\S]+)$/)) !== undefined) return greaterThan(parseNumber(operand, 'greater than', options));
  if ((operand = rest(/^at\s+least\s+([\s\S]+)$/)) !== undefined) return atLeast(parseNumber(operand, 'at least', options));
  if ((operand = rest(/^less\s+than\s+([\s\S]+)$/)) !== undefined) return lessThan(parseNumber(operand, 'less than', options));
  if ((operand = rest(/^at\s+most\s+([\s\S]+)$/)) !== undefined) return atMost(parseNumber(operand, 'at most', options));
  const range = /^between\s+([\s\S]+?)\s+and\s+([\s\S]+)$/.exec(trimmed);
  if (range) {
    const low = parseNumber(range[1]!, 'between', options);
    const high = parseNumber(range[2]!, 'between', options);
    if (typeof low === 'number' && typeof high === 'number' && low > high)
      throw new StepInputError(`"between ${low} and ${high}": the lower bound comes first`);
    return between(low, high);
  }
  if ((operand = rest(/^matching\s+the\s+schema\s+"((?:[^"\\]|\\.)*)"$/)) !== undefined) return readSchemaFile(operand.replace(/\\(.)/g, '$1'));
  if ((operand = rest(/^matching\s+([\s\S]+)$/)) !== undefined) return matches(parseRegexLiteral(operand));
  if ((operand = rest(/^one\s+of\s+([\s\S]+)$/)) !== undefined) {
    const candidates = parseOperand(operand, options);
    if (isOperand(candidates)) return oneOf(candidates);
    if (!Array.isArray(candidates)) throw new StepInputError(`"one of" needs a JSON array such as ["n1", "n2"], got ${cut(operand.trim(), 80)}`);
    return oneOf(candidates);
  }
  if ((operand = rest(/^containing\s+([\s\S]+)$/)) !== undefined) return contains(parseOperand(operand, options));
  if ((operand = rest(/^of\s+length\s+([\s\S]+)$/)) !== undefined) return lengthCheck(operand, options);
  const phrase = words(trimmed);
  if (phrase === 'present') return exists();
  if (phrase === 'empty') return isEmpty();
  if (Object.hasOwn(TYPES, phrase)) return isA(TYPES[phrase]!);
  return equalTo(valueOrUnknownWords(trimmed, options, COMPARISON_WORDS));
}

function lengthCheck(operand: string, options: CheckParseOptions): ValueCheck {
  if (/^\d+$/.test(operand.trim())) return hasLength(Number(operand.trim()));
  return hasLength(parseComparison(operand, options));
}

// A JSON value; text that is plainly words (a near miss such as "greter than 1") names the accepted words instead.
function valueOrUnknownWords(text: string, options: CheckParseOptions, accepted: string): unknown {
  if (/^[A-Za-z]+\s+[A-Za-z]/.test(text) && !/^the (?:remembered|observed) "/.test(text)) {
    throw new StepInputError(`unknown check "${cut(text, 80)}": the accepted words are ${accepted}`);
  }
  return parseOperand(text, options);
}

/**
 * Parses the phrase after "should" (`be at least 10`, `not be null`, `match /re/`, `exist`, `be one of [..]`,
 * `have length 3`, `contain "x"`, `be a number`, `all be equal`, `agree`, `change`, `increase by at least 5`, …).
 * Throws a `StepInputError` naming the accepted words.
 */
export function parseCheck(text: string, options: CheckParseOptions = {}): ParsedCheck {
  const trimmed = text.trim();
  const phrase = words(trimmed);
  if (phrase === 'all be equal') return { kind: 'agreement', agreement: 'equal', text: trimmed };
  if (phrase === 'all be distinct') return { kind: 'agreement', agreement: 'distinct', text: trimmed };
  if (phrase === 'agree') return { kind: 'agreement', agreement: 'agree', text: trimmed };
  if (phrase === 'change') return { kind: 'change', check: changed(), text: trimmed };
  let operand = /^increase\s+by\s+at\s+least\s+([\s\S]+)$/.exec(trimmed)?.[1];
  if (operand !== undefined) return { kind: 'change', check: increasedBy(nonNegative(operand, 'increase by at least', options)), text: trimmed };
  operand = /^decrease\s+by\s+at\s+least\s+([\s\S]+)$/.exec(trimmed)?.[1];
  if (operand !== undefined) return { kind: 'change', check: decreasedBy(nonNegative(operand, 'decrease by at least', options)), text: trimmed };
  if (phrase === 'not change') return { kind: 'change', check: unchanged(), text: trimmed, heldOnly: true };
  if (phrase === 'never decrease') return { kind: 'change', check: neverDecreases(), text: trimmed, heldOnly: true };
  if (phrase === 'never increase') return { kind: 'change', check: neverIncreases(), text: trimmed, heldOnly: true };
  if (phrase === 'all stay equal') return { kind: 'agreement', agreement: 'equal', text: trimmed, heldOnly: true };
  if (phrase === 'all stay distinct') return { kind: 'agreement', agreement: 'distinct', text: trimmed, heldOnly: true };
  const stay = /^stay\s+([\s\S]+)$/.exec(trimmed)?.[1];
  if (stay !== undefined) return { kind: 'value', check: parseComparison(stay, options), text: trimmed, heldOnly: true };
  return { kind: 'value', check: parseValueCheck(trimmed, options), text: trimmed };
}

function nonNegative(text: string, word: string, options: CheckParseOptions): number {
  const by = parseNumber(text, word, options);
  if (typeof by !== 'number') throw new StepInputError(`"${word}" takes a number written in the step or remembered, not ${by.description}`);
  if (by < 0) throw new StepInputError(`"${word} ${by}": the amount must be 0 or more (use the other direction for a fall)`);
  return by;
}

function parseValueCheck(text: string, options: CheckParseOptions): ValueCheck {
  const rest = (pattern: RegExp): string | undefined => pattern.exec(text)?.[1];
  let operand: string | undefined;
  if ((operand = rest(/^not\s+([\s\S]+)$/)) !== undefined) return not(parseValueCheck(operand, options));
  if ((operand = rest(/^be\s+([\s\S]+)$/)) !== undefined) {
    try {
      return parseComparison(operand, options);
    } catch (error) {
      // A near miss after "be" names the words of this form, not those of the "have" form.
      if (error instanceof StepInputError && error.message.startsWith('unknown check ')) {
        throw new StepInputError(`unknown check "be ${cut(operand.trim(), 80)}": after "should" the accepted words are ${CHECK_WORDS}`);
      }
      throw error;
    }
  }
  if ((operand = rest(/^match\s+the\s+schema\s+"((?:[^"\\]|\\.)*)"$/)) !== undefined) return readSchemaFile(operand.replace(/\\(.)/g, '$1'));
  if ((operand = rest(/^match\s+([\s\S]+)$/)) !== undefined) return matches(parseRegexLiteral(operand));
  if ((operand = rest(/^contain\s+([\s\S]+)$/)) !== undefined) return contains(parseOperand(operand, options));
  if ((operand = rest(/^have\s+length\s+([\s\S]+)$/)) !== undefined) return lengthCheck(operand, options);
  if (words(text) === 'exist') return exists();
  throw new StepInputError(`unknown check "${cut(text, 80)}": after "should" the accepted words are ${CHECK_WORDS}`);
}

/**
 * Parses the "have {string} …" form used by event steps and the "stay … for" form (`equal to 3`, `greater than 1`,
 * `at least 2`, `matching /re/`, `present`, `not null`, or a bare JSON value for equality). Throws a `StepInputError`
 * naming the accepted words.
 */
export function parseFieldCheck(text: string, options: CheckParseOptions = {}): ValueCheck {
  return parseComparison(text, options);
}
