// Checks a built-in observation's definition, and turns its sources into readers for one scenario (placeholders resolved).
import { Agent } from 'undici';
import { findExecutable } from '../processes/executable.js';
import { commandReader, splitCommandLine } from './command.js';
import { httpReader, prometheusReader } from './http.js';
import { processReader } from './process.js';
import type { SourceReader } from './reading.js';
import { tcpReader } from './tcp.js';
import { type FailWhen, type ProcessesView, SOURCE_KINDS, SOURCE_OPTIONS, type SourceSpec, type SourcesDefinition } from './types.js';

/** Bound on each reading when neither the source nor the definition sets one, in ms. */
export const DEFAULT_READING_TIMEOUT_MS = 1000;

const FAIL_WHEN: readonly FailWhen[] = ['never', 'none-up', 'any-down'];
const PLACEHOLDER = /\{(?:host|port:[^{}]+|dir:[^{}]+)\}/;
const SOURCE_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/** A definition's mistake, found before any scenario runs or before the observation's first wait. */
export class SourceDefinitionError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'SourceDefinitionError';
  }
}

/** Checks what can be checked without a scenario: names, kinds, target types, events, derived values, options. */
export function checkSourcesDefinition(definition: SourcesDefinition, where: string): void {
  if (typeof definition.sources !== 'object' || definition.sources === null || Array.isArray(definition.sources)) {
    throw new SourceDefinitionError(`${where}: sources must be an object of { name: { kind, target } }, got ${show(definition.sources)}`);
  }
  for (const [name, spec] of Object.entries(definition.sources)) checkSourceSpec(name, spec, where);
  checkGroups(Object.keys(definition.sources), where);
  for (const [type, spec] of Object.entries(definition.events ?? {})) {
    const event = `${where}: event "${type}"`;
    if (typeof spec !== 'object' || spec === null)
      throw new SourceDefinitionError(`${event} must be { changed: "path" } or { log: /pattern/ }, got ${show(spec)}`);
    if ('changed' in spec) {
      if (typeof spec.changed !== 'string' || spec.changed === '')
        throw new SourceDefinitionError(`${event}: changed must be a dotted path such as "derived.leader", got ${show(spec.changed)}`);
    } else if ('log' in spec) {
      if (typeof spec.log !== 'string' && !(spec.log instanceof RegExp))
        throw new SourceDefinitionError(`${event}: log must be a string or a RegExp, got ${show(spec.log)}`);
    } else {
      throw new SourceDefinitionError(`${event} must be { changed: "path" } or { log: /pattern/ }, got ${show(spec)}`);
    }
  }
  for (const [name, derive] of Object.entries(definition.derive ?? {})) {
    if (typeof derive !== 'function')
      throw new SourceDefinitionError(`${where}: derived value "${name}" must be a function (snapshot) => value, got ${show(derive)}`);
  }
  if (definition.failWhen !== undefined && !FAIL_WHEN.includes(definition.failWhen)) {
    throw new SourceDefinitionError(`${where}: failWhen must be one of ${FAIL_WHEN.join(', ')}, got ${show(definition.failWhen)}`);
  }
  checkTimeout(definition.timeoutMs, `${where}: timeoutMs`);
}

/** Checks one source's name and spec; the message names the source and what was expected. */
export function checkSourceSpec(name: string, spec: SourceSpec, where: string): void {
  if (!SOURCE_NAME.test(name)) {
    throw new SourceDefinitionError(`${where}: source name "${name}" must be letters, digits, "-" or "_", in parts joined by "." (e1.metrics)`);
  }
  const source = `${where}: source "${name}"`;
  if (typeof spec !== 'object' || spec === null) throw new SourceDefinitionError(`${source} must be { kind, target }, got ${show(spec)}`);
  if (!(SOURCE_KINDS as readonly unknown[]).includes(spec.kind)) {
    throw new SourceDefinitionError(`${source} has unknown kind ${show(spec.kind)}; expected one of ${SOURCE_KINDS.join(', ')}`);
  }
  const unknown = Object.keys(spec).filter((key) => !SOURCE_OPTIONS[spec.kind].includes(key));
  if (unknown.length > 0) {
    throw new SourceDefinitionError(
      `${source} (${spec.kind}) has unknown option ${unknown.join(', ')}; its options are ${SOURCE_OPTIONS[spec.kind].join(', ')}`,
    );
  }
  const target: unknown = spec.target;
  const isWords = Array.isArray(target) && target.length > 0 && target.every((word) => typeof word === 'string');
  if (!(typeof target === 'string' && target.trim() !== '') && !(spec.kind === 'command' && isWords)) {
    throw new SourceDefinitionError(`${source} (${spec.kind}) needs a target: ${TARGET_EXAMPLES[spec.kind]}; got ${show(target)}`);
  }
  if (spec.kind !== 'process') checkTimeout(spec.timeoutMs, `${source}: timeoutMs`);
}

/** A dotted name groups its source under its first parts (`e1.metrics` under `e1`), so a group cannot also be a source. */
function checkGroups(names: readonly string[], where: string): void {
  const all = new Set(names);
  for (const name of names) {
    const parts = name.split('.');
    for (let length = 1; length < parts.length; length += 1) {
      const group = parts.slice(0, length).join('.');
      if (all.has(group)) throw new SourceDefinitionError(`${where}: source "${group}" is also the group of source "${name}"; rename one`);
    }
  }
}

