// Diagnostics collected when a scenario fails: a command's output, a file's tail, an HTTP response; each bounded in time and size.
import { open } from 'node:fs/promises';
import { execa } from 'execa';
import { cut, messageOf, summarize } from '../lib/format.js';

/** Default bound on the time one diagnostic may take, in ms. */
const DEFAULT_DIAGNOSTIC_TIMEOUT_MS = 5000;
/** Default bound on what one diagnostic attaches, in bytes; past it, the start is cut (the end of a log says most). */
const DEFAULT_DIAGNOSTIC_MAX_BYTES = 64 * 1024;
/** Default number of lines of a file's tail. */
const DEFAULT_TAIL_LINES = 100;
// A command that ignores its termination signal is killed outright this long after it.
const KILL_GRACE_MS = 500;

/** Something to collect for the report once a scenario has failed. */
export interface Diagnostic {
  /** Names the attachment; unique per scenario (a later one with the same name replaces the earlier). */
  readonly name: string;
  /** Collects it; must stop when `signal` aborts (the time bound passed). */
  readonly collect: (signal: AbortSignal) => Promise<string | Buffer>;
  /** Bound on the time it may take, in ms; default 5000. */
  readonly timeoutMs?: number;
  /** Bound on what it attaches, in bytes; default 64 KiB. */
  readonly maxBytes?: number;
}

/** How a diagnostic is declared in an observation's definition: one of the three kinds, or a Diagnostic of your own. */
export type DiagnosticDeclaration =
  | Diagnostic
  | ({ readonly command: string; readonly cwd?: string } & Bounds)
  | ({ readonly fileTail: string; readonly lines?: number } & Bounds)
  | ({ readonly httpGet: string } & Bounds);

