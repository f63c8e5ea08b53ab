// Parameter types of the step catalog: {duration}, {json}, {stage}, {check}, {comparison}, {quantifier} and {state},
// permissive in what they match so bad input gets a clear error.
import { defineParameterType } from '@cucumber/cucumber';
import { parseCheck, parseFieldCheck, rememberedName, type CheckParseOptions } from '../support/checks/index.js';
import { parseQuantifier } from '../support/checks/quantifier.js';
import { parseDuration, parseJsonLiteral, parseStage } from '../support/parse.js';
import { rememberedValue } from '../support/remembered.js';
import { parseState } from '../support/state-words.js';

// Matches anything shaped like an amount and a unit so that "5 parsecs", "1e309s", "1.5.5s" or digits other than
// 0-9 reach the parser and its message instead of leaving the step undefined; but never "<n> cycles", which belongs
// to the "for {int} cycles" steps. The first form is any number-like word (it starts with a sign, a digit, a dot or a
// non-ASCII character and runs to a space, quote or colon) with an optional unit after a space; the second a bare unit.
defineParameterType({
  name: 'duration',
  regexp: [/[-+]?(?:[\d.]|[^\x00-\x7F])[^\s":]*(?:\s*(?!cycles?\b)[A-Za-z]+)?/, /[-+]?\d*\.?\d*\s*(?!cycles?\b)[A-Za-z]+/],
  transformer: (text: string) => parseDuration(text),
  useForSnippets: false,
});

// Transformers run with the scenario's World as `this`, which is where remembered values live.
defineParameterType({
  name: 'json',
  regexp: /.+/,
  transformer(this: object, text: string) {
    const name = rememberedName(text);
    return name === undefined ? parseJsonLiteral(text) : rememberedValue(this, name);
  },
  useForSnippets: false,
});

defineParameterType({
  name: 'stage',
  regexp: /[^"]+?/,
  transformer: (text: string) => parseStage(text),
  useForSnippets: false,
});

// A phrase parser whose "the remembered "<name>"" values come from the World the transformer runs with.
function withRemembered<T>(parse: (text: string, options: CheckParseOptions) => T): (this: object, text: string) => T {
  return function (this: object, text: string) {
    return parse(text, { remembered: (name) => rememberedValue(this, name) });
  };
}

// The regexps are literals, as the Cucumber language server reads them (editors); words.test.ts holds them equal to
// CHECK_PHRASE and QUANTIFIER_PATTERN, which the parsers' tests use.
// biome-ignore format: words.test.ts finds each literal right after "regexp: ", as written
defineParameterType({ name: 'check', regexp: /(?:(?! for [-+]?\d*\.?\d*\s*[A-Za-z]+$)(?! for [-+]?(?:[\d.]|[^\x00-\x7F])[^\s":]*(?:\s*[A-Za-z]+)?$)(?! for \d+ cycles?$)(?! and stay so for )(?! unless ).)+/, transformer: withRemembered(parseCheck), useForSnippets: false });

// biome-ignore format: words.test.ts finds each literal right after "regexp: ", as written
defineParameterType({ name: 'comparison', regexp: /(?:(?! for [-+]?\d*\.?\d*\s*[A-Za-z]+$)(?! for [-+]?(?:[\d.]|[^\x00-\x7F])[^\s":]*(?:\s*[A-Za-z]+)?$)(?! for \d+ cycles?$)(?! and stay so for )(?! unless ).)+/, transformer: withRemembered(parseFieldCheck), useForSnippets: false });

defineParameterType({
  name: 'quantifier',
  regexp: /the|every|some|no|(?:at least|at most|exactly) \d+ of the/,
  transformer: (text: string) => parseQuantifier(text),
  useForSnippets: false,
});

// What an observed value "is", for guards and "unless the observed …": the rest of the step, parsed by parseState.
defineParameterType({
  name: 'state',
  regexp: /.+/,
  transformer(this: object, text: string) {
    return parseState(text, { remembered: (name) => rememberedValue(this, name) });
  },
  useForSnippets: false,
});
