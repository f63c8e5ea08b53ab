// Renders the report's blocks as one self-contained HTML page, the chart inline.
import type { Block, Cell, Inline } from './document.js';
import type { ResolvedReportOptions } from './options.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function inline(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part);
  if ('code' in part) return `<code>${escapeHtml(part.code)}</code>`;
  return `<strong>${escapeHtml(part.strong)}</strong>`;
}

function cell(parts: Cell): string {
  return parts.map(inline).join('');
}

function block(item: Block): string {
  switch (item.kind) {
    case 'heading':
      return `<h${item.level}>${escapeHtml(item.text)}</h${item.level}>`;
    case 'paragraph':
      return `<p>${cell(item.parts)}</p>`;
    case 'list':
      return `<ul>${item.items.map((entry) => `<li>${cell(entry)}</li>`).join('')}</ul>`;
    case 'table': {
      const td = (index: number): string => (item.numeric.includes(index) ? '<td class="n">' : '<td>');
      return [
        '<table>',
        `<thead><tr>${item.headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr></thead>`,
        '<tbody>',
        ...item.rows.map((row) => `<tr>${row.map((parts, index) => `${td(index)}${cell(parts)}</td>`).join('')}</tr>`),
        '</tbody>',
        '</table>',
      ].join('\n');
    }
    case 'chart':
      return `<figure>${item.svg}</figure>`;
    case 'details':
      return `<details><summary>${escapeHtml(item.summary)}</summary>\n${item.blocks.map(block).join('\n')}\n</details>`;
  }
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328}table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}td.n{text-align:right;white-space:nowrap}
th{background:#f6f8fa}code{background:#f6f8fa;padding:0 3px;border-radius:3px}figure{margin:1em 0}`;

/** The report as an HTML page. */
export function renderHtml(blocks: readonly Block[], options: ResolvedReportOptions): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title><style>${STYLE}</style></head>`,
    '<body>',
    ...blocks.map(block),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
