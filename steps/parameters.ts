// Parameter types of the step catalog: {duration}, {json} and {stage}, permissive in what they match so bad input gets a clear error.
import { defineParameterType } from '@cucumber/cucumber';
import { parseDuration, parseJsonLiteral, parseStage } from '../support/parse.js';

// Matches anything shaped like an amount and a unit so that "5 parsecs" reaches the parser and its message,
// but never "<n> cycles", which belongs to the "for {int} cycles" steps.
defineParameterType({
  name: 'duration',
  regexp: /[-+]?\d*\.?\d*\s*(?!cycles?\b)[A-Za-z]+/,
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
