// Parses the Prometheus text exposition format into metric → labels → value, skipping unwanted metrics before their labels.

/**
 * Metrics by name. A sample without labels is the metric's number; samples with labels are an object keyed by their
 * label text as exposed (`code="200",method="GET"`). A metric with both keeps its unlabelled sample under `""`.
 */
export type PrometheusMetrics = Record<string, number | Record<string, number>>;

/** Tells whether a metric name is wanted: every name, or the listed names (a name ending in `*` is a prefix). */
export function metricFilter(names: readonly string[] | undefined): ((name: string) => boolean) | undefined {
  if (!names || names.length === 0) return undefined;
  const exact = new Set(names.filter((name) => !name.endsWith('*')));
  const prefixes = names.filter((name) => name.endsWith('*')).map((name) => name.slice(0, -1));
  if (prefixes.length === 0) return (name) => exact.has(name);
  return (name) => exact.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
}

const HASH = 35;
const SPACE = 32;
const TAB = 9;
const BRACE = 123;
const QUOTE = 34;
const BACKSLASH = 92;
const CLOSING_BRACE = 125;

/**
 * Parses exposition text. Comment lines (`# HELP`, `# TYPE`) and blank lines are skipped; a line that does not parse
 * throws, naming the line. Timestamps are ignored.
 */
export function parsePrometheusText(text: string, wanted?: (name: string) => boolean): PrometheusMetrics {
  const metrics: PrometheusMetrics = Object.create(null);
  const length = text.length;
  let start = 0;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    let first = start;
    while (first < end && (text.charCodeAt(first) === SPACE || text.charCodeAt(first) === TAB)) first += 1;
    if (first < end && text.charCodeAt(first) !== HASH) parseSample(text, first, end, metrics, wanted);
    start = end + 1;
  }
  return metrics;
}

function parseSample(text: string, start: number, end: number, metrics: PrometheusMetrics, wanted: ((name: string) => boolean) | undefined): void {
  let cursor = start;
  while (cursor < end) {
    const code = text.charCodeAt(cursor);
    if (code === BRACE || code === SPACE || code === TAB) break;
    cursor += 1;
  }
  const name = text.slice(start, cursor);
  if (wanted && !wanted(name)) return;
  let labels = '';
  if (text.charCodeAt(cursor) === BRACE) {
    const close = closingBrace(text, cursor + 1, end);
    if (close < 0) throw new SyntaxError(`unclosed labels in metrics line: ${text.slice(start, end)}`);
    labels = text.slice(cursor + 1, close);
    cursor = close + 1;
  }
  while (cursor < end && (text.charCodeAt(cursor) === SPACE || text.charCodeAt(cursor) === TAB)) cursor += 1;
  let valueEnd = cursor;
  while (valueEnd < end && text.charCodeAt(valueEnd) !== SPACE && text.charCodeAt(valueEnd) !== TAB && text.charCodeAt(valueEnd) !== 13) valueEnd += 1;
  const value = sampleValue(text.slice(cursor, valueEnd));
  if (name === '' || value === undefined) throw new SyntaxError(`not a metrics sample: ${text.slice(start, end)}`);
  const known = metrics[name];
  if (labels === '') {
    if (typeof known === 'object') known[''] = value;
    else metrics[name] = value;
    return;
  }
  if (known === undefined) metrics[name] = { [labels]: value };
  else if (typeof known === 'number') metrics[name] = { '': known, [labels]: value };
  else known[labels] = value;
}

function closingBrace(text: string, from: number, end: number): number {
  let quoted = false;
  for (let cursor = from; cursor < end; cursor += 1) {
    const code = text.charCodeAt(cursor);
    if (quoted) {
      if (code === BACKSLASH) cursor += 1;
      else if (code === QUOTE) quoted = false;
    } else if (code === QUOTE) quoted = true;
    else if (code === CLOSING_BRACE) return cursor;
  }
  return -1;
}

function sampleValue(word: string): number | undefined {
  if (word === '') return undefined;
  const value = Number(word);
  if (!Number.isNaN(value)) return value;
  switch (word) {
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    case 'NaN':
      return Number.NaN;
    default:
      return undefined;
  }
}
