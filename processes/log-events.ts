// Log lines as events: a regular expression with named groups turns each matching line into {"type":"log",…}.
import type { LogLine } from './log-buffer.js';
import type { ProcessSet } from './process-set.js';

/** A line that matched: the process, the line, and the named groups of the match (`{}` when it has none). */
export interface LogEvent {
  readonly type: 'log';
  readonly process: string;
  readonly line: string;
  readonly match: Readonly<Record<string, string>>;
}

/** The event for `line` if `pattern` matches it, else undefined. A global or sticky pattern is used without its state. */
export function logEventOf(line: LogLine, pattern: RegExp): LogEvent | undefined {
  const found = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')).exec(line.line);
  if (!found) return undefined;
  const match: Record<string, string> = {};
  for (const [key, value] of Object.entries(found.groups ?? {})) if (value !== undefined) match[key] = value;
  return { type: 'log', process: line.process, line: line.line, match };
}

/**
 * Calls `listener` with an event for every line of `processes` (default: all of the set) that matches `pattern`;
 * returns the function that stops listening.
 */
export function onLogMatch(set: ProcessSet, pattern: RegExp, listener: (event: LogEvent) => void, processes?: readonly string[]): () => void {
  if (!(pattern instanceof RegExp)) throw new TypeError(`processes: onLogMatch expects a RegExp, got ${typeof pattern}`);
  const only = processes === undefined ? undefined : new Set(processes);
  for (const name of only ?? [])
    if (!set.names().includes(name)) throw new Error(`processes: unknown process "${name}"; expected one of: ${set.names().join(', ')}`);
  const unmatched = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return set.onLogLine((line) => {
    if (only && !only.has(line.process)) return;
    const event = logEventOf(line, unmatched);
    if (event) listener(event);
  });
}
