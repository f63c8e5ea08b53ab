// The steps that read or waited on an observation: a row of numbered spans per observation, and the list under the chart.
import { formatMs, plural } from './format.js';
import {
  FONT_SIZES,
  INK,
  LINE_HEIGHT,
  LIST_GAP,
  LIST_NUMBER_X,
  LIST_STATUS_WIDTH,
  LIST_STATUS_X,
  LIST_TEXT_X,
  LIST_TITLE_HEIGHT,
  MARGIN,
  MAX_LISTED_STEPS,
  MIN_STEP_PX,
  MIN_STEP_TEXT_PX,
  NUMBERS_BELOW_GAP,
  ROW_GAP,
  ROW_HEIGHT,
  STEP_STROKE_WIDTH,
  STEP_STROKES,
  SWATCH_PX,
  TIMELINE_COLORS,
  TIMELINE_WIDTH,
} from './layout.js';
import type { Sheet } from './sheet.js';
import { px, textWidth } from './svg.js';
import type { NumberedStep } from './types.js';

/** Draws the spans of `steps` (one observation's) as a row, numbered, and moves the pen under it. */
export function drawStepRow(sheet: Sheet, steps: readonly NumberedStep[]): void {
  if (steps.length === 0) return;
  sheet.rowFrame('steps', ROW_HEIGHT);
  let insideEnd = -Infinity;
  let belowEnd = -Infinity;
  let labelsBelow = false;
  for (const { number, span, outcome } of steps) {
    const left = sheet.x(span.startedAt);
    const width = Math.max(MIN_STEP_PX, sheet.x(span.endedAt) - left);
    sheet.shapes.push(
      `<rect x="${px(left)}" y="${sheet.y}" width="${px(width)}" height="${ROW_HEIGHT}" fill="${TIMELINE_COLORS[outcome]}" ` +
        `stroke="${STEP_STROKES[outcome]}" stroke-width="${STEP_STROKE_WIDTH}"/>`,
    );
    const numberWidth = textWidth(String(number), FONT_SIZES.stepNumber);
    if (width >= numberWidth + 5 && left + 2 >= insideEnd) {
      const label = width >= MIN_STEP_TEXT_PX ? `${number} ${span.text}` : String(number);
      sheet.text(left + 2, sheet.y + 13, label, { size: FONT_SIZES.stepNumber, weight: 'bold', fill: INK.onStep, width: width - 4 });
      insideEnd = left + width;
      continue;
    }
    // Too narrow for its number: it goes under the row, centred on the step, unless it would run into another.
    const center = left + width / 2;
    const belowWidth = textWidth(String(number), FONT_SIZES.numberBelow);
    if (center - belowWidth / 2 >= belowEnd) {
      sheet.labels.push(
        `<text x="${px(center)}" y="${px(sheet.y + ROW_HEIGHT + 9)}" font-size="${FONT_SIZES.numberBelow}" font-weight="bold" text-anchor="middle">${number}</text>`,
      );
      belowEnd = center + belowWidth / 2 + 3;
      labelsBelow = true;
    }
  }
  sheet.y += ROW_HEIGHT + (labelsBelow ? NUMBERS_BELOW_GAP : ROW_GAP);
}

/** Lists the first MAX_LISTED_STEPS steps with their number, status, duration, observation and text. */
export function drawStepList(sheet: Sheet, steps: readonly NumberedStep[]): void {
  if (steps.length === 0) return;
  sheet.y += LIST_GAP;
  sheet.text(MARGIN, sheet.y + 11, 'Steps that read or waited on an observation', { size: FONT_SIZES.list, weight: 'bold' });
  sheet.y += LIST_TITLE_HEIGHT;
  const listed = Math.min(steps.length, MAX_LISTED_STEPS);
  for (let index = 0; index < listed; index += 1) {
    const { number, span, outcome } = steps[index]!;
    const status = outcome === 'timedOut' ? 'timed out' : span.status.toLowerCase();
    sheet.shapes.push(
      `<rect x="${MARGIN}" y="${sheet.y + 2}" width="${SWATCH_PX}" height="${SWATCH_PX}" fill="${TIMELINE_COLORS[outcome]}" stroke="${INK.swatchOutline}"/>`,
    );
    sheet.text(LIST_NUMBER_X, sheet.y + 11, `${number}`, { size: FONT_SIZES.list, weight: 'bold' });
    sheet.text(LIST_STATUS_X, sheet.y + 11, `${status} · ${formatMs(span.endedAt - span.startedAt)} · ${span.observation}`, {
      size: FONT_SIZES.list,
      fill: INK.stepStatus,
      width: LIST_STATUS_WIDTH,
    });
    sheet.text(LIST_TEXT_X, sheet.y + 11, span.text, { size: FONT_SIZES.list, fill: INK.stepText, width: TIMELINE_WIDTH - LIST_TEXT_X - MARGIN });
    sheet.y += LINE_HEIGHT;
  }
  if (steps.length > listed) {
    sheet.text(LIST_NUMBER_X, sheet.y + 11, `… ${plural(steps.length - listed, 'more step')}`, { size: FONT_SIZES.list, fill: INK.muted });
    sheet.y += LINE_HEIGHT;
  }
}
