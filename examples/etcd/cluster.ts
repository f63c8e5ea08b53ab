// A local etcd cluster under test control: members as child processes on free loopback ports with their own temporary
// data dirs; kill -9, SIGSTOP, SIGCONT and restart by pid; nothing left behind, whatever happens.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { reapOf } from '../shared/processes.js';
import { findEtcd, findOnPath } from './binary.js';
import { EtcdClient, type MemberStatus } from './client.js';
import { freeLoopbackPorts } from './ports.js';
import { killSync, reapOnExit, removeDirSync } from './reaper.js';
import type { EtcdClusterOptions, MemberInfo, MemberState } from './types.js';

/** {@link EtcdCluster.start} failed; every process it spawned is killed and its data dirs are removed. */
export class ClusterStartError extends Error {
  override readonly name = 'ClusterStartError';
  /** Pids of every process the start spawned (all dead by now). */
  readonly pids: readonly number[];

  constructor(message: string, pids: readonly number[], cause: unknown) {
    super(message, { cause });
    this.pids = pids;
  }
}

interface Member {
  readonly name: string;
  readonly dataDir: string;
  clientPort: number;
  peerPort: number;
  id: string;
  pid: number;
  state: MemberState;
  reaped: Promise<void>;
  stderrTail: string;
}

const STDERR_TAIL = 4000;
const READY_POLL_MS = 100;
const PROBE_TIMEOUT_MS = 1000;
const START_ATTEMPTS = 3;

/**
 * Three (or `size`) etcd members on loopback, started together as a new cluster.
 *
 * Every process is tracked from spawn to reap. {@link stop} kills them all and removes the data dirs. Should the
 * process go away without it (an exception, `process.exit`, SIGINT, SIGTERM, a lost Cucumber coordinator) a
 * process-wide hook does the same synchronously; should it be SIGKILLed, each member, spawned through
 * `setpriv --pdeathsig KILL` where util-linux has it, is killed by the kernel with its parent.
 */
export class EtcdCluster implements AsyncDisposable {
  /** Root of the members' data dirs, removed by {@link stop}. */
  readonly dataRoot: string;
  readonly #binary: string;
  readonly #setpriv: string | undefined;
  readonly #heartbeatMs: number;
  readonly #electionTimeoutMs: number;
  readonly #readyTimeoutMs: number;
  readonly #members: Member[];
  readonly #spawned: number[] = [];
  readonly #forget: () => void;
  #stopping: Promise<void> | undefined;

