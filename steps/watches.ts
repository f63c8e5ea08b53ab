// The Gherkin form of the built-in sources: `Given the "cluster" observation watches:` and a table of name | kind | target.
import { type DataTable, Given } from '@cucumber/cucumber';
import { isRunning } from '../support/scenario.js';
import { sourcesOfTable, watchFromTable } from '../support/watch-table.js';
import { scenarioOf } from '../support/world.js';
import { requireArgument } from './context.js';

Given('the {string} observation watches:', { timeout: -1 }, async function (this: object, name: string, table?: DataTable) {
  const sources = sourcesOfTable(requireArgument(table, 'a table of | name | kind | target | rows').raw());
  const scenario = scenarioOf(this);
  const run = scenario.run(name);
  if (run && isRunning(run)) {
    throw new Error(`observation "${name}" is already running in this scenario; a watches table must come before it starts (give it autoStart: false)`);
  }
  watchFromTable(this, name, sources);
  await scenario.start(name);
});
