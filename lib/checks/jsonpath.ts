// RFC 9535 JSONPath queries ("$.members[?@.up == true].leader") through jsonpath-rfc9535, each result with its concrete path.
import { exec } from 'jsonpath-rfc9535';
import parseJsonPath from 'jsonpath-rfc9535/parser';
import { cut, listKeys, messageOf, summarize } from '../format.js';

/** One value a query selected and the keys and indices that lead to it. */
export interface Located {
  readonly segments: readonly (string | number)[];
  readonly value: unknown;
}

/** The longest JSONPath query accepted, in characters: the parser recurses into nested filters. */
export const MAX_JSONPATH_LENGTH = 10_000;

const valid = new Set<string>();

/** The most top-level segments of a query whose empty result is explained segment by segment. */
const MAX_EXPLAINED_SEGMENTS = 50;

/**
 * Checks that `query` is an RFC 9535 JSONPath query; throws an Error saying what is wrong (the parser's words and
 * the character where it stopped) otherwise.
 */
export function checkJsonPath(query: string): void {
  if (valid.has(query)) return;
  if (query.length > MAX_JSONPATH_LENGTH) throw new Error(`it has ${query.length} characters, more than the ${MAX_JSONPATH_LENGTH} a JSONPath query may have`);
  try {
    parseJsonPath(query);
  } catch (error) {
    if (error instanceof RangeError) throw new Error('it is nested too deeply for the JSONPath parser');
    const offset = (error as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    throw new Error(`${messageOf(error)}${typeof offset === 'number' ? ` (at character ${offset + 1})` : ''}`);
  }
  if (valid.size > 1000) valid.clear();
  valid.add(query);
}

/** Runs `query` (checked by {@link checkJsonPath}) on `root`: each selected value, in the order the RFC gives. */
export function queryJsonPath(root: unknown, query: string): Located[] {
  const found: Located[] = [];
  exec(root as never, query, (value, path) => {
    found.push({ segments: path, value });
  });
  return found;
}

/**
 * Why `query` selected nothing in `root`: the first segment after which nothing is left, and what it was applied to
 * ("the filter [?@.up == true] matched none of the 3 values of "$.members""). Splits the query at its top-level
 * segments only (brackets and quotes are matched, filters are not interpreted).
 */
export function explainEmpty(root: unknown, query: string): string {
  const segments = topLevelSegments(query);
  // Each prefix is one more query: past a few dozen segments, say only that nothing was selected.
  if (segments === undefined || segments.length > MAX_EXPLAINED_SEGMENTS) return `the JSONPath "${cut(query, 200)}" selected nothing`;
  let prefix = '$';
  let before: Located[] = [{ segments: [], value: root }];
  for (const segment of segments) {
    const next = `${prefix}${segment}`;
    const after = queryJsonPath(root, next);
    if (after.length === 0) return whyNothingAfter(prefix, before, segment.trim());
    prefix = next;
    before = after;
  }
  return `the JSONPath "${cut(query, 200)}" selected nothing`;
}

function whyNothingAfter(prefix: string, before: readonly Located[], segment: string): string {
  const at = `"${cut(prefix, 200)}"`;
  if (/^(\.\.)?\[\s*\?/.test(segment)) {
    const children = before.reduce((sum, { value }) => sum + childCount(value), 0);
    return `the filter ${cut(segment, 200)} matched none of the ${children} value${children === 1 ? '' : 's'} ${prefix === '$' ? 'of the snapshot' : `in ${at}`}`;
  }
  if (before.length === 1) {
    const [only] = before;
    const value = only!.value;
    const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? ` (keys there: ${listKeys(Object.keys(value))})` : '';
    return `${prefix === '$' ? 'the snapshot' : at} is ${describe(value)}, where ${cut(segment, 200)} selects nothing${keys}`;
  }
  return `${cut(segment, 200)} selects nothing in any of the ${before.length} values of ${at}`;
}

function childCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length;
  return 0;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return `${value === null ? 'null' : typeof value} ${summarize(value, 60)}`;
}

// The top-level segments of a valid query after "$": ".name", ".*", "..name", "[...]", "..[...]".
function topLevelSegments(query: string): string[] | undefined {
  const text = query.trim();
  if (!text.startsWith('$')) return undefined;
  const segments: string[] = [];
  let i = 1;
  while (i < text.length) {
    const start = i;
    while (i < text.length && /\s/.test(text[i]!)) i += 1;
    if (i >= text.length) break;
    if (text.startsWith('..', i)) i += 2;
    else if (text[i] === '.') i += 1;
    if (text[i] === '[') {
      const end = closingBracket(text, i);
      if (end === undefined) return undefined;
      i = end + 1;
    } else {
      const name = /^(\*|[^\s.[\]]+)/.exec(text.slice(i))?.[0];
      if (name === undefined) return undefined;
      i += name.length;
    }
    segments.push(text.slice(start, i));
  }
  return segments;
}

function closingBracket(text: string, open: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i += 1) {
    const char = text[i];
    if (quote !== undefined) {
      if (char === '\\') i += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[') depth += 1;
    else if (char === ']') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return undefined;
}
