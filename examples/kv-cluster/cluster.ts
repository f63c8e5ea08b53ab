// In-process controller of a loopback kv cluster: spawns, stops and restarts node processes and never leaves one behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NodeClient, type Entry, type RequestOptions } from './client.js';
import { reapOf } from '../shared/processes.js';

/** Options of {@link KvCluster.start}. */
export interface KvClusterOptions {
  /** Number of nodes, ids `n1`..`nN`. At least 1. */
  readonly size: number;
  /** Anti-entropy period of every node, in ms. Default 50. */
  readonly antiEntropyMs?: number;
  /** Bound for one node process to print its ready line, from its spawn, in ms. Default 5000. */
  readonly readyTimeoutMs?: number;
  /** Artificial delay of `GET /state` per node id, in ms, to simulate slow nodes, e.g. `{ n2: 300 }`. */
  readonly stateDelayMs?: Readonly<Record<string, number>>;
  /** Path of the node script. Defaults to the `node.js` next to this module; override only to test start failures. */
  readonly nodeScript?: string;
}

/** Options for starting one node process. */
export interface NodeStartOptions {
  /** Artificial delay of `GET /state` for this process, in ms. Default: the cluster's setting for this id, else 0. */
  readonly stateDelayMs?: number;
}

/** A node as the controller sees it. A stopped node keeps the address and pid of its last process. */
export interface NodeInfo {
  readonly id: string;
  /** Base URL of the (last) process, e.g. `http://127.0.0.1:12345`. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** True from the ready line until the process is stopped or dies. */
  readonly running: boolean;
}

/** One member of the cluster as the membership registry lists it. */
export interface Member {
  readonly id: string;
  readonly url: string;
}

/**
 * Membership registry of the cluster: lists the running nodes, and can be made unavailable to simulate an outage of
 * the discovery service that a watcher depends on.
 */
export class MembershipRegistry {
  #available = true;
  readonly #list: () => readonly Member[];

  /** @param list supplies the current members; called on every {@link members} call. */
  constructor(list: () => readonly Member[]) {
    this.#list = list;
  }

  /**
   * The current members (running nodes), in id order.
   * @throws Error `membership registry unavailable` while {@link setAvailable}(false) is in effect.
   */
  members(): readonly Member[] {
    if (!this.#available) throw new Error('membership registry unavailable');
    return this.#list();
  }

  /** Makes {@link members} throw (`false`) or answer again (`true`). */
  setAvailable(available: boolean): void {
    this.#available = available;
  }

  /** Whether {@link members} answers. */
  get available(): boolean {
    return this.#available;
  }
}

/** {@link KvCluster.start} failed; every process it had spawned is already killed and reaped. */
export class ClusterStartError extends Error {
  override readonly name = 'ClusterStartError';
  /** The node whose failure aborted the start, when one is to blame. */
  readonly nodeId: string | undefined;
  /** Pids of every process the start had spawned (all dead by now). */
  readonly pids: readonly number[];

  constructor(message: string, nodeId: string | undefined, pids: readonly number[], cause: unknown) {
    super(message, { cause });
    this.nodeId = nodeId;
    this.pids = pids;
  }
}

/** A node process failed to start or to become ready. */
class NodeStartError extends Error {
  override readonly name = 'NodeStartError';
  readonly nodeId: string;

  constructor(nodeId: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.nodeId = nodeId;
  }
}

interface Slot {
  readonly id: string;
  child: ChildProcess | undefined;
  url: string;
  port: number;
  pid: number;
  running: boolean;
}

const DEFAULT_NODE_SCRIPT = fileURLToPath(new URL('./node.js', import.meta.url));
const PEERS_TIMEOUT_MS = 2000;
/** Bytes of a node's stderr kept for error messages. */
const STDERR_TAIL = 2000;

/**
 * A replicated key-value cluster of node processes on loopback, controlled in-process.
 *
 * Every spawned process is tracked from spawn to reap. {@link stop} kills and reaps them all; should the test process
 * exit without it, an `exit` hook SIGKILLs them; and should the test process die outright, each node sees its stdin
 * pipe close and exits by itself.
 */
export class KvCluster implements AsyncDisposable {
  /** The membership registry: running nodes, with a switch to simulate its unavailability. */
  readonly registry: MembershipRegistry;

