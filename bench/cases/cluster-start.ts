// Case 8: starting a three-member etcd cluster until every member is healthy, with the process module against a plain spawn and poll.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ProcessSet, type ProcessDefinition } from '../../processes/index.js';
import type { CaseResult } from '../report.js';
import { rotate, round, roundSummary, sleep, summarize } from '../stats.js';

/** Sizes of the cluster-start case. */
export interface ClusterStartOptions {
  readonly rounds: number;
}

/** What `npm run bench` runs; the tiny size only proves the harness works. */
export const CLUSTER_START_FULL: ClusterStartOptions = { rounds: 8 };
export const CLUSTER_START_TINY: ClusterStartOptions = { rounds: 1 };

const MEMBERS = ['e1', 'e2', 'e3'] as const;
/** Both contenders probe each member's /health this often. */
const POLL_MS = 50;
const READY_TIMEOUT_MS = 30_000;

/** One start: wall time to all healthy, CPU of this process meanwhile, and the time to stop and clean up. */
interface Sample {
  readonly readyMs: number;
  readonly cpuMs: number;
  readonly stopMs: number;
}

interface Contender {
  readonly name: string;
  readonly run: () => Promise<Sample>;
}

/** etcd's flags for one member; `url(name, port)` gives a member's address in the contender's own notation. */
function etcdArgs(name: string, dataDir: string, url: (member: string, port: 'client' | 'peer') => string, token: string): string[] {
  return [
    `--name=${name}`,
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${url(name, 'client')}`,
    `--advertise-client-urls=${url(name, 'client')}`,
    `--listen-peer-urls=${url(name, 'peer')}`,
    `--initial-advertise-peer-urls=${url(name, 'peer')}`,
    `--initial-cluster=${MEMBERS.map((member) => `${member}=${url(member, 'peer')}`).join(',')}`,
    '--initial-cluster-state=new',
    `--initial-cluster-token=${token}`,
    '--heartbeat-interval=50',
    '--election-timeout=500',
    '--logger=zap',
    '--log-outputs=stderr',
    '--log-level=error',
  ];
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const processModule: Contender = {
  name: 'process module (ProcessSet, ready: HTTP /health)',
  async run() {
    const definitions: Record<string, ProcessDefinition> = {};
    for (const name of MEMBERS) {
      definitions[name] = {
        command: 'etcd',
        args: etcdArgs(name, `{dir:${name}}`, (member, port) => `http://{host}:{port:${member}.${port}}`, `bench-{port:e1.peer}`),
        ports: ['client', 'peer'],
        ready: { http: `http://{host}:{port:${name}.client}/health` },
        readyTimeoutMs: READY_TIMEOUT_MS,
      };
    }
    const began = performance.now();
    const cpu = process.cpuUsage();
    const set = new ProcessSet(definitions);
    try {
      await set.start();
      const readyMs = performance.now() - began;
      const cpuMs = cpuMsSince(cpu);
      const stopBegan = performance.now();
      await set.stopAll();
      return { readyMs, cpuMs, stopMs: performance.now() - stopBegan };
    } finally {
      await set.stopAll();
    }
  },
};

/** A free loopback port, the usual way: listen on port 0 and close. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/health', agent: false, timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

const plainSpawn: Contender = {
  name: 'plain spawn + /health poll',
  async run() {
    const began = performance.now();
    const cpu = process.cpuUsage();
    const root = mkdtempSync(join(tmpdir(), 'bench-etcd-'));
    const ports = new Map<string, number>();
    for (const name of MEMBERS) for (const port of ['client', 'peer']) ports.set(`${name}.${port}`, await freePort());
    const url = (member: string, port: string) => `http://127.0.0.1:${ports.get(`${member}.${port}`)}`;
    const children: ChildProcess[] = [];
    const exits: Promise<unknown>[] = [];
    try {
      for (const name of MEMBERS) {
        const dataDir = join(root, name);
        mkdirSync(dataDir);
        const child = spawn('etcd', etcdArgs(name, dataDir, url, basename(root)), { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
        child.stderr!.resume();
        children.push(child);
        exits.push(new Promise((resolve) => child.once('close', resolve)));
      }
      const deadline = performance.now() + READY_TIMEOUT_MS;
      const waiting = new Set<string>(MEMBERS);
      while (waiting.size > 0) {
        if (performance.now() > deadline) throw new Error(`plain spawn: etcd members ${[...waiting].join(', ')} not healthy within ${READY_TIMEOUT_MS} ms`);
        const answers = await Promise.all([...waiting].map(async (name) => [name, await healthy(ports.get(`${name}.client`)!)] as const));
        for (const [name, ok] of answers) if (ok) waiting.delete(name);
        if (waiting.size > 0) await sleep(POLL_MS);
      }
      const readyMs = performance.now() - began;
      const cpuMs = cpuMsSince(cpu);
      const stopBegan = performance.now();
      for (const child of children) process.kill(-child.pid!, 'SIGKILL');
      await Promise.all(exits);
      rmSync(root, { recursive: true, force: true });
      return { readyMs, cpuMs, stopMs: performance.now() - stopBegan };
    } finally {
      for (const child of children) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await Promise.all(exits);
      rmSync(root, { recursive: true, force: true });
    }
  },
};

const CONTENDERS: readonly Contender[] = [processModule, plainSpawn];

/** Alternates the contenders over `rounds` rounds (the order rotating each round) and compares their medians. */
export async function runClusterStart(options: ClusterStartOptions): Promise<CaseResult> {
  const began = performance.now();
  const samples = new Map<string, Sample[]>(CONTENDERS.map((contender) => [contender.name, []]));
  for (let index = 0; index < options.rounds; index += 1) {
    for (const contender of rotate(CONTENDERS, index)) samples.get(contender.name)!.push(await contender.run());
  }
  const summaries = CONTENDERS.map((contender) => {
    const list = samples.get(contender.name)!;
    return {
      name: contender.name,
      ready: roundSummary(summarize(list.map((sample) => sample.readyMs))),
      cpu: roundSummary(summarize(list.map((sample) => sample.cpuMs))),
      stop: roundSummary(summarize(list.map((sample) => sample.stopMs))),
    };
  });
  const reference = summaries[1]!.ready.p50;
  return {
    id: 'cluster-start',
    title: `8. Start of a 3-member etcd cluster until every member's /health answers 200 (${options.rounds} round(s))`,
    headers: ['contender', 'ready p50 ms', 'ready p99 ms', 'ratio to plain (p50)', 'CPU here p50 ms', 'stop p50 ms'],
    rows: summaries.map((summary) => [
      summary.name,
      round(summary.ready.p50, 1),
      round(summary.ready.p99, 1),
      round(summary.ready.p50 / reference, 2),
      round(summary.cpu.p50, 1),
      round(summary.stop.p50, 1),
    ]),
    targets: [],
    notes: [
      `Both allocate free ports and data directories, spawn the three members in their own process groups and probe /health every ${POLL_MS} ms; the process module also keeps their logs, guards the groups with its watchdog and kills and cleans up in stopAll.`,
      'CPU here is this process only (etcd itself is the same on both sides).',
    ],
    data: Object.fromEntries(summaries.map((summary) => [summary.name, summary])),
    wallMs: performance.now() - began,
  };
}
