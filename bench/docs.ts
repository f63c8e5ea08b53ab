// Renders a full run's figures as Markdown, for bench/README.md and the headline table of docs/benchmarks.md.
import type { CaseResult, Target } from './report.js';
import { formatNumber, markdownTable, type Machine, type Summary } from './stats.js';

/** What bench/results.json holds. */
export interface BenchResults {
  readonly generatedAt: string;
  readonly size: 'full' | 'tiny';
  readonly machine: Machine & { readonly loadAverageAtEnd: readonly number[] };
  readonly totalWallMs: number;
  readonly targets: readonly Target[];
  readonly cases: readonly CaseResult[];
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`; throws when the markers are missing. */
export function replaceBetween(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`the markers ${start} ... ${end} are missing or out of order`);
  return `${text.slice(0, from + start.length)}\n${content.trim()}\n${text.slice(to)}`;
}

/** One line naming the machine, the load around the run and when it ran. */
function describeRun(results: BenchResults): string {
  const { machine } = results;
  return (
    `Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB (${machine.platform}); ` +
    `load average (1/5/15 min) ${machine.loadAverage.join(' / ')} at the start, ${machine.loadAverageAtEnd.join(' / ')} at the end; ` +
    `${results.generatedAt.slice(0, 16).replace('T', ' ')} UTC; the whole run took ${Math.round(results.totalWallMs / 1000)} s.`
  );
}

/** Every case's table and notes, then the targets: the generated part of bench/README.md. */
export function renderBenchReadme(results: BenchResults): string {
  const sections = results.cases.map((entry) =>
    [`#### ${entry.title}`, '', markdownTable(entry.headers, entry.rows), '', ...entry.notes.map((note) => `- ${note}`)].join('\n'),
  );
  const targets = markdownTable(
    ['target', 'value', 'limit', 'met'],
    results.targets.map((target) => [target.name, target.value, target.limit, target.met ? 'yes' : '**no**']),
  );
  return [`Measured on: ${describeRun(results)}`, ...sections, `#### Targets\n\n${targets}`].join('\n\n');
}

type CaseData = Record<string, unknown>;

function caseData(results: BenchResults, id: string): CaseData | undefined {
  return results.cases.find((entry) => entry.id === id)?.data;
}

function verdict(results: BenchResults, ...names: string[]): string {
  const targets = names.map((name) => results.targets.find((entry) => entry.name === name));
  if (targets.some((target) => !target)) return '';
  return targets.every((target) => target!.met) ? ': met' : ': **missed**';
}

/** A contender's name without its parenthesised detail, for the compact table. */
const short = (name: string): string => name.replace(/ \(.*\)$/, '');

const fixed = (value: number): string => formatNumber(value);

