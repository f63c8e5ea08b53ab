// The catalog suite's own parameter types, named as a user's suite would name them: the plugin defines none, so
// {json}, {duration}, {state} and {check} are free for the suite's own steps.
import { defineParameterType } from '@cucumber/cucumber';
import { parseDuration, parseJsonLiteral } from '../../../support/parse.js';

defineParameterType({ name: 'json', regexp: /.+/, transformer: (text: string) => parseJsonLiteral(text), useForSnippets: false });
defineParameterType({ name: 'duration', regexp: /\d+(?:ms|s)/, transformer: (text: string) => parseDuration(text), useForSnippets: false });
defineParameterType({ name: 'state', regexp: /up|down/, transformer: (text: string) => text === 'up', useForSnippets: false });
defineParameterType({ name: 'check', regexp: /[a-z]+ check/, transformer: (text: string) => text, useForSnippets: false });
