// The kv-cluster suite's own parameter types: the plugin defines none, so {json} and {duration} are this suite's.
import { defineParameterType } from '@cucumber/cucumber';
import { parseDuration, parseJsonLiteral } from '../../../support/parse.js';

defineParameterType({ name: 'json', regexp: /.+/, transformer: (text: string) => parseJsonLiteral(text), useForSnippets: false });
defineParameterType({ name: 'duration', regexp: /\d+(?:\.\d+)?\s*(?:ms|s|m)/, transformer: (text: string) => parseDuration(text), useForSnippets: false });
