// The report's options (formatOptions.observationReport, or the CLI's flags), their defaults and their checks.
import { summarize } from '../lib/format.js';

/** The key of the report's options in Cucumber's formatOptions. */
export const OPTIONS_KEY = 'observationReport';

export interface ReportOptions {
  /** Share of its timeout above which a passing wait is a near miss; default 0.75. */
  readonly nearMiss?: number;
  /** How many of the slowest waits to list; default 10. */
  readonly slowest?: number;
  /** Most rows of the "every wait" table in Markdown and HTML (the JSON lists them all); default 500. */
  readonly maxWaitRows?: number;
  /** Whether the Markdown embeds the SVG chart as an image (the HTML always does); default true. */
  readonly svg?: boolean;
  /** Also print a few summary lines on stderr at the end of the run (formatter only); default false. */
  readonly console?: boolean;
  /** The report's heading; default "Observation report". */
  readonly title?: string;
}

export type ResolvedReportOptions = Required<ReportOptions>;

export const DEFAULT_REPORT_OPTIONS: ResolvedReportOptions = {
  nearMiss: 0.75,
  slowest: 10,
  maxWaitRows: 500,
  svg: true,
  console: false,
  title: 'Observation report',
};

const KEYS = Object.keys(DEFAULT_REPORT_OPTIONS) as (keyof ReportOptions)[];

/** Checks options, naming the one that is wrong and what it accepts; fills in the defaults. */
export function resolveReportOptions(options: unknown): ResolvedReportOptions {
  if (options === undefined || options === null) return DEFAULT_REPORT_OPTIONS;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${OPTIONS_KEY} must be an object of options (${KEYS.join(', ')}), got ${summarize(options)}`);
  }
  const given = options as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !KEYS.includes(key as keyof ReportOptions));
  if (unknown.length > 0) throw new TypeError(`unknown ${OPTIONS_KEY} option ${unknown.map((key) => `"${key}"`).join(', ')}; accepted: ${KEYS.join(', ')}`);
  const resolved = { ...DEFAULT_REPORT_OPTIONS };
  if (given.nearMiss !== undefined) resolved.nearMiss = share(given.nearMiss);
  if (given.slowest !== undefined) resolved.slowest = count(given.slowest, 'slowest');
  if (given.maxWaitRows !== undefined) resolved.maxWaitRows = count(given.maxWaitRows, 'maxWaitRows');
  if (given.svg !== undefined) resolved.svg = flag(given.svg, 'svg');
  if (given.console !== undefined) resolved.console = flag(given.console, 'console');
  if (given.title !== undefined) {
    if (typeof given.title !== 'string' || given.title.trim() === '') {
      throw new TypeError(`${OPTIONS_KEY}.title must be a non-empty string, got ${summarize(given.title)}`);
    }
    resolved.title = given.title;
  }
  return resolved;
}

/** A share of the timeout: a number above 0 and below 1 (0.8), or a percentage string ("80%"). */
export function share(value: unknown): number {
  const number = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*%\s*$/.test(value) ? Number.parseFloat(value) / 100 : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0 || number >= 1) {
    throw new TypeError(`${OPTIONS_KEY}.nearMiss must be a share of the timeout above 0 and below 1 (0.8) or a percentage ("80%"), got ${summarize(value)}`);
  }
  return number;
}

function count(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`${OPTIONS_KEY}.${name} must be a whole number of 0 or more, got ${summarize(value)}`);
  }
  return value;
}

function flag(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${OPTIONS_KEY}.${name} must be true or false, got ${summarize(value)}`);
  return value;
}
