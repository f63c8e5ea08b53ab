// Draws a scenario's observations as one SVG timeline for the report: cycles, batches, per-source trouble and step spans.
import type { CycleReport, ObservationFailureStage } from '../lib/index.js';
import { STAGE_WORDS } from './parse.js';
import type { ObservationRun, SourceFailureSpan, StepSpan } from './scenario.js';

/** One observation as the timeline draws it: every run of that name in the scenario, merged in time order. */
export interface TimelineObservation {
  readonly name: string;
  /** The interval of each run, distinct values in run order. */
  readonly intervalsMs: readonly number[];
  /** When its first run started, in epoch ms. */
  readonly startedAt: number;
  readonly cycles: readonly CycleReport[];
  /** Oldest cycles the scenario did not keep (beyond its recording bound). */
  readonly droppedCycles: number;
  readonly sourceFailures: readonly SourceFailureSpan[];
  readonly droppedSourceFailures: number;
}

/** What a timeline shows: the scenario's name, its observations and the steps that read or waited on them. */
export interface TimelineInput {
  readonly scenario: string;
  readonly observations: readonly TimelineObservation[];
  readonly steps: readonly StepSpan[];
}

/** Width of every timeline, in SVG pixels; its height grows with the rows. */
export const TIMELINE_WIDTH = 1000;
/** Most cycles a row draws one by one; above this, cycles are counted per column of pixels. */
export const SPARSE_CYCLE_LIMIT = 130;
/** Most per-source rows an observation shows; further sources are counted in a note. */
export const MAX_SOURCE_ROWS = 12;
/** Most steps listed under the chart; further ones are counted in a note. */
export const MAX_LISTED_STEPS = 40;

/** The timeline's colours, by what they mean; shared by the rows and the legend. */
export const TIMELINE_COLORS = {
  ok: '#4caf50',
  poll: '#d62728',
  'source-refresh': '#8e44ad',
  events: '#1f77b4',
  sourceTrouble: '#f0a202',
  passed: '#a5d6a7',
  failed: '#ef9a9a',
  timedOut: '#ffcc80',
  otherStep: '#cfd8dc',
} as const;

const LEFT = 170;
const RIGHT_MARGIN = 20;
const PLOT_WIDTH = TIMELINE_WIDTH - LEFT - RIGHT_MARGIN;
const ROW_HEIGHT = 18;
const SOURCE_ROW_HEIGHT = 14;
const FONT = 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif';
// Wide enough for DejaVu Sans, the usual fallback font, so cut text never overflows its box.
const CHAR_WIDTH_EM = 0.58;
const MIN_FAILURE_PX = 6;
const STEP_STROKES: Record<StepOutcome, string> = { passed: '#2e7d32', failed: '#b71c1c', timedOut: '#e65100', otherStep: '#78909c' };
const MAX_FAILURE_GROUPS = 4;
const MAX_SOURCE_NOTES = 6;
const STAGES: readonly ObservationFailureStage[] = ['poll', 'source-refresh'];

/** The timeline input of a scenario: the runs to show, grouped by name, and the steps that touched them. */
export function timelineInput(scenario: string, runs: readonly ObservationRun[], steps: readonly StepSpan[]): TimelineInput {
  const byName = new Map<string, ObservationRun[]>();
  for (const run of runs) byName.set(run.name, [...(byName.get(run.name) ?? []), run]);
  const observations = [...byName].map(([name, named]): TimelineObservation => {
    const statuses = named.map((run) => run.runtime.handle().status());
    return {
      name,
      intervalsMs: [...new Set(statuses.map((status) => status.intervalMs))],
      startedAt: Math.min(...statuses.map((status) => status.startedAt.getTime())),
      cycles: named.flatMap((run) => run.cycles),
      droppedCycles: named.reduce((sum, run) => sum + run.droppedCycles, 0),
      sourceFailures: named.flatMap((run) => run.sourceFailures),
      droppedSourceFailures: named.reduce((sum, run) => sum + run.droppedSourceFailures, 0),
    };
  });
  return { scenario, observations, steps: steps.filter((step) => byName.has(step.observation)) };
}

