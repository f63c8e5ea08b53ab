// Value tracks under an observation: for each wait that failed or came near its timeout, how the values it checked moved.
import { MISSING_VALUE } from '../../lib/track.js';
import { formatMs } from './format.js';
import { FONT_SIZES, INK, LEFT, LINE_HEIGHT, PLOT_WIDTH, ROW_GAP, TRACK_INK } from './layout.js';
import type { Sheet } from './sheet.js';
import { escapeXml, fitText, px, textWidth } from './svg.js';
import type { TimelineObservation, TrackedWait } from './types.js';

/** Most paths drawn per tracked wait, and most tracked waits drawn per observation. */
export const MAX_TRACK_PATHS = 4;
export const MAX_DRAWN_TRACKS = 6;
/** Height of a numeric track (a line) and of a band track (labelled stretches). */
const LINE_TRACK_HEIGHT = 44;
const BAND_TRACK_HEIGHT = 18;
/** Points of a line are marked while there are at most this many. */
const MARKED_POINTS_LIMIT = 60;
/** Narrowest band stretch that carries its value's text. */
const MIN_LABELLED_BAND_PX = 24;

/** Draws the value tracks of an observation's failed and near-timeout waits, and moves the pen under them. */
export function drawValueTracks(sheet: Sheet, observation: TimelineObservation): void {
  for (const [index, wait] of observation.trackedWaits.slice(0, MAX_DRAWN_TRACKS).entries()) drawTrackedWait(sheet, wait, index + 1);
  const hidden = observation.trackedWaits.length - MAX_DRAWN_TRACKS;
  if (hidden > 0) {
    sheet.text(LEFT, sheet.y + 11, `… ${hidden} more value track${hidden === 1 ? '' : 's'} not drawn`, { size: FONT_SIZES.note, fill: INK.muted });
    sheet.y += LINE_HEIGHT;
  }
}

function drawTrackedWait(sheet: Sheet, wait: TrackedWait, number: number): void {
  const { track } = wait;
  const outcome = wait.nearTimeout ? `passed near its timeout (${formatMs(wait.endedAt - wait.startedAt)} of ${formatMs(wait.timeoutMs)})` : outcomeWords(wait);
  const expected = track.expected === undefined ? '' : ` · expected: ${track.expected}`;
  const dropped = track.droppedSamples > 0 ? ` · ${track.droppedSamples} older cycles not kept` : '';
  const top = sheet.y;
  sheet.text(LEFT, sheet.y + 12, `value track ${number} · ${wait.awaited} · ${outcome}${expected}${dropped}`, {
    size: FONT_SIZES.note,
    weight: 'bold',
    fill: TRACK_INK.title,
    width: PLOT_WIDTH,
  });
  sheet.y += LINE_HEIGHT + 2;
  const paths = [...new Set(track.samples.flatMap((sample) => sample.values.map((value) => value.path)))];
  const parts: string[] = [];
  // The wait's own stretch of time, shaded under its rows.
  const spanLeft = plotX(sheet, wait.startedAt);
  const spanWidth = Math.max(1, plotX(sheet, wait.endedAt) - spanLeft);
  const rowsTop = sheet.y;
  for (const path of paths.slice(0, MAX_TRACK_PATHS)) {
    const points = track.samples.flatMap((sample) => {
      const found = sample.values.find((value) => value.path === path);
      return found === undefined ? [] : [{ at: sample.at, cycle: sample.cycle, value: found.value }];
    });
    // Numbers with gaps where the path found nothing are still a line; any other value makes the row bands.
    const present = points.filter((point) => point.value !== MISSING_VALUE);
    if (present.length > 0 && present.every((point) => typeof point.value === 'number')) parts.push(lineTrack(sheet, path, points, track.bound, wait));
    else parts.push(bandTrack(sheet, path, points, wait));
  }
  const shade = `<rect class="track-wait" x="${px(spanLeft)}" y="${px(rowsTop)}" width="${px(spanWidth)}" height="${px(sheet.y - rowsTop - ROW_GAP)}" fill="${TRACK_INK.waitSpan}"/>`;
  if (paths.length > MAX_TRACK_PATHS) {
    sheet.text(LEFT, sheet.y + 11, `… ${paths.length - MAX_TRACK_PATHS} more paths not drawn`, { size: FONT_SIZES.note, fill: INK.muted });
    sheet.y += LINE_HEIGHT;
  }
  sheet.shapes.push(`<g class="value-track" data-track="${number}" data-top="${px(top)}" data-height="${px(sheet.y - top)}">${shade}${parts.join('')}</g>`);
}

