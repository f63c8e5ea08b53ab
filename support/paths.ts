// Paths into snapshot values ("leader.id", "nodes[0].up", 'data["a.b"]'), read through own properties only.
import { summarize } from '../lib/format.js';

/** Segments that would reach into prototypes; refused wherever they appear. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

export type PathSegment = string | number;

/** A path that could not be parsed or is refused; its message names the path and what is accepted. */
export class PathError extends Error {
  override readonly name = 'PathError';
}

const cache = new Map<string, readonly PathSegment[]>();

/**
 * Parses dot and bracket notation: `a.b`, `a[0]`, `a["key with.dots"]`, `a['k']`. The empty path and `$` mean
 * the whole value. Throws `PathError` for malformed paths and for `__proto__`, `prototype` or `constructor`.
 */
export function parsePath(path: string): readonly PathSegment[] {
  const known = cache.get(path);
  if (known) return known;
  const segments = parse(path);
  if (cache.size > 1000) cache.clear();
  cache.set(path, segments);
  return segments;
}

function parse(path: string): readonly PathSegment[] {
  if (typeof path !== 'string') throw new PathError(`path must be a string, got ${summarize(path)}`);
  const text = path.trim();
  if (text === '' || text === '$') return [];
  const segments: PathSegment[] = [];
  let i = text.startsWith('$') ? 1 : 0;
  let expectSegment = i === 0;
  const fail = (why: string): never => {
    throw new PathError(
      `invalid path "${path}": ${why}; expected dot and bracket notation such as leader.id, nodes[0].up or data["a.b"]`,
    );
  };
  while (i < text.length) {
    const char = text[i];
    if (char === '[') {
      const close = readBracket(text, i, fail);
      segments.push(close.segment);
      i = close.end;
      expectSegment = false;
    } else if (char === '.') {
      if (expectSegment) fail(`empty segment at character ${i + 1}`);
      i += 1;
      expectSegment = true;
      if (i >= text.length) fail('it ends with a dot');
    } else {
      if (!expectSegment) fail(`missing "." before "${text.slice(i)}"`);
      let end = i;
      while (end < text.length && text[end] !== '.' && text[end] !== '[') end += 1;
      const name = text.slice(i, end);
      if (/[\]"'\s]/.test(name)) fail(`unexpected character in "${name}"`);
      segments.push(name);
      i = end;
      expectSegment = false;
    }
  }
  for (const segment of segments) {
    if (typeof segment === 'string' && FORBIDDEN.has(segment)) {
      throw new PathError(`path "${path}" is refused: the segment "${segment}" could reach an object's prototype`);
    }
  }
  return segments;
}

function readBracket(text: string, start: number, fail: (why: string) => never): { segment: PathSegment; end: number } {
  const quote = text[start + 1];
  if (quote === '"' || quote === "'") {
    let i = start + 2;
    let key = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\' && i + 1 < text.length) i += 1;
      key += text[i];
      i += 1;
    }
    if (text[i] !== quote || text[i + 1] !== ']') fail(`unclosed bracket at character ${start + 1}`);
    return { segment: key, end: i + 2 };
  }
  const close = text.indexOf(']', start);
  if (close < 0) fail(`unclosed bracket at character ${start + 1}`);
  const inner = text.slice(start + 1, close).trim();
  if (!/^\d+$/.test(inner)) fail(`"[${inner}]" is neither an index nor a quoted key`);
  return { segment: Number(inner), end: close + 1 };
}

/** The result of reading a path: the value, or why it is not there. */
export type PathLookup = { readonly found: true; readonly value: unknown } | { readonly found: false; readonly reason: string };

/** Reads `path` from `root` through own properties (array items, Map entries), never touching a prototype. */
export function readPath(root: unknown, path: string): PathLookup {
  const segments = parsePath(path);
  let current = root;
  for (const [index, segment] of segments.entries()) {
    const at = index === 0 ? 'the snapshot' : `"${formatPath(segments.slice(0, index))}"`;
    const step = readSegment(current, segment, at);
    if (!step.found) return { found: false, reason: `path "${path}": ${step.reason}` };
    current = step.value;
  }
  return { found: true, value: current };
}

function readSegment(container: unknown, segment: PathSegment, at: string): PathLookup {
  if (container === null || container === undefined) {
    return { found: false, reason: `${at} is ${container}, so it has no ${describeSegment(segment)}` };
  }
  if (Array.isArray(container)) {
    const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : undefined;
    if (index !== undefined) {
      if (index < container.length) return { found: true, value: container[index] };
      return { found: false, reason: `${at} has ${container.length} item${container.length === 1 ? '' : 's'}, so there is no [${index}]` };
    }
    if (segment === 'length') return { found: true, value: container.length };
    return { found: false, reason: `${at} is an array; use an index such as [0], not ${describeSegment(segment)}` };
  }
  if (container instanceof Map) {
    if (container.has(segment)) return { found: true, value: container.get(segment) };
    if (container.has(String(segment))) return { found: true, value: container.get(String(segment)) };
    return { found: false, reason: `no ${describeSegment(segment)} in ${at} (keys there: ${listKeys([...container.keys()].map(String))})` };
  }
  if (typeof container !== 'object') {
    if (typeof container === 'string' && segment === 'length') return { found: true, value: container.length };
    return { found: false, reason: `${at} is ${typeof container} ${summarize(container, 60)}, so it has no ${describeSegment(segment)}` };
  }
  const key = String(segment);
  if (Object.hasOwn(container, key)) return { found: true, value: (container as Record<string, unknown>)[key] };
  return { found: false, reason: `no ${describeSegment(segment)} in ${at} (keys there: ${listKeys(Object.keys(container))})` };
}

function describeSegment(segment: PathSegment): string {
  return typeof segment === 'number' ? `[${segment}]` : `"${segment}"`;
}

function listKeys(keys: readonly string[]): string {
  if (keys.length === 0) return 'none';
  const shown = keys.slice(0, 20).join(', ');
  return keys.length > 20 ? `${shown}, … ${keys.length - 20} more` : shown;
}

/** Writes segments back in dot and bracket notation. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