/**
 * Renders a timeline as a standalone SVG document: time runs left to right over the scenario; per observation a row
 * of cycles (coloured by outcome and failure stage), a row of batches with their event counts, a row per source that
 * reported trouble, and the spans of the steps that read or waited on it, numbered and listed with their text under
 * the chart. Dense rows are counted per column of pixels, so the size stays bounded whatever the number of cycles.
 * No scripts, no external references; every text is escaped.
 */
export function renderTimeline(input: TimelineInput): string {
  return new TimelineDrawing(input).render();
}

type StepOutcome = 'passed' | 'failed' | 'timedOut' | 'otherStep';

interface NumberedStep {
  readonly number: number;
  readonly span: StepSpan;
  readonly outcome: StepOutcome;
}

interface Column {
  ok: number;
  poll: number;
  'source-refresh': number;
  events: number;
}

class TimelineDrawing {
  readonly #input: TimelineInput;
  readonly #from: number;
  readonly #to: number;
  readonly #steps: readonly NumberedStep[];
  readonly #shapes: string[] = [];
  readonly #labels: string[] = [];
  readonly #denseColumns = new Set<number>();
  #y = 0;

  constructor(input: TimelineInput) {
    this.#input = input;
    const times = [
      ...input.observations.flatMap((observation) => [observation.startedAt, ...edgeTimes(observation.cycles)]),
      ...input.steps.flatMap((step) => [step.startedAt, step.endedAt]),
    ].filter(Number.isFinite);
    this.#from = times.length > 0 ? Math.min(...times) : 0;
    this.#to = Math.max(this.#from + 1, ...times);
    this.#steps = numberSteps(input.steps);
  }

