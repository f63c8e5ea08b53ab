// Naming what a later step refers to: an observed value ("the remembered "old leader"") or an instant ("within 3s of "kill"").
import { When } from '@cucumber/cucumber';
import { noteInstant } from '../support/instants.js';
import { readPath } from '../support/paths.js';
import { remember } from '../support/remembered.js';
import { observed } from './context.js';
import { nextSnapshot } from './forms.js';

// What is remembered is read from a cycle begun after the step began, like any Then step, never from an older snapshot.
When('I remember the observed {string} as {string}', { timeout: -1 }, async function (this: object, path: string, name: string) {
  const { name: observation, handle } = observed(this);
  const snapshot = await nextSnapshot(observation, handle);
  const lookup = readPath(snapshot.value, path);
  if (!lookup.found) throw new Error(`cannot remember "${path}" as "${name}": ${lookup.reason} (observation "${observation}", cycle ${snapshot.cycle})`);
  remember(this, name, lookup.value);
});

When('I note the time as {string}', function (this: object, name: string) {
  noteInstant(this, name);
});
