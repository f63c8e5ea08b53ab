// `cucumber-observation history` (adds a run's message files to a history file) and `calibrate` (judges its timeouts).
import { parseArgs } from 'node:util';
import { messageOf } from '../lib/format.js';
import { calibrate, LOOSE_FACTOR, MIN_RUNS, stepDuration, TIGHT_FACTOR, type CalibrationVerdict, type StepCalibration } from './calibration.js';
import { collectNdjson } from './collect.js';
import { addRun, emptyHistory, parseHistory, type TimingHistory } from './history.js';
import { buildReport } from './model.js';
import { DEFAULT_REPORT_OPTIONS } from './options.js';
import { UsageError } from './usage-error.js';

export const HISTORY_USAGE = `Usage: cucumber-observation history <history.json> [--run <id>] <messages.ndjson>...

Adds one run of the suite (its message files, one per shard) to a history file, creating it if missing.
Shards added in separate calls with the same --run id count as one run. The history keeps the last 30 runs.

Options:
  --run <id>   names the run (such as a CI run id); default: a new id per call`;

export const CALIBRATE_USAGE = `Usage: cucumber-observation calibrate <history.json> [--fail-on tight|loose|tight,loose] [--format text|json]

Judges each wait step's timeout against its past times to success: tight when below ${TIGHT_FACTOR}x their p95
(a flake risk), loose when above ${LOOSE_FACTOR}x their p99 (a slow failure), each with a suggested timeout.
With fewer than ${MIN_RUNS} runs in the history, it says that more runs are needed.

Options:
  --fail-on <verdicts>  exit with code 1 when a step is judged so (for CI)
  --format <text|json>  output format (default: text)`;

/** File access of the two commands, replaceable in tests. */
export interface CommandFiles {
  read(path: string): string;
  exists(path: string): boolean;
  write(path: string, text: string): void;
}

export interface CalibrationCommandResult {
  readonly output: string;
  readonly exitCode: number;
}