  render(): string {
    const { scenario } = this.#input;
    this.#text(12, 24, `Observation timeline · ${scenario}`, { size: 15, weight: 'bold', width: TIMELINE_WIDTH - 24 });
    this.#text(12, 43, this.#rangeLine(), { size: 12, fill: '#333', width: TIMELINE_WIDTH - 24 });
    const axisY = 66;
    this.#y = axisY + 12;
    for (const observation of this.#input.observations) this.#observation(observation);
    if (this.#input.observations.length === 0) {
      this.#text(LEFT, this.#y + 14, 'no observation ran in this scenario', { size: 12, fill: '#555' });
      this.#y += 24;
    }
    const chartBottom = this.#y;
    const grid = this.#axis(axisY, chartBottom);
    this.#y += 6;
    this.#legend();
    this.#stepList();
    const height = Math.ceil(this.#y + 10);
    const title = `Observation timeline of scenario ${scenario}`;
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${TIMELINE_WIDTH}" height="${height}" ` +
      `viewBox="0 0 ${TIMELINE_WIDTH} ${height}" font-family="${FONT}" role="img" aria-label="${escapeXml(title)}">` +
      `<title>${escapeXml(title)}</title>` +
      `<rect width="${TIMELINE_WIDTH}" height="${height}" fill="#fff"/>` +
      grid.join('') +
      this.#shapes.join('') +
      this.#labels.join('') +
      '</svg>'
    );
  }

  #rangeLine(): string {
    const intervals = [...new Set(this.#input.observations.flatMap((observation) => observation.intervalsMs))];
    const interval = intervals.length > 0 ? ` · interval ${intervals.map(formatMs).join(', ')}` : '';
    return `${formatClock(this.#from, true)} → ${formatClock(this.#to, false)} UTC (${formatMs(this.#to - this.#from)})${interval}`;
  }

  #observation(observation: TimelineObservation): void {
    const counts = countCycles(observation.cycles);
    const stageCounts = STAGES.filter((stage) => counts[stage] > 0).map((stage) => `${counts[stage].toLocaleString('en-US')} failed at ${STAGE_WORDS[stage]}`);
    const dropped = observation.droppedCycles > 0 ? ` · ${observation.droppedCycles} older cycles not kept` : '';
    const summary =
      `interval ${observation.intervalsMs.map(formatMs).join(', ')} · ${plural(observation.cycles.length, 'cycle')}` +
      ` (${[`${counts.ok.toLocaleString('en-US')} ok`, ...stageCounts].join(', ')}) · ${plural(counts.batches, 'batch', 'batches')}, ` +
      `${plural(counts.events, 'event')}${dropped}`;
    const name = fitText(observation.name, 300, 13);
    const nameWidth = name.length * 13 * CHAR_WIDTH_EM + 12;
    this.#text(12, this.#y + 13, name, { size: 13, weight: 'bold' });
    this.#text(12 + nameWidth, this.#y + 13, summary, { size: 12, fill: '#333', width: TIMELINE_WIDTH - 24 - nameWidth });
    this.#y += 22;

    const columns = observation.cycles.length > SPARSE_CYCLE_LIMIT ? this.#columns(observation) : undefined;
    this.#rowFrame('cycles', ROW_HEIGHT, columns ? `per ${formatMs(columns.msPerColumn)}` : undefined);
    if (observation.cycles.length === 0) {
      this.#text(LEFT + 6, this.#y + 13, 'no cycle completed', { size: 11, fill: '#555' });
    } else if (columns) {
      this.#denseCycles(columns.columns, columns.pxPerColumn);
    } else {
      this.#sparseCycles(observation.cycles);
    }
    this.#y += ROW_HEIGHT + 6;

    this.#rowFrame('events', ROW_HEIGHT, columns ? `max ${columns.mostEvents}` : undefined);
    if (columns) this.#denseEvents(columns.columns, columns.pxPerColumn);
    else this.#sparseEvents(observation.cycles);
    this.#y += ROW_HEIGHT + 6;

    this.#sourceRows(observation);
    this.#stepRow(observation.name);
    this.#notes(observation, counts);
    this.#y += 8;
  }

  #rowFrame(label: string, height: number, detail?: string): void {
    this.#shapes.push(`<rect x="${LEFT}" y="${this.#y}" width="${PLOT_WIDTH}" height="${height}" fill="#f4f5f7"/>`);
    const size = height > 15 ? 12 : 11;
    const shownDetail = detail ? fitText(detail, 100, 9) : '';
    const room = LEFT - 14 - shownDetail.length * 9 * CHAR_WIDTH_EM - (shownDetail ? 4 : 0);
    const shownLabel = fitText(label, room, size);
    const detailSpan = shownDetail ? `<tspan font-size="9" fill="#777">${escapeXml(shownDetail)} </tspan>` : '';
    this.#labels.push(
      `<text x="${LEFT - 6}" y="${px(this.#y + height - 4)}" font-size="${size}" fill="#222" text-anchor="end">` +
        `${detailSpan}${escapeXml(shownLabel)}</text>`,
    );
  }

  #sparseCycles(cycles: readonly CycleReport[]): void {
    const paths = new PathSet();
    let labelEnd = -Infinity;
    for (const cycle of cycles) {
      const left = this.#x(cycle.startedAt);
      const width = Math.max(2, this.#x(cycle.endedAt) - left);
      paths.rect(cycle.failure ? cycle.failure.stage : 'ok', left, this.#y, width, ROW_HEIGHT);
      const label = String(cycle.cycle);
      const labelWidth = label.length * 9 * CHAR_WIDTH_EM;
      // Right of its tick, or left of it at the end of the plot.
      const labelX = left + width + 2 + labelWidth <= LEFT + PLOT_WIDTH ? left + width + 2 : left - 2 - labelWidth;
      if (cycles.length <= 60 && labelX >= labelEnd) {
        this.#text(labelX, this.#y + 12, label, { size: 9, fill: '#555' });
        labelEnd = labelX + labelWidth + 4;
      }
    }
    this.#shapes.push(paths.render());
  }

  #sparseEvents(cycles: readonly CycleReport[]): void {
    const batches = cycles.filter((cycle) => cycle.eventCount > 0);
    if (batches.length === 0) {
      this.#text(LEFT + 6, this.#y + 13, 'no batch', { size: 11, fill: '#555' });
      return;
    }
    const most = Math.max(...batches.map((cycle) => cycle.eventCount));
    const paths = new PathSet();
    let labelEnd = -Infinity;
    for (const cycle of batches) {
      const height = Math.max(3, Math.round((ROW_HEIGHT * cycle.eventCount) / most));
      const left = this.#x(cycle.endedAt) - 1;
      paths.rect('events', left, this.#y + ROW_HEIGHT - height, 3, height);
      const label = String(cycle.eventCount);
      const nextX = left + 5 + label.length * 9 * CHAR_WIDTH_EM;
      if (left + 5 >= labelEnd && nextX < LEFT + PLOT_WIDTH) {
        this.#text(left + 5, this.#y + 12, label, { size: 9, fill: '#0d3c61' });
        labelEnd = nextX + 3;
      }
    }
    this.#shapes.push(paths.render());
  }

  // Columns are wide enough for a few cycles each at the observation's interval, so a steady run reads as one band.
  #columns(observation: TimelineObservation): { columns: Map<number, Column>; pxPerColumn: number; msPerColumn: number; mostEvents: number } {
    const msPerPx = (this.#to - this.#from) / PLOT_WIDTH;
    const intervalPx = Math.min(...observation.intervalsMs) / msPerPx;
    const pxPerColumn = Math.min(16, Math.max(3, Math.ceil(3 * intervalPx)));
    const columns = new Map<number, Column>();
    for (const cycle of observation.cycles) {
      const index = Math.min(Math.floor((this.#x(cycle.endedAt) - LEFT) / pxPerColumn), Math.floor((PLOT_WIDTH - 1) / pxPerColumn));
      const column = columns.get(index) ?? { ok: 0, poll: 0, 'source-refresh': 0, events: 0 };
      column[cycle.failure ? cycle.failure.stage : 'ok'] += 1;
      column.events += cycle.eventCount;
      columns.set(index, column);
    }
    this.#denseColumns.add(pxPerColumn * msPerPx);
    const mostEvents = Math.max(0, ...[...columns.values()].map((column) => column.events));
    return { columns, pxPerColumn, msPerColumn: pxPerColumn * msPerPx, mostEvents };
  }

  #denseCycles(columns: Map<number, Column>, pxPerColumn: number): void {
    const bands = new BandSet(pxPerColumn);
    for (const [index, column] of columns) {
      const total = column.ok + column.poll + column['source-refresh'];
      let top = this.#y;
      let left = ROW_HEIGHT;
      for (const stage of STAGES) {
        if (column[stage] === 0) continue;
        const height = Math.min(left, Math.max(MIN_FAILURE_PX, Math.round((ROW_HEIGHT * column[stage]) / total)));
        bands.add(stage, index, top, height);
        top += height;
        left -= height;
      }
      if (column.ok > 0 && left > 0) bands.add('ok', index, top, left);
    }
    this.#shapes.push(bands.render(LEFT));
  }

  #denseEvents(columns: Map<number, Column>, pxPerColumn: number): void {
    const most = Math.max(0, ...[...columns.values()].map((column) => column.events));
    if (most === 0) {
      this.#text(LEFT + 6, this.#y + 13, 'no batch', { size: 11, fill: '#555' });
      return;
    }
    const bands = new BandSet(pxPerColumn);
    for (const [index, column] of columns) {
      if (column.events === 0) continue;
      const height = Math.max(2, Math.round((ROW_HEIGHT * column.events) / most));
      bands.add('events', index, this.#y + ROW_HEIGHT - height, height);
    }
    this.#shapes.push(bands.render(LEFT));
  }

  #sourceRows(observation: TimelineObservation): void {
    const bySource = new Map<string, SourceFailureSpan[]>();
    for (const span of observation.sourceFailures) {
      const spans = bySource.get(span.source) ?? [];
      spans.push(span);
      bySource.set(span.source, spans);
    }
    const shown = [...bySource].slice(0, MAX_SOURCE_ROWS);
    for (const [source, spans] of shown) {
      this.#rowFrame(`source ${source}`, SOURCE_ROW_HEIGHT);
      const paths = new PathSet();
      let drawnEnd = -Infinity;
      let labelEnd = -Infinity;
      for (const span of spans) {
        const left = Math.max(this.#x(span.startedAt), drawnEnd);
        const right = Math.max(this.#x(span.endedAt), left + 2);
        if (right - left >= 1) paths.rect('sourceTrouble', left, this.#y, right - left, SOURCE_ROW_HEIGHT);
        drawnEnd = right;
        if (right - left >= 50 && left >= labelEnd) {
          this.#text(left + 3, this.#y + 11, span.message, { size: 10, fill: '#3b2600', width: right - left - 6 });
          labelEnd = right;
        }
      }
      this.#shapes.push(paths.render());
      this.#y += SOURCE_ROW_HEIGHT + 4;
    }
    const hidden = bySource.size - shown.length;
    if (hidden > 0) {
      this.#text(LEFT, this.#y + 10, `… ${plural(hidden, 'more source')} with trouble not drawn`, { size: 10, fill: '#555' });
      this.#y += 14;
    }
  }

  #stepRow(observation: string): void {
    const steps = this.#steps.filter((step) => step.span.observation === observation);
    if (steps.length === 0) return;
    this.#rowFrame('steps', ROW_HEIGHT);
    let insideEnd = -Infinity;
    let belowEnd = -Infinity;
    let labelsBelow = false;
    for (const { number, span, outcome } of steps) {
      const left = this.#x(span.startedAt);
      const width = Math.max(3, this.#x(span.endedAt) - left);
      this.#shapes.push(
        `<rect x="${px(left)}" y="${this.#y}" width="${px(width)}" height="${ROW_HEIGHT}" fill="${TIMELINE_COLORS[outcome]}" ` +
          `stroke="${STEP_STROKES[outcome]}" stroke-width="0.8"/>`,
      );
      const numberWidth = String(number).length * 10 * CHAR_WIDTH_EM;
      if (width >= numberWidth + 5 && left + 2 >= insideEnd) {
        const label = width >= 60 ? `${number} ${span.text}` : String(number);
        this.#text(left + 2, this.#y + 13, label, { size: 10, weight: 'bold', fill: '#1a1a1a', width: width - 4 });
        insideEnd = left + width;
        continue;
      }
      // Too narrow for its number: it goes under the row, centred on the step, unless it would run into another.
      const center = left + width / 2;
      const belowWidth = String(number).length * 9 * CHAR_WIDTH_EM;
      if (center - belowWidth / 2 >= belowEnd) {
        this.#labels.push(
          `<text x="${px(center)}" y="${px(this.#y + ROW_HEIGHT + 9)}" font-size="9" font-weight="bold" text-anchor="middle">${number}</text>`,
        );
        belowEnd = center + belowWidth / 2 + 3;
        labelsBelow = true;
      }
    }
    this.#y += ROW_HEIGHT + (labelsBelow ? 14 : 6);
  }

  #notes(observation: TimelineObservation, counts: CycleCounts): void {
    const lines: { text: string; color: string }[] = [];
    const failures = failureGroups(observation.cycles);
    for (const group of failures.slice(0, MAX_FAILURE_GROUPS)) {
      const cycles = group.first === group.last ? `cycle ${group.first}` : `cycles ${group.first}–${group.last}`;
      lines.push({
        text: `${STAGE_WORDS[group.stage]} failure ×${group.count} (${cycles}): ${group.message}`,
        color: TIMELINE_COLORS[group.stage],
      });
    }
    const groupsLeft = failures.length - MAX_FAILURE_GROUPS;
    if (groupsLeft > 0) lines.push({ text: `… ${plural(groupsLeft, 'other failure message')}`, color: '#555' });
    const sources = sourceGroups(observation.sourceFailures);
    for (const group of sources.slice(0, MAX_SOURCE_NOTES)) {
      const cycles = group.first === group.last ? `cycle ${group.first}` : `cycles ${group.first}–${group.last}`;
      const times = group.count > 1 ? `, ${group.count} times` : '';
      lines.push({ text: `source ${group.source}${times} (${cycles}): ${group.message}`, color: TIMELINE_COLORS.sourceTrouble });
    }
    if (sources.length > MAX_SOURCE_NOTES) lines.push({ text: `… ${plural(sources.length - MAX_SOURCE_NOTES, 'other source message')}`, color: '#555' });
    if (observation.droppedSourceFailures > 0) {
      lines.push({ text: `${plural(observation.droppedSourceFailures, 'older source trouble span')} not kept`, color: '#555' });
    }
    if (counts.ok === observation.cycles.length && observation.sourceFailures.length === 0 && observation.cycles.length > 0) {
      lines.push({ text: 'every cycle succeeded', color: TIMELINE_COLORS.ok });
    }
    for (const line of lines) {
      this.#shapes.push(`<rect x="${LEFT}" y="${this.#y + 3}" width="8" height="8" fill="${line.color}"/>`);
      this.#text(LEFT + 13, this.#y + 11, line.text, { size: 11, fill: '#222', width: PLOT_WIDTH - 13 });
      this.#y += 15;
    }
  }

  #axis(top: number, bottom: number): string[] {
    const span = this.#to - this.#from;
    const step = niceStep(span / 8);
    const parts: string[] = [`<line x1="${LEFT}" y1="${top}" x2="${LEFT + PLOT_WIDTH}" y2="${top}" stroke="#999"/>`];
    for (let offset = 0; offset <= span + 1e-9; offset += step) {
      const x = px(this.#x(this.#from + offset));
      parts.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${bottom}" stroke="#e1e4e8"/>`);
      parts.push(
        `<text x="${x}" y="${top - 7}" font-size="10" fill="#555" text-anchor="${offset === 0 ? 'start' : 'middle'}">` +
          `${escapeXml(formatOffset(offset, step))}</text>`,
      );
    }
    parts.push(`<text x="${LEFT - 8}" y="${top - 7}" font-size="10" fill="#555" text-anchor="end">time from start</text>`);
    return parts;
  }

  #legend(): void {
    const groups: [string, [string, string][]][] = [
      [
        'Cycles',
        [
          ['ok', TIMELINE_COLORS.ok],
          ['failed at poll', TIMELINE_COLORS.poll],
          ['failed at source refresh', TIMELINE_COLORS['source-refresh']],
        ],
      ],
      ['Events', [['batch (height: event count)', TIMELINE_COLORS.events]]],
      ['Sources', [['trouble reported by sourceFailures', TIMELINE_COLORS.sourceTrouble]]],
      [
        'Steps',
        [
          ['passed', TIMELINE_COLORS.passed],
          ['failed', TIMELINE_COLORS.failed],
          ['timed out', TIMELINE_COLORS.timedOut],
          ['skipped, pending or undefined', TIMELINE_COLORS.otherStep],
        ],
      ],
    ];
    this.#text(12, this.#y + 11, 'Legend', { size: 11, weight: 'bold' });
    let x = 70;
    for (const [title, entries] of groups) {
      const widths = entries.map(([label]) => 15 + label.length * 11 * CHAR_WIDTH_EM + 12);
      const width = title.length * 11 * CHAR_WIDTH_EM + 8 + widths.reduce((sum, entry) => sum + entry, 0) + 10;
      if (x > 70 && x + width > TIMELINE_WIDTH - 12) {
        x = 70;
        this.#y += 17;
      }
      this.#text(x, this.#y + 11, `${title}:`, { size: 11, fill: '#555' });
      x += title.length * 11 * CHAR_WIDTH_EM + 8;
      entries.forEach(([label, color], index) => {
        this.#shapes.push(`<rect x="${px(x)}" y="${this.#y + 2}" width="11" height="11" fill="${color}" stroke="#0003"/>`);
        this.#text(x + 15, this.#y + 11, label, { size: 11, fill: '#222' });
        x += widths[index]!;
      });
      x += 10;
    }
    this.#y += 18;
    if (this.#denseColumns.size > 0) {
      const widths = [...this.#denseColumns].map(formatMs).join(', ');
      this.#text(
        70,
        this.#y + 10,
        `Dense rows: one column = ${widths}; its colours split its cycles by outcome (a failure is ${MIN_FAILURE_PX} px ` +
          `at least); event bars scale to the busiest column.`,
        { size: 10, fill: '#555', width: TIMELINE_WIDTH - 82 },
      );
      this.#y += 16;
    }
  }

  #stepList(): void {
    if (this.#steps.length === 0) return;
    this.#y += 4;
    this.#text(12, this.#y + 11, 'Steps that read or waited on an observation', { size: 11, weight: 'bold' });
    this.#y += 16;
    const listed = this.#steps.slice(0, MAX_LISTED_STEPS);
    for (const { number, span, outcome } of listed) {
      const status = outcome === 'timedOut' ? 'timed out' : span.status.toLowerCase();
      this.#shapes.push(`<rect x="12" y="${this.#y + 2}" width="11" height="11" fill="${TIMELINE_COLORS[outcome]}" stroke="#0003"/>`);
      this.#text(28, this.#y + 11, `${number}`, { size: 11, weight: 'bold' });
      this.#text(52, this.#y + 11, `${status} · ${formatMs(span.endedAt - span.startedAt)} · ${span.observation}`, {
        size: 11,
        fill: '#444',
        width: 230,
      });
      this.#text(290, this.#y + 11, span.text, { size: 11, fill: '#111', width: TIMELINE_WIDTH - 302 });
      this.#y += 15;
    }
    if (this.#steps.length > listed.length) {
      this.#text(28, this.#y + 11, `… ${plural(this.#steps.length - listed.length, 'more step')}`, { size: 11, fill: '#555' });
      this.#y += 15;
    }
  }

  #x(time: number): number {
    return LEFT + ((time - this.#from) / (this.#to - this.#from)) * PLOT_WIDTH;
  }

  #text(
    x: number,
    y: number,
    text: string,
    options: { size: number; weight?: string; fill?: string; anchor?: string; width?: number },
  ): void {
    const shown = options.width === undefined ? text : fitText(text, options.width, options.size);
    if (shown === '') return;
    const attributes = [
      `x="${px(x)}"`,
      `y="${px(y)}"`,
      `font-size="${options.size}"`,
      options.weight ? `font-weight="${options.weight}"` : '',
      options.fill ? `fill="${options.fill}"` : '',
      options.anchor ? `text-anchor="${options.anchor}"` : '',
    ].filter(Boolean);
    this.#labels.push(`<text ${attributes.join(' ')}>${escapeXml(shown)}</text>`);
  }
}

