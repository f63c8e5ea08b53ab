#!/usr/bin/env node
// The package's bin: `npx cucumber-observation report shard-1.ndjson shard-2.ndjson … > observation.md`.
import { writeFileSync } from 'node:fs';
import { messageOf } from '../lib/format.js';
import { reportCommand, UsageError } from './command.js';

try {
  const { output, file } = reportCommand(process.argv.slice(2));
  if (file === undefined) process.stdout.write(output);
  else writeFileSync(file, output);
} catch (error) {
  process.stderr.write(`cucumber-observation: ${messageOf(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