  readonly #slots = new Map<string, Slot>();
  /** Every live process, with a promise of its reap; entries leave on `close`. */
  readonly #children = new Map<ChildProcess, Promise<void>>();
  /** Every pid ever spawned, for {@link ClusterStartError.pids}. */
  readonly #spawnedPids: number[] = [];
  readonly #antiEntropyMs: number;
  readonly #readyTimeoutMs: number;
  readonly #stateDelayMs: Readonly<Record<string, number>>;
  readonly #nodeScript: string;
  /** Membership changes run one at a time, so peer lists are pushed in the order the changes happened. */
  #queue: Promise<unknown> = Promise.resolve();
  #stopping: Promise<void> | undefined;
  #exitHookInstalled = false;
  // Sync by necessity: an `exit` listener cannot await, and SIGKILL needs no waiting to take effect.
  readonly #killAllSync = (): void => {
    for (const child of this.#children.keys()) {
      try {
        child.kill('SIGKILL');
      } catch {
        // Already gone: nothing to do.
      }
    }
  };

  private constructor(options: KvClusterOptions) {
    this.#antiEntropyMs = options.antiEntropyMs ?? 50;
    this.#readyTimeoutMs = options.readyTimeoutMs ?? 5000;
    this.#stateDelayMs = options.stateDelayMs ?? {};
    this.#nodeScript = options.nodeScript ?? DEFAULT_NODE_SCRIPT;
    this.registry = new MembershipRegistry(() =>
      this.#sortedSlots()
        .filter((s) => s.running)
        .map((s) => ({ id: s.id, url: s.url })),
    );
  }

