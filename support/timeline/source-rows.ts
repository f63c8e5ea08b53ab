// The rows of per-source trouble under an observation: one per source that reported any, spans coloured and labelled.
import { groupBy } from '../../lib/group-by.js';
import { plural } from './format.js';
import {
  FONT_SIZES,
  INK,
  LEFT,
  MAX_SOURCE_ROWS,
  MIN_LABELLED_TROUBLE_PX,
  MIN_TROUBLE_PX,
  MORE_SOURCES_HEIGHT,
  SOURCE_ROW_GAP,
  SOURCE_ROW_HEIGHT,
} from './layout.js';
import type { Sheet } from './sheet.js';
import { PathSet } from './svg.js';
import type { TimelineObservation } from './types.js';

/** Draws a row per source with trouble (the first MAX_SOURCE_ROWS of them, the rest counted) and moves the pen under. */
export function drawSourceRows(sheet: Sheet, observation: TimelineObservation): void {
  const bySource = groupBy(observation.sourceFailures, (span) => span.source);
  let shown = 0;
  for (const [source, spans] of bySource) {
    if (shown === MAX_SOURCE_ROWS) break;
    shown += 1;
    sheet.rowFrame(`source ${source}`, SOURCE_ROW_HEIGHT);
    const paths = new PathSet();
    let drawnEnd = -Infinity;
    let labelEnd = -Infinity;
    for (const span of spans) {
      const left = Math.max(sheet.x(span.startedAt), drawnEnd);
      const right = Math.max(sheet.x(span.endedAt), left + MIN_TROUBLE_PX);
      if (right - left >= 1) paths.rect('sourceTrouble', left, sheet.y, right - left, SOURCE_ROW_HEIGHT);
      drawnEnd = right;
      if (right - left >= MIN_LABELLED_TROUBLE_PX && left >= labelEnd) {
        sheet.text(left + 3, sheet.y + 11, span.message, { size: FONT_SIZES.troubleMessage, fill: INK.onTrouble, width: right - left - 6 });
        labelEnd = right;
      }
    }
    sheet.shapes.push(paths.render());
    sheet.y += SOURCE_ROW_HEIGHT + SOURCE_ROW_GAP;
  }
  const hidden = bySource.size - shown;
  if (hidden > 0) {
    sheet.text(LEFT, sheet.y + 10, `… ${plural(hidden, 'more source')} with trouble not drawn`, { size: FONT_SIZES.moreSources, fill: INK.muted });
    sheet.y += MORE_SOURCES_HEIGHT;
  }
}
