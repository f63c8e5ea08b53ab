// The legend under the chart: what each colour means, and how dense rows were counted.
import { formatMs } from './format.js';
import {
  ENTRY_GAP,
  FONT_SIZES,
  GROUP_GAP,
  INK,
  LEGEND_LEFT,
  LEGEND_LAST_LINE_HEIGHT,
  LEGEND_LINE_HEIGHT,
  LEGEND_NOTE_HEIGHT,
  MARGIN,
  MIN_FAILURE_PX,
  SWATCH_PX,
  SWATCH_ROOM,
  TIMELINE_COLORS,
  TIMELINE_WIDTH,
  TITLE_GAP,
} from './layout.js';
import type { Sheet } from './sheet.js';
import { px, textWidth } from './svg.js';

const ENTRIES: readonly (readonly [title: string, entries: readonly (readonly [label: string, color: string])[]])[] = [
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

/**
 * Draws the legend at the pen, wrapping its groups to the page's width, then (when some row was counted per column)
 * the column widths `denseColumnMs`, and moves the pen under it.
 */
export function drawLegend(sheet: Sheet, denseColumnMs: ReadonlySet<number>): void {
  const size = FONT_SIZES.legend;
  sheet.text(MARGIN, sheet.y + 11, 'Legend', { size, weight: 'bold' });
  let x = LEGEND_LEFT;
  for (const [title, entries] of ENTRIES) {
    const widths = entries.map(([label]) => SWATCH_ROOM + textWidth(label, size) + ENTRY_GAP);
    const width = textWidth(title, size) + TITLE_GAP + widths.reduce((sum, entry) => sum + entry, 0) + GROUP_GAP;
    if (x > LEGEND_LEFT && x + width > TIMELINE_WIDTH - MARGIN) {
      x = LEGEND_LEFT;
      sheet.y += LEGEND_LINE_HEIGHT;
    }
    sheet.text(x, sheet.y + 11, `${title}:`, { size, fill: INK.muted });
    x += textWidth(title, size) + TITLE_GAP;
    entries.forEach(([label, color], index) => {
      sheet.shapes.push(`<rect x="${px(x)}" y="${sheet.y + 2}" width="${SWATCH_PX}" height="${SWATCH_PX}" fill="${color}" stroke="${INK.swatchOutline}"/>`);
      sheet.text(x + SWATCH_ROOM, sheet.y + 11, label, { size, fill: INK.label });
      x += widths[index]!;
    });
    x += GROUP_GAP;
  }
  sheet.y += LEGEND_LAST_LINE_HEIGHT;
  if (denseColumnMs.size > 0) {
    const widths = [...denseColumnMs].map(formatMs).join(', ');
    sheet.text(
      LEGEND_LEFT,
      sheet.y + 10,
      `Dense rows: one column = ${widths}; its colours split its cycles by outcome (a failure is ${MIN_FAILURE_PX} px ` +
        `at least); event bars scale to the busiest column.`,
      { size: FONT_SIZES.legendNote, fill: INK.muted, width: TIMELINE_WIDTH - LEGEND_LEFT - MARGIN },
    );
    sheet.y += LEGEND_NOTE_HEIGHT;
  }
}
