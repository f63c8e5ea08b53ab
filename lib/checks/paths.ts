// Paths into snapshot values ("leader.id", "nodes[0].up", 'data["a.b"]', "nodes.*.height"), read through own properties only.
import { cut, listKeys, messageOf, summarize } from '../format.js';
import { checkJsonPath, explainEmpty, queryJsonPath } from './jsonpath.js';

/** Segments that would reach into prototypes; refused wherever they appear. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

export type PathSegment = string | number;

/** The `*` of a path pattern: every value of an object (own keys, in key order), an array or a Map at that point. */
export const WILDCARD: unique symbol = Symbol('*');

/** A segment of a path pattern: a key, an index, or the wildcard. */
export type PatternSegment = PathSegment | typeof WILDCARD;

/** A path that could not be parsed or is refused; its message names the path and what is accepted. */
export class PathError extends Error {
  override readonly name = 'PathError';
}

/**
 * Reading a value threw (a getter, a Proxy trap, a revoked Proxy): the message names the path being read and what was
 * thrown, `cause` is the thrown value. Steps add the observation and cycle.
 */
export class ValueReadError extends Error {
  override readonly name = 'ValueReadError';
  /** The path whose reading threw, in dot and bracket notation ("$" for the whole value). */
  readonly path: string;

  constructor(path: string, thrown: unknown) {
    super(`${quotePath(path)} could not be read: ${cut(messageOf(thrown), 300)}`, { cause: thrown });
    this.path = path;
  }
}

/**
 * Runs a check's verdict on the value at `path`, so that a read that throws inside it names the whole path: a
 * {@link ValueReadError} below that value gets `path` in front, anything else thrown is read as failing at `path`.
 */
export function judgedAt<T>(path: string, judge: () => T): T {
  try {
    return judge();
  } catch (error) {
    if (!(error instanceof ValueReadError)) throw new ValueReadError(path, error);
    if (path === '' || path === '$') throw error;
    const below = error.path === '' || error.path === '$' ? '' : error.path.startsWith('[') ? error.path : `.${error.path}`;
    throw new ValueReadError(`${path}${below}`, error.cause);
  }
}

/** Runs `read`, turning whatever it throws into a {@link ValueReadError} for the path `at()` names. */
export function guardedRead<T>(at: () => string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ValueReadError) throw error;
    throw new ValueReadError(at(), error);
  }
}

// Long paths (10,000 segments) stay readable in messages.
function quotePath(path: string): string {
  return path === '' || path === '$' ? 'the whole value' : `"${cut(path, 200)}"`;
}

const cache = new Map<string, readonly PatternSegment[]>();

/**
 * Parses a path pattern in dot and bracket notation: `a.b`, `a[0]`, `a["key with.dots"]`, `a['k']`, and `*` or `[*]`
 * for every value at that point (`nodes.*.height`, `members[*].up`; a key named `*` is written `["*"]`). The empty
 * path and `$` mean the whole value. Throws `PathError` for malformed paths and for `__proto__`, `prototype` or
 * `constructor`.
 */
export function parsePattern(path: string): readonly PatternSegment[] {
  const known = cache.get(path);
  if (known) return known;
  const segments = parse(path);
  if (cache.size > 1000) cache.clear();
  cache.set(path, segments);
  return segments;
}

/**
 * The most segments a path may have. Every walk over a path is a loop (never a recursion), linear in its length, so
 * the limit is about memory and time, not the stack: a longer path is refused when it is parsed, before any wait.
 */
export const MAX_PATH_SEGMENTS = 100_000;

/**
 * Checks that `pattern` is a path {@link selectPath} accepts: dot and bracket notation with `*`, or an RFC 9535
 * JSONPath query that starts with `$` (`$.members[?@.up == true].leader`). Throws a `PathError` naming the input and
 * what is wrong.
 */
export function checkPattern(pattern: string): void {
  jsonPathOrSegments(pattern);
}

/** Whether a path may select several values: it has a `*`, or it is a JSONPath query (filters, slices, `..`). */
export function hasWildcard(path: string): boolean {
  const parsed = jsonPathOrSegments(path);
  return parsed.kind === 'jsonpath' || parsed.segments.includes(WILDCARD);
}

type Parsed = { readonly kind: 'segments'; readonly segments: readonly PatternSegment[] } | { readonly kind: 'jsonpath'; readonly query: string };

