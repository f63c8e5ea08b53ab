// Renders the report's blocks as GitHub-flavoured Markdown, readable as it is in a CI job summary.
import { chartDataUri } from './chart.js';
import type { Block, Cell, Inline } from './document.js';
import type { ResolvedReportOptions } from './options.js';

// Text in Markdown: no stray HTML, no table breaks, no emphasis or links made of user text.
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : `\\${char}`)).replace(/\s*\n\s*/g, ' ');
}

function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function inline(part: Inline): string {
  if (typeof part === 'string') return escapeText(part);
  if ('code' in part) return code(part.code);
  return `**${escapeText(part.strong)}**`;
}

function cell(parts: Cell): string {
  return parts.map(inline).join('');
}

function block(item: Block, options: ResolvedReportOptions): string {
  switch (item.kind) {
    case 'heading':
      return `${'#'.repeat(item.level)} ${escapeText(item.text)}`;
    case 'paragraph':
      return cell(item.parts);
    case 'list':
      return item.items.map((entry) => `- ${cell(entry)}`).join('\n');
    case 'table': {
      const align = item.headers.map((_, index) => (item.numeric.includes(index) ? '---:' : '---'));
      return [`| ${item.headers.map(escapeText).join(' | ')} |`, `|${align.join('|')}|`, ...item.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join(
        '\n',
      );
    }
    case 'chart': {
      const image = options.svg ? `<img alt="Time used of each wait's timeout, per feature" src="${chartDataUri(item.svg)}">\n\n` : '';
      return `${image}\`\`\`text\nshare of the timeout used, bounded waits\n${item.text}\n\`\`\``;
    }
    case 'details':
      return `<details><summary>${escapeText(item.summary)}</summary>\n\n${item.blocks.map((inner) => block(inner, options)).join('\n\n')}\n\n</details>`;
  }
}

/** The report as Markdown. */
export function renderMarkdown(blocks: readonly Block[], options: ResolvedReportOptions): string {
  return `${blocks.map((item) => block(item, options)).join('\n\n')}\n`;
}
