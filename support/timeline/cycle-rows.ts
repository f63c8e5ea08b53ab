// An observation's cycles row and events row: each cycle and batch drawn alone when few, counted per column when many.
import type { CycleReport } from '../../lib/index.js';
import { BandSet } from './bands.js';
import { formatMs } from './format.js';
import {
  CYCLES_PER_COLUMN,
  EVENT_BAR_PX,
  FONT_SIZES,
  INK,
  LEFT,
  MAX_COLUMN_PX,
  MIN_COLUMN_PX,
  MIN_CYCLE_PX,
  MIN_DENSE_EVENT_BAR_PX,
  MIN_EVENT_BAR_PX,
  MIN_FAILURE_PX,
  NUMBERED_CYCLE_LIMIT,
  PLACEHOLDER_INDENT,
  PLOT_WIDTH,
  ROW_GAP,
  ROW_HEIGHT,
  SPARSE_CYCLE_LIMIT,
  STAGES,
} from './layout.js';
import type { Sheet } from './sheet.js';
import { PathSet, textWidth } from './svg.js';
import type { TimelineObservation } from './types.js';

/** The cycles of one column of pixels, by outcome, and their events. */
interface Column {
  ok: number;
  poll: number;
  'source-refresh': number;
  events: number;
}

/** A dense observation's cycles counted per column (keyed by column index, in the order first met). */
interface Columns {
  readonly columns: Map<number, Column>;
  readonly pxPerColumn: number;
  readonly msPerColumn: number;
  readonly mostEvents: number;
}

/**
 * Draws the cycles row and the events row at the sheet's pen and moves it under them; returns the milliseconds per
 * column when the rows were counted per column.
 */
export function drawCycleRows(sheet: Sheet, observation: TimelineObservation): number | undefined {
  const columns = observation.cycles.length > SPARSE_CYCLE_LIMIT ? countColumns(sheet, observation) : undefined;
  sheet.rowFrame('cycles', ROW_HEIGHT, columns ? `per ${formatMs(columns.msPerColumn)}` : undefined);
  if (observation.cycles.length === 0) {
    sheet.text(LEFT + PLACEHOLDER_INDENT, sheet.y + 13, 'no cycle completed', { size: FONT_SIZES.placeholder, fill: INK.muted });
  } else if (columns) {
    denseCycles(sheet, columns);
  } else {
    sparseCycles(sheet, observation.cycles);
  }
  sheet.y += ROW_HEIGHT + ROW_GAP;

  sheet.rowFrame('events', ROW_HEIGHT, columns ? `max ${columns.mostEvents}` : undefined);
  if (columns) denseEvents(sheet, columns);
  else sparseEvents(sheet, observation.cycles);
  sheet.y += ROW_HEIGHT + ROW_GAP;
  return columns?.msPerColumn;
}

function sparseCycles(sheet: Sheet, cycles: readonly CycleReport[]): void {
  const paths = new PathSet();
  const numbered = cycles.length <= NUMBERED_CYCLE_LIMIT;
  let labelEnd = -Infinity;
  for (const cycle of cycles) {
    const left = sheet.x(cycle.startedAt);
    const width = Math.max(MIN_CYCLE_PX, sheet.x(cycle.endedAt) - left);
    paths.rect(cycle.failure ? cycle.failure.stage : 'ok', left, sheet.y, width, ROW_HEIGHT);
    if (!numbered) continue;
    const label = String(cycle.cycle);
    const labelWidth = textWidth(label, FONT_SIZES.cycleNumber);
    // Right of its tick, or left of it at the end of the plot.
    const labelX = left + width + 2 + labelWidth <= LEFT + PLOT_WIDTH ? left + width + 2 : left - 2 - labelWidth;
    if (labelX >= labelEnd) {
      sheet.text(labelX, sheet.y + 12, label, { size: FONT_SIZES.cycleNumber, fill: INK.muted });
      labelEnd = labelX + labelWidth + 4;
    }
  }
  sheet.shapes.push(paths.render());
}

