// The one budgeted serializer: renders any value (hostile ones included) as text or as JSON, never walking past its budget or depth.
import { types } from 'node:util';

/** How deep anything that walks a user's value (render, compare, diff, paths) goes before it stops and says so. */
export const MAX_VALUE_DEPTH = 100;

/** The marker written where a value is nested deeper than {@link MAX_VALUE_DEPTH}. */
export const TOO_DEEP = `[nested deeper than ${MAX_VALUE_DEPTH} levels]`;

export interface SerializeOptions {
  /**
   * About how many characters the output may have: once reached, containers end with a marker saying how many items
   * are left ("… 9,990 more items") and strings with one saying how many characters ("… [49802 more characters]").
   * The walk stops there too, so the cost follows the budget, not the value's size.
   */
  readonly budget: number;
  /** Spaces per level for multi-line output (for diffs); 0 or absent: compact. */
  readonly indent?: number;
  /**
   * Strict JSON output (for the report's JSON summary): what JSON has no form for becomes a descriptive string
   * ("NaN", "10n", "[circular]"), a Map an object of its entries, a Set an array, a Date its ISO string.
   */
  readonly json?: boolean;
}

/**
 * Renders `value` within a budget. Never throws: a getter, `toJSON` or Proxy trap that throws is shown in place
 * (`[getter threw: …]`, `[unrenderable Foo]`), a cycle as `[circular]` (a value shared by two branches is shown in
 * both), and anything past {@link MAX_VALUE_DEPTH} levels as {@link TOO_DEEP}.
 */
export function serialize(value: unknown, options: SerializeOptions): string {
  const writer = new Writer(options);
  try {
    writer.value(value, 0);
  } catch (error) {
    // Only a bug in the walk itself gets here; the output so far is still worth showing.
    writer.raw(` [rendering stopped: ${briefThrown(error)}]`);
  }
  return writer.text();
}

/**
 * The description of a value that cannot be rendered whole, from what can be read without running its code: its type
 * or class, its own enumerable data properties (read through their descriptors, so no getter runs; methods left out;
 * cut as any value is, so they come last) and, when given, why the rest could not be
 * rendered: `[unrenderable Unprintable (toJSON threw: boom) {"code":"E43"}]`. A Proxy is only named: reading it runs its traps.
 */
export function describeUnrenderable(value: unknown, why?: string): string {
  if (typeof value !== 'object' && typeof value !== 'function') return `[unrenderable ${typeof value}]`;
  if (value === null) return 'null';
  const writer = new Writer({ budget: UNRENDERABLE_BUDGET });
  try {
    writer.unrenderable(value, why, 0);
  } catch {
    return fixedDescription(value);
  }
  return writer.text();
}

// About how many characters the own data of an unrenderable value gets when it is described on its own.
const UNRENDERABLE_BUDGET = 200;

function fixedDescription(value: object, why?: string): string {
  const reason = why === undefined ? '' : ` (${why})`;
  if (types.isProxy(value)) return `[unrenderable Proxy${typeof value === 'function' ? ' function' : ''}${reason}]`;
  return `[unrenderable ${className(value) ?? (typeof value === 'function' ? 'function' : 'object')}${reason}]`;
}

// Own enumerable data properties that are not methods, read through descriptors: no getter, toJSON or toString runs.
function ownData(value: object): (readonly [string, unknown])[] {
  if (types.isProxy(value)) return [];
  try {
    const entries: (readonly [string, unknown])[] = [];
    for (const key of Object.keys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor !== undefined && 'value' in descriptor && typeof descriptor.value !== 'function') entries.push([key, descriptor.value]);
    }
    return entries;
  } catch {
    return [];
  }
}

/** What was thrown, in a few words, without calling anything of the thrown value that could throw again. */
function briefThrown(thrown: unknown): string {
  try {
    if (typeof thrown === 'string') return thrown.length > 200 ? `${thrown.slice(0, 200)}…` : thrown;
    if (thrown instanceof Error) {
      const message = Object.getOwnPropertyDescriptor(thrown, 'message')?.value;
      if (typeof message === 'string') return message.length > 200 ? `${message.slice(0, 200)}…` : message;
    }
  } catch {
    // A revoked Proxy throws even on instanceof; it gets the fixed description below.
  }
  return typeof thrown === 'object' && thrown !== null ? fixedDescription(thrown) : describeUnrenderable(thrown);
}

// The class of an object when it is not a plain one; undefined for plain and null-prototype objects.
function className(value: object): string | undefined {
  try {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === null || prototype === Object.prototype) return undefined;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, 'constructor');
    const ctor: unknown = descriptor?.value;
    const name = typeof ctor === 'function' ? Object.getOwnPropertyDescriptor(ctor, 'name')?.value : undefined;
    return typeof name === 'string' && name !== '' && name !== 'Object' ? name : 'anonymous class';
  } catch {
    return undefined;
  }
}

const quote = (text: string): string => JSON.stringify(text);

