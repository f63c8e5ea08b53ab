// A definition by sources made into an ordinary one: the built-in observer per scenario, its readers as the sources.
import { type SourceReading, type SourceSpec, SourcesObserver, type SourcesSnapshot, valueAt } from '../sources/index.js';
import { processesOf } from './processes.js';
import type { ObservationDefinition, SourcesObservationDefinition } from './types.js';

// Per World: the running built-in observers by observation name, and the sources a step added.
const observers = new WeakMap<object, Map<string, SourcesObserver>>();
const addedSources = new WeakMap<object, Map<string, Record<string, SourceSpec>>>();

/** Adds sources to a built-in observation for this scenario only (the Gherkin table); they count from its next start. */
export function addScenarioSources(world: object, name: string, sources: Readonly<Record<string, SourceSpec>>): void {
  const byName = addedSources.get(world) ?? new Map<string, Record<string, SourceSpec>>();
  addedSources.set(world, byName);
  byName.set(name, { ...byName.get(name), ...sources });
}

/** The ordinary definition a definition by sources stands for. */
export function builtInDefinition(name: string, definition: SourcesObservationDefinition): ObservationDefinition<object, SourcesObserver> {
  const { config, tags, autoStart, report, sourceFailures = downSources } = definition;
  return {
    observer(world) {
      const added = addedSources.get(world)?.get(name);
      const sources = added ? { ...definition.sources, ...added } : definition.sources;
      const observer = new SourcesObserver({ ...definition, sources }, { processes: () => processesOf(world), where: `observation "${name}"` });
      const byName = observers.get(world) ?? new Map<string, SourcesObserver>();
      observers.set(world, byName);
      byName.set(name, observer);
      return observer;
    },
    sources: (world) => observers.get(world)!.get(name)!.sources(),
    config,
    tags,
    autoStart,
    report,
    sourceFailures,
  };
}

/** Every source that is down, with its error: the timeline's per-source rows. */
function downSources(snapshot: unknown): Record<string, string> {
  const failures: Record<string, string> = {};
  const { sources, down = [] } = (snapshot as Partial<SourcesSnapshot> | undefined) ?? {};
  for (const name of down) failures[name] = (valueAt(sources, name) as SourceReading | undefined)?.error ?? 'down';
  return failures;
}
