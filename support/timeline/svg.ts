// SVG primitives of the timeline: escaping, coordinates, text fitted to its room, and rectangles merged into paths.
import { CHAR_WIDTH_EM, TIMELINE_COLORS, type TimelineColor } from './layout.js';

// Characters XML cannot hold (control characters, lone surrogates, non-characters), and those it must escape.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for SVG content or attributes, replacing characters XML cannot hold so the image always parses. */
export function escapeXml(text: string): string {
  return text.replace(UNSAFE, (unsafe) => ENTITIES[unsafe] ?? '\ufffd');
}

/** A coordinate or length to a tenth of a pixel. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** How wide `text` runs at `fontSize`, by a per-character estimate that errs on the wide side. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * CHAR_WIDTH_EM;
}

/** `text` on one line, cut with an ellipsis to fit `widthPx` at `fontSize`; empty when not even that fits. */
export function fitText(text: string, widthPx: number, fontSize: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const fits = Math.floor(widthPx / (fontSize * CHAR_WIDTH_EM));
  if (fits <= 0) return '';
  if (flat.length <= fits) return flat;
  return fits === 1 ? '…' : `${flat.slice(0, fits - 1)}…`;
}

/** How a text element looks; `width` cuts the text to that room. */
export interface TextOptions {
  readonly size: number;
  readonly weight?: string;
  readonly fill?: string;
  readonly anchor?: string;
  readonly width?: number;
}

/** A `<text>` element, escaped, or '' when its room holds nothing. */
export function textElement(x: number, y: number, text: string, options: TextOptions): string {
  const shown = options.width === undefined ? text : fitText(text, options.width, options.size);
  if (shown === '') return '';
  const weight = options.weight ? ` font-weight="${options.weight}"` : '';
  const fill = options.fill ? ` fill="${options.fill}"` : '';
  const anchor = options.anchor ? ` text-anchor="${options.anchor}"` : '';
  return `<text x="${px(x)}" y="${px(y)}" font-size="${options.size}"${weight}${fill}${anchor}>${escapeXml(shown)}</text>`;
}

/** Rectangles gathered by colour: one `<path>` per colour keeps a row of many small ones to a few bytes each. */
export class PathSet {
  readonly #paths = new Map<TimelineColor, string[]>();

  rect(color: TimelineColor, x: number, y: number, width: number, height: number): void {
    let list = this.#paths.get(color);
    if (!list) {
      list = [];
      this.#paths.set(color, list);
    }
    list.push(`M${px(x)} ${px(y)}h${px(width)}v${px(height)}h${px(-width)}z`);
  }

  render(): string {
    let markup = '';
    for (const [color, list] of this.#paths) markup += `<path fill="${TIMELINE_COLORS[color]}" d="${list.join('')}"/>`;
    return markup;
  }
}
