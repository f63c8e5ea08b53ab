// The built-in observer: reads every source concurrently each cycle and turns the outcomes into a snapshot and events.
import { isDeepStrictEqual } from 'node:util';
import type { ObservedSource, Observer, WatchContext } from '../lib/index.js';
import { buildReaders, checkSourcesDefinition, SourceDefinitionError, type SourceReaders } from './definition.js';
import type { SourceReader } from './reading.js';
import type { ChangeEventSpec, LogEventSpec, ProcessesView, SourceReading, SourcesDefinition, SourcesEvent, SourcesSnapshot } from './types.js';

/** Log-line events kept between two cycles at most; older ones are dropped. */
const MAX_PENDING_LOG_EVENTS = 1000;

/** The retained state of a built-in observation. */
export interface SourcesState {
  readings: Record<string, SourceReading>;
  derived: Record<string, unknown>;
  /** The last value seen at each change event's path (the last present one, for `ignoreMissing`). */
  readonly watched: Map<string, unknown>;
}

/** Where the built-in observer finds the scenario's processes, and its name for messages. */
export interface SourcesObserverOptions {
  /** The scenario's processes, or a function that gives them (and throws, saying why, when there are none). */
  readonly processes?: ProcessesView | (() => ProcessesView);
  /** Names the observation in messages, such as 'observation "cluster"'. */
  readonly where?: string;
}

/**
 * The observer a definition object builds: its sources are its own readers (see {@link SourcesObserver.sources}).
 * Bad input (unknown kind, malformed target, unknown process, command not found) throws from the constructor.
 * A custom Observer can wrap one: call its init, poll and snapshot, and watch so that its connections close at stop.
 */
export class SourcesObserver implements Observer<SourceReader, SourcesState, SourcesSnapshot, SourcesEvent> {
  readonly #definition: SourcesDefinition;
  readonly #readers: SourceReaders;
  readonly #processes: () => ProcessesView;
  readonly #changes: readonly [string, ChangeEventSpec][];
  readonly #logs: readonly [string, LogEventSpec, RegExp][];
  #pendingLogEvents: SourcesEvent[] = [];
  #unsubscribe: (() => void) | undefined;
  #requestCycle: (() => void) | undefined;
  #closed: Promise<void> | undefined;

  constructor(definition: SourcesDefinition, options: SourcesObserverOptions = {}) {
    const where = options.where ?? 'sources';
    checkSourcesDefinition(definition, where);
    this.#definition = definition;
    const { processes } = options;
    this.#processes =
      typeof processes === 'function'
        ? processes
        : () => {
            if (processes) return processes;
            throw new Error('no processes were given (define them with defineProcesses)');
          };
    const events = Object.entries(definition.events ?? {});
    this.#changes = events.filter((entry): entry is [string, ChangeEventSpec] => 'changed' in entry[1]);
    this.#logs = events
      .filter((entry): entry is [string, LogEventSpec] => 'log' in entry[1])
      .map(([type, spec]) => [type, spec, typeof spec.log === 'string' ? new RegExp(escapeRegExp(spec.log)) : spec.log]);
    if (this.#logs.length > 0) {
      try {
        this.#processes();
      } catch (error) {
        throw new SourceDefinitionError(`${where}: event "${this.#logs[0]![0]}" matches process log lines, but ${(error as Error).message}`);
      }
    }
    this.#readers = buildReaders(definition, this.#processes, where);
  }

  /** The observation's sources: one reader per defined source, for the runtime's source provider. */
  sources(): readonly ObservedSource<SourceReader>[] {
    return this.#readers.readers.map((reader) => ({ name: reader.name, source: reader }));
  }

