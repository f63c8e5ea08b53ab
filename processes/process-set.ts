// One scenario's processes: free ports and data directories for each, start with readiness, signals, restart, logs, and a full stop.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setImmediate as nextLoopTurn } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import getPort from 'get-port';
import { DEFAULT_READY_TIMEOUT_MS, DEFAULT_STOP_GRACE_MS, describe, validateDefinitions, type ProcessDefinition } from './definition.js';
import { findExecutable } from './executable.js';
import { LogBuffer, type LogLine } from './log-buffer.js';
import { resolvePlaceholders, type Allocation, type PortNames } from './placeholders.js';
import { describeReadiness, probeReadiness, type ResolvedReadiness } from './readiness.js';
import { guardGroup, killGroup, unguardGroup, watchdogsEnded } from './watchdog.js';

/** Where a process stands. */
export interface ProcessStatus {
  readonly state: 'not-started' | 'starting' | 'running' | 'paused' | 'exited';
  /** Pid (and process group id) of the current or last process. */
  readonly pid?: number;
  /** Exit code, once exited by itself (null when a signal ended it). */
  readonly code?: number | null;
  /** The signal that ended it, once exited by a signal. */
  readonly signal?: NodeJS.Signals | null;
  /** How many times it was restarted. */
  readonly restarts: number;
  /** When the current or last process was spawned (`Date.now()` clock). */
  readonly startedAt?: number;
}

/** Options of a {@link ProcessSet}. */
export interface ProcessSetOptions {
  /** Folder in which the scenario's data directories are made. Default: the OS temporary folder. */
  readonly dataRoot?: string;
  /** Lines of stdout and stderr kept per process. Default 200. */
  readonly logLines?: number;
}

/** Default of {@link ProcessSetOptions.logLines}. */
export const DEFAULT_LOG_LINES = 200;
/** Lines of a process's log quoted in a start-up failure. */
const QUOTED_LOG_LINES = 10;

type Child = ResultPromise<{ detached: true; cleanup: false; buffer: false; reject: false; stdin: 'ignore' }>;

interface Slot {
  readonly name: string;
  readonly definition: ProcessDefinition;
  readonly logs: LogBuffer;
  readonly lineListeners: Set<(line: string) => void>;
  child: Child | undefined;
  /** Resolves once the current process has exited and its output is read to the end. */
  reaped: Promise<void> | undefined;
  state: ProcessStatus['state'];
  pid: number | undefined;
  code: number | null | undefined;
  signal: NodeJS.Signals | null | undefined;
  restarts: number;
  startedAt: number | undefined;
}

/**
 * The processes of one scenario, by name. {@link allocate} gives every defined process its free ports and data
 * directory; then processes start, get signals and restart; {@link stopAll} kills every process group and removes the
 * data directories, whatever state they are in. Each process runs in a process group of its own, guarded by a
 * watchdog that kills it should this process die first.
 */
export class ProcessSet {
  readonly #slots = new Map<string, Slot>();
  readonly #declared: PortNames;
  readonly #dataRoot: string;
  readonly #listeners = new Set<(line: LogLine) => void>();
  #allocation: Allocation | undefined;
  #allocating: Promise<void> | undefined;
  #root: string | undefined;
  #stopping: Promise<void> | undefined;