const TARGET_EXAMPLES: Readonly<Record<SourceSpec['kind'], string>> = {
  http: 'a URL such as "http://127.0.0.1:8080/health"',
  prometheus: 'a URL such as "http://127.0.0.1:2379/metrics"',
  command: 'a command line such as "etcdctl endpoint status -w json"',
  tcp: 'an address such as "127.0.0.1:6379"',
  process: 'a process name such as "e1"',
};

function checkTimeout(value: unknown, what: string): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) {
    throw new SourceDefinitionError(`${what} must be a positive number of ms, got ${show(value)}`);
  }
}

/** The readers of one run of an observation, and the agent whose connections they keep alive. */
export interface SourceReaders {
  readonly readers: readonly SourceReader[];
  /** Closes the kept-alive connections. */
  close(): Promise<void>;
}

/**
 * Builds one reader per source, with placeholders resolved by the scenario's processes (asked for only when a source
 * needs them; `processes` throws when there are none): a malformed target, a placeholder that names no process or
 * port, a process not defined, or a command not found throws here, naming the source.
 */
export function buildReaders(definition: SourcesDefinition, processes: () => ProcessesView, where: string): SourceReaders {
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 8 });
  const readers: SourceReader[] = [];
  try {
    for (const [name, spec] of Object.entries(definition.sources)) {
      const timeoutMs = ('timeoutMs' in spec ? spec.timeoutMs : undefined) ?? definition.timeoutMs ?? DEFAULT_READING_TIMEOUT_MS;
      const source = `${where}: source "${name}" (${spec.kind})`;
      const resolve = (text: string): string => resolvePlaceholders(text, processes, source);
      const processSet = (): ProcessesView => asked(processes, `${source} watches process "${spec.target}", but`);
      switch (spec.kind) {
        case 'http':
          readers.push(httpReader(name, spec, parseUrl(resolve(spec.target), source), agent, timeoutMs));
          break;
        case 'prometheus':
          readers.push(prometheusReader(name, spec, parseUrl(resolve(spec.target), source), agent, timeoutMs));
          break;
        case 'command': {
          const words = typeof spec.target === 'string' ? splitWords(resolve(spec.target), source) : spec.target.map(resolve);
          checkCommand(words[0]!, spec.cwd, source);
          readers.push(commandReader(name, spec, words, timeoutMs));
          break;
        }
        case 'tcp': {
          const { host, port } = parseAddress(resolve(spec.target), source);
          readers.push(tcpReader(name, host, port, timeoutMs));
          break;
        }
        case 'process': {
          const set = processSet();
          if (!set.names().includes(spec.target)) {
            throw new SourceDefinitionError(`${source} watches process "${spec.target}", which is not defined; defined: ${set.names().join(', ') || 'none'}`);
          }
          readers.push(processReader(name, spec.target, set));
          break;
        }
        default:
          throw new SourceDefinitionError(`${source}: unknown kind; expected one of ${SOURCE_KINDS.join(', ')}`);
      }
    }
  } catch (error) {
    void agent.destroy();
    throw error;
  }
  return {
    readers,
    async close() {
      await agent.destroy();
      // A socket destroyed by an aborted or refused request closes its handle in a later loop turn: two turns clear it.
      for (let turn = 0; turn < 2; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function resolvePlaceholders(text: string, processes: () => ProcessesView, source: string): string {
  if (!PLACEHOLDER.test(text)) return text;
  const set = asked(processes, `${source}: "${text}" uses ${PLACEHOLDER.exec(text)![0]}, but`);
  try {
    return set.resolve(text);
  } catch (error) {
    throw new SourceDefinitionError(`${source}: ${(error as Error).message}`);
  }
}

/** The scenario's processes, or an error that says who needed them and why there are none. */
function asked(processes: () => ProcessesView, who: string): ProcessesView {
  try {
    return processes();
  } catch (error) {
    throw new SourceDefinitionError(`${who} ${(error as Error).message}`);
  }
}

function parseUrl(text: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SourceDefinitionError(`${source}: target "${text}" is not a URL; expected http://host:port/path`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SourceDefinitionError(`${source}: target "${text}" is not an http(s) URL; expected http://host:port/path`);
  }
  return url;
}

function parseAddress(text: string, source: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : Number.NaN;
  if (!match || port < 1 || port > 65_535)
    throw new SourceDefinitionError(`${source}: target "${text}" is not an address; expected host:port such as 127.0.0.1:6379`);
  return { host: (match[1] ?? match[2])!, port };
}

function splitWords(line: string, source: string): string[] {
  try {
    const words = splitCommandLine(line);
    if (words.length === 0) throw new SyntaxError('it has no words');
    return words;
  } catch (error) {
    throw new SourceDefinitionError(`${source}: command line "${line}" cannot be split: ${(error as Error).message}`);
  }
}

function checkCommand(file: string, cwd: string | undefined, source: string): void {
  try {
    findExecutable(file, cwd ?? process.cwd(), process.env['PATH']);
  } catch (error) {
    throw new SourceDefinitionError(`${source}: ${(error as Error).message}`);
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