// A number per cycle, drawn as a line over the row's height, with the expected bound as a dashed line.
function lineTrack(
  sheet: Sheet,
  path: string,
  points: readonly { at: number; cycle: number; value: number | string }[],
  bound: number | undefined,
  wait: TrackedWait,
): string {
  const numbers = points.filter((point): point is { at: number; cycle: number; value: number } => typeof point.value === 'number');
  const values = numbers.map((point) => point.value);
  const all = bound === undefined ? values : [...values, bound];
  let low = Math.min(...all);
  let high = Math.max(...all);
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const top = sheet.y + 4;
  const height = LINE_TRACK_HEIGHT - 8;
  const y = (value: number): number => top + height - ((value - low) / (high - low)) * height;
  sheet.rowFrame(path, LINE_TRACK_HEIGHT, `${formatNumber(low)}–${formatNumber(high)}`);
  let markup = '';
  if (bound !== undefined) {
    // On a whole pixel and 2 px wide, so the dashes keep their exact colour rather than a blurred one.
    const boundY = Math.round(y(bound));
    markup += `<line class="track-bound" x1="${LEFT}" y1="${boundY}" x2="${LEFT + PLOT_WIDTH}" y2="${boundY}" stroke="${TRACK_INK.bound}" stroke-width="2" stroke-dasharray="6 3"/>`;
    sheet.text(LEFT + PLOT_WIDTH - 2, y(bound) - 2, `bound ${formatNumber(bound)}`, { size: FONT_SIZES.rowDetail, fill: TRACK_INK.bound, anchor: 'end' });
  }
  // Each value holds until the next cycle's: a step line, broken where the path found nothing, ending where the wait ended.
  let d = '';
  let drawing = false;
  for (const point of points) {
    const x = px(plotX(sheet, point.at));
    if (typeof point.value !== 'number') {
      if (drawing) d += `H${x}`;
      drawing = false;
      continue;
    }
    d += drawing ? `H${x}V${px(y(point.value))}` : `M${x} ${px(y(point.value))}`;
    drawing = true;
  }
  const lastPoint = points[points.length - 1];
  if (drawing && lastPoint) d += `H${px(Math.max(plotX(sheet, wait.endedAt), plotX(sheet, lastPoint.at)))}`;
  markup += `<path class="track-line" data-path="${escapeXml(path)}" d="${d}" fill="none" stroke="${TRACK_INK.line}" stroke-width="2"/>`;
  if (numbers.length <= MARKED_POINTS_LIMIT) {
    for (const point of numbers) markup += `<circle cx="${px(plotX(sheet, point.at))}" cy="${px(y(point.value))}" r="2.2" fill="${TRACK_INK.line}"/>`;
  }
  const last = numbers[numbers.length - 1];
  if (last) {
    // Right of the last point, or left of it when that would run past the plot.
    const label = `${formatNumber(last.value)} at cycle ${last.cycle}`;
    const x = plotX(sheet, last.at);
    const fitsRight = x + 4 + textWidth(label, FONT_SIZES.rowDetail) <= LEFT + PLOT_WIDTH;
    sheet.text(fitsRight ? x + 4 : x - 4, y(last.value) - 3, label, {
      size: FONT_SIZES.rowDetail,
      fill: TRACK_INK.line,
      anchor: fitsRight ? undefined : 'end',
    });
  }
  sheet.y += LINE_TRACK_HEIGHT + ROW_GAP;
  return markup;
}

// Values that are not all numbers: one band per stretch of cycles with the same value, labelled with it where it changes.
function bandTrack(sheet: Sheet, path: string, points: readonly { at: number; cycle: number; value: number | string }[], wait: TrackedWait): string {
  sheet.rowFrame(path, BAND_TRACK_HEIGHT);
  let markup = '';
  const stretches: { from: number; to: number; text: string }[] = [];
  for (const [index, point] of points.entries()) {
    const text = typeof point.value === 'number' ? formatNumber(point.value) : point.value;
    const next = points[index + 1];
    const to = next ? next.at : Math.max(wait.endedAt, point.at);
    const open = stretches[stretches.length - 1];
    if (open && open.text === text) open.to = to;
    else stretches.push({ from: point.at, to, text });
  }
  for (const [index, stretch] of stretches.entries()) {
    const left = plotX(sheet, stretch.from);
    const width = Math.max(2, plotX(sheet, stretch.to) - left);
    const fill = index % 2 === 0 ? TRACK_INK.bandA : TRACK_INK.bandB;
    markup += `<rect class="track-band" x="${px(left)}" y="${px(sheet.y)}" width="${px(width)}" height="${BAND_TRACK_HEIGHT}" fill="${fill}" stroke="${TRACK_INK.bandEdge}" stroke-width="0.6"><title>${escapeXml(stretch.text)}</title></rect>`;
    if (width >= MIN_LABELLED_BAND_PX) {
      const shown = fitText(stretch.text, width - 6, FONT_SIZES.troubleMessage);
      if (shown !== '') sheet.text(left + 3, sheet.y + 13, shown, { size: FONT_SIZES.troubleMessage, fill: INK.stepText });
    }
  }
  sheet.y += BAND_TRACK_HEIGHT + ROW_GAP;
  return markup;
}

// A sample read at the wait's start may come from a snapshot older than the chart's range: it starts at the plot's edge.
function plotX(sheet: Sheet, time: number): number {
  return Math.min(LEFT + PLOT_WIDTH, Math.max(LEFT, sheet.x(time)));
}

function outcomeWords(wait: TrackedWait): string {
  if (wait.outcome === 'timed-out') return `timed out after ${formatMs(wait.timeoutMs)}`;
  return `${wait.outcome} after ${formatMs(wait.endedAt - wait.startedAt)}`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}