  /** @throws Error naming the process, option and what was expected, for a definition or placeholder that cannot work. */
  constructor(definitions: Readonly<Record<string, ProcessDefinition>>, options: ProcessSetOptions = {}) {
    validateDefinitions(definitions);
    const logLines = options.logLines ?? DEFAULT_LOG_LINES;
    if (!Number.isInteger(logLines) || logLines < 1) throw new TypeError(`processes: logLines must be a positive integer, got ${describe(logLines)}`);
    this.#dataRoot = options.dataRoot ?? tmpdir();
    this.#declared = new Map(Object.entries(definitions).map(([name, definition]) => [name, [...(definition.ports ?? [])]]));
    for (const [name, definition] of Object.entries(definitions)) {
      this.#slots.set(name, {
        name,
        definition,
        logs: new LogBuffer(logLines),
        lineListeners: new Set(),
        child: undefined,
        reaped: undefined,
        state: 'not-started',
        pid: undefined,
        code: undefined,
        signal: undefined,
        restarts: 0,
        startedAt: undefined,
      });
      for (const text of placeholderTexts(definition)) {
        try {
          resolvePlaceholders(text, this.#declared, undefined);
        } catch (error) {
          throw new Error(`processes: process "${name}": ${(error as Error).message}`);
        }
      }
    }
  }

  /** Allocates a free port for every named port and a data directory for every process, before any starts. Idempotent. */
  allocate(): Promise<void> {
    this.#allocating ??= this.#allocateOnce();
    return this.#allocating;
  }

  async #allocateOnce(): Promise<void> {
    const ports = new Map<string, Map<string, number>>();
    for (const [name, names] of this.#declared) {
      const byName = new Map<string, number>();
      // One at a time: get-port keeps each port it gave out locked for a while, so none is handed out twice.
      for (const port of names) byName.set(port, await getPort());
      ports.set(name, byName);
    }
    if (this.#stopping) throw new Error('processes: the set is stopped; nothing can be allocated any more');
    this.#root = mkdtempSync(join(this.#dataRoot, 'cucumber-observation-'));
    const dirs = new Map<string, string>();
    for (const name of this.#slots.keys()) {
      const dir = join(this.#root, name);
      mkdirSync(dir);
      dirs.set(name, dir);
    }
    this.#allocation = { ports, dirs };
  }

  /**
   * Replaces `{port:NAME.PORT}`, `{dir:NAME}` and `{host}` in `text` with this scenario's allocation.
   * @throws Error naming an unknown placeholder, process or port; or when {@link allocate} has not run yet.
   */
  resolve(text: string): string {
    if (typeof text !== 'string') throw new TypeError(`processes: resolve() expects a text, got ${describe(text)}`);
    if (!this.#allocation && /\{(port|dir):/.test(text)) {
      resolvePlaceholders(text, this.#declared, undefined);
      throw new Error(`processes: cannot resolve ${describe(text)} before the ports are allocated (call allocate() first)`);
    }
    return resolvePlaceholders(text, this.#declared, this.#allocation);
  }

  /** The defined process names, in definition order. */
  names(): readonly string[] {
    return [...this.#slots.keys()];
  }

  /**
   * Starts the named processes (default: every one not running yet) at once and resolves when each is ready.
   * Everything is checked before anything is spawned: names, state, placeholders, commands. Should one fail to
   * start or become ready, every process this call spawned is killed and the error names the process, what was
   * awaited and its last log lines.
   */
  async start(names?: readonly string[]): Promise<void> {
    const slots = names === undefined ? [...this.#slots.values()].filter((slot) => slot.state === 'not-started' || slot.state === 'exited') : this.#pick(names);
    for (const slot of slots) {
      if (slot.state !== 'not-started' && slot.state !== 'exited') throw new Error(`processes: process "${slot.name}" is already ${slot.state}; stop it first`);
    }
    this.#checkOpen();
    await this.allocate();
    this.#checkOpen();
    const plans = slots.map((slot) => this.#plan(slot));
    const started = plans.map((plan) => this.#launch(plan));
    const outcomes = await Promise.allSettled(started);
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
    if (failures.length === 0) return;
    await Promise.all(slots.map((slot) => this.#killNow(slot)));
    const [first, ...more] = failures;
    if (more.length === 0) throw first;
    throw new Error(`${first!.message}\n(and ${more.length} more failed to start: ${more.map((error) => error.message.split('\n')[0]).join('; ')})`);
  }

  /**
   * Sends `signal` to the process's group and resolves once it has exited. SIGKILL ends it at once; another signal
   * (SIGTERM) waits up to the definition's `stopGraceMs`, then SIGKILLs the group. A paused process is resumed after
   * the signal, so that it can act on it.
   * @throws Error when the process is not running or paused, or the signal is unknown.
   */
  async kill(name: string, signal: NodeJS.Signals): Promise<void> {
    const slot = this.#pick([name])[0]!;
    checkSignal(signal);
    if (slot.state !== 'running' && slot.state !== 'paused' && slot.state !== 'starting')
      throw new Error(`processes: cannot kill process "${name}": ${notRunning(slot)}`);
    await this.#terminate(slot, signal);
  }

  /** SIGSTOPs the process's group. @throws Error unless the process is running. */
  pause(name: string): void {
    const slot = this.#pick([name])[0]!;
    if (slot.state !== 'running')
      throw new Error(`processes: cannot pause process "${name}": ${slot.state === 'paused' ? 'it is already paused' : notRunning(slot)}`);
    killGroup(slot.pid!, 'SIGSTOP');
    slot.state = 'paused';
  }

  /** SIGCONTs the process's group. @throws Error unless the process is paused. */
  resume(name: string): void {
    const slot = this.#pick([name])[0]!;
    if (slot.state !== 'paused') throw new Error(`processes: cannot resume process "${name}": it is not paused (${describeState(slot)})`);
    killGroup(slot.pid!, 'SIGCONT');
    slot.state = 'running';
  }

  /**
   * Stops the process (SIGTERM, then SIGKILL after `stopGraceMs`) if it runs, and starts it again with the same ports,
   * data directory and definition; resolves when it is ready again.
   */
  async restart(name: string): Promise<void> {
    const slot = this.#pick([name])[0]!;
    this.#checkOpen();
    if (slot.state === 'not-started') throw new Error(`processes: cannot restart process "${name}": it was never started; start it first`);
    if (slot.state === 'starting') throw new Error(`processes: cannot restart process "${name}": it is still starting`);
    if (slot.state === 'running' || slot.state === 'paused') await this.#terminate(slot, 'SIGTERM');
    slot.restarts += 1;
    await this.start([name]);
  }

  /** Where the process stands now. */
  status(name: string): ProcessStatus {
    const slot = this.#pick([name])[0]!;
    const status: { -readonly [K in keyof ProcessStatus]: ProcessStatus[K] } = { state: slot.state, restarts: slot.restarts };
    if (slot.pid !== undefined) status.pid = slot.pid;
    if (slot.startedAt !== undefined) status.startedAt = slot.startedAt;
    if (slot.state === 'exited') {
      status.code = slot.code ?? null;
      status.signal = slot.signal ?? null;
    }
    return status;
  }

  /** The last `lines` lines (default: all kept) the process printed, stdout and stderr interleaved, across restarts. */
  logTail(name: string, lines?: number): readonly string[] {
    return this.#pick([name])[0]!
      .logs.tail(lines)
      .map((line) => line.line);
  }

  /** The last lines with the stream each came from (for reports). */
  logLines(name: string, lines?: number): readonly LogLine[] {
    return this.#pick([name])[0]!.logs.tail(lines);
  }

  /** Calls `listener` with every line any process prints from now on; returns the function that stops it. */
  onLogLine(listener: (line: LogLine) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * SIGKILLs every process group, whatever its state, waits until each is reaped, and removes the data directories.
   * Idempotent: later and concurrent calls share the first one's promise; afterwards nothing can start.
   */
  stopAll(): Promise<void> {
    this.#stopping ??= this.#stopAllOnce();
    return this.#stopping;
  }

  async #stopAllOnce(): Promise<void> {
    // A start still allocating finishes first, so that its directories are removed below.
    await this.#allocating?.catch(() => undefined);
    await Promise.all([...this.#slots.values()].map((slot) => this.#killNow(slot)));
    if (this.#root) rmSync(this.#root, { recursive: true, force: true, maxRetries: 3 });
    this.#listeners.clear();
    await watchdogsEnded();
  }

  #checkOpen(): void {
    if (this.#stopping) throw new Error('processes: the set is stopped (the scenario ended); nothing can start any more');
  }

  #pick(names: readonly string[]): Slot[] {
    if (!Array.isArray(names) || names.length === 0) throw new Error(`processes: expected one or more process names (defined: ${this.names().join(', ')})`);
    return names.map((name) => {
      const slot = this.#slots.get(name);
      if (!slot) throw new Error(`processes: unknown process ${describe(name)}; expected one of: ${this.names().join(', ')}`);
      return slot;
    });
  }

  #plan(slot: Slot): Plan {
    const { definition, name } = slot;
    const at = (error: unknown) => new Error(`processes: process "${name}": ${(error as Error).message}`);
    try {
      const command = this.resolve(definition.command);
      const args = (definition.args ?? []).map((arg) => this.resolve(arg));
      const env = Object.fromEntries(Object.entries(definition.env ?? {}).map(([key, value]) => [key, this.resolve(value)]));
      const cwd = definition.cwd === undefined ? process.cwd() : this.resolve(definition.cwd);
      const ready = definition.ready === undefined ? undefined : this.#resolveReadiness(definition.ready);
      findExecutable(command, cwd, env.PATH ?? process.env.PATH);
      return { slot, command, args, env, cwd, ready, readyTimeoutMs: definition.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS };
    } catch (error) {
      if ((error as Error).message.startsWith('processes: ')) throw error;
      throw at(error);
    }
  }

  #resolveReadiness(ready: NonNullable<ProcessDefinition['ready']>): ResolvedReadiness {
    if ('http' in ready) return { http: this.resolve(ready.http), status: ready.status ?? 200 };
    if ('tcp' in ready) return { tcp: this.resolve(ready.tcp) };
    return { log: typeof ready.log === 'string' ? this.resolve(ready.log) : ready.log };
  }

  /** Spawns one process in its own group and resolves once it is ready; rejects naming it, what was awaited and its last lines. */
  async #launch(plan: Plan): Promise<void> {
    const { slot } = plan;
    const child: Child = execa(plan.command, plan.args, {
      cwd: plan.cwd,
      env: plan.env,
      extendEnv: true,
      stdin: 'ignore',
      detached: true,
      cleanup: false,
      buffer: false,
      reject: false,
    });
    slot.child = child;
    slot.state = 'starting';
    slot.pid = child.pid;
    slot.code = undefined;
    slot.signal = undefined;
    slot.startedAt = Date.now();
    if (child.pid !== undefined) guardGroup(child.pid);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
    });
    this.#readLines(slot, child.stdout, 'stdout');
    this.#readLines(slot, child.stderr, 'stderr');
    slot.reaped = (async () => {
      const end = await exited;
      if (slot.child === child) {
        slot.state = 'exited';
        slot.code = end.code;
        slot.signal = end.signal;
      }
      // Whatever the process left in its group goes with it.
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      await child;
      if (child.pid !== undefined) unguardGroup(child.pid);
      // The pipes and the process handle close in the loop turn of the exit, after its immediates: two turns clear them.
      await nextLoopTurn();
      await nextLoopTurn();
    })();

    const controller = new AbortController();
    const awaited = plan.ready ? describeReadiness(plan.ready) : undefined;
    const probe = plan.ready ? probeReadiness(plan.ready, controller.signal, (listener) => subscribeLines(slot, listener)) : undefined;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), plan.readyTimeoutMs);
    });
    try {
      const outcome = await Promise.race([
        probe ? probe.ready.then(() => 'ready' as const) : Promise.resolve('ready' as const),
        exited.then((end) => end),
        timedOut,
      ]);
      if (outcome === 'ready') {
        if (slot.child !== child || slot.state !== 'starting') throw new Error(`processes: process "${slot.name}" was stopped while it started`);
        slot.state = 'running';
        return;
      }
      if (outcome === 'timeout') {
        const problem = probe?.lastProblem();
        throw new Error(
          `processes: process "${slot.name}" did not become ready within ${plan.readyTimeoutMs} ms; awaited ${awaited}` +
            `${problem ? ` (last probe: ${problem})` : ''}${quoteLog(slot)}`,
        );
      }
      const how = outcome.error ? `could not be spawned: ${outcome.error.message}` : `exited during start-up (${exitWords(outcome.code, outcome.signal)})`;
      throw new Error(`processes: process "${slot.name}" ${how}${awaited ? `, before ${awaited}` : ''}${quoteLog(slot)}`);
    } finally {
      clearTimeout(timer);
      controller.abort(new Error('start-up over'));
      await probe?.ready.catch(() => undefined);
    }
  }

  #readLines(slot: Slot, stream: NodeJS.ReadableStream | null, name: LogLine['stream']): void {
    if (!stream) return;
    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on('line', (text) => {
      const line = slot.logs.push(slot.name, name, text);
      for (const listener of [...slot.lineListeners]) listener(text);
      for (const listener of [...this.#listeners]) {
        try {
          listener(line);
        } catch (error) {
          process.emitWarning(`processes: a log-line listener threw: ${(error as Error).message}`);
        }
      }
    });
  }

  /** Signals the group, waits the grace for a signal other than SIGKILL, then SIGKILLs; resolves once reaped. */
  async #terminate(slot: Slot, signal: NodeJS.Signals): Promise<void> {
    const { pid, reaped } = slot;
    if (pid === undefined || !reaped) return;
    killGroup(pid, signal);
    if (signal !== 'SIGKILL') {
      if (slot.state === 'paused') killGroup(pid, 'SIGCONT');
      const graceMs = slot.definition.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace-over'>((resolve) => {
        timer = setTimeout(() => resolve('grace-over'), graceMs);
      });
      const outcome = await Promise.race([reaped, graceOver]);
      clearTimeout(timer);
      if (outcome === 'grace-over') killGroup(pid, 'SIGKILL');
    }
    await reaped;
  }

  /** SIGKILLs the process's group if one is live and waits until it is reaped. */
  async #killNow(slot: Slot): Promise<void> {
    if (slot.pid !== undefined && slot.reaped && slot.state !== 'exited') killGroup(slot.pid, 'SIGKILL');
    await slot.reaped;
  }
}