  /**
   * Spawns `size` nodes in parallel, waits for each to be ready and introduces them to each other.
   * @throws ClusterStartError naming the node that failed; every process spawned so far is killed and reaped first.
   */
  static async start(options: KvClusterOptions): Promise<KvCluster> {
    if (!Number.isSafeInteger(options.size) || options.size < 1) {
      throw new RangeError(`kv-cluster: size must be an integer >= 1, got ${options.size}`);
    }
    const cluster = new KvCluster(options);
    const ids = Array.from({ length: options.size }, (_, i) => `n${i + 1}`);
    for (const id of ids) cluster.#slots.set(id, { id, child: undefined, url: '', port: 0, pid: 0, running: false });
    try {
      await Promise.all(ids.map((id) => cluster.#launch(cluster.#slot(id), undefined)));
      await cluster.#syncPeers();
      return cluster;
    } catch (err) {
      await cluster.stop();
      // NodeStartError and NodeRequestError both name their node.
      const nodeId = err instanceof Error && 'nodeId' in err && typeof err.nodeId === 'string' ? err.nodeId : undefined;
      const pids = [...cluster.#spawnedPids];
      const reason = (err instanceof Error ? err.message : String(err)).replace(/^kv-cluster: /, '');
      throw new ClusterStartError(
        `kv-cluster: start of ${options.size} node(s) failed: ${reason}; all ${pids.length} spawned process(es) were killed`,
        nodeId,
        pids,
        err,
      );
    }
  }

  /** Every node ever started, in id order, as of now. */
  nodes(): readonly NodeInfo[] {
    return this.#sortedSlots().map(({ id, url, port, pid, running }) => Object.freeze({ id, url, port, pid, running }));
  }

  /** One node's info. @throws Error for an unknown id. */
  node(id: string): NodeInfo {
    const { url, port, pid, running } = this.#slot(id);
    return Object.freeze({ id, url, port, pid, running });
  }

  /** A client for the node's current process; take a new one after a restart (the address changes). */
  client(id: string): NodeClient {
    const slot = this.#slot(id);
    return new NodeClient({ id, url: slot.url });
  }

  /**
   * Writes `key` = `value` on one node.
   * @throws Error naming the node when it is not running; NodeRequestError when the request fails.
   */
  async write(nodeId: string, key: string, value: unknown, options?: RequestOptions): Promise<Entry> {
    const slot = this.#slot(nodeId);
    if (!slot.running) throw new Error(`kv-cluster: cannot write ${key} to node ${nodeId}: the node is down`);
    return new NodeClient(slot).write(key, value, options);
  }

  /** SIGKILLs a node's process, awaits its exit and removes it from the others' peers. No-op if it is not running. */
  stopNode(id: string): Promise<void> {
    return this.#serially(async () => {
      const slot = this.#slot(id);
      if (slot.child) await this.#kill(slot.child);
      await this.#syncPeers();
    });
  }

  /**
   * Starts a new process for a stopped node: new port, empty data (it re-converges from its peers), and every
   * node's peer list updated.
   * @throws Error if the node is running or unknown, or naming it if its process does not become ready (then killed).
   */
  startNode(id: string, options: NodeStartOptions = {}): Promise<NodeInfo> {
    return this.#serially(async () => {
      const slot = this.#slot(id);
      if (slot.child) throw new Error(`kv-cluster: node ${id} is already running`);
      await this.#launch(slot, options.stateDelayMs);
      await this.#syncPeers();
      return this.node(id);
    });
  }

  /** {@link stopNode} then {@link startNode}, as one membership change. */
  restartNode(id: string, options: NodeStartOptions = {}): Promise<NodeInfo> {
    return this.#serially(async () => {
      const slot = this.#slot(id);
      if (slot.child) await this.#kill(slot.child);
      await this.#launch(slot, options.stateDelayMs);
      await this.#syncPeers();
      return this.node(id);
    });
  }

  /** Starts one more node, with the next free id `nK`, and introduces it to the others. */
  addNode(options: NodeStartOptions = {}): Promise<NodeInfo> {
    return this.#serially(async () => {
      let n = this.#slots.size + 1;
      while (this.#slots.has(`n${n}`)) n += 1;
      const slot: Slot = { id: `n${n}`, child: undefined, url: '', port: 0, pid: 0, running: false };
      this.#slots.set(slot.id, slot);
      await this.#launch(slot, options.stateDelayMs);
      await this.#syncPeers();
      return this.node(slot.id);
    });
  }

  /**
   * Kills every process and awaits every reap; afterwards the cluster holds no process, handle, timer or listener.
   * Idempotent: later and concurrent calls share the first call's promise. Membership changes fail afterwards.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stopAll();
    return this.#stopping;
  }

  /** {@link stop}, for `await using cluster = await KvCluster.start(...)`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  async #stopAll(): Promise<void> {
    // stop() sets #stopping in this same synchronous run, so no spawn can follow these kills (see #launch).
    await Promise.all([...this.#children.keys()].map((child) => this.#kill(child)));
    if (this.#exitHookInstalled) process.off('exit', this.#killAllSync);
    this.#exitHookInstalled = false;
  }

  #serially<T>(change: () => Promise<T>): Promise<T> {
    if (this.#stopping) return Promise.reject(new Error('kv-cluster: the cluster is stopped'));
    const run = this.#queue.then(() => {
      if (this.#stopping) throw new Error('kv-cluster: the cluster is stopped');
      return change();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #slot(id: string): Slot {
    const slot = this.#slots.get(id);
    if (!slot) throw new Error(`kv-cluster: unknown node ${id} (known: ${[...this.#slots.keys()].join(', ')})`);
    return slot;
  }

  #sortedSlots(): Slot[] {
    return [...this.#slots.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  }

  /** Spawns a process for the slot and resolves once it is ready; on failure it is killed and reaped first. */
  async #launch(slot: Slot, stateDelayMs: number | undefined): Promise<void> {
    // Checked in the same synchronous run as the spawn below, so stop() either prevents the spawn or sees the child.
    if (this.#stopping) throw new Error('kv-cluster: the cluster is stopped');
    const { id } = slot;
    const args = [this.#nodeScript, '--id', id, '--anti-entropy-ms', String(this.#antiEntropyMs)];
    const delay = stateDelayMs ?? this.#stateDelayMs[id];
    if (delay) args.push('--state-delay-ms', String(delay));
    // No NODE_OPTIONS: a loader or `--import` meant for the test process (e.g. ts-node) would slow every node start.
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    // stdin is a pipe on purpose: the node exits when it closes, i.e. when this process dies (orphan protection).
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
    const reaped = reapOf(child);
    this.#children.set(child, reaped);
    if (child.pid !== undefined) this.#spawnedPids.push(child.pid);
    void reaped.then(() => {
      this.#children.delete(child);
      if (slot.child === child) {
        slot.child = undefined;
        slot.running = false;
      }
    });
    if (!this.#exitHookInstalled) {
      process.once('exit', this.#killAllSync);
      this.#exitHookInstalled = true;
    }
    slot.child = child;
    slot.running = false;

    try {
      const ready = await waitForReady(child, id, this.#readyTimeoutMs);
      if (slot.child !== child) throw new NodeStartError(id, `kv-cluster: node ${id} was stopped while it started`);
      slot.port = ready.port;
      slot.pid = ready.pid;
      slot.url = `http://127.0.0.1:${ready.port}`;
      slot.running = true;
    } catch (err) {
      await this.#kill(child);
      throw err;
    }
  }

  /** SIGKILLs the process unless it is already gone, and resolves once it is reaped. */
  #kill(child: ChildProcess): Promise<void> {
    const reaped = this.#children.get(child) ?? Promise.resolve();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return reaped;
  }

  /** Gives every running node the URLs of all other running nodes. */
  async #syncPeers(): Promise<void> {
    const running = this.#sortedSlots().filter((s) => s.running);
    const results = await Promise.allSettled(
      running.map((slot) =>
        new NodeClient(slot).setPeers(
          running.filter((other) => other !== slot).map((other) => other.url),
          { timeoutMs: PEERS_TIMEOUT_MS },
        ),
      ),
    );
    // A node that died meanwhile needs no peers; any other failure leaves the cluster half-wired, so report it.
    const failure = results.find((r, i): r is PromiseRejectedResult => r.status === 'rejected' && running[i]!.running);
    if (failure) throw failure.reason;
  }
}