// Dot and bracket notation first (it keeps messages that say what is missing, and reads Maps); what it cannot read
// and starts with "$" is an RFC 9535 JSONPath query.
function jsonPathOrSegments(pattern: string): Parsed {
  try {
    return { kind: 'segments', segments: parsePattern(pattern) };
  } catch (error) {
    if (!(error instanceof PathError) || typeof pattern !== 'string' || !pattern.trim().startsWith('$') || /^path .* is refused/.test(error.message))
      throw error;
    const query = pattern.trim();
    try {
      checkJsonPath(query);
    } catch (invalid) {
      if (error.message.includes('stands for the whole value')) throw error;
      throw new PathError(`invalid JSONPath "${cut(pattern, 200)}": ${messageOf(invalid)}; expected an RFC 9535 query such as $.members[?@.up == true].leader`);
    }
    return { kind: 'jsonpath', query };
  }
}

/**
 * Parses a path that names one value, as {@link parsePattern} does; a `*` is refused with a `PathError` saying that
 * this use needs one value.
 */
export function parsePath(path: string): readonly PathSegment[] {
  if (jsonPathOrSegments(path).kind === 'jsonpath') {
    throw new PathError(
      `path "${cut(path, 200)}" is a JSONPath query, which may select several values, but one value is needed here; ` +
        'name one value (nodes.n1.height), or say how many must pass: every, some, no, at least <n> of, at most <n> of, exactly <n> of',
    );
  }
  const segments = parsePattern(path);
  if (segments.includes(WILDCARD)) {
    throw new PathError(
      `path "${path}" selects several values (it has a "*"), but one value is needed here; ` +
        'name one value (nodes.n1.height), or say how many must pass: every, some, no, at least <n> of, at most <n> of, exactly <n> of',
    );
  }
  return segments as readonly PathSegment[];
}

function parse(path: string): readonly PatternSegment[] {
  if (typeof path !== 'string') throw new PathError(`path must be a string, got ${summarize(path)}`);
  const text = path.trim();
  if (text === '' || text === '$') return [];
  const segments: PatternSegment[] = [];
  let i = text.startsWith('$') ? 1 : 0;
  let expectSegment = i === 0;
  const fail = (why: string): never => {
    throw new PathError(`invalid path "${cut(path, 200)}": ${why}; expected dot and bracket notation such as leader.id, nodes[0].up or data["a.b"]`);
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
      if (!expectSegment && i === 1) {
        const name = /^[^.[]+/.exec(text.slice(1))?.[0] ?? '';
        fail(
          `"$" stands for the whole value, so "$${cut(name, 60)}" is not a key; for a key that starts with "$", write ['$${cut(name, 60)}'] (or ["$${cut(name, 60)}"])`,
        );
      }
      if (!expectSegment) fail(`missing "." before "${cut(text.slice(i), 80)}"`);
      let end = i;
      while (end < text.length && text[end] !== '.' && text[end] !== '[') end += 1;
      const name = text.slice(i, end);
      if (/[\]"'\s]/.test(name)) fail(`unexpected character in "${name}"`);
      if (name.includes('*') && name !== '*')
        fail(`"${name}" mixes "*" with other characters; "*" stands alone as a segment (write ["${name}"] for a key with a star)`);
      segments.push(name === '*' ? WILDCARD : name);
      i = end;
      expectSegment = false;
    }
    if (segments.length > MAX_PATH_SEGMENTS) fail(`it has more than ${MAX_PATH_SEGMENTS} segments, the most a path may have`);
  }
  for (const segment of segments) {
    if (typeof segment === 'string' && FORBIDDEN.has(segment)) {
      throw new PathError(`path "${path}" is refused: the segment "${segment}" could reach an object's prototype`);
    }
  }
  return segments;
}

function readBracket(text: string, start: number, fail: (why: string) => never): { segment: PatternSegment; end: number } {
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
  if (inner === '*') return { segment: WILDCARD, end: close + 1 };
  if (!/^\d+$/.test(inner)) {
    fail(
      `"[${cut(inner, 80)}]" is neither an index, a quoted key nor [*]${inner.startsWith('?') ? '; a filter needs a JSONPath query, which starts with "$" ($.members[?@.up == true])' : ''}`,
    );
  }
  return { segment: Number(inner), end: close + 1 };
}

/** The result of reading a path: the value, or why it is not there. */
export type PathLookup = { readonly found: true; readonly value: unknown } | { readonly found: false; readonly reason: string };

/**
 * Reads `path` from `root` through own properties (array items, Map entries), never touching a prototype. The path
 * names one value: a `*` is refused (use {@link selectPath}). Segments already parsed may be given instead of text.
 * `rootName` is what messages call the root ("the snapshot", "the event"). A read that throws (a getter, a Proxy)
 * throws a {@link ValueReadError} naming the path. Linear in the number of segments: the names of the places passed
 * are built only for a message.
 */
export function readPath(root: unknown, path: string | readonly PathSegment[], rootName = 'the snapshot'): PathLookup {
  const segments = typeof path === 'string' ? parsePath(path) : path;
  let current = root;
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index]!;
    const at = (): string => (index === 0 ? rootName : `"${cut(formatPath(segments.slice(0, index)), 200)}"`);
    const step = readSegment(current, segment, at, () => formatPath(segments.slice(0, index + 1)));
    if (!step.found) {
      const text = typeof path === 'string' ? path : formatPath(segments);
      return { found: false, reason: `path "${cut(text, 200)}": ${step.reason}` };
    }
    current = step.value;
  }
  return { found: true, value: current };
}

