// The time axis over the rows: round steps from the start, each with its grid line down to the chart's bottom.
import { formatOffset } from './format.js';
import { AXIS_TICKS, FONT_SIZES, INK, LEFT, PLOT_WIDTH } from './layout.js';
import type { Sheet } from './sheet.js';
import { escapeXml, px } from './svg.js';

/** The axis at `top` with grid lines down to `bottom`, as markup to go under every row. */
export function axisMarkup(sheet: Sheet, top: number, bottom: number): string {
  const { from, to } = sheet.range;
  const span = to - from;
  const step = niceStep(span / AXIS_TICKS);
  let markup = `<line x1="${LEFT}" y1="${top}" x2="${LEFT + PLOT_WIDTH}" y2="${top}" stroke="${INK.axis}"/>`;
  for (let offset = 0; offset <= span + 1e-9; offset += step) {
    const x = px(sheet.x(from + offset));
    markup +=
      `<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${bottom}" stroke="${INK.grid}"/>` +
      `<text x="${x}" y="${top - 7}" font-size="${FONT_SIZES.axis}" fill="${INK.muted}" text-anchor="${offset === 0 ? 'start' : 'middle'}">` +
      `${escapeXml(formatOffset(offset, step))}</text>`;
  }
  return markup + `<text x="${LEFT - 8}" y="${top - 7}" font-size="${FONT_SIZES.axis}" fill="${INK.muted}" text-anchor="end">time from start</text>`;
}

/** The round step (1, 2 or 5 times a power of ten, at least 1 ms) at or above `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1e-3)));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  return Math.max(step, 1);
}
