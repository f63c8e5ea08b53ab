// The report's sections as neutral blocks (headings, paragraphs, tables, the chart), rendered alike to Markdown and HTML.
import { MIN_RUNS, quantile } from './calibration.js';
import { percent, slackChart, textHistogram } from './chart.js';
import type { ObservationReport, WaitRow } from './model.js';
import type { ResolvedReportOptions } from './options.js';

export type Inline = string | { readonly code: string } | { readonly strong: string };
export type Cell = readonly Inline[];

export type Block =
  | { readonly kind: 'heading'; readonly level: 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly parts: readonly Inline[] }
  | { readonly kind: 'table'; readonly headers: readonly string[]; readonly rows: readonly (readonly Cell[])[]; readonly numeric: readonly number[] }
  | { readonly kind: 'chart'; readonly svg: string; readonly text: string }
  | { readonly kind: 'details'; readonly summary: string; readonly blocks: readonly Block[] }
  | { readonly kind: 'list'; readonly items: readonly Cell[] };

/** Milliseconds as people read them: "820 ms", "1.23 s". */
export function duration(ms: number): string {
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function stepCell(wait: WaitRow): Cell {
  return wait.step ? [{ code: wait.step.text }, ` (${wait.step.location})`] : ['(outside any step)'];
}

function scenarioCell(wait: WaitRow): Cell {
  return [`${wait.scenario} (${wait.scenarioLocation}${wait.attempt > 1 ? `, attempt ${wait.attempt}` : ''})`];
}

function outcomeCell(wait: WaitRow): Cell {
  if (wait.kind === 'hold') return ['held'];
  return [wait.nearMiss ? 'near miss' : wait.outcome];
}

function usedCell(wait: WaitRow): Cell {
  return [`${duration(wait.usedMs)} (${percent(wait.share)})`];
}

function cyclesCell(wait: WaitRow): Cell {
  return [wait.failedCycles > 0 ? `${wait.cycles} (${wait.failedCycles} failed)` : String(wait.cycles)];
}

function table(headers: readonly string[], rows: readonly (readonly Cell[])[], numeric: readonly number[] = []): Block {
  return { kind: 'table', headers, rows, numeric };
}

function summary(report: ObservationReport): Inline[] {
  const { totals, runs, options } = report;
  const parts: Inline[] = [
    { strong: plural(totals.nearMisses, 'near miss', 'near misses') },
    ` (passing waits that used ${percent(options.nearMiss)} or more of their timeout), `,
    { strong: `${totals.timedOut} timed out` },
    `, of ${plural(totals.bounded, 'bounded wait')}`,
    totals.holds > 0 ? ` and ${plural(totals.holds, 'hold')}` : '',
    ` in ${plural(totals.scenarios, 'scenario')}`,
    totals.attempts > totals.scenarios ? ` (${totals.attempts} attempts, ${totals.retriedScenarios} retried)` : '',
    ` on ${plural(totals.observations, 'observation')}. `,
    `Cucumber ${runs.count > 1 ? `runs (${runs.count} merged)` : 'run'}: ${runs.success ? 'passed' : 'failed'}`,
    runs.durationMs === undefined ? '.' : `, ${duration(runs.durationMs)}.`,
  ];
  if (totals.droppedWaits > 0) parts.push(` ${plural(totals.droppedWaits, 'wait')} beyond the per-scenario bound were counted but not listed.`);
  return parts.filter((part) => part !== '');
}

/** The report as blocks, in reading order: summary and chart, near misses, timeouts, slowest, observations, features, retries, all waits. */
export function reportDocument(report: ObservationReport, options: ResolvedReportOptions): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: options.title },
    { kind: 'paragraph', parts: summary(report) },
  ];
  if (report.totals.bounded > 0) blocks.push({ kind: 'chart', svg: slackChart(report), text: textHistogram(report) });

  blocks.push({ kind: 'heading', level: 3, text: `Near misses (≥ ${percent(report.options.nearMiss)} of the timeout)` });
  if (report.nearMisses.length === 0) {
    blocks.push({ kind: 'paragraph', parts: [`None: no passing wait used ${percent(report.options.nearMiss)} or more of its timeout.`] });
  } else {
    blocks.push(
      table(
        ['used', 'timeout', 'slack', 'observation', 'cycles', 'step', 'scenario'],
        report.nearMisses.map((wait) => [
          usedCell(wait),
          [duration(wait.timeoutMs)],
          [duration(wait.slackMs)],
          [wait.observation],
          cyclesCell(wait),
          stepCell(wait),
          scenarioCell(wait),
        ]),
        [0, 1, 2, 4],
      ),
    );
  }

  blocks.push({ kind: 'heading', level: 3, text: 'Timed out' });
  if (report.timedOut.length === 0) blocks.push({ kind: 'paragraph', parts: ['None.'] });
  else {
    blocks.push(
      table(
        ['timeout', 'cycles', 'observation', 'awaited', 'step', 'scenario'],
        report.timedOut.map((wait) => [[duration(wait.timeoutMs)], cyclesCell(wait), [wait.observation], [wait.awaited], stepCell(wait), scenarioCell(wait)]),
        [0, 1],
      ),
    );
  }

  if (report.slowest.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: `Slowest ${plural(report.slowest.length, 'wait')}` });
    blocks.push(
      table(
        ['used', 'timeout', 'outcome', 'observation', 'step', 'scenario'],
        report.slowest.map((wait) => [usedCell(wait), [duration(wait.timeoutMs)], outcomeCell(wait), [wait.observation], stepCell(wait), scenarioCell(wait)]),
        [0, 1],
      ),
    );
  }

  blocks.push({ kind: 'heading', level: 3, text: 'Observations' });
  if (report.observations.length === 0) blocks.push({ kind: 'paragraph', parts: ['No observation ran.'] });
  else {
    blocks.push(
      table(
        ['observation', 'scenarios', 'cycles', 'failed', 'failed by stage (last message)', 'waits', 'near misses', 'timed out'],
        report.observations.map((row) => [
          [row.observation],
          [String(row.attempts)],
          [String(row.cycles)],
          [String(row.failedCycles)],
          row.stages.length === 0
            ? ['none']
            : row.stages.flatMap((stage, index): Inline[] => [index === 0 ? '' : '; ', `${stage.stage}: ${stage.cycles} `, { code: stage.lastMessage }]),
          [String(row.waits)],
          [String(row.nearMisses)],
          [String(row.timedOut)],
        ]),
        [1, 2, 3, 5, 6, 7],
      ),
    );
  }

  if (report.features.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: 'Features' });
    blocks.push(
      table(
        ['feature', 'scenarios', 'waits', 'near misses', 'timed out', 'most of a timeout used'],
        report.features.map((row) => [
          [`${row.feature} (${row.uri})`],
          [String(row.scenarios)],
          [String(row.waits)],
          [String(row.nearMisses)],
          [String(row.timedOut)],
          [row.maxShare === undefined ? '–' : percent(row.maxShare)],
        ]),
        [1, 2, 3, 4, 5],
      ),
    );
  }

  blocks.push({ kind: 'heading', level: 3, text: 'Retried scenarios' });
  if (report.retried.length === 0) blocks.push({ kind: 'paragraph', parts: ['None.'] });
  else {
    blocks.push(
      table(
        ['scenario', 'attempts'],
        report.retried.map((scenario) => [
          [`${scenario.scenario} (${scenario.scenarioLocation})`],
          scenario.attempts.flatMap((attempt, index): Inline[] => [
            index === 0 ? '' : '; ',
            `${attempt.attempt}: ${attempt.status}`,
            ...(attempt.failedStep ? [' at ', { code: attempt.failedStep.text }, ` (${attempt.failedStep.location}): ${attempt.failedStep.message}`] : []),
            attempt.nearMisses > 0 ? `, ${plural(attempt.nearMisses, 'near miss', 'near misses')}` : '',
          ]),
        ]),
      ),
    );
  }

  if (report.waits.length > 0) {
    const listed = report.waits.slice(0, options.maxWaitRows);
    const rows = listed.map((wait) => [
      scenarioCell(wait),
      stepCell(wait),
      [wait.observation],
      [wait.awaited],
      usedCell(wait),
      [duration(wait.timeoutMs)],
      [wait.kind === 'hold' ? '–' : duration(wait.slackMs)],
      cyclesCell(wait),
      outcomeCell(wait),
    ]);
    const more = report.waits.length - listed.length;
    const inside: Block[] = [table(['scenario', 'step', 'observation', 'awaited', 'used', 'timeout', 'slack', 'cycles', 'outcome'], rows, [4, 5, 6, 7])];
    if (more > 0) inside.push({ kind: 'paragraph', parts: [`${plural(more, 'more wait')} in the JSON report (maxWaitRows is ${options.maxWaitRows}).`] });
    blocks.push({ kind: 'details', summary: `Every wait (${report.waits.length})`, blocks: inside });
  }

  blocks.push(...timingBlocks(report));

  if (report.problems.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: 'Problems reading the run' });
    blocks.push({ kind: 'list', items: report.problems.map((problem) => [problem]) });
  }
  return blocks;
}