/** One value a path pattern selects: its concrete path, and the value or why it is missing. */
export type Selected =
  | { readonly path: string; readonly segments: readonly PathSegment[]; readonly present: true; readonly value: unknown }
  | { readonly path: string; readonly segments: readonly PathSegment[]; readonly present: false; readonly reason: string };

/** What a pattern selects: each value with its concrete path, and, when nothing is selected, why. */
export interface Selection {
  readonly items: readonly Selected[];
  /** Why a `*` found nothing to select (a missing or scalar value there); undefined when it selected some. */
  readonly emptyBecause?: string;
}

/**
 * Selects every value `pattern` names in `root`: one item for a path without `*`, present or missing; for a `*`, each
 * value at that point (own keys in key order, array items, Map entries), each keeping its concrete path
 * (`nodes.n2.height`). A value missing below a `*` is an item that is not present; a `*` over a missing or scalar
 * value selects nothing, and `emptyBecause` says why. A pattern that starts with `$` and is not plain dot and bracket
 * notation is an RFC 9535 JSONPath query (`$.members[?@.up == true].leader`): it selects only values that are there
 * (a member without `leader` is not selected), each with its concrete path (`members.e2.leader`), and an empty
 * selection says which segment matched nothing. A read that throws (a getter, a Proxy) throws a {@link ValueReadError}.
 * The walk is a loop, linear in the length of the path (no recursion, whatever the depth).
 */
export function selectPath(root: unknown, pattern: string): Selection {
  const parsed = jsonPathOrSegments(pattern);
  if (parsed.kind === 'jsonpath') return selectJsonPath(root, parsed.query);
  const segments = parsed.segments;
  const items: Selected[] = [];
  const reasons: string[] = [];
  walk(root, segments, items, reasons, pattern);
  return items.length === 0 && reasons.length > 0 ? { items, emptyBecause: reasons[0] } : { items };
}

function selectJsonPath(root: unknown, query: string): Selection {
  const found = guardedRead(
    () => '$',
    () => queryJsonPath(root, query),
  );
  const items = found.map(({ segments, value }): Selected => ({ path: formatPath(segments) || '$', segments, present: true, value }));
  if (items.length > 0) return { items };
  return {
    items,
    emptyBecause: guardedRead(
      () => '$',
      () => explainEmpty(root, query),
    ),
  };
}

// The concrete path walked so far, as a chain to its parent, so a step costs no copy of the segments before it.
interface Trail {
  readonly segment: PathSegment;
  readonly parent: Trail | undefined;
}

function segmentsOf(trail: Trail | undefined): PathSegment[] {
  const out: PathSegment[] = [];
  for (let at = trail; at !== undefined; at = at.parent) out.push(at.segment);
  return out.reverse();
}

// Depth-first, in key order, with an explicit stack: a path of any length walks without recursion.
function walk(root: unknown, pattern: readonly PatternSegment[], items: Selected[], reasons: string[], text: string): void {
  const stack: { value: unknown; index: number; trail: Trail | undefined }[] = [{ value: root, index: 0, trail: undefined }];
  while (stack.length > 0) {
    let { value: current, index, trail } = stack.pop()!;
    while (index < pattern.length) {
      const segment = pattern[index]!;
      const here = trail;
      const where = (): string => (here === undefined ? 'the snapshot' : `"${cut(formatPath(segmentsOf(here)), 200)}"`);
      if (segment === WILDCARD) {
        const children = guardedRead(
          () => formatPath(segmentsOf(here)) || '$',
          () => childrenOf(current),
        );
        if (children === undefined) reasons.push(`${where()} is ${describeValue(current)}, which has no values for "*" to select`);
        else if (children.length === 0) reasons.push(`${where()} is empty`);
        for (let child = (children?.length ?? 0) - 1; child >= 0; child -= 1) {
          const [key, value] = children![child]!;
          stack.push({ value, index: index + 1, trail: { segment: key, parent: here } });
        }
        break;
      }
      const step = readSegment(current, segment, where, () => formatPath([...segmentsOf(here), segment]));
      if (!step.found) {
        missing(pattern, index, segmentsOf(here), step.reason, items, reasons, text);
        break;
      }
      current = step.value;
      trail = { segment, parent: here };
      index += 1;
    }
    if (index === pattern.length) {
      const at = segmentsOf(trail);
      items.push({ path: formatPath(at) || '$', segments: at, present: true, value: current });
    }
  }
}