/** Resolves with the node's ready line, or rejects naming the node on timeout, early exit, bad output or spawn error. */
function waitForReady(child: ChildProcess, id: string, timeoutMs: number): Promise<{ port: number; pid: number }> {
  const stdout = child.stdout!;
  const stderr = child.stderr!;
  let stderrTail = '';
  stderr.setEncoding('utf8');
  stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL);
  });
  stdout.setEncoding('utf8');

  return new Promise((resolve, reject) => {
    let buffered = '';
    const finish = (err: Error | undefined, value?: { port: number; pid: number }) => {
      clearTimeout(timer);
      stdout.off('data', onData);
      child.off('close', onClose);
      child.off('error', onError);
      // Keep draining stdout so a chatty node can never block on a full pipe.
      stdout.resume();
      if (err) reject(err);
      else resolve(value!);
    };
    const onData = (chunk: string) => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      const line = buffered.slice(0, newline);
      let msg: { ready?: unknown; id?: unknown; port?: unknown; pid?: unknown } | undefined;
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        msg = undefined;
      }
      if (msg?.ready === true && msg.id === id && typeof msg.port === 'number' && typeof msg.pid === 'number') {
        finish(undefined, { port: msg.port, pid: msg.pid });
      } else finish(new NodeStartError(id, `kv-cluster: node ${id} printed an unexpected first line: ${line.slice(0, 200)}`));
    };
    const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const detail = stderrTail.trim() ? `: ${stderrTail.trim()}` : '';
      finish(new NodeStartError(id, `kv-cluster: node ${id} exited (${how}) before it was ready${detail}`));
    };
    const onError = (err: Error) => finish(new NodeStartError(id, `kv-cluster: node ${id} could not be spawned: ${err.message}`, { cause: err }));
    const timer = setTimeout(() => finish(new NodeStartError(id, `kv-cluster: node ${id} did not become ready within ${timeoutMs} ms`)), timeoutMs);
    stdout.on('data', onData);
    child.on('close', onClose);
    child.on('error', onError);
  });
}
