// Source helpers: named sources, the fixed-list provider, and the check every refreshed source list goes through.
import { summarize } from './format.js';
import type { ObservedSource, SourceProvider, SourceProviderLike } from './types.js';

/** Builds one named observation source. */
export function observedSource<S>(name: string, source: S): ObservedSource<S> {
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError(`observedSource name must be a non-empty string, got ${summarize(name)}`);
  }
  return Object.freeze({ name, source });
}

/** A provider that always returns the same sources. */
export class StaticSourceProvider<S> implements SourceProvider<S> {
  readonly #sources: readonly ObservedSource<S>[];

  constructor(sources: Iterable<ObservedSource<S>>) {
    this.#sources = Object.freeze([...sources]);
  }

  sources(): readonly ObservedSource<S>[] {
    return this.#sources;
  }
}

/** Accepts a provider object or a plain function and returns the function the runtime calls. */
export function toSourceFunction<S>(
  provider: SourceProviderLike<S>,
): (signal: AbortSignal) => readonly ObservedSource<S>[] | Promise<readonly ObservedSource<S>[]> {
  if (typeof provider === 'function') return provider;
  if (typeof provider === 'object' && provider !== null && typeof provider.sources === 'function') {
    return (signal) => provider.sources(signal);
  }
  throw new TypeError(`source provider must be an object with a sources(signal) method or a function (signal) => sources, got ${summarize(provider)}`);
}

/**
 * Checks what a provider returned: an array of `{ name, source }` with non-empty, distinct names.
 * Throws an Error that says which entry is wrong and what was expected.
 */
export function checkSources<S>(returned: unknown): readonly ObservedSource<S>[] {
  // Runs every cycle. Only a frozen list can have been verified: asking isFrozen first spares a list that is not (and
  // is checked anew each time) a WeakSet lookup, which costs more.
  if (Object.isFrozen(returned) && verified.has(returned as object)) return returned as readonly ObservedSource<S>[];
  if (!Array.isArray(returned)) {
    throw new TypeError(`source provider returned ${summarize(returned, 120)}, expected an array of { name, source }`);
  }
  // Runs every cycle: a plain loop, and a Map of names only for lists long enough to need one.
  const indexByName = returned.length > SMALL_LIST ? new Map<string, number>() : undefined;
  for (let index = 0; index < returned.length; index += 1) {
    const entry: unknown = returned[index];
    if (typeof entry !== 'object' || entry === null || !('name' in entry)) {
      throw new TypeError(`source provider returned ${summarize(entry, 120)} at index ${index}, expected { name, source }`);
    }
    const { name } = entry as { name: unknown };
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError(`source at index ${index} has name ${summarize(name, 120)}, expected a non-empty string`);
    }
    const earlier = indexByName ? indexByName.get(name) : earlierIndex(returned as readonly { name: unknown }[], name, index);
    if (earlier !== undefined) {
      throw new TypeError(`source name "${name}" is used twice, at index ${earlier} and ${index}; names must be distinct`);
    }
    indexByName?.set(name, index);
  }
  // A frozen list of frozen entries (StaticSourceProvider, observedSource) cannot change: checked once, not every cycle.
  if (Object.isFrozen(returned) && returned.every((entry) => Object.isFrozen(entry))) verified.add(returned);
  return returned as readonly ObservedSource<S>[];
}

const verified = new WeakSet<object>();

const SMALL_LIST = 16;

function earlierIndex(list: readonly { name: unknown }[], name: string, before: number): number | undefined {
  for (let index = 0; index < before; index += 1) if (list[index]!.name === name) return index;
  return undefined;
}
