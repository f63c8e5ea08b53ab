// The page being drawn: shapes under labels, a pen moving down the rows, and the time scale along the plot.
import { DETAIL_GAP, FONT_SIZES, INK, LABEL_GAP, LABEL_ROOM_MARGIN, LARGE_LABEL_ROW, LEFT, PLOT_WIDTH, ROW_DETAIL_WIDTH } from './layout.js';
import { escapeXml, fitText, px, textElement, textWidth, type TextOptions } from './svg.js';
import type { TimeRange } from './types.js';

/** Collects the timeline's shapes and labels (drawn over the shapes) while the rows are laid out top to bottom. */
export class Sheet {
  readonly shapes: string[] = [];
  readonly labels: string[] = [];
  /** Top of the next row. */
  y = 0;
  readonly range: TimeRange;

  constructor(range: TimeRange) {
    this.range = range;
  }

  /** Where `time` falls along the plot, in SVG pixels from the page's left. */
  x(time: number): number {
    return LEFT + ((time - this.range.from) / (this.range.to - this.range.from)) * PLOT_WIDTH;
  }

  text(x: number, y: number, text: string, options: TextOptions): void {
    const markup = textElement(x, y, text, options);
    if (markup !== '') this.labels.push(markup);
  }

  /** A row's background at the pen, labelled on its left, with an optional small detail before the label. */
  rowFrame(label: string, height: number, detail?: string): void {
    this.shapes.push(`<rect x="${LEFT}" y="${this.y}" width="${PLOT_WIDTH}" height="${height}" fill="${INK.rowBackground}"/>`);
    const size = height > LARGE_LABEL_ROW ? FONT_SIZES.rowLabel : FONT_SIZES.smallRowLabel;
    const shownDetail = detail ? fitText(detail, ROW_DETAIL_WIDTH, FONT_SIZES.rowDetail) : '';
    const room = LEFT - LABEL_ROOM_MARGIN - textWidth(shownDetail, FONT_SIZES.rowDetail) - (shownDetail ? DETAIL_GAP : 0);
    const shownLabel = fitText(label, room, size);
    const detailSpan = shownDetail ? `<tspan font-size="${FONT_SIZES.rowDetail}" fill="${INK.detail}">${escapeXml(shownDetail)} </tspan>` : '';
    this.labels.push(
      `<text x="${LEFT - LABEL_GAP}" y="${px(this.y + height - 4)}" font-size="${size}" fill="${INK.label}" text-anchor="end">` +
        `${detailSpan}${escapeXml(shownLabel)}</text>`,
    );
  }
}
