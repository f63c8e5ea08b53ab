// The observations a suite defines, checked at definition time so that mistakes fail before any scenario runs.
import { parse as parseTagExpression } from '@cucumber/tag-expressions';
import { resolveConfig } from '../lib/config.js';
import { ObservationRuntimeError } from '../lib/errors.js';
import { messageOf, summarize } from '../lib/format.js';
import type { AnyObserver } from '../lib/index.js';
import { isReportPolicy, REPORT_POLICIES } from './report-policy.js';
import { checkSourcesDefinition, type SourcesObserver } from '../sources/index.js';
import { builtInDefinition } from './defined-observation.js';
import type { ObservationDefinition, ObservationRef, SourcesObservationDefinition } from './types.js';
import { diagnosticOf } from './diagnostics.js';

/** A definition as registered, with its tag expression compiled. */
export interface RegisteredObservation {
  readonly name: string;
  readonly definition: ObservationDefinition;
  /** Whether it was declared by its sources (the built-in observer). */
  readonly builtIn: boolean;
  /** Whether it runs in a scenario with these tags. */
  readonly appliesTo: (tags: readonly string[]) => boolean;
}

const definitions = new Map<string, RegisteredObservation>();
// Read several times per scenario start: built once per definition, not per call.
let registered: readonly RegisteredObservation[] = [];
let names: readonly string[] = [];

/**
 * Defines a named observation that the plugin starts in each matching scenario (Before hook) and stops after it
 * (After hook). Call it from a support file, like a step definition. Returns a ref for typed handles.
 *
 * Either an observer of your own with its sources, or the sources alone (`{ sources: { e1: { kind: 'http', target } } }`)
 * for the built-in observer: see docs/sources.md.
 */
export function defineObservation<W, O extends AnyObserver>(name: string, definition: ObservationDefinition<W, O>): ObservationRef<O>;
export function defineObservation(name: string, definition: SourcesObservationDefinition): ObservationRef<SourcesObserver>;
export function defineObservation(name: string, definition: ObservationDefinition | SourcesObservationDefinition): ObservationRef {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new TypeError(`defineObservation: name must be letters, digits, "-" or "_", got ${summarize(name)}`);
  }
  if (definitions.has(name)) throw new TypeError(`defineObservation: an observation named "${name}" is already defined`);
  const where = `defineObservation("${name}")`;
  if (typeof definition !== 'object' || definition === null) {
    throw new TypeError(`${where}: the definition must be an object with sources (and an observer of your own, or none), got ${summarize(definition)}`);
  }
  const builtIn = definition.observer === undefined && typeof definition.sources === 'object' && definition.sources !== null;
  if (builtIn) {
    checkSourcesDefinition(definition as SourcesObservationDefinition, where);
  } else {
    if (typeof definition.observer !== 'function') {
      throw new TypeError(
        `${where}: observer must be a function (world) => a new observer, or absent with sources as an object of { name: { kind, target } }; got ${summarize(definition.observer)}`,
      );
    }
    if (typeof definition.sources !== 'function') {
      throw new TypeError(`${where}: sources must be a function (world, signal) => sources, got ${summarize(definition.sources)}`);
    }
  }
  if (definition.autoStart !== undefined && typeof definition.autoStart !== 'boolean') {
    throw new TypeError(`${where}: autoStart must be true or false, got ${summarize(definition.autoStart)}`);
  }
  if (definition.report !== undefined && !isReportPolicy(definition.report)) {
    const quoted = REPORT_POLICIES.map((policy) => `"${policy}"`);
    throw new TypeError(`${where}: report must be ${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}, got ${summarize(definition.report)}`);
  }
  if (definition.sourceFailures !== undefined && typeof definition.sourceFailures !== 'function') {
    throw new TypeError(`${where}: sourceFailures must be a function (snapshot) => { [source]: message }`);
  }
  if (Array.isArray(definition.diagnostics)) {
    for (const declaration of definition.diagnostics) diagnosticOf(declaration, `${where}: diagnostics`);
  } else if (definition.diagnostics !== undefined && typeof definition.diagnostics !== 'function') {
    throw new TypeError(`${where}: diagnostics must be a list of diagnostics or a function (world) => a list, got ${summarize(definition.diagnostics)}`);
  }
  try {
    resolveConfig(definition.config);
  } catch (error) {
    const reason = error instanceof ObservationRuntimeError ? error.message : messageOf(error);
    throw new TypeError(`${where}: invalid config: ${reason}`, { cause: error });
  }
  let appliesTo: (tags: readonly string[]) => boolean = () => true;
  if (definition.tags !== undefined) {
    if (typeof definition.tags !== 'string' || definition.tags.trim() === '') {
      throw new TypeError(`${where}: tags must be a tag expression such as "@cluster and not @slow", got ${summarize(definition.tags)}`);
    }
    try {
      const expression = parseTagExpression(definition.tags);
      appliesTo = (tags) => expression.evaluate([...tags]);
    } catch (error) {
      throw new TypeError(`${where}: invalid tag expression "${definition.tags}": ${messageOf(error)}`, { cause: error });
    }
  }
  const registeredDefinition = builtIn ? builtInDefinition(name, definition as SourcesObservationDefinition) : (definition as ObservationDefinition);
  definitions.set(name, { name, definition: registeredDefinition, builtIn, appliesTo });
  registered = Object.freeze([...definitions.values()]);
  names = Object.freeze([...definitions.keys()]);
  return Object.freeze({ name });
}

/** Every definition, in the order they were made. */
export function registeredObservations(): readonly RegisteredObservation[] {
  return registered;
}

/** Every defined name, in definition order. */
export function definedNames(): readonly string[] {
  return names;
}
