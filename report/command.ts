// `cucumber-observation report`: reads saved message streams (one per shard or run) and prints their merged report; dispatches history and calibrate.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { messageOf } from '../lib/format.js';
import { collectNdjson } from './collect.js';
import { CALIBRATE_USAGE, calibrateCommand, HISTORY_USAGE, historyCommand, type CommandFiles } from './calibrate-command.js';
import { buildReport } from './model.js';
import { resolveReportOptions, share, type ReportOptions } from './options.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from './render.js';
import { UsageError } from './usage-error.js';

const USAGE = `Usage: cucumber-observation report [options] <messages.ndjson>...

Merges the message streams of Cucumber runs (--format message:<file>; one per --shard i/n, or per machine)
into one observation report on stdout.

Options:
  --format <markdown|json|html>  output format (default: markdown)
  --near-miss <share>            a passing wait above this share of its timeout is a near miss: 0.8 or 80% (default: 0.75)
  --slowest <n>                  how many of the slowest waits to list (default: 10)
  --max-wait-rows <n>            most rows of the "every wait" table (default: 500)
  --no-svg                       leave the SVG chart image out of the Markdown
  --title <text>                 the report's heading (default: Observation report)
  -o, --output <file>            write the report to a file instead of stdout
  -h, --help                     show this help`;

export interface CommandResult {
  readonly output: string;
  /** Where to write it; undefined: stdout. */
  readonly file: string | undefined;
  /** The exit code; 1 when `calibrate --fail-on` found a step so judged. */
  readonly exitCode: number;
}

const COMMANDS_USAGE = `${USAGE}\n\n${HISTORY_USAGE}\n\n${CALIBRATE_USAGE}`;

const FILES: CommandFiles = {
  read: (path) => readFileSync(path, 'utf8'),
  exists: (path) => existsSync(path),
  write: (path, text) => writeFileSync(path, text),
};

/** Runs the command line (without the program name); throws UsageError for a bad one, Error for unreadable input. */
export function reportCommand(argv: readonly string[], files: CommandFiles = FILES): CommandResult {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') return { output: `${COMMANDS_USAGE}\n`, file: undefined, exitCode: 0 };
  if (command === 'history') return { ...historyCommand(rest, files), file: undefined };
  if (command === 'calibrate') return { ...calibrateCommand(rest, files), file: undefined };
  if (command !== 'report') {
    throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}; expected "report", "history" or "calibrate"\n\n${COMMANDS_USAGE}`);
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (error) {
    throw new UsageError(`${messageOf(error)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { output: `${USAGE}\n`, file: undefined, exitCode: 0 };
  if (positionals.length === 0) throw new UsageError(`name at least one message file (written by --format message:<file>)\n\n${USAGE}`);
  const format = (values.format ?? 'markdown') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got ${JSON.stringify(values.format)}`);
  const given: { -readonly [K in keyof ReportOptions]: ReportOptions[K] } = {};
  try {
    if (values['near-miss'] !== undefined) given.nearMiss = share(values['near-miss']);
    if (values.slowest !== undefined) given.slowest = wholeNumber(values.slowest, '--slowest');
    if (values['max-wait-rows'] !== undefined) given.maxWaitRows = wholeNumber(values['max-wait-rows'], '--max-wait-rows');
    if (values['no-svg']) given.svg = false;
    if (values.title !== undefined) given.title = values.title;
  } catch (error) {
    throw new UsageError(messageOf(error).replace(/^observationReport\.nearMiss/, '--near-miss'));
  }
  const options = resolveReportOptions(given);
  const runs = positionals.map((path) => {
    let text: string;
    try {
      text = files.read(path);
    } catch (error) {
      throw new Error(`cannot read ${path}: ${messageOf(error)}`);
    }
    return collectNdjson(text, path);
  });
  return { output: renderReport(buildReport(runs, options), format, options), file: values.output, exitCode: 0 };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'near-miss': { type: 'string' },
      slowest: { type: 'string' },
      'max-wait-rows': { type: 'string' },
      'no-svg': { type: 'boolean' },
      title: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function wholeNumber(text: string, name: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number of 0 or more, got ${JSON.stringify(text)}`);
  return Number(text);
}