  async init(sources: readonly ObservedSource<SourceReader>[], signal: AbortSignal): Promise<SourcesState> {
    try {
      if (this.#logs.length > 0) this.#unsubscribe = this.#processes().onLogLine((line) => this.#onLogLine(line));
      const state: SourcesState = { readings: await this.#readAll(sources, signal), derived: {}, watched: new Map() };
      this.#checkFailWhen(state.readings);
      state.derived = this.#derive(state.readings);
      const snapshot = this.snapshot(state);
      for (const [, spec] of this.#changes) state.watched.set(spec.changed, valueAt(snapshot, spec.changed));
      return state;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async poll(sources: readonly ObservedSource<SourceReader>[], state: SourcesState, signal: AbortSignal): Promise<SourcesEvent[]> {
    const readings = await this.#readAll(sources, signal);
    const derived = this.#derive(readings);
    this.#checkFailWhen(readings);
    // A process that exited is the cause of its sources going down: its event comes first in the batch.
    const exits: SourcesEvent[] = [];
    const events: SourcesEvent[] = [];
    for (const [name, reading] of Object.entries(readings)) {
      const before = state.readings[name];
      if (!before) continue;
      if (before.up && !reading.up) events.push({ type: 'source-down', source: name, error: reading.error ?? 'down' });
      if (!before.up && reading.up) events.push({ type: 'source-up', source: name });
      if (reading.kind === 'process') {
        const was = before.value as { state?: string; restarts?: number } | null;
        const now = reading.value as { state: string; code?: number | null; signal?: string | null; restarts?: number };
        if (now.state === 'exited' && (was?.state !== 'exited' || was.restarts !== now.restarts)) {
          const process = (this.#definition.sources[name] as { target?: unknown } | undefined)?.target;
          exits.push({ type: 'process-exited', source: name, process: String(process ?? name), code: now.code ?? null, signal: now.signal ?? null });
        }
      }
    }
    state.readings = readings;
    state.derived = derived;
    const snapshot = this.snapshot(state);
    for (const [type, spec] of this.#changes) {
      const to = valueAt(snapshot, spec.changed);
      if (spec.ignoreMissing && (to === null || to === undefined)) continue;
      const from = state.watched.get(spec.changed);
      if (isDeepStrictEqual(from, to)) continue;
      state.watched.set(spec.changed, to);
      events.push({ type, path: spec.changed, from: from ?? null, to: to ?? null });
    }
    const logEvents = this.#pendingLogEvents;
    this.#pendingLogEvents = [];
    return [...exits, ...events, ...logEvents];
  }

  snapshot(state: SourcesState): SourcesSnapshot {
    const up: string[] = [];
    const down: string[] = [];
    for (const [name, reading] of Object.entries(state.readings)) (reading.up ? up : down).push(name);
    return { sources: nest(state.readings), up, down, derived: { ...state.derived } };
  }

  /** Asks for a cycle on each matching log line, and closes the connections and log listener when the observation stops. */
  async watch({ requestCycle, signal }: WatchContext): Promise<void> {
    this.#requestCycle = requestCycle;
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    await this.close();
  }

  /** Closes the kept-alive connections and the log listener; idempotent. The runtime's stop calls it through `watch`. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#unsubscribe?.();
      this.#unsubscribe = undefined;
      this.#requestCycle = undefined;
      await this.#readers.close();
    })();
    return this.#closed;
  }

  async #readAll(sources: readonly ObservedSource<SourceReader>[], signal: AbortSignal): Promise<Record<string, SourceReading>> {
    const readings = await Promise.all(sources.map(({ source }) => source.read(signal)));
    // A stopped observation aborts its readings: what they say is not about the system.
    signal.throwIfAborted();
    const byName: Record<string, SourceReading> = {};
    for (let index = 0; index < sources.length; index += 1) byName[sources[index]!.name] = Object.freeze(readings[index]!);
    return byName;
  }

  #derive(readings: Record<string, SourceReading>): Record<string, unknown> {
    const derived: Record<string, unknown> = {};
    const entries = Object.entries(this.#definition.derive ?? {});
    if (entries.length === 0) return derived;
    const snapshot = this.snapshot({ readings, derived, watched: new Map() });
    for (const [name, derive] of entries) {
      try {
        derived[name] = derive({ ...snapshot, derived });
      } catch (error) {
        throw new Error(`derived value "${name}" threw: ${(error as Error).message ?? String(error)}`, { cause: error });
      }
    }
    return derived;
  }

  #checkFailWhen(readings: Record<string, SourceReading>): void {
    const failWhen = this.#definition.failWhen ?? 'never';
    if (failWhen === 'never') return;
    const down = Object.entries(readings).filter(([, reading]) => !reading.up);
    const all = Object.keys(readings).length;
    if ((failWhen === 'none-up' && down.length === all && all > 0) || (failWhen === 'any-down' && down.length > 0)) {
      const reasons = down.map(([name, reading]) => `${name}: ${reading.error}`).join('; ');
      throw new Error(`${failWhen === 'none-up' ? 'no source answered' : `${down.length} of ${all} sources down`} (failWhen: ${failWhen}): ${reasons}`);
    }
  }

  #onLogLine(line: { process: string; stream: 'stdout' | 'stderr'; line: string }): void {
    let matched = false;
    for (const [type, spec, pattern] of this.#logs) {
      if (spec.processes && !spec.processes.includes(line.process)) continue;
      const match = pattern.exec(line.line);
      if (!match) continue;
      matched = true;
      if (this.#pendingLogEvents.length >= MAX_PENDING_LOG_EVENTS) this.#pendingLogEvents.shift();
      this.#pendingLogEvents.push({ type, process: line.process, stream: line.stream, line: line.line, match: { ...match.groups } });
    }
    if (matched) this.#requestCycle?.();
  }
}

/** The readings by name, a dotted name nested under its parts: `e1.metrics` is `sources.e1.metrics`. */
function nest(readings: Record<string, SourceReading>): Record<string, SourceReading> {
  const nested: Record<string, any> = {};
  for (const [name, reading] of Object.entries(readings)) {
    if (!name.includes('.')) {
      nested[name] = reading;
      continue;
    }
    const parts = name.split('.');
    let group = nested;
    for (const part of parts.slice(0, -1)) group = group[part] ??= {};
    group[parts.at(-1)!] = reading;
  }
  return nested;
}

/** The value at a dotted path (`derived.leader`, `sources.e1.value.health`); undefined where the path leads nowhere. */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
