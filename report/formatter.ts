// The Cucumber formatter: collects every message of the run (all workers' in --parallel) and writes the report at its end.
import { RunCollector } from './collect.js';
import { consoleLines } from './console.js';
import type { Envelope } from './messages.js';
import { buildReport } from './model.js';
import { OPTIONS_KEY, resolveReportOptions, type ReportOptions } from './options.js';
import { renderReport, type ReportFormat } from './render.js';

/** What Cucumber (11.1 and later) passes a formatter plugin; only what the report uses. */
interface FormatterContext {
  readonly on: (key: 'message', handler: (envelope: Envelope) => void) => void;
  readonly options: ReportOptions | undefined;
  readonly write: (text: string) => void;
}

/** A formatter plugin object, as `--format <module>[:<file>]` loads it; options come from formatOptions.observationReport. */
export interface ObservationReportFormatter {
  readonly type: 'formatter';
  readonly optionsKey: typeof OPTIONS_KEY;
  readonly formatter: (context: FormatterContext) => void;
}

// Several report formatters may run at once (Markdown and JSON); the first one of the run prints the console lines.
let consolePrinter: object | undefined;

export function reportFormatter(format: ReportFormat): ObservationReportFormatter {
  return {
    type: 'formatter',
    optionsKey: OPTIONS_KEY,
    formatter({ on, options, write }) {
      const resolved = resolveReportOptions(options);
      const collector = new RunCollector();
      const self = {};
      if (resolved.console) consolePrinter ??= self;
      on('message', (envelope) => {
        collector.add(envelope);
        if (!envelope.testRunFinished) return;
        const report = buildReport([collector.result()], resolved);
        write(renderReport(report, format, resolved));
        if (consolePrinter !== self) return;
        consolePrinter = undefined;
        process.stderr.write(`${consoleLines(report).join('\n')}\n`);
      });
    },
  };
}
