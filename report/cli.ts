#!/usr/bin/env node
// The package's bin: `npx cucumber-observation report shard-1.ndjson … > observation.md`, `history`, `calibrate history.json`.
import { writeFileSync } from 'node:fs';
import { messageOf } from '../lib/format.js';
import { reportCommand } from './command.js';
import { UsageError } from './usage-error.js';

try {
  const { output, file, exitCode } = reportCommand(process.argv.slice(2));
  if (file === undefined) process.stdout.write(output);
  else writeFileSync(file, output);
  process.exitCode = exitCode;
} catch (error) {
  process.stderr.write(`cucumber-observation: ${messageOf(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