// Each wait step's times to success in this run; judging its timeout needs several runs, so this only says how.
function timingBlocks(report: ObservationReport): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: 'Time to success per wait step' }];
  if (report.timings.length === 0) {
    blocks.push({ kind: 'paragraph', parts: ['No bounded wait of a step succeeded or timed out in this run.'] });
    return blocks;
  }
  blocks.push(
    table(
      ['step', 'timeout', 'successes', 'p50', 'p95', 'max', 'timed out'],
      report.timings.map((step) => {
        const sorted = [...step.successesMs].sort((a, b) => a - b);
        const at = (q: number) => {
          const value = quantile(sorted, q);
          return [value === undefined ? '–' : duration(value)];
        };
        return [
          [{ code: step.text }, ` (${step.location})`],
          [duration(step.timeoutMs)],
          [String(sorted.length)],
          at(0.5),
          at(0.95),
          at(1),
          [String(step.timedOut)],
        ];
      }),
      [1, 2, 3, 4, 5, 6],
    ),
  );
  blocks.push({
    kind: 'paragraph',
    parts: [
      `Calibrating the timeouts needs at least ${MIN_RUNS} runs of the suite, and this report is of one: more runs are needed. Add each run to a history file with `,
      { code: 'npx cucumber-observation history history.json run.ndjson' },
      ', then ',
      { code: 'npx cucumber-observation calibrate history.json' },
      ' flags tight and loose timeouts.',
    ],
  });
  return blocks;
}
