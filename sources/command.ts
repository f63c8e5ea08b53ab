// The command kind: a program run every cycle without a shell, its stdout parsed as JSON, `key: value` lines or text.
import { execFile } from 'node:child_process';
import { bounded, downReading, elapsedSince, type SourceReader } from './reading.js';
import type { CommandOutput, CommandSourceSpec, SourceReading } from './types.js';

/** The most stdout or stderr a command may print in one run. */
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/** Runs `words` each cycle: up when it exits 0 and its output parses as asked. */
export function commandReader(name: string, spec: CommandSourceSpec, words: readonly string[], timeoutMs: number): SourceReader {
  const [file, ...args] = words as [string, ...string[]];
  const output = spec.output ?? 'auto';
  const env = spec.env ? { ...process.env, ...spec.env } : undefined;
  return {
    name,
    kind: 'command',
    async read(signal): Promise<SourceReading> {
      const startedAt = performance.now();
      try {
        const run = await bounded(signal, timeoutMs, (bound) => runOnce(file, args, { signal: bound, env, cwd: spec.cwd }));
        const stderr = run.stderr.trim();
        if (run.code !== 0) {
          const why = `exited with ${run.code === null ? `signal ${run.signal}` : `code ${run.code}`}${stderr ? `: ${lastLines(stderr)}` : ''}`;
          return { kind: 'command', up: false, value: parseOutput(run.stdout, 'auto'), error: why, ms: elapsedSince(startedAt), status: run.code };
        }
        return {
          kind: 'command',
          up: true,
          value: parseOutput(run.stdout, output),
          error: stderr ? lastLines(stderr) : null,
          ms: elapsedSince(startedAt),
          status: 0,
        };
      } catch (error) {
        return downReading('command', error, startedAt);
      }
    },
  };
}

interface CommandRun {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runOnce(
  file: string,
  args: readonly string[],
  options: { signal: AbortSignal; env: NodeJS.ProcessEnv | undefined; cwd: string | undefined },
): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { signal: options.signal, env: options.env, cwd: options.cwd, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof (error as { code?: unknown }).code !== 'number' && !(error as { killed?: boolean }).killed) return reject(error);
        if (options.signal.aborted) return reject(options.signal.reason);
        const code = error ? ((error as { code?: number }).code ?? null) : 0;
        resolve({ code: typeof code === 'number' ? code : null, signal: (error as { signal?: string } | null)?.signal ?? null, stdout, stderr });
      },
    );
  });
}

/** Turns a command's stdout into a value, as `output` says. */
function parseOutput(stdout: string, output: CommandOutput): unknown {
  if (output === 'text') return stdout;
  if (output === 'json' || output === 'auto') {
    try {
      return JSON.parse(stdout);
    } catch (error) {
      if (output === 'json') throw new SyntaxError(`stdout is not JSON (${(error as Error).message}): ${stdout.slice(0, 200)}`);
    }
  }
  const lines = parseKeyValueLines(stdout);
  if (lines !== undefined) return lines;
  if (output === 'lines') throw new SyntaxError(`stdout is not "key: value" lines: ${stdout.slice(0, 200)}`);
  return stdout;
}

/** `key: value` (or `key=value`) per line into an object; numbers and booleans as such; undefined when a line is neither. */
function parseKeyValueLines(text: string): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  let count = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([^:=\s][^:=]*?)\s*[:=]\s*(.*)$/.exec(line);
    if (!match) return undefined;
    result[match[1]!] = scalar(match[2]!);
    count += 1;
  }
  return count === 0 ? undefined : result;
}

function scalar(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text !== '' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  return text;
}

function lastLines(text: string): string {
  return text.split('\n').slice(-5).join('\n');
}

/** Splits a command line into words on spaces; single or double quotes group words, as in a shell (no expansion). */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) throw new SyntaxError(`unclosed ${quote} in command line: ${line}`);
  if (inWord) words.push(word);
  return words;
}