/** The compact table of headline figures for docs/benchmarks.md. */
export function renderHeadline(results: BenchResults): string {
  const rows: string[][] = [];
  const latency = caseData(results, 'latency') as { contenders: { contender: string; afterPublication: Summary }[] } | undefined;
  if (latency) {
    const [ours, ...others] = latency.contenders;
    rows.push([
      'Wait latency after the satisfying cycle publishes, p50 / p99',
      `${fixed(ours!.afterPublication.p50)} / ${fixed(ours!.afterPublication.p99)} ms`,
      others.map((entry) => `${short(entry.contender)} ${fixed(entry.afterPublication.p50)} / ${fixed(entry.afterPublication.p99)} ms`).join('; '),
      `≤ 0.2 / ≤ 1 ms${verdict(results, 'wait latency p50 (ms)', 'wait latency p99 (ms)')}`,
    ]);
  }
  const cost = caseData(results, 'cycle-cost') as { contenders: { contender: string; cpuMicrosPerCycle: Summary }[] } | undefined;
  if (cost) {
    const [ours, ...bare] = cost.contenders;
    const ratio = ours!.cpuMicrosPerCycle.p50 / bare[0]!.cpuMicrosPerCycle.p50;
    rows.push([
      'CPU per cycle, p50',
      `${fixed(ours!.cpuMicrosPerCycle.p50)} µs (${fixed(ratio)}x the bare async loop)`,
      bare.map((entry) => `${entry.contender} ${fixed(entry.cpuMicrosPerCycle.p50)} µs`).join('; '),
      `≤ 1.2x${verdict(results, 'cycle CPU vs bare async loop (x)')}`,
    ]);
  }
  const scenarios = caseData(results, 'scenario-cost') as
    | {
        options: { scenarios: number };
        testRunRatio: number;
        addedMsPerScenario: number;
        cpuRatio: number;
        addedCpuMsPerScenario: number;
        variants: { variant: string; testRunMs: Summary; cpuMs: Summary }[];
      }
    | undefined;
  if (scenarios) {
    const plain = scenarios.variants.find((entry) => entry.variant === 'plain')!;
    const idle = scenarios.variants.find((entry) => entry.variant === 'plugin-idle');
    rows.push([
      `Cucumber run of ${scenarios.options.scenarios} trivial scenarios, with / without observation`,
      `${fixed(scenarios.testRunRatio)}x wall, ${fixed(scenarios.cpuRatio)}x CPU ` +
        `(+${Math.round(scenarios.addedCpuMsPerScenario * 1000)} µs CPU per scenario)`,
      `a trivial scenario costs Cucumber ${Math.round((plain.cpuMs.p50 * 1000) / scenarios.options.scenarios)} µs CPU` +
        (idle ? `; the plugin's hooks alone, no observation started: ${fixed(idle.cpuMs.p50 / plain.cpuMs.p50)}x CPU` : ''),
      `≤ 1.05x wall${verdict(results, 'Cucumber test run with/without observation (x)')}`,
    ]);
  }
  const memory = caseData(results, 'memory') as
    | {
        runtime: { cycles: number; growthBytes: number };
        waits: { waits: number; timeoutsAfterSettling: number; livePredicates: number; timeoutsAfterStop: number };
      }
    | undefined;
  if (memory) {
    rows.push([
      `Heap growth over ${memory.runtime.cycles.toLocaleString('en')} cycles (default history)`,
      `${fixed(memory.runtime.growthBytes / 2 ** 20)} MiB`,
      '',
      `≤ 2 MiB${verdict(results, 'heap growth over the cycles (MiB)')}`,
    ]);
    rows.push([
      `Left behind by ${memory.waits.waits.toLocaleString('en')} settled waits`,
      `${memory.waits.timeoutsAfterSettling - 1} timers, ${memory.waits.livePredicates} listeners; ${memory.waits.timeoutsAfterStop} timers after stop`,
      '',
      `0${verdict(results, 'timers left by settled waits', 'listeners left by settled waits (reachable predicates)', 'timers left after stop')}`,
    ]);
  }
  const interval = caseData(results, 'interval') as
    | { configurations: { contender: string; intervalMs: number; busyMs: number; errorMs: Summary }[] }
    | undefined;
  if (interval) {
    const busy = interval.configurations.filter((entry) => entry.busyMs > 0);
    const ours = busy.filter((entry) => entry.contender === 'ObservationRuntime');
    const others = busy.filter((entry) => entry.contender !== 'ObservationRuntime');
    const describe = (list: typeof busy): string => list.map((entry) => `${fixed(entry.errorMs.mean)} ms at ${entry.intervalMs} ms`).join(', ');
    rows.push([
      `Mean cycle period error, observer busy ${busy[0]?.busyMs ?? 0} ms per poll`,
      describe(ours),
      others.length ? `${others[0]!.contender}: ${describe(others)}` : '',
      '',
    ]);
  }
  const push = caseData(results, 'push-latency') as
    | { options: { intervalMs: number }; contenders: { contender: string; latencyMs: Summary; observerMs: Summary }[] }
    | undefined;
  if (push) {
    const [pushed, polled] = push.contenders;
    rows.push([
      `From a change to the wait's resolution, push (watch → requestCycle), p50 / p99`,
      `${fixed(pushed!.latencyMs.p50)} / ${fixed(pushed!.latencyMs.p99)} ms (observer's own p99 ${fixed(pushed!.observerMs.p99)} ms)`,
      `polling at ${push.options.intervalMs} ms: ${fixed(polled!.latencyMs.p50)} / ${fixed(polled!.latencyMs.p99)} ms`,
      `p99 ≤ 1 ms + the observer's own${verdict(results, "push: change to resolution p99 minus the observer's own p99 (ms)")}`,
    ]);
  }
  const scaling = caseData(results, 'scaling') as
    | {
        nodes: { size: number; cpuMicrosPerCycle: number }[];
        history: { size: number; cpuMicrosPerCycle: number }[];
        jumps: Record<string, number>;
        report: { summaryMs: number; timelineMs: number };
        options: { report: { cycles: number; nodes: number } };
      }
    | undefined;
  if (scaling) {
    const span = (list: { size: number; cpuMicrosPerCycle: number }[]): string =>
      `${fixed(list[0]!.cpuMicrosPerCycle)} µs at ${list[0]!.size.toLocaleString('en')}, ${fixed(list.at(-1)!.cpuMicrosPerCycle)} µs at ${list.at(-1)!.size.toLocaleString('en')}`;
    rows.push([
      'CPU per cycle as the system grows: nodes in the snapshot; history limit',
      `${span(scaling.nodes)}; ${span(scaling.history)}`,
      '',
      `flat${verdict(results, 'runtime CPU per cycle, 10,000 vs 10 nodes in the snapshot (x)', 'runtime CPU per cycle, history 100,000 vs 64 (x)')}`,
    ]);
    rows.push([
      'Largest step in per-unit cost (waits, values read, events, history search)',
      `${fixed(Math.max(...Object.values(scaling.jumps)))}x from one size to the next (1 is linear)`,
      '',
      `≤ 3x${verdict(results, 'largest step in per-unit cost between sizes (x)')}`,
    ]);
    rows.push([
      `Summary + timeline of ${scaling.options.report.cycles.toLocaleString('en')} cycles × ${scaling.options.report.nodes.toLocaleString('en')} nodes`,
      `${fixed(scaling.report.summaryMs + scaling.report.timelineMs)} ms`,
      '',
      `< 100 ms, within caps${verdict(results, 'summary + timeline of 10,000 cycles × 10,000 nodes (ms)', 'summary bytes over its cap', 'timeline bytes over its cap')}`,
    ]);
  }
  return [
    markdownTable(['', 'cucumber-observation', "today's alternatives", 'target'], rows),
    '',
    `${describeRun(results)} How each case is measured, every figure, and why a target was missed: ` +
      '[bench/README.md](https://github.com/cucumber-observation/cucumber-observation/blob/main/bench/README.md). Run them with `npm run bench`.',
  ].join('\n');
}
