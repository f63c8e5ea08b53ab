// The timeline as one SVG document: the title and time range, a block per observation, the axis, legend and step list.
import { STAGE_WORDS } from '../parse.js';
import { axisMarkup } from './axis.js';
import { drawCycleRows } from './cycle-rows.js';
import { formatClock, formatCount, formatMs, plural } from './format.js';
import { drawLegend } from './legend.js';
import {
  AXIS_GAP,
  AXIS_Y,
  BOTTOM_MARGIN,
  CHART_GAP,
  FONT,
  FONT_SIZES,
  INK,
  LEFT,
  MARGIN,
  NAME_GAP,
  NAME_LINE_HEIGHT,
  NAME_WIDTH,
  NO_OBSERVATION_HEIGHT,
  OBSERVATION_GAP,
  RANGE_Y,
  STAGES,
  TIMELINE_WIDTH,
  TITLE_Y,
} from './layout.js';
import { countCycles, numberSteps, timeRange } from './model.js';
import { drawNotes } from './notes.js';
import { Sheet } from './sheet.js';
import { drawSourceRows } from './source-rows.js';
import { drawStepList, drawStepRow } from './steps.js';
import { escapeXml, fitText, textWidth } from './svg.js';
import type { NumberedStep, TimelineInput, TimelineObservation } from './types.js';
import { drawValueTracks } from './value-tracks.js';

/**
 * Renders a timeline as a standalone SVG document: time runs left to right over the scenario; per observation a row
 * of cycles (coloured by outcome and failure stage), a row of batches with their event counts, a row per source that
 * reported trouble, and the spans of the steps that read or waited on it, numbered and listed with their text under
 * the chart, and the value tracks of waits that failed or came near their timeout. Dense rows are counted per column of pixels, so the size stays bounded whatever the number of cycles.
 * No scripts, no external references; every text is escaped.
 */
export function renderTimeline(input: TimelineInput): string {
  const sheet = new Sheet(timeRange(input));
  const steps = numberSteps(input.steps);
  const { scenario } = input;
  const pageText = TIMELINE_WIDTH - 2 * MARGIN;
  sheet.text(MARGIN, TITLE_Y, `Observation timeline · ${scenario}`, { size: FONT_SIZES.title, weight: 'bold', width: pageText });
  sheet.text(MARGIN, RANGE_Y, rangeLine(input, sheet), { size: FONT_SIZES.subtitle, fill: INK.summary, width: pageText });
  sheet.y = AXIS_Y + AXIS_GAP;
  const denseColumnMs = new Set<number>();
  for (const observation of input.observations) {
    const msPerColumn = drawObservation(sheet, observation, steps);
    if (msPerColumn !== undefined) denseColumnMs.add(msPerColumn);
  }
  if (input.observations.length === 0) {
    sheet.text(LEFT, sheet.y + 14, 'no observation ran in this scenario', { size: FONT_SIZES.subtitle, fill: INK.muted });
    sheet.y += NO_OBSERVATION_HEIGHT;
  }
  const grid = axisMarkup(sheet, AXIS_Y, sheet.y);
  sheet.y += CHART_GAP;
  drawLegend(sheet, denseColumnMs);
  drawStepList(sheet, steps);
  const height = Math.ceil(sheet.y + BOTTOM_MARGIN);
  const title = escapeXml(`Observation timeline of scenario ${scenario}`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${TIMELINE_WIDTH}" height="${height}" ` +
    `viewBox="0 0 ${TIMELINE_WIDTH} ${height}" font-family="${FONT}" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<rect width="${TIMELINE_WIDTH}" height="${height}" fill="${INK.background}"/>` +
    grid +
    sheet.shapes.join('') +
    sheet.labels.join('') +
    '</svg>'
  );
}

function rangeLine(input: TimelineInput, sheet: Sheet): string {
  const { from, to } = sheet.range;
  const intervals = [...new Set(input.observations.flatMap((observation) => observation.intervalsMs))];
  const interval = intervals.length > 0 ? ` · interval ${intervals.map(formatMs).join(', ')}` : '';
  return `${formatClock(from, true)} → ${formatClock(to, false)} UTC (${formatMs(to - from)})${interval}`;
}

/** One observation's block: its name and summary line, its rows and notes; returns the ms per column if dense. */
function drawObservation(sheet: Sheet, observation: TimelineObservation, steps: readonly NumberedStep[]): number | undefined {
  const counts = countCycles(observation.cycles);
  const stageCounts = STAGES.filter((stage) => counts[stage] > 0).map((stage) => `${formatCount(counts[stage])} failed at ${STAGE_WORDS[stage]}`);
  const dropped = observation.droppedCycles > 0 ? ` · ${observation.droppedCycles} older cycles not kept` : '';
  const summary =
    `interval ${observation.intervalsMs.map(formatMs).join(', ')} · ${plural(observation.cycles.length, 'cycle')}` +
    ` (${[`${formatCount(counts.ok)} ok`, ...stageCounts].join(', ')}) · ${plural(counts.batches, 'batch', 'batches')}, ` +
    `${plural(counts.events, 'event')}${dropped}`;
  const name = fitText(observation.name, NAME_WIDTH, FONT_SIZES.observationName);
  const nameWidth = textWidth(name, FONT_SIZES.observationName) + NAME_GAP;
  sheet.text(MARGIN, sheet.y + 13, name, { size: FONT_SIZES.observationName, weight: 'bold' });
  sheet.text(MARGIN + nameWidth, sheet.y + 13, summary, { size: FONT_SIZES.subtitle, fill: INK.summary, width: TIMELINE_WIDTH - 2 * MARGIN - nameWidth });
  sheet.y += NAME_LINE_HEIGHT;

  const msPerColumn = drawCycleRows(sheet, observation);
  drawSourceRows(sheet, observation);
  drawStepRow(
    sheet,
    steps.filter((step) => step.span.observation === observation.name),
  );
  drawValueTracks(sheet, observation);
  drawNotes(sheet, observation, counts);
  sheet.y += OBSERVATION_GAP;
  return msPerColumn;
}
