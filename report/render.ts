// One report, three formats: Markdown for CI job summaries, JSON for tools, HTML for a browser.
import { reportDocument } from './document.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ObservationReport } from './model.js';
import type { ResolvedReportOptions } from './options.js';

export type ReportFormat = 'markdown' | 'json' | 'html';

export const REPORT_FORMATS: readonly ReportFormat[] = ['markdown', 'json', 'html'];

export function renderReport(report: ObservationReport, format: ReportFormat, options: ResolvedReportOptions): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const blocks = reportDocument(report, options);
  return format === 'html' ? renderHtml(blocks, options) : renderMarkdown(blocks, options);
}