function missing(
  pattern: readonly PatternSegment[],
  index: number,
  at: PathSegment[],
  reason: string,
  items: Selected[],
  reasons: string[],
  text: string,
): void {
  const rest = pattern.slice(index);
  const shown = formatPattern([...at, ...rest]);
  if (pattern.slice(0, index).includes(WILDCARD)) {
    items.push({
      path: shown,
      segments: [...at, ...rest.filter((s): s is PathSegment => s !== WILDCARD)],
      present: false,
      reason: `path "${cut(shown, 200)}": ${reason}`,
    });
  } else if (rest.includes(WILDCARD)) {
    reasons.push(`path "${cut(text, 200)}": ${reason}`);
  } else {
    items.push({ path: shown, segments: [...at, ...(rest as PathSegment[])], present: false, reason: `path "${cut(text, 200)}": ${reason}` });
  }
}

function childrenOf(container: unknown): (readonly [PathSegment, unknown])[] | undefined {
  if (Array.isArray(container)) return container.map((item, index) => [index, item] as const);
  if (container instanceof Map) return [...container].map(([key, value]) => [String(key), value] as const);
  if (typeof container === 'object' && container !== null)
    return Object.keys(container).map((key) => [key, (container as Record<string, unknown>)[key]] as const);
  return undefined;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return `${typeof value} ${summarize(value, 60)}`;
}

// Reads one segment; `at` names the container and `here` the value read, both built only when a message needs them.
function readSegment(container: unknown, segment: PathSegment, at: () => string, here: () => string): PathLookup {
  return guardedRead(here, () => readOwn(container, segment, at));
}

function readOwn(container: unknown, segment: PathSegment, at: () => string): PathLookup {
  if (container === null || container === undefined) {
    return { found: false, reason: `${at()} is ${container}, so it has no ${describeSegment(segment)}` };
  }
  if (Array.isArray(container)) {
    const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : undefined;
    if (index !== undefined) {
      if (index < container.length) return { found: true, value: container[index] };
      return { found: false, reason: `${at()} has ${container.length} item${container.length === 1 ? '' : 's'}, so there is no [${index}]` };
    }
    if (segment === 'length') return { found: true, value: container.length };
    return { found: false, reason: `${at()} is an array; use an index such as [0], not ${describeSegment(segment)}` };
  }
  if (container instanceof Map) {
    if (container.has(segment)) return { found: true, value: container.get(segment) };
    if (container.has(String(segment))) return { found: true, value: container.get(String(segment)) };
    return { found: false, reason: `no ${describeSegment(segment)} in ${at()} (keys there: ${listKeys([...container.keys()].map(String))})` };
  }
  if (typeof container !== 'object') {
    if (typeof container === 'string' && segment === 'length') return { found: true, value: container.length };
    return { found: false, reason: `${at()} is ${typeof container} ${summarize(container, 60)}, so it has no ${describeSegment(segment)}` };
  }
  const key = String(segment);
  if (Object.hasOwn(container, key)) return { found: true, value: (container as Record<string, unknown>)[key] };
  return { found: false, reason: `no ${describeSegment(segment)} in ${at()} (keys there: ${listKeys(Object.keys(container))})` };
}

function describeSegment(segment: PathSegment): string {
  return typeof segment === 'number' ? `[${segment}]` : `"${cut(segment, 80)}"`;
}

/** `base` followed by `below` (both in dot and bracket notation; "" or "$" is the whole value). */
export function joinPaths(base: string | undefined, below: string): string {
  if (base === undefined || base === '' || base === '$') return below;
  if (below === '' || below === '$') return base;
  return below.startsWith('[') ? `${base}${below}` : `${base}.${below}`;
}

/** Writes segments back in dot and bracket notation. */
export function formatPath(segments: readonly PathSegment[]): string {
  return formatPattern(segments);
}

function formatPattern(segments: readonly PatternSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (segment === WILDCARD) out += out === '' ? '*' : '.*';
    else if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
