// Remembering an observed value for later steps of the scenario ("the remembered "old leader"").
import { When } from '@cucumber/cucumber';
import { readPath } from '../lib/checks/paths.js';
import { latest, observed } from './context.js';
import { remember } from '../support/remembered.js';

When('I remember the observed {string} as {string}', function (this: object, path: string, name: string) {
  const { name: observation, handle } = observed(this);
  const snapshot = latest(handle);
  const lookup = readPath(snapshot.value, path);
  if (!lookup.found) throw new Error(`cannot remember "${path}" as "${name}": ${lookup.reason} (observation "${observation}", cycle ${snapshot.cycle})`);
  remember(this, name, lookup.value);
});