interface Bounds {
  /** Default: the command, the file or the URL. */
  readonly name?: string;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

/** How one diagnostic ended, as attached. */
export interface CollectedDiagnostic {
  readonly name: string;
  readonly ok: boolean;
  /** What it collected, or why it failed (with what it collected before, if anything). */
  readonly body: string;
}

const perWorld = new WeakMap<object, Map<string, Diagnostic>>();

/**
 * Adds a diagnostic to the scenario of `world`: collected only if the scenario fails, after its steps, and attached
 * under its name. For support code (a step that starts a process can add its log's tail) and the Gherkin steps.
 */
export function addDiagnostic(world: object, diagnostic: Diagnostic): void {
  const checked = checkDiagnostic(diagnostic, 'addDiagnostic');
  let list = perWorld.get(world);
  if (!list) {
    list = new Map();
    perWorld.set(world, list);
  }
  list.set(checked.name, checked);
}

/** The diagnostics added to the scenario of `world`, in the order they were added. */
export function addedDiagnostics(world: object): readonly Diagnostic[] {
  return [...(perWorld.get(world)?.values() ?? [])];
}

/** The output (stdout and stderr interleaved) of a shell command line; a non-zero exit fails it, its output kept. */
export function commandDiagnostic(command: string, options: { readonly cwd?: string } & Bounds = {}): Diagnostic {
  checkText(command, 'command', 'a shell command line such as "etcdctl endpoint status -w table"');
  const maxBytes = options.maxBytes ?? DEFAULT_DIAGNOSTIC_MAX_BYTES;
  return {
    name: options.name ?? command,
    timeoutMs: options.timeoutMs,
    maxBytes,
    collect: async (signal) => {
      // Its own process group, killed whole when the time bound passes, so no child of the shell outlives the scenario.
      const child = execa(command, [], {
        shell: true,
        all: true,
        reject: false,
        stdin: 'ignore',
        detached: true,
        cwd: options.cwd,
        maxBuffer: maxBytes,
        forceKillAfterDelay: KILL_GRACE_MS,
      });
      const killGroup = (): void => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      signal.addEventListener('abort', killGroup, { once: true });
      try {
        const result = await child;
        const output = String(result.all ?? '');
        if (signal.aborted) throw new DiagnosticError(`it did not finish in time`, output);
        if (result.exitCode !== 0 || result.failed) {
          const why = result.isMaxBuffer
            ? `its output passed ${maxBytes} bytes`
            : result.exitCode === undefined
              ? (result.shortMessage ?? 'it could not run')
              : `it exited with code ${result.exitCode}`;
          throw new DiagnosticError(why, output);
        }
        return output;
      } finally {
        signal.removeEventListener('abort', killGroup);
        killGroup();
      }
    },
  };
}

/** The last `lines` lines of a file (reading at most its last `maxBytes` bytes). */
export function fileTailDiagnostic(path: string, options: { readonly lines?: number } & Bounds = {}): Diagnostic {
  checkText(path, 'file', 'the path of a file');
  const lines = options.lines ?? DEFAULT_TAIL_LINES;
  if (!Number.isInteger(lines) || lines < 1) throw new TypeError(`a file tail's lines must be a whole number of 1 or more, got ${summarize(lines)}`);
  const maxBytes = options.maxBytes ?? DEFAULT_DIAGNOSTIC_MAX_BYTES;
  return {
    name: options.name ?? `last ${lines} lines of ${path}`,
    timeoutMs: options.timeoutMs,
    maxBytes,
    collect: async (signal) => {
      const file = await open(path, 'r');
      try {
        const { size } = await file.stat();
        const length = Math.min(size, maxBytes);
        const buffer = Buffer.alloc(length);
        await file.read(buffer, 0, length, size - length);
        signal.throwIfAborted();
        const text = buffer.toString('utf8');
        const all = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
        // A tail cut by the byte bound starts mid-line: that partial line is dropped.
        const whole = length < size ? all.slice(1) : all;
        return whole.slice(-lines).join('\n');
      } finally {
        await file.close();
      }
    },
  };
}

/** The status line and body of an HTTP GET; a status outside 200-299 fails it, its body kept. */
export function httpDiagnostic(url: string, options: Bounds = {}): Diagnostic {
  checkText(url, 'URL', 'an http:// or https:// URL');
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new TypeError(`a diagnostic's URL must be an http:// or https:// URL, got ${summarize(url)}`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_DIAGNOSTIC_MAX_BYTES;
  return {
    name: options.name ?? `GET ${url}`,
    timeoutMs: options.timeoutMs,
    maxBytes,
    collect: async (signal) => {
      const response = await fetch(url, { signal, redirect: 'follow' });
      const body = await boundedBody(response, maxBytes);
      const text = `HTTP ${response.status} ${response.statusText}\n\n${body}`;
      if (!response.ok) throw new DiagnosticError(`the server answered ${response.status}`, text);
      return text;
    },
  };
}

/** The Diagnostic a declaration stands for; throws a TypeError naming what is wrong with it. */
export function diagnosticOf(declaration: DiagnosticDeclaration, where: string): Diagnostic {
  if (typeof declaration !== 'object' || declaration === null) {
    throw new TypeError(`${where}: a diagnostic is an object with command, fileTail, httpGet or name and collect, got ${summarize(declaration)}`);
  }
  const { name, timeoutMs, maxBytes } = declaration;
  let made: Diagnostic;
  try {
    if ('command' in declaration) made = commandDiagnostic(declaration.command, { name, timeoutMs, maxBytes, cwd: declaration.cwd });
    else if ('fileTail' in declaration) made = fileTailDiagnostic(declaration.fileTail, { name, timeoutMs, maxBytes, lines: declaration.lines });
    else if ('httpGet' in declaration) made = httpDiagnostic(declaration.httpGet, { name, timeoutMs, maxBytes });
    else made = declaration;
  } catch (error) {
    throw new TypeError(`${where}: ${messageOf(error)}`, { cause: error });
  }
  return checkDiagnostic(made, where);
}

/**
 * Collects every diagnostic at once, each within its own time bound; never rejects. A diagnostic that throws, times
 * out or returns something else than text comes back with `ok: false` and says why.
 */
export function collectDiagnostics(diagnostics: readonly Diagnostic[]): Promise<CollectedDiagnostic[]> {
  return Promise.all(diagnostics.map(collectOne));
}

async function collectOne(diagnostic: Diagnostic): Promise<CollectedDiagnostic> {
  const timeoutMs = diagnostic.timeoutMs ?? DEFAULT_DIAGNOSTIC_TIMEOUT_MS;
  const maxBytes = diagnostic.maxBytes ?? DEFAULT_DIAGNOSTIC_MAX_BYTES;
  const aborter = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DiagnosticError(`it did not finish within ${timeoutMs} ms`, '');
      aborter.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    // Called inside the race, so a collect that throws at once is a failed diagnostic, not a broken hook.
    const collected = await Promise.race([Promise.resolve().then(() => diagnostic.collect(aborter.signal)), timedOut]);
    if (typeof collected !== 'string' && !Buffer.isBuffer(collected)) {
      return { name: diagnostic.name, ok: false, body: failure(`it returned ${summarize(collected)} instead of a string or a Buffer`, '', maxBytes) };
    }
    return { name: diagnostic.name, ok: true, body: bounded(Buffer.isBuffer(collected) ? collected.toString('utf8') : collected, maxBytes) };
  } catch (error) {
    const reason = aborter.signal.aborted ? (aborter.signal.reason as DiagnosticError) : error;
    const partial = reason instanceof DiagnosticError ? reason.partial : '';
    const why = reason instanceof DiagnosticError ? reason.message : messageOf(reason);
    return { name: diagnostic.name, ok: false, body: failure(why, partial, maxBytes) };
  } finally {
    clearTimeout(timer);
    aborter.abort(new Error('the diagnostic is over'));
  }
}

// Why a diagnostic failed, with what it had collected, so a failing command still shows its output.
class DiagnosticError extends Error {
  readonly partial: string;