class Writer {
  readonly #parts: string[] = [];
  #length = 0;
  readonly #budget: number;
  readonly #indent: number;
  readonly #json: boolean;
  // The objects being rendered, from the root down: a value met again among them is a cycle, elsewhere it is shared.
  readonly #ancestors = new Set<object>();

  constructor(options: SerializeOptions) {
    this.#budget = Math.max(1, options.budget);
    this.#indent = options.indent ?? 0;
    this.#json = options.json ?? false;
  }

  text(): string {
    return this.#parts.join('');
  }

  raw(text: string): void {
    this.#parts.push(text);
    this.#length += text.length;
  }

  get #full(): boolean {
    return this.#length >= this.#budget;
  }

  value(value: unknown, depth: number): void {
    switch (typeof value) {
      case 'string':
        return this.#string(value);
      case 'number':
        return this.raw(this.#number(value));
      case 'bigint':
        return this.raw(this.#json ? quote(`${value}n`) : `${value}n`);
      case 'boolean':
        return this.raw(String(value));
      case 'undefined':
        return this.raw(this.#json ? 'null' : 'undefined');
      case 'symbol':
        return this.raw(this.#json ? quote(value.toString()) : value.toString());
      case 'function':
        return this.#marker(this.#functionName(value));
      default:
        if (value === null) return this.raw('null');
        return this.#object(value as object, depth);
    }
  }

  #number(value: number): string {
    if (Number.isFinite(value)) return Object.is(value, -0) ? (this.#json ? '0' : '-0') : String(value);
    return this.#json ? quote(String(value)) : String(value);
  }

  #string(text: string): void {
    const room = Math.max(0, this.#budget - this.#length);
    // A cut must save more than its marker costs.
    if (text.length <= room + 24) return this.raw(quote(text));
    const marker = `… [${text.length - room} more characters]`;
    this.raw(quote(text.slice(0, room) + marker));
  }

  #marker(text: string): void {
    this.raw(this.#json ? quote(text) : text);
  }

  #functionName(fn: unknown): string {
    try {
      const name = Object.getOwnPropertyDescriptor(fn, 'name')?.value;
      return `[function ${typeof name === 'string' && name !== '' ? name : 'anonymous'}]`;
    } catch {
      return describeUnrenderable(fn);
    }
  }

  #object(value: object, depth: number): void {
    if (this.#ancestors.has(value)) return this.#marker('[circular]');
    if (depth >= MAX_VALUE_DEPTH) return this.#marker(TOO_DEEP);
    const start = this.#parts.length;
    const startLength = this.#length;
    this.#ancestors.add(value);
    try {
      this.#container(value, depth);
    } catch {
      // A trap or getter the safe paths did not expect threw: what was written of this value is replaced.
      this.#parts.length = start;
      this.#length = startLength;
      this.unrenderable(value, undefined, depth);
    } finally {
      this.#ancestors.delete(value);
    }
  }

  #container(value: object, depth: number): void {
    if (types.isProxy(value)) {
      // A Proxy's traps are the user's code: read it like any object, every read guarded below.
    } else if (value instanceof Date) {
      const time = Date.prototype.getTime.call(value);
      const iso = Number.isNaN(time) ? 'invalid' : new Date(time).toISOString();
      return this.#json ? this.raw(Number.isNaN(time) ? 'null' : quote(iso)) : this.raw(`Date ${iso}`);
    } else if (value instanceof Error) {
      return this.#marker(`${briefName(value)}: ${briefThrown(value)}`);
    } else if (value instanceof RegExp) {
      return this.#marker(RegExp.prototype.toString.call(value));
    } else if (value instanceof Map) {
      return this.#map(value, depth);
    } else if (value instanceof Set) {
      return this.#list(this.#json ? '' : `Set(${value.size}) `, '{', '}', value.size, value.values(), depth);
    } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const items = value as unknown as ArrayLike<unknown>;
      return this.#list(this.#json ? '' : `${className(value) ?? 'TypedArray'}(${items.length}) `, '[', ']', items.length, indexes(items), depth);
    }
    if (Array.isArray(value)) return this.#list('', '[', ']', value.length, indexes(value), depth);
    const json = ownFunction(value, 'toJSON');
    if (json) {
      let replaced: unknown;
      try {
        replaced = json.call(value, '');
      } catch (error) {
        return this.unrenderable(value, `toJSON threw: ${briefThrown(error)}`, depth);
      }
      return this.value(replaced, depth + 1);
    }
    this.#record(value, depth);
  }

  /**
   * Writes what can be read safely of a value that cannot be rendered whole (see {@link describeUnrenderable}); as
   * JSON, its data as an object with the description under the key "[unrenderable]".
   */
  unrenderable(value: object, why: string | undefined, depth: number): void {
    const data = ownData(value);
    const description = fixedDescription(value, why);
    if (data.length === 0) return this.#marker(description);
    const fresh = !this.#ancestors.has(value);
    if (fresh) this.#ancestors.add(value);
    try {
      if (this.#json) {
        const entries = [...data, ['[unrenderable]', description.slice(1, -1)] as const];
        return this.#entries(entries.length, entries.values(), depth, (key) => key as string);
      }
      this.raw(`${description.slice(0, -1)} `);
      this.#entries(data.length, data.values(), depth, (key) => key as string);
      this.raw(']');
    } finally {
      if (fresh) this.#ancestors.delete(value);
    }
  }

  #map(map: Map<unknown, unknown>, depth: number): void {
    const size = map.size;
    if (this.#json) {
      const entries = (function* () {
        for (const [key, item] of map) yield [key, item] as const;
      })();
      return this.#entries(size, entries, depth, (key) => (typeof key === 'string' ? key : serialize(key, { budget: 80 })));
    }
    const entries = map.entries();
    this.raw(`Map(${size}) {`);
    let shown = 0;
    for (const [key, item] of entries) {
      if (shown > 0) this.raw(this.#indent === 0 ? ', ' : ',');
      if (this.#full) {
        this.#newline(depth + 1);
        this.raw(`… ${more(size - shown, 'entry', 'entries')}`);
        shown = size;
        break;
      }
      this.#newline(depth + 1);
      this.value(key, depth + 1);
      this.raw(' => ');
      this.value(item, depth + 1);
      shown += 1;
    }
    if (shown > 0) this.#newline(depth);
    this.raw('}');
  }

  #list(prefix: string, open: string, close: string, size: number, items: Iterator<unknown>, depth: number): void {
    this.raw(this.#json ? '[' : `${prefix}${open}`);
    let shown = 0;
    for (let next = items.next(); !next.done; next = items.next()) {
      if (shown > 0) this.raw(this.#indent === 0 && open === '{' ? ', ' : ',');
      this.#newline(depth + 1);
      if (this.#full) {
        this.#marker(`… ${more(size - shown, 'item')}`);
        shown = size;
        break;
      }
      this.#item(next.value, depth + 1);
      shown += 1;
    }
    if (shown > 0) this.#newline(depth);
    this.raw(this.#json ? ']' : close);
  }

  #record(value: object, depth: number): void {
    const name = this.#json ? undefined : className(value);
    if (name !== undefined) this.raw(`${name} `);
    const keys = Object.keys(value);
    const entries = (function* () {
      for (const key of keys) yield [key, Getter.read(value, key)] as const;
    })();
    this.#entries(keys.length, entries, depth, (key) => key as string);
  }

  // Object-shaped output: `{"key":value,…}`, ending with a "… n more keys" marker once the budget is spent.
  #entries(size: number, entries: Iterator<readonly [unknown, unknown]>, depth: number, keyOf: (key: unknown) => string): void {
    this.raw('{');
    let shown = 0;
    const separator = this.#indent === 0 ? ':' : ': ';
    for (let next = entries.next(); !next.done; next = entries.next()) {
      const [key, item] = next.value;
      if (this.#json && (item === undefined || typeof item === 'function' || typeof item === 'symbol')) {
        size -= 1;
        continue;
      }
      if (shown > 0) this.raw(',');
      this.#newline(depth + 1);
      if (this.#full) {
        const rest = more(size - shown, 'key');
        this.raw(this.#json ? `${quote('…')}${separator}${quote(rest)}` : `… ${rest}`);
        shown = size;
        break;
      }
      this.#string(keyOf(key));
      this.raw(separator);
      this.#item(item, depth + 1);
      shown += 1;
    }
    if (shown > 0) this.#newline(depth);
    this.raw('}');
  }

  #item(item: unknown, depth: number): void {
    if (Getter.is(item)) this.#marker(`[getter threw: ${briefThrown(item.thrown)}]`);
    else this.value(item, depth);
  }

  #newline(depth: number): void {
    if (this.#indent > 0) this.raw(`\n${' '.repeat(this.#indent * depth)}`);
  }
}

// A property whose getter threw, so the rest of its object can still be shown.
class Getter {
  readonly #brand = true;

  constructor(readonly thrown: unknown) {}

  // Not instanceof, which asks a Proxy for its prototype (and a revoked one throws).
  static is(value: unknown): value is Getter {
    return typeof value === 'object' && value !== null && #brand in value;
  }

  static read(value: object, key: string): unknown {
    try {
      return (value as Record<string, unknown>)[key];
    } catch (error) {
      return new Getter(error);
    }
  }
}

function more(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} more ${count === 1 ? one : many}`;
}

function* indexes(items: ArrayLike<unknown>): Generator<unknown> {
  const length = items.length;
  for (let index = 0; index < length; index += 1) {
    yield Getter.read(items, String(index));
  }
}

function ownFunction(value: object, name: string): ((this: unknown, key: string) => unknown) | undefined {
  const candidate: unknown = (value as Record<string, unknown>)[name];
  return typeof candidate === 'function' ? (candidate as (this: unknown, key: string) => unknown) : undefined;
}

function briefName(error: Error): string {
  try {
    const name = error.name;
    return typeof name === 'string' && name !== '' ? name : 'Error';
  } catch {
    return 'Error';
  }
}
