// Cases 9 and 10: the built-in sources against hand-written code: a cycle over 100 local HTTP JSON endpoints, and parsing etcd's /metrics.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { metricFilter, parsePrometheusText, SourcesObserver } from '../../sources/index.js';
import { atMost, type CaseResult } from '../report.js';
import { rotate, round, roundSummary, summarize } from '../stats.js';

/** Sizes of the HTTP case. */
export interface HttpSourcesOptions {
  readonly endpoints: number;
  readonly cycles: number;
  readonly rounds: number;
}

/** Sizes of the metrics-parsing case. */
export interface MetricsParseOptions {
  readonly parses: number;
  readonly rounds: number;
}

export const HTTP_SOURCES_FULL: HttpSourcesOptions = { endpoints: 100, cycles: 100, rounds: 4 };
export const HTTP_SOURCES_TINY: HttpSourcesOptions = { endpoints: 5, cycles: 3, rounds: 1 };
export const METRICS_PARSE_FULL: MetricsParseOptions = { parses: 400, rounds: 4 };
export const METRICS_PARSE_TINY: MetricsParseOptions = { parses: 3, rounds: 1 };

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ETCD_METRICS = fileURLToPath(new URL('../fixtures/etcd-metrics.txt', import.meta.url));
const LEADER_METRICS = ['etcd_server_is_leader', 'etcd_server_has_leader', 'etcd_server_leader_changes_seen_total'];

/** Wall time and CPU (user + system, this process only) of `run`, in ms. */
async function measure(run: () => Promise<void> | void): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const began = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - began, cpuMs: (used.user + used.system) / 1000 };
}

/** Starts the JSON servers in a child process; resolves with their ports and the function that ends them. */
function startJsonServers(count: number): Promise<{ ports: number[]; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './register-ts-node.mjs', 'bench/children/json-servers.ts', String(count)], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    let stdout = '';
    child.once('error', reject);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!stdout.includes('\n')) return;
      const { ports } = JSON.parse(stdout.split('\n')[0]!) as { ports: number[] };
      const stop = (): Promise<void> => {
        child.stdin.end();
        return exited;
      };
      resolve({ ports, stop });
    });
    child.once('exit', (code) => reject(new Error(`bench/children/json-servers.ts exited with ${code} before listing its ports`)));
  });
}

interface HttpContender {
  readonly name: string;
  /** Prepares the contender for `urls`; its `cycle` reads every URL once; `close` frees its connections. */
  readonly open: (urls: readonly string[]) => { cycle: () => Promise<unknown>; close: () => Promise<void> };
}

const SOURCES = 'SourcesObserver (http kind)';
const FETCH = 'Promise.all of fetch (keep-alive)';

const HTTP_CONTENDERS: readonly HttpContender[] = [
  {
    name: SOURCES,
    open(urls) {
      const sources = Object.fromEntries(urls.map((url, index) => [`e${index}`, { kind: 'http' as const, target: url }]));
      const observer = new SourcesObserver({ sources });
      const signal = new AbortController().signal;
      let state: Awaited<ReturnType<SourcesObserver['init']>> | undefined;
      return {
        async cycle() {
          if (state === undefined) state = await observer.init(observer.sources(), signal);
          else await observer.poll(observer.sources(), state, signal);
          return observer.snapshot(state);
        },
        close: () => observer.close(),
      };
    },
  },
  {
    name: FETCH,
    open(urls) {
      return {
        cycle: () =>
          Promise.all(
            urls.map(async (url) => {
              const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
              return { status: response.status, value: await response.json() };
            }),
          ),
        close: async () => {},
      };
    },
  },
];

