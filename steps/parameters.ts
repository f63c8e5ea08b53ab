// Parameter types of the step catalog: {duration}, {json}, {stage}, {check}, {comparison}, {quantifier} and {state},
// permissive in what they match so bad input gets a clear error.
import { defineParameterType } from '@cucumber/cucumber';
import { parseCheck, parseFieldCheck, rememberedName, type CheckParseOptions } from '../support/checks/index.js';
import { CHECK_PHRASE } from '../support/checks/phrase.js';
import { parseQuantifier, QUANTIFIER_PATTERN } from '../support/checks/quantifier.js';
import { parseDuration, parseJsonLiteral, parseStage } from '../support/parse.js';
import { rememberedValue } from '../support/remembered.js';
import { parseState } from '../support/state-words.js';

// Matches anything shaped like an amount and a unit so that "5 parsecs" reaches the parser and its message,
// but never "<n> cycles", which belongs to the "for {int} cycles" steps.
defineParameterType({
  name: 'duration',
  regexp: /[-+]?\d*\.?\d*\s*(?!cycles?\b)[A-Za-z]+/,
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

defineParameterType({ name: 'check', regexp: CHECK_PHRASE, transformer: withRemembered(parseCheck), useForSnippets: false });

defineParameterType({ name: 'comparison', regexp: CHECK_PHRASE, transformer: withRemembered(parseFieldCheck), useForSnippets: false });

defineParameterType({
  name: 'quantifier',
  regexp: QUANTIFIER_PATTERN,
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
