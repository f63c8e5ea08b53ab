// Runs Cucumber once in its own process for test/helpers/run-cucumber.ts and streams every message to file descriptor 3.
import { createWriteStream } from 'node:fs';
import { loadConfiguration, runCucumber, type IConfiguration } from '@cucumber/cucumber/api';
import type { CucumberRunOptions } from './run-cucumber.js';

const options = JSON.parse(process.argv[2] ?? '{}') as CucumberRunOptions;
const out = createWriteStream('', { fd: 3 });
const send = (line: unknown): void => {
  out.write(`${JSON.stringify(line)}\n`);
};

try {
  const { runConfiguration } = await loadConfiguration({
    file: false,
    provided: {
      paths: [...options.features],
      import: [...(options.support ?? [])],
      format: ['progress', ...(options.formats ?? [])],
      ...(options.formatOptions === undefined ? {} : { formatOptions: options.formatOptions as IConfiguration['formatOptions'] }),
      ...(options.tags === undefined ? {} : { tags: options.tags }),
      ...(options.names === undefined ? {} : { name: [...options.names] }),
      ...(options.worldParameters === undefined ? {} : { worldParameters: options.worldParameters as IConfiguration['worldParameters'] }),
      ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
    },
  });
  const { success } = await runCucumber(runConfiguration, undefined, (envelope) => send({ envelope }));
  send({ success });
} catch (error) {
  send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
}
// The process must then end by itself: a timer or handle left behind by a run keeps it alive, and the parent notices.
out.end();