// One <path> per colour keeps a row of many small rectangles to a few bytes each.
class PathSet {
  readonly #paths = new Map<keyof typeof TIMELINE_COLORS, string[]>();

  rect(color: keyof typeof TIMELINE_COLORS, x: number, y: number, width: number, height: number): void {
    const list = this.#paths.get(color) ?? [];
    list.push(`M${px(x)} ${px(y)}h${px(width)}v${px(height)}h${px(-width)}z`);
    this.#paths.set(color, list);
  }

  render(): string {
    return [...this.#paths].map(([color, list]) => `<path fill="${TIMELINE_COLORS[color]}" d="${list.join('')}"/>`).join('');
  }
}

// Merges neighbouring columns drawn alike into one rectangle, so a long steady stretch costs one shape.
class BandSet {
  readonly #pxPerColumn: number;
  readonly #bands = new Map<keyof typeof TIMELINE_COLORS, Map<string, number[]>>();

  constructor(pxPerColumn: number) {
    this.#pxPerColumn = pxPerColumn;
  }

  add(color: keyof typeof TIMELINE_COLORS, column: number, top: number, height: number): void {
    const byShape = this.#bands.get(color) ?? new Map<string, number[]>();
    const key = `${top} ${height}`;
    const columns = byShape.get(key) ?? [];
    columns.push(column);
    byShape.set(key, columns);
    this.#bands.set(color, byShape);
  }