  private constructor(binary: string, options: EtcdClusterOptions) {
    this.#binary = binary;
    this.#setpriv = findOnPath('setpriv');
    this.#heartbeatMs = options.heartbeatMs ?? 100;
    this.#electionTimeoutMs = options.electionTimeoutMs ?? 1000;
    this.#readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
    this.dataRoot = mkdtempSync(join(options.tmpDir ?? tmpdir(), 'etcd-example-'));
    this.#members = Array.from({ length: options.size ?? 3 }, (_, i) => ({
      name: `e${i + 1}`,
      dataDir: join(this.dataRoot, `e${i + 1}`),
      clientPort: 0,
      peerPort: 0,
      id: '',
      pid: 0,
      state: 'exited' as MemberState,
      reaped: Promise.resolve(),
      stderrTail: '',
    }));
    this.#forget = reapOnExit({
      reapSync: () => {
        killSync(this.#members.filter(isLive).map((member) => member.pid));
        removeDirSync(this.dataRoot);
      },
    });
  }

  /**
   * Starts a new cluster and resolves once every member answers and all follow the same leader. A port taken by
   * someone else between its choice and etcd's bind is retried with new ports.
   * @throws EtcdNotFoundError when there is no etcd; ClusterStartError naming what went wrong, after cleaning up.
   */
  static async start(options: EtcdClusterOptions = {}): Promise<EtcdCluster> {
    const size = options.size ?? 3;
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`etcd cluster: size must be an integer >= 1, got ${size}`);
    for (const key of ['heartbeatMs', 'electionTimeoutMs', 'readyTimeoutMs'] as const) {
      const value = options[key];
      if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
        throw new RangeError(`etcd cluster: ${key} must be a positive number of ms, got ${value}`);
      }
    }
    const cluster = new EtcdCluster(options.binary ?? findEtcd(), options);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await cluster.#form();
        return cluster;
      } catch (error) {
        await cluster.#killAll();
        if (attempt < START_ATTEMPTS && cluster.#stopping === undefined && cluster.#portClash()) continue;
        await cluster.stop();
        const reason = error instanceof Error ? error.message : String(error);
        throw new ClusterStartError(
          `etcd cluster: start of ${size} member(s) failed: ${reason}; all ${cluster.#spawned.length} spawned process(es) were killed`,
          [...cluster.#spawned],
          error,
        );
      }
    }
  }

  /** Every member, in name order, as of now. */
  members(): readonly MemberInfo[] {
    return this.#members.map(info);
  }

  /** One member. @throws Error for an unknown name. */
  member(name: string): MemberInfo {
    return info(this.#member(name));
  }

  /** A client for the member's gateway (its address never changes, restarts included). */
  client(name: string): EtcdClient {
    const member = this.#member(name);
    return new EtcdClient(member.name, clientUrl(member));
  }

  /** Every pid this cluster has spawned, restarts included. */
  pids(): readonly number[] {
    return [...this.#spawned];
  }

  /** kill -9 the member's process and resolve once it is reaped. @throws Error unless it is running or frozen. */
  async kill(name: string): Promise<void> {
    const member = this.#member(name);
    this.#expect(member, ['running', 'frozen'], 'killed');
    process.kill(member.pid, 'SIGKILL');
    member.state = 'killed';
    await member.reaped;
  }

  /** SIGSTOP the member's process: it keeps its sockets but answers nothing. @throws Error unless it is running. */
  freeze(name: string): void {
    const member = this.#member(name);
    this.#expect(member, ['running'], 'frozen');
    process.kill(member.pid, 'SIGSTOP');
    member.state = 'frozen';
  }

  /** SIGCONT a frozen member's process. @throws Error unless it is frozen. */
  thaw(name: string): void {
    const member = this.#member(name);
    this.#expect(member, ['frozen'], 'thawed');
    process.kill(member.pid, 'SIGCONT');
    member.state = 'running';
  }

  /**
   * Starts a killed (or exited) member again, on its old ports with its data dir, and resolves once it answers its
   * status (with or without a leader: without quorum it has none).
   * @throws Error unless the member is down; an Error with its log's tail if it exits or stays silent.
   */
  async restart(name: string): Promise<MemberInfo> {
    const member = this.#member(name);
    this.#expect(member, ['killed', 'exited'], 'restarted');
    this.#spawn(member, 'existing');
    const deadline = Date.now() + this.#readyTimeoutMs;
    for (;;) {
      this.#checkAlive(member);
      const status = await this.#probe(member);
      if (status) return info(member);
      if (Date.now() > deadline) {
        throw new Error(`member ${name} did not answer within ${this.#readyTimeoutMs} ms of its restart${tailOf(member)}`);
      }
      await sleep(READY_POLL_MS);
    }
  }

  /**
   * Kills every process, awaits every reap and removes the data dirs. Idempotent: later and concurrent calls share
   * the first call's promise. Other control calls fail afterwards.
   */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      try {
        await this.#killAll();
      } finally {
        removeDirSync(this.dataRoot);
        this.#forget();
      }
    })();
    return this.#stopping;
  }

  /** {@link stop}, for `await using cluster = await EtcdCluster.start()`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  async #form(): Promise<void> {
    const ports = await freeLoopbackPorts(this.#members.length * 2);
    this.#members.forEach((member, i) => {
      member.clientPort = ports[2 * i]!;
      member.peerPort = ports[2 * i + 1]!;
      member.id = '';
      member.stderrTail = '';
      removeDirSync(member.dataDir);
      mkdirSync(member.dataDir, { mode: 0o700 });
    });
    for (const member of this.#members) this.#spawn(member, 'new');
    const deadline = Date.now() + this.#readyTimeoutMs;
    for (;;) {
      for (const member of this.#members) this.#checkAlive(member);
      const statuses = await Promise.all(this.#members.map((member) => this.#probe(member)));
      const leader = statuses[0]?.leader;
      if (leader && statuses.every((status) => status?.leader === leader)) {
        for (const [i, status] of statuses.entries()) this.#members[i]!.id = status!.memberId;
        return;
      }
      if (Date.now() > deadline) {
        const silent = this.#members.filter((_, i) => !statuses[i]).map((member) => member.name);
        throw new Error(
          `the members did not agree on a leader within ${this.#readyTimeoutMs} ms` +
            (silent.length > 0 ? ` (not answering: ${silent.join(', ')})` : ` (leaders seen: ${statuses.map((s) => s?.leader ?? 'none').join(', ')})`),
        );
      }
      await sleep(READY_POLL_MS);
    }
  }

  #spawn(member: Member, clusterState: 'new' | 'existing'): void {
    if (this.#stopping) throw new Error('etcd cluster: the cluster is stopped');
    const peers = this.#members.map((other) => `${other.name}=${peerUrl(other)}`).join(',');
    const args = [
      `--name=${member.name}`,
      `--data-dir=${member.dataDir}`,
      `--listen-client-urls=${clientUrl(member)}`,
      `--advertise-client-urls=${clientUrl(member)}`,
      `--listen-peer-urls=${peerUrl(member)}`,
      `--initial-advertise-peer-urls=${peerUrl(member)}`,
      `--initial-cluster=${peers}`,
      `--initial-cluster-state=${clusterState}`,
      // Unique per cluster, so that members of two clusters started side by side can never join each other.
      `--initial-cluster-token=${basename(this.dataRoot)}`,
      `--heartbeat-interval=${this.#heartbeatMs}`,
      `--election-timeout=${this.#electionTimeoutMs}`,
      '--logger=zap',
      '--log-outputs=stderr',
      '--log-level=error',
    ];
    const command = this.#setpriv ? [this.#setpriv, '--pdeathsig', 'KILL', '--', this.#binary, ...args] : [this.#binary, ...args];
    // etcd reads ETCD_* variables as flags: one meant for something else must not reconfigure the members.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ETCD_')));
    const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env });
    member.pid = child.pid ?? 0;
    member.state = 'running';
    member.stderrTail = '';
    if (member.pid > 0) this.#spawned.push(member.pid);
    member.reaped = reapOf(child);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      member.stderrTail = (member.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    child.once('error', (error) => {
      member.stderrTail += `\ncould not run ${command[0]}: ${error.message}`;
    });
    child.once('exit', () => {
      if (member.pid === (child.pid ?? 0) && member.state !== 'killed') member.state = 'exited';
    });
  }

  async #probe(member: Member): Promise<MemberStatus | undefined> {
    return new EtcdClient(member.name, clientUrl(member)).status({ timeoutMs: PROBE_TIMEOUT_MS }).catch(() => undefined);
  }

  #checkAlive(member: Member): void {
    if (this.#stopping) throw new Error('the cluster was stopped while it started');
    if (member.state === 'exited') throw new Error(`member ${member.name} exited before it was ready${tailOf(member)}`);
  }

  #portClash(): boolean {
    return this.#members.some((member) => /address already in use/.test(member.stderrTail));
  }

  async #killAll(): Promise<void> {
    const live = this.#members.filter(isLive);
    // SIGKILL ends a stopped (SIGSTOPped) process too.
    killSync(live.map((member) => member.pid));
    for (const member of live) member.state = 'killed';
    await Promise.all(this.#members.map((member) => member.reaped));
  }

  #expect(member: Member, states: readonly MemberState[], action: string): void {
    if (this.#stopping) throw new Error('etcd cluster: the cluster is stopped');
    if (!states.includes(member.state)) {
      throw new Error(`member ${member.name} cannot be ${action}: it is ${member.state} (pid ${member.pid})`);
    }
  }

  #member(name: string): Member {
    const member = this.#members.find((candidate) => candidate.name === name);
    if (!member) throw new Error(`etcd cluster: unknown member ${name} (known: ${this.#members.map((m) => m.name).join(', ')})`);
    return member;
  }
}

function isLive(member: Member): boolean {
  return member.state === 'running' || member.state === 'frozen';
}

function clientUrl(member: Member): string {
  return `http://127.0.0.1:${member.clientPort}`;
}

function peerUrl(member: Member): string {
  return `http://127.0.0.1:${member.peerPort}`;
}

function info(member: Member): MemberInfo {
  const { name, id, pid, state, dataDir } = member;
  return Object.freeze({ name, id, pid, state, dataDir, clientUrl: clientUrl(member), peerUrl: peerUrl(member) });
}

function tailOf(member: Member): string {
  const tail = member.stderrTail.trim().split('\n').slice(-3).join(' | ');
  return tail ? `: ${tail.slice(-600)}` : '';
}
