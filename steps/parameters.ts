// Parameter types of the step catalog: {duration}, {json}, {stage} and {state}, permissive in what they match so bad input gets a clear error.
import { defineParameterType } from '@cucumber/cucumber';
import { parseDuration, parseJsonLiteral, parseStage } from '../support/parse.js';
import { parseState } from '../support/state-words.js';

// Matches anything shaped like an amount and a unit so that "5 parsecs" reaches the parser and its message,
// but never "<n> cycles", which belongs to the "for {int} cycles" steps.
defineParameterType({
  name: 'duration',
  regexp: /[-+]?\d*\.?\d*\s*(?!cycles?\b)[A-Za-z]+/,
  transformer: (text: string) => parseDuration(text),
  useForSnippets: false,
});

// Never across the suffixes of the bounded forms (" unless …", " and stay so for …"), so that "should be "n2" and stay
// so for 1s" is that form, not a bad JSON literal of the plain one.
defineParameterType({
  name: 'json',
  regexp: /(?:(?! unless an event matches:$| unless the observed "| and stay so for ).)+/,
  transformer: (text: string) => parseJsonLiteral(text),
  useForSnippets: false,
});

defineParameterType({
  name: 'stage',
  regexp: /[^"]+?/,
  transformer: (text: string) => parseStage(text),
  useForSnippets: false,
});

// What an observed value "is", for guards and "unless the observed …": the rest of the step, parsed by parseState.
defineParameterType({
  name: 'state',
  regexp: /.+/,
  transformer: (text: string) => parseState(text),
  useForSnippets: false,
});
