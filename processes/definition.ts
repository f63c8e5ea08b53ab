// What a process definition may say, and its validation: every mistake is reported by name before anything starts.

/** How the start of a process is known to be complete. */
export type Readiness =
  /** An HTTP GET of the URL (placeholders allowed) answers with `status` (default 200). */
  | { readonly http: string; readonly status?: number }
  /** A TCP connection to `host:port` (placeholders allowed, e.g. `{host}:{port:e1.client}`) is accepted. */
  | { readonly tcp: string }
  /** A line of stdout or stderr contains the text, or matches the regular expression. */
  | { readonly log: string | RegExp };

/** One process of a {@link ProcessSet}: what to run, where, which ports it needs and when it is ready. */
export interface ProcessDefinition {
  /** The executable: a name looked up on PATH, or a path. Placeholders are resolved. */
  readonly command: string;
  /** Arguments; placeholders (`{port:e1.client}`, `{dir:e1}`, `{host}`) are resolved. Default none. */
  readonly args?: readonly string[];
  /** Environment added to this process's own; values may hold placeholders. Default none. */
  readonly env?: Readonly<Record<string, string>>;
  /** Working directory (placeholders allowed). Default: this process's working directory. */
  readonly cwd?: string;
  /** Names of the free ports to allocate, e.g. `['client', 'peer']` for `{port:e1.client}`. Default none. */
  readonly ports?: readonly string[];
  /** When the process counts as started. Default: as soon as it is spawned. */
  readonly ready?: Readiness;
  /** Bound for the readiness check, from the spawn, in ms. Default 10000. */
  readonly readyTimeoutMs?: number;
  /** After SIGTERM, how long to wait for the process to exit before SIGKILL, in ms. Default 5000. */
  readonly stopGraceMs?: number;
}

/** Default of {@link ProcessDefinition.readyTimeoutMs}. */
export const DEFAULT_READY_TIMEOUT_MS = 10_000;
/** Default of {@link ProcessDefinition.stopGraceMs}. */
export const DEFAULT_STOP_GRACE_MS = 5_000;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const KEYS = new Set(['command', 'args', 'env', 'cwd', 'ports', 'ready', 'readyTimeoutMs', 'stopGraceMs']);

/** Throws an Error naming the process, the field and what was expected, for the first mistake in the definitions. */
export function validateDefinitions(definitions: Readonly<Record<string, ProcessDefinition>>): void {
  if (typeof definitions !== 'object' || definitions === null || Array.isArray(definitions)) {
    throw new TypeError(`processes: expected an object of process definitions by name, got ${describe(definitions)}`);
  }
  const names = Object.keys(definitions);
  if (names.length === 0) throw new Error('processes: no process is defined; expected at least one, e.g. { e1: { command: "etcd" } }');
  for (const name of names) validateDefinition(name, definitions[name]);
}

function validateDefinition(name: string, definition: ProcessDefinition | undefined): void {
  const at = `process "${name}"`;
  if (!NAME.test(name)) throw new Error(`processes: ${at}: a name must be letters, digits, "-" or "_" (starting with a letter or digit)`);
  if (typeof definition !== 'object' || definition === null) throw new TypeError(`processes: ${at}: expected a definition object, got ${describe(definition)}`);
  for (const key of Object.keys(definition)) {
    if (!KEYS.has(key)) throw new Error(`processes: ${at}: unknown option "${key}" (known: ${[...KEYS].join(', ')})`);
  }
  if (typeof definition.command !== 'string' || definition.command.trim() === '') {
    throw new TypeError(`processes: ${at}: "command" must be a non-empty string, got ${describe(definition.command)}`);
  }
  if (definition.args !== undefined && !(Array.isArray(definition.args) && definition.args.every((arg) => typeof arg === 'string'))) {
    throw new TypeError(`processes: ${at}: "args" must be an array of strings, got ${describe(definition.args)}`);
  }
  if (definition.env !== undefined) {
    if (typeof definition.env !== 'object' || definition.env === null || Array.isArray(definition.env)) {
      throw new TypeError(`processes: ${at}: "env" must be an object of strings, got ${describe(definition.env)}`);
    }
    for (const [key, value] of Object.entries(definition.env)) {
      if (typeof value !== 'string') throw new TypeError(`processes: ${at}: env "${key}" must be a string, got ${describe(value)}`);
    }
  }
  if (definition.cwd !== undefined && (typeof definition.cwd !== 'string' || definition.cwd === '')) {
    throw new TypeError(`processes: ${at}: "cwd" must be a non-empty string, got ${describe(definition.cwd)}`);
  }
  if (definition.ports !== undefined) {
    if (!Array.isArray(definition.ports) || !definition.ports.every((port) => typeof port === 'string' && NAME.test(port))) {
      throw new TypeError(`processes: ${at}: "ports" must be an array of port names (letters, digits, "-", "_"), got ${describe(definition.ports)}`);
    }
    const seen = new Set<string>();
    for (const port of definition.ports) {
      if (seen.has(port)) throw new Error(`processes: ${at}: port "${port}" is named twice`);
      seen.add(port);
    }
  }
  if (definition.ready !== undefined) validateReadiness(at, definition.ready);
  positive(at, 'readyTimeoutMs', definition.readyTimeoutMs);
  positive(at, 'stopGraceMs', definition.stopGraceMs, true);
}

function validateReadiness(at: string, ready: Readiness): void {
  const expected = 'expected { http: url, status? }, { tcp: "host:port" } or { log: text | RegExp }';
  if (typeof ready !== 'object' || ready === null) throw new TypeError(`processes: ${at}: "ready" ${expected}, got ${describe(ready)}`);
  const kinds = ['http', 'tcp', 'log'].filter((kind) => kind in ready);
  if (kinds.length !== 1) throw new Error(`processes: ${at}: "ready" must name exactly one check; ${expected}, got ${describe(ready)}`);
  if ('http' in ready) {
    if (typeof ready.http !== 'string' || ready.http === '') throw new TypeError(`processes: ${at}: ready.http must be a URL, got ${describe(ready.http)}`);
    if (ready.status !== undefined && !(Number.isInteger(ready.status) && ready.status >= 100 && ready.status <= 599)) {
      throw new TypeError(`processes: ${at}: ready.status must be an HTTP status (100-599), got ${describe(ready.status)}`);
    }
  } else if ('tcp' in ready) {
    if (typeof ready.tcp !== 'string' || !ready.tcp.includes(':')) {
      throw new TypeError(`processes: ${at}: ready.tcp must be "host:port" (e.g. "{host}:{port:e1.client}"), got ${describe(ready.tcp)}`);
    }
  } else if (!(typeof ready.log === 'string' && ready.log !== '') && !(ready.log instanceof RegExp)) {
    throw new TypeError(`processes: ${at}: ready.log must be a non-empty text or a RegExp, got ${describe(ready.log)}`);
  }
}

function positive(at: string, key: string, value: number | undefined, allowZero = false): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new TypeError(`processes: ${at}: "${key}" must be a ${allowZero ? 'non-negative' : 'positive'} number of ms, got ${describe(value)}`);
  }
}

/** A short description of a value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value instanceof RegExp) return String(value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 80)}…` : text;
  } catch {
    return String(value);
  }
}