  render(left: number): string {
    const paths = new PathSet();
    for (const [color, byShape] of this.#bands) {
      for (const [key, columns] of byShape) {
        const [top, height] = key.split(' ').map(Number) as [number, number];
        columns.sort((a, b) => a - b);
        let start = columns[0]!;
        let previous = start;
        for (const column of [...columns.slice(1), Infinity]) {
          if (column === previous + 1) {
            previous = column;
            continue;
          }
          const x = start * this.#pxPerColumn;
          const width = Math.min((previous - start + 1) * this.#pxPerColumn, PLOT_WIDTH - x);
          paths.rect(color, left + x, top, width, height);
          start = column;
          previous = column;
        }
      }
    }
    return paths.render();
  }
}

interface CycleCounts {
  ok: number;
  poll: number;
  'source-refresh': number;
  batches: number;
  events: number;
}

function countCycles(cycles: readonly CycleReport[]): CycleCounts {
  const counts: CycleCounts = { ok: 0, poll: 0, 'source-refresh': 0, batches: 0, events: 0 };
  for (const cycle of cycles) {
    counts[cycle.failure ? cycle.failure.stage : 'ok'] += 1;
    if (cycle.eventCount > 0) counts.batches += 1;
    counts.events += cycle.eventCount;
  }
  return counts;
}

interface MessageGroup {
  readonly message: string;
  count: number;
  first: number;
  last: number;
}

function failureGroups(cycles: readonly CycleReport[]): (MessageGroup & { stage: ObservationFailureStage })[] {
  const groups = new Map<string, MessageGroup & { stage: ObservationFailureStage }>();
  for (const { cycle, failure } of cycles) {
    if (!failure) continue;
    const key = `${failure.stage}\n${failure.message}`;
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.last = cycle;
    } else {
      groups.set(key, { stage: failure.stage, message: failure.message, count: 1, first: cycle, last: cycle });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.first - b.first);
}

function sourceGroups(spans: readonly SourceFailureSpan[]): (MessageGroup & { source: string })[] {
  const groups = new Map<string, MessageGroup & { source: string }>();
  for (const span of spans) {
    const key = `${span.source}\n${span.message}`;
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.last = span.lastCycle;
    } else {
      groups.set(key, { source: span.source, message: span.message, count: 1, first: span.firstCycle, last: span.lastCycle });
    }
  }
  return [...groups.values()];
}

function numberSteps(spans: readonly StepSpan[]): NumberedStep[] {
  const numbers = new Map<string, number>();
  return [...spans]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((span) => {
      const key = `${span.startedAt}\n${span.text}`;
      const number = numbers.get(key) ?? numbers.size + 1;
      numbers.set(key, number);
      return { number, span, outcome: stepOutcome(span) };
    });
}

function stepOutcome(span: StepSpan): StepOutcome {
  if (span.timedOut) return 'timedOut';
  if (span.status === 'PASSED') return 'passed';
  if (span.status === 'FAILED') return 'failed';
  return 'otherStep';
}

function edgeTimes(cycles: readonly CycleReport[]): number[] {
  const first = cycles[0];
  const last = cycles[cycles.length - 1];
  return first && last ? [first.startedAt, last.endedAt] : [];
}

/** Escapes text for SVG content or attributes, replacing characters XML cannot hold so the image always parses. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function fitText(text: string, widthPx: number, fontSize: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const fits = Math.floor(widthPx / (fontSize * CHAR_WIDTH_EM));
  if (fits <= 0) return '';
  if (flat.length <= fits) return flat;
  return fits === 1 ? '…' : `${flat.slice(0, fits - 1)}…`;
}

function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1e-3)));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  return Math.max(step, 1);
}

/** A duration in the unit that reads best: "750 ms", "1.25 s", "2 min 5 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 120_000) return `${Math.round(ms / 10) / 100} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

function formatOffset(offset: number, step: number): string {
  if (step < 1000) return `${Math.round(offset)} ms`;
  if (step < 60_000) return `${Math.round(offset / 100) / 10} s`;
  return `${Math.round(offset / 6000) / 10} min`;
}

function formatClock(epochMs: number, withDate: boolean): string {
  const iso = new Date(epochMs).toISOString();
  return withDate ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}` : iso.slice(11, 23);
}
