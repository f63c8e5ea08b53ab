// Pictures of wait slack: an SVG strip per feature (each bounded wait a dot at its share of its timeout), and a text histogram.
import type { ObservationReport, WaitRow } from './model.js';

const WIDTH = 680;
const LABEL_WIDTH = 200;
const PLOT_LEFT = LABEL_WIDTH + 10;
const PLOT_RIGHT = WIDTH - 30;
const ROW_HEIGHT = 26;
const TOP = 44;
/** Most feature rows drawn; the rest share one last row. */
const MAX_CHART_ROWS = 24;

const COLORS = { ok: '#2e7d32', near: '#ef8f00', late: '#c62828' } as const;

function colorOf(wait: WaitRow): string {
  if (wait.outcome === 'timed-out') return COLORS.late;
  return wait.nearMiss ? COLORS.near : COLORS.ok;
}

function x(share: number): number {
  return PLOT_LEFT + Math.min(1, Math.max(0, share)) * (PLOT_RIGHT - PLOT_LEFT);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function label(text: string, max = 30): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** An SVG strip chart of every bounded wait's share of its timeout, one row per feature, the near-miss line dashed. */
export function slackChart(report: ObservationReport): string {
  const bounded = report.waits.filter((wait) => wait.kind === 'until');
  const uris = report.features.filter((feature) => bounded.some((wait) => wait.uri === feature.uri));
  const shown = uris.length > MAX_CHART_ROWS ? uris.slice(0, MAX_CHART_ROWS - 1) : uris;
  const rows: { name: string; waits: WaitRow[] }[] = shown.map((feature) => ({
    name: feature.feature || feature.uri,
    waits: bounded.filter((wait) => wait.uri === feature.uri),
  }));
  if (shown.length < uris.length) {
    const rest = new Set(uris.slice(shown.length).map((feature) => feature.uri));
    rows.push({ name: `${rest.size} more features`, waits: bounded.filter((wait) => rest.has(wait.uri)) });
  }
  const height = TOP + Math.max(1, rows.length) * ROW_HEIGHT + 44;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>Time used of each wait's timeout, per feature</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="18" font-size="13" font-weight="bold">Time used of each wait's timeout, per feature (${bounded.length} waits)</text>`,
  ];
  const bottom = TOP + Math.max(1, rows.length) * ROW_HEIGHT;
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${x(tick)}" y1="${TOP - 6}" x2="${x(tick)}" y2="${bottom}" stroke="#dddddd"/>`,
      `<text x="${x(tick)}" y="${TOP - 10}" text-anchor="middle" fill="#555555">${tick * 100} %</text>`,
    );
  }
  const threshold = x(report.options.nearMiss);
  parts.push(`<line x1="${threshold}" y1="${TOP - 6}" x2="${threshold}" y2="${bottom}" stroke="${COLORS.near}" stroke-dasharray="4 3"/>`);
  rows.forEach((row, index) => {
    const middle = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2;
    parts.push(`<text x="${LABEL_WIDTH}" y="${middle + 4}" text-anchor="end">${escapeXml(label(row.name))}</text>`);
    parts.push(`<line x1="${PLOT_LEFT}" y1="${middle}" x2="${PLOT_RIGHT}" y2="${middle}" stroke="#eeeeee"/>`);
    row.waits.forEach((wait, position) => {
      // A small fixed vertical offset per dot, so that waits of equal share stay visible side by side.
      const offset = ((position * 7) % 5) * 2.5 - 5;
      const share = wait.outcome === 'timed-out' ? 1 : wait.share;
      parts.push(`<circle cx="${x(share).toFixed(1)}" cy="${(middle + offset).toFixed(1)}" r="3.5" fill="${colorOf(wait)}" fill-opacity="0.75"/>`);
    });
  });
  if (rows.length === 0) parts.push(`<text x="${PLOT_LEFT}" y="${TOP + 16}" fill="#555555">no bounded wait in this run</text>`);
  const legend = bottom + 26;
  const items: [string, string][] = [
    [COLORS.ok, 'passed'],
    [COLORS.near, `near miss (≥ ${percent(report.options.nearMiss)})`],
    [COLORS.late, 'timed out'],
  ];
  let left = PLOT_LEFT;
  for (const [color, text] of items) {
    parts.push(`<circle cx="${left}" cy="${legend - 4}" r="4" fill="${color}"/>`, `<text x="${left + 9}" y="${legend}">${escapeXml(text)}</text>`);
    left += 30 + text.length * 7;
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The chart as a data: URI, for an <img> in Markdown or HTML. */
export function chartDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** A text histogram of bounded waits by share of their timeout, in tenths, with a row for the timed-out ones. */
export function textHistogram(report: ObservationReport, barWidth = 40): string {
  const bounded = report.waits.filter((wait) => wait.kind === 'until');
  const counts = new Array<number>(10).fill(0);
  let late = 0;
  for (const wait of bounded) {
    if (wait.outcome === 'timed-out') late += 1;
    else counts[Math.min(9, Math.floor(wait.share * 10))]! += 1;
  }
  const rows: [string, number][] = counts.map((count, tenth) => [`${String(tenth * 10).padStart(2)}–${tenth * 10 + 10} %`, count]);
  rows.push(['timed out', late]);
  const most = Math.max(1, ...rows.map(([, count]) => count));
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows
    .map(([name, count]) => {
      const bar = count === 0 ? '' : '█'.repeat(Math.max(1, Math.round((count / most) * barWidth)));
      return `${name.padStart(width)} │${bar} ${count}`.trimEnd();
    })
    .join('\n');
}

export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}