interface Plan {
  readonly slot: Slot;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly ready: ResolvedReadiness | undefined;
  readonly readyTimeoutMs: number;
}

function subscribeLines(slot: Slot, listener: (line: string) => void): () => void {
  slot.lineListeners.add(listener);
  return () => {
    slot.lineListeners.delete(listener);
  };
}

/** Every text of a definition that may hold placeholders. */
function placeholderTexts(definition: ProcessDefinition): string[] {
  const texts = [definition.command, ...(definition.args ?? []), ...Object.values(definition.env ?? {})];
  if (definition.cwd !== undefined) texts.push(definition.cwd);
  if (definition.ready && 'http' in definition.ready) texts.push(definition.ready.http);
  if (definition.ready && 'tcp' in definition.ready) texts.push(definition.ready.tcp);
  if (definition.ready && 'log' in definition.ready && typeof definition.ready.log === 'string') texts.push(definition.ready.log);
  return texts;
}

const SIGNALS = new Set(['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2']);

function checkSignal(signal: string): void {
  if (!SIGNALS.has(signal)) throw new Error(`processes: unknown signal ${describe(signal)}; expected one of ${[...SIGNALS].join(', ')}`);
}

function exitWords(code: number | null | undefined, signal: NodeJS.Signals | null | undefined): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

function describeState(slot: Slot): string {
  if (slot.state === 'exited') return `it exited (${exitWords(slot.code, slot.signal)})`;
  return slot.state === 'not-started' ? 'it was never started' : `it is ${slot.state}`;
}

function notRunning(slot: Slot): string {
  return `it is not running (${describeState(slot).replace(/^it /, '')})`;
}

function quoteLog(slot: Slot): string {
  const lines = slot.logs.tail(QUOTED_LOG_LINES);
  if (lines.length === 0) return `; it printed nothing`;
  return `; its last ${lines.length} log line(s):\n${lines.map((line) => `  ${line.stream === 'stderr' ? '[stderr] ' : ''}${line.line}`).join('\n')}`;
}