/** `history <history.json> [--run id] <messages.ndjson>...` */
export function historyCommand(args: readonly string[], files: CommandFiles, now: Date = new Date()): CalibrationCommandResult {
  const { values, positionals } = usageChecked(
    () => parseArgs({ args: [...args], allowPositionals: true, options: { run: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }),
    HISTORY_USAGE,
  );
  if (values.help) return { output: `${HISTORY_USAGE}\n`, exitCode: 0 };
  const [historyPath, ...messageFiles] = positionals;
  if (historyPath === undefined || messageFiles.length === 0) {
    throw new UsageError(`name the history file, then at least one message file (written by --format message:<file>)\n\n${HISTORY_USAGE}`);
  }
  const runId = values.run ?? `${now.toISOString()}-${process.pid}`;
  if (runId.trim() === '') throw new UsageError(`--run must name the run, got an empty id\n\n${HISTORY_USAGE}`);
  const history = files.exists(historyPath) ? readHistory(historyPath, files) : emptyHistory();
  const runs = messageFiles.map((path) => collectNdjson(readFile(path, files), path));
  const report = buildReport(runs, DEFAULT_REPORT_OPTIONS);
  const updated = addRun(history, runId, report.timings, now);
  files.write(historyPath, `${JSON.stringify(updated, null, 2)}\n`);
  const steps = new Set(updated.runs.flatMap((run) => run.steps.map((step) => step.location))).size;
  return {
    output: `${historyPath}: run "${runId}" added (${report.timings.length} wait steps); ${plural(updated.runs.length, 'run')}, ${plural(steps, 'wait step')} in all\n`,
    exitCode: 0,
  };
}

/** `calibrate <history.json> [--fail-on …] [--format text|json]` */
export function calibrateCommand(args: readonly string[], files: CommandFiles): CalibrationCommandResult {
  const { values, positionals } = usageChecked(
    () =>
      parseArgs({
        args: [...args],
        allowPositionals: true,
        options: { 'fail-on': { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      }),
    CALIBRATE_USAGE,
  );
  if (values.help) return { output: `${CALIBRATE_USAGE}\n`, exitCode: 0 };
  if (positionals.length !== 1) throw new UsageError(`name one history file (written by "cucumber-observation history")\n\n${CALIBRATE_USAGE}`);
  const failOn = failOnOption(values['fail-on']);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}\n\n${CALIBRATE_USAGE}`);
  const path = positionals[0]!;
  const history = readHistory(path, files);
  const steps = calibrate(history.runs.map((run) => run.steps));
  const failing = steps.filter((step) => failOn.includes(step.verdict));
  const output =
    format === 'json'
      ? `${JSON.stringify({ runs: history.runs.length, minRuns: MIN_RUNS, steps }, null, 2)}\n`
      : calibrationText(path, history, steps, failing, failOn);
  return { output, exitCode: failing.length > 0 ? 1 : 0 };
}

const VERDICT_WORDS: Readonly<Record<CalibrationVerdict, string>> = { tight: 'TIGHT', loose: 'LOOSE', ok: 'ok', 'more-runs-needed': 'more runs needed' };

function calibrationText(
  path: string,
  history: TimingHistory,
  steps: readonly StepCalibration[],
  failing: readonly StepCalibration[],
  failOn: readonly string[],
): string {
  const runs = history.runs.length;
  const lines = [`Timeout calibration from ${plural(runs, 'run')} in ${path}, ${plural(steps.length, 'wait step')}.`];
  if (runs < MIN_RUNS) lines.push(`More runs are needed: a timeout is judged from at least ${MIN_RUNS} runs; add runs with "cucumber-observation history".`);
  for (const step of steps) {
    const figures =
      step.p95Ms === undefined
        ? `${plural(step.successes, 'success', 'successes')} in ${plural(step.runs, 'run')}`
        : `p50 ${step.p50Ms} ms, p95 ${step.p95Ms} ms, p99 ${step.p99Ms} ms over ${plural(step.successes, 'success', 'successes')} in ${plural(step.runs, 'run')}`;
    lines.push('', `${VERDICT_WORDS[step.verdict]}  ${step.location}  ${step.text}`, `  timeout ${stepDuration(step.timeoutMs)}; ${figures}: ${step.reason}`);
    if (step.suggestedMs !== undefined) lines.push(`  suggested timeout: ${stepDuration(step.suggestedMs)}`);
  }
  const count = (verdict: CalibrationVerdict) => steps.filter((step) => step.verdict === verdict).length;
  lines.push('', `${count('tight')} tight, ${count('loose')} loose, ${count('ok')} ok, ${count('more-runs-needed')} waiting for more runs.`);
  if (failing.length > 0) lines.push(`Failing: ${plural(failing.length, 'wait step')} judged ${failOn.join(' or ')} (--fail-on ${failOn.join(',')}).`);
  return `${lines.join('\n')}\n`;
}

function failOnOption(value: string | undefined): readonly CalibrationVerdict[] {
  if (value === undefined) return [];
  const words = value.split(',').map((word) => word.trim());
  for (const word of words) {
    if (word !== 'tight' && word !== 'loose')
      throw new UsageError(`--fail-on takes tight, loose or tight,loose, got ${JSON.stringify(value)}\n\n${CALIBRATE_USAGE}`);
  }
  return words as CalibrationVerdict[];
}

function usageChecked<T>(parse: () => T, usage: string): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(`${messageOf(error)}\n\n${usage}`);
  }
}

function readHistory(path: string, files: CommandFiles): TimingHistory {
  return parseHistory(readFile(path, files), path);
}

function readFile(path: string, files: CommandFiles): string {
  try {
    return files.read(path);
  } catch (error) {
    throw new Error(`cannot read ${path}: ${messageOf(error)}`);
  }
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
