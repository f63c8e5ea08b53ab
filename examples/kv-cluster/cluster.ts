// In-process controller of a loopback kv cluster: its node processes run through the process module (processes/), peers wired over HTTP.
import { fileURLToPath } from 'node:url';
import { ProcessSet, type ProcessDefinition } from '../../processes/index.js';
import { NodeClient, type Entry, type RequestOptions } from './client.js';

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

/** A node as the controller sees it. A node keeps its port and the pid of its last process. */
export interface NodeInfo {
  readonly id: string;
  /** Base URL of the node, e.g. `http://127.0.0.1:12345`: the same across restarts. */
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

const DEFAULT_NODE_SCRIPT = fileURLToPath(new URL('./node.js', import.meta.url));
const PEERS_TIMEOUT_MS = 2000;

/**
 * A replicated key-value cluster of node processes on loopback, controlled in-process.
 *
 * The nodes are the processes of a {@link ProcessSet}: each has a free port of its own, kept across restarts, runs in
 * a process group of its own and is killed whatever happens to this process (the process module's guarantees).
 */
export class KvCluster implements AsyncDisposable {
  /** The membership registry: running nodes, with a switch to simulate its unavailability. */
  readonly registry: MembershipRegistry;

  readonly #processes: ProcessSet;
  readonly #ids: readonly string[];
  /** Membership changes run one at a time, so peer lists are pushed in the order the changes happened. */
  #queue: Promise<unknown> = Promise.resolve();
  #stopping: Promise<void> | undefined;

  private constructor(processes: ProcessSet) {
    this.#processes = processes;
    this.#ids = processes.names();
    this.registry = new MembershipRegistry(() =>
      this.nodes()
        .filter((node) => node.running)
        .map(({ id, url }) => ({ id, url })),
    );
  }

  /**
   * Starts `size` nodes at once, waits for each to be ready and introduces them to each other.
   * @throws ClusterStartError naming the node that failed; every process spawned so far is killed and reaped first.
   */
  static async start(options: KvClusterOptions): Promise<KvCluster> {
    if (!Number.isSafeInteger(options.size) || options.size < 1) {
      throw new RangeError(`kv-cluster: size must be an integer >= 1, got ${options.size}`);
    }
    const definitions: Record<string, ProcessDefinition> = {};
    for (let n = 1; n <= options.size; n += 1) {
      const id = `n${n}`;
      const delay = options.stateDelayMs?.[id];
      definitions[id] = {
        command: process.execPath,
        args: [
          options.nodeScript ?? DEFAULT_NODE_SCRIPT,
          ...['--id', id, '--port', `{port:${id}.http}`, '--anti-entropy-ms', String(options.antiEntropyMs ?? 50)],
          ...(delay ? ['--state-delay-ms', String(delay)] : []),
        ],
        // No NODE_OPTIONS: a loader or `--import` meant for the test process (e.g. ts-node) would slow every node start.
        env: { NODE_OPTIONS: '' },
        ports: ['http'],
        ready: { log: '"ready":true' },
        readyTimeoutMs: options.readyTimeoutMs ?? 5000,
      };
    }
    const cluster = new KvCluster(new ProcessSet(definitions));
    try {
      await cluster.#processes.start();
      await cluster.#syncPeers();
      return cluster;
    } catch (error) {
      await cluster.stop();
      const pids = cluster.#ids.flatMap((id) => cluster.#processes.status(id).pid ?? []);
      const message = (error instanceof Error ? error.message : String(error)).replace(/^(processes|kv-cluster): /, '');
      const nodeId =
        /process "(n\d+)"/.exec(message)?.[1] ?? (error instanceof Error && 'nodeId' in error && typeof error.nodeId === 'string' ? error.nodeId : undefined);
      throw new ClusterStartError(
        `kv-cluster: start of ${options.size} node(s) failed: ${message}; all ${pids.length} spawned process(es) were killed`,
        nodeId,
        pids,
        error,
      );
    }
  }

  /** Every node, in id order, as of now. */
  nodes(): readonly NodeInfo[] {
    return this.#ids.map((id) => this.node(id));
  }

  /** One node's info. @throws Error for an unknown id. */
  node(id: string): NodeInfo {
    this.#check(id);
    const status = this.#processes.status(id);
    const port = Number(this.#processes.resolve(`{port:${id}.http}`));
    return Object.freeze({ id, url: `http://127.0.0.1:${port}`, port, pid: status.pid ?? 0, running: status.state === 'running' || status.state === 'paused' });
  }

  /** A client for the node (its address stays the same across restarts). */
  client(id: string): NodeClient {
    return new NodeClient({ id, url: this.node(id).url });
  }

  /**
   * Writes `key` = `value` on one node.
   * @throws Error naming the node when it is not running; NodeRequestError when the request fails.
   */
  async write(nodeId: string, key: string, value: unknown, options?: RequestOptions): Promise<Entry> {
    const node = this.node(nodeId);
    if (!node.running) throw new Error(`kv-cluster: cannot write ${key} to node ${nodeId}: the node is down`);
    return new NodeClient(node).write(key, value, options);
  }

  /** SIGKILLs a node's process group, awaits its exit and removes it from the others' peers. No-op if it is not running. */
  stopNode(id: string): Promise<void> {
    return this.#serially(async () => {
      if (this.node(id).running) await this.#processes.kill(id, 'SIGKILL');
      await this.#syncPeers();
    });
  }

  /**
   * Stops the node's process (SIGTERM) if it runs and starts a new one on the same port, with empty data (it
   * re-converges from its peers); every node's peer list is updated.
   * @throws Error naming the node if its process does not become ready (then killed).
   */
  restartNode(id: string): Promise<NodeInfo> {
    return this.#serially(async () => {
      this.#check(id);
      await this.#processes.restart(id);
      await this.#syncPeers();
      return this.node(id);
    });
  }

  /**
   * Kills every process and awaits every reap; afterwards the cluster holds no process, handle, timer or listener.
   * Idempotent: later and concurrent calls share the first call's promise. Membership changes fail afterwards.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#processes.stopAll();
    return this.#stopping;
  }

  /** {@link stop}, for `await using cluster = await KvCluster.start(...)`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
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

  #check(id: string): void {
    if (!this.#ids.includes(id)) throw new Error(`kv-cluster: unknown node ${id} (known: ${this.#ids.join(', ')})`);
  }

  /** Gives every running node the URLs of all other running nodes. */
  async #syncPeers(): Promise<void> {
    const running = this.nodes().filter((node) => node.running);
    const results = await Promise.allSettled(
      running.map((node) =>
        new NodeClient(node).setPeers(
          running.filter((other) => other !== node).map((other) => other.url),
          { timeoutMs: PEERS_TIMEOUT_MS },
        ),
      ),
    );
    // A node that died meanwhile needs no peers; any other failure leaves the cluster half-wired, so report it.
    const failure = results.find((r, i): r is PromiseRejectedResult => r.status === 'rejected' && this.node(running[i]!.id).running);
    if (failure) throw failure.reason;
  }
}