  constructor(message: string, partial: string) {
    super(message);
    this.partial = partial;
  }
}

function failure(why: string, partial: string, maxBytes: number): string {
  const head = `diagnostic failed: ${why}`;
  return partial === '' ? head : `${head}\n\n${bounded(partial, maxBytes)}`;
}

/** At most `maxBytes` bytes of `text`: its end, after a line saying how much of its start was cut. */
export function bounded(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  const kept = bytes
    .subarray(bytes.length - maxBytes)
    .toString('utf8')
    .replace(/^\uFFFD+/, '');
  return `[… first ${bytes.length - maxBytes} bytes cut]\n${kept}`;
}

async function boundedBody(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
  return total > maxBytes ? `${text}\n[… body cut at ${maxBytes} bytes]` : text;
}

function checkDiagnostic(diagnostic: Diagnostic, where: string): Diagnostic {
  if (typeof diagnostic !== 'object' || diagnostic === null)
    throw new TypeError(`${where}: a diagnostic is an object with name and collect, got ${summarize(diagnostic)}`);
  const { name, collect, timeoutMs, maxBytes } = diagnostic;
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError(`${where}: a diagnostic's name must be a non-empty string, got ${summarize(name)}`);
  if (typeof collect !== 'function') throw new TypeError(`${where}: diagnostic "${cut(name, 80)}" needs collect: (signal) => Promise<string | Buffer>`);
  for (const [key, value] of [
    ['timeoutMs', timeoutMs],
    ['maxBytes', maxBytes],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new TypeError(`${where}: diagnostic "${cut(name, 80)}": ${key} must be a whole number above 0, got ${summarize(value)}`);
    }
  }
  return diagnostic;
}

function checkText(value: unknown, what: string, expected: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`a diagnostic's ${what} must be ${expected}, got ${summarize(value)}`);
}
