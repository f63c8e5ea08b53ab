// Parameter types of the step catalog: {duration}, {json} and {stage}, permissive in what they match so bad input gets a clear error.
import { defineParameterType } from '@cucumber/cucumber';
import { parseDuration, parseJsonLiteral, parseStage } from '../support/parse.js';

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

defineParameterType({
  name: 'json',
  regexp: /.+/,
  transformer: (text: string) => parseJsonLiteral(text),
  useForSnippets: false,
});

defineParameterType({
  name: 'stage',
  regexp: /[^"]+?/,
  transformer: (text: string) => parseStage(text),
  useForSnippets: false,
});