function sparseEvents(sheet: Sheet, cycles: readonly CycleReport[]): void {
  let most = 0;
  for (const cycle of cycles) if (cycle.eventCount > most) most = cycle.eventCount;
  if (most === 0) {
    sheet.text(LEFT + PLACEHOLDER_INDENT, sheet.y + 13, 'no batch', { size: FONT_SIZES.placeholder, fill: INK.muted });
    return;
  }
  const paths = new PathSet();
  let labelEnd = -Infinity;
  for (const cycle of cycles) {
    if (!(cycle.eventCount > 0)) continue;
    const height = Math.max(MIN_EVENT_BAR_PX, Math.round((ROW_HEIGHT * cycle.eventCount) / most));
    const left = sheet.x(cycle.endedAt) - 1;
    paths.rect('events', left, sheet.y + ROW_HEIGHT - height, EVENT_BAR_PX, height);
    const label = String(cycle.eventCount);
    const nextX = left + 5 + textWidth(label, FONT_SIZES.eventCount);
    if (left + 5 >= labelEnd && nextX < LEFT + PLOT_WIDTH) {
      sheet.text(left + 5, sheet.y + 12, label, { size: FONT_SIZES.eventCount, fill: INK.eventCount });
      labelEnd = nextX + 3;
    }
  }
  sheet.shapes.push(paths.render());
}

// Columns are wide enough for a few cycles each at the observation's interval, so a steady run reads as one band.
function countColumns(sheet: Sheet, observation: TimelineObservation): Columns {
  const msPerPx = (sheet.range.to - sheet.range.from) / PLOT_WIDTH;
  const intervalPx = Math.min(...observation.intervalsMs) / msPerPx;
  const pxPerColumn = Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, Math.ceil(CYCLES_PER_COLUMN * intervalPx)));
  const lastColumn = Math.floor((PLOT_WIDTH - 1) / pxPerColumn);
  const columns = new Map<number, Column>();
  // This loop runs once per cycle, the rest of the drawing once per column: it inlines sheet.x (same arithmetic, so
  // the same columns) and looks a column up only when the cycles move on to another one.
  const { from, to } = sheet.range;
  const span = to - from;
  const { cycles } = observation;
  let index = NaN;
  let column: Column | undefined;
  for (let cycleIndex = 0; cycleIndex < cycles.length; cycleIndex += 1) {
    const cycle = cycles[cycleIndex]!;
    let at = Math.floor((LEFT + ((cycle.endedAt - from) / span) * PLOT_WIDTH - LEFT) / pxPerColumn);
    if (at > lastColumn) at = lastColumn;
    if (at !== index || !column) {
      index = at;
      column = columns.get(index);
      if (!column) {
        column = { ok: 0, poll: 0, 'source-refresh': 0, events: 0 };
        columns.set(index, column);
      }
    }
    if (cycle.failure) column[cycle.failure.stage] += 1;
    else column.ok += 1;
    column.events += cycle.eventCount;
  }
  let mostEvents = 0;
  for (const column of columns.values()) if (column.events > mostEvents) mostEvents = column.events;
  return { columns, pxPerColumn, msPerColumn: pxPerColumn * msPerPx, mostEvents };
}

function denseCycles(sheet: Sheet, { columns, pxPerColumn }: Columns): void {
  const bands = new BandSet(pxPerColumn);
  for (const [index, column] of columns) {
    const total = column.ok + column.poll + column['source-refresh'];
    let top = sheet.y;
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
  sheet.shapes.push(bands.render(LEFT));
}

function denseEvents(sheet: Sheet, { columns, pxPerColumn, mostEvents }: Columns): void {
  if (mostEvents === 0) {
    sheet.text(LEFT + PLACEHOLDER_INDENT, sheet.y + 13, 'no batch', { size: FONT_SIZES.placeholder, fill: INK.muted });
    return;
  }
  const bands = new BandSet(pxPerColumn);
  for (const [index, column] of columns) {
    if (column.events === 0) continue;
    const height = Math.max(MIN_DENSE_EVENT_BAR_PX, Math.round((ROW_HEIGHT * column.events) / mostEvents));
    bands.add('events', index, sheet.y + ROW_HEIGHT - height, height);
  }
  sheet.shapes.push(bands.render(LEFT));
}