/** Case 9: cycles over local HTTP JSON endpoints, the built-in http sources against a hand-written Promise.all of fetch. */
export async function runHttpSources(options: HttpSourcesOptions): Promise<CaseResult> {
  const began = performance.now();
  const servers = await startJsonServers(options.endpoints);
  const urls = servers.ports.map((port) => `http://127.0.0.1:${port}/`);
  const perCycle = new Map<string, { wall: number[]; cpu: number[] }>(HTTP_CONTENDERS.map((contender) => [contender.name, { wall: [], cpu: [] }]));
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      for (const contender of rotate(HTTP_CONTENDERS, round)) {
        const { cycle, close } = contender.open(urls);
        try {
          await cycle(); // connections opened outside the measure
          const { wallMs, cpuMs } = await measure(async () => {
            for (let index = 0; index < options.cycles; index += 1) await cycle();
          });
          perCycle.get(contender.name)!.wall.push(wallMs / options.cycles);
          perCycle.get(contender.name)!.cpu.push(cpuMs / options.cycles);
        } finally {
          await close();
        }
      }
    }
  } finally {
    await servers.stop();
  }
  const stats = HTTP_CONTENDERS.map(({ name }) => ({ name, wallMs: summarize(perCycle.get(name)!.wall), cpuMs: summarize(perCycle.get(name)!.cpu) }));
  const [ours, theirs] = [stats.find((entry) => entry.name === SOURCES)!, stats.find((entry) => entry.name === FETCH)!];
  const wallRatio = ours.wallMs.p50 / theirs.wallMs.p50;
  const cpuRatio = ours.cpuMs.p50 / theirs.cpuMs.p50;
  return {
    id: 'http-sources',
    title: `9. A cycle over ${options.endpoints} local HTTP JSON endpoints (ms per cycle, median of rounds)`,
    headers: ['contender', 'wall ms p50', 'wall ms max', 'CPU ms p50', 'CPU ms max'],
    rows: stats.map(({ name, wallMs, cpuMs }) => [name, round(wallMs.p50, 3), round(wallMs.max, 3), round(cpuMs.p50, 3), round(cpuMs.max, 3)]),
    targets: [atMost('wall time vs Promise.all of fetch', wallRatio, 1.2, '×'), atMost('CPU vs Promise.all of fetch', cpuRatio, 1.2, '×')],
    notes: [
      `${options.rounds} rounds of ${options.cycles} cycles per contender, in turns; the servers run in a child process, so CPU is the reader's own. ` +
        'Both keep connections alive; the built-in cycle also keeps each reading (status, time, error) and builds the snapshot.',
    ],
    data: { options, contenders: stats.map(({ name, wallMs, cpuMs }) => ({ name, wallMs: roundSummary(wallMs), cpuMs: roundSummary(cpuMs) })) },
    wallMs: performance.now() - began,
  };
}

/** The parser a user would write: split lines, skip comments, name before `{` or space, value after the last space. */
function lineSplitParse(text: string, wanted: ((name: string) => boolean) | undefined): Record<string, number | Record<string, number>> {
  const metrics: Record<string, number | Record<string, number>> = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.lastIndexOf(' ');
    const name = line.slice(0, brace >= 0 && brace < space ? brace : space);
    if (wanted && !wanted(name)) continue;
    const value = Number(line.slice(space + 1));
    if (brace >= 0 && brace < space) {
      const byLabels = (metrics[name] ??= {}) as Record<string, number>;
      byLabels[line.slice(brace + 1, line.lastIndexOf('}', space))] = value;
    } else metrics[name] = value;
  }
  return metrics;
}

/** Case 10: parsing etcd's /metrics (a sample kept in bench/fixtures), all metrics and the three leader ones. */
export async function runMetricsParse(options: MetricsParseOptions): Promise<CaseResult> {
  const began = performance.now();
  const text = readFileSync(ETCD_METRICS, 'utf8');
  const parsers = [
    { name: 'parsePrometheusText', parse: parsePrometheusText },
    { name: 'line-split parser', parse: lineSplitParse },
  ];
  const filters = [
    { name: 'every metric', wanted: undefined },
    { name: `${LEADER_METRICS.length} leader metrics`, wanted: metricFilter(LEADER_METRICS) },
  ];
  const samples = new Map<string, number[]>();
  for (let round = 0; round < options.rounds; round += 1) {
    for (const filter of filters) {
      for (const parser of rotate(parsers, round)) {
        parser.parse(text, filter.wanted);
        const { cpuMs } = await measure(() => {
          for (let index = 0; index < options.parses; index += 1) parser.parse(text, filter.wanted);
        });
        const key = `${parser.name}|${filter.name}`;
        samples.set(key, [...(samples.get(key) ?? []), cpuMs / options.parses]);
      }
    }
  }
  const stats = filters.flatMap((filter) =>
    parsers.map((parser) => ({ filter: filter.name, parser: parser.name, cpuMs: summarize(samples.get(`${parser.name}|${filter.name}`)!) })),
  );
  const ratio = (filter: string): number => {
    const of = (parser: string) => stats.find((entry) => entry.filter === filter && entry.parser === parser)!.cpuMs.p50;
    return of('parsePrometheusText') / of('line-split parser');
  };
  return {
    id: 'metrics-parse',
    title: `10. Parsing etcd's /metrics (${Math.round(text.length / 1024)} KiB, ${text.split('\n').length} lines): CPU ms per parse, median of rounds`,
    headers: ['metrics kept', 'parser', 'CPU ms p50', 'CPU ms max'],
    rows: stats.map(({ filter, parser, cpuMs }) => [filter, parser, round(cpuMs.p50, 4), round(cpuMs.max, 4)]),
    targets: filters.map((filter) => atMost(`${filter.name}: vs a line-split parser`, ratio(filter.name), 1.5, '×')),
    notes: [`${options.rounds} rounds of ${options.parses} parses per parser and filter, in turns, after one warm-up parse.`],
    data: { options, bytes: text.length, parsers: stats.map((entry) => ({ ...entry, cpuMs: roundSummary(entry.cpuMs) })) },
    wallMs: performance.now() - began,
  };
}
