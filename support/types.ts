// Public types of the Cucumber layer: observation definitions and the API the World mixin adds.
import type { AnyObserver, ObservationConfig, ObservationHandle, ObservedSource, SourceOf } from '../lib/index.js';
import type { SourcesDefinition } from '../sources/index.js';
import type { ReportPolicy } from './report-policy.js';
import type { DiagnosticDeclaration } from './diagnostics.js';

export type { ReportPolicy } from './report-policy.js';

/** Runtime options a definition, `--world-parameters`, a tag or a step may set (signal and clock are the plugin's). */
export type ScenarioObservationConfig = Omit<ObservationConfig, 'signal' | 'clock'>;

/** What every observation definition may set, whatever builds its observer. */
export interface ObservationDefinitionOptions<W = any> {
  /** Runtime options; `--world-parameters`, tags and steps override them. The plugin bounds start-up at 10 s unless set. */
  config?: ScenarioObservationConfig;
  /** A tag expression choosing the scenarios it runs in, such as '@cluster and not @offline'. Default: every scenario. */
  tags?: string;
  /** Start in the Before hook (default), or only when a step starts it. */
  autoStart?: boolean;
  /** When to attach its summary to the report; `--world-parameters` can override it. Default 'on-failure'. */
  report?: ReportPolicy;
  /**
   * Per-source trouble the snapshot records without failing the cycle (a node that did not answer), keyed by source
   * name; shown in the report's timeline. Return an empty object when all is well. A definition by sources has one
   * built in: every source that is down, with its error.
   */
  sourceFailures?: (snapshot: unknown) => Readonly<Record<string, string>>;
  /**
   * What to collect for the report when a scenario it runs in fails: `{ command }` (its output), `{ fileTail, lines }`,
   * `{ httpGet }`, or `{ name, collect }`; each bounded in time and size. A function gets the scenario's World.
   */
  diagnostics?: readonly DiagnosticDeclaration[] | ((world: W) => readonly DiagnosticDeclaration[]);
}

/** How one named observation is built for each scenario: an observer of your own and its sources. */
export interface ObservationDefinition<W = any, O extends AnyObserver = AnyObserver> extends ObservationDefinitionOptions<W> {
  /** Builds a fresh observer for each scenario (and each retry). */
  observer: (world: W) => O;
  /** The current sources; asked at start and before every cycle, so nodes started or restarted by steps are followed. */
  sources: (world: W, signal: AbortSignal) => readonly ObservedSource<SourceOf<O>>[] | Promise<readonly ObservedSource<SourceOf<O>>[]>;
}

/**
 * An observation declared by its sources alone (docs/sources.md): the built-in observer reads them each cycle into
 * `sources.<name> = { up, value, error, ms }` and publishes the declared events. No observer function.
 */
export interface SourcesObservationDefinition extends SourcesDefinition, ObservationDefinitionOptions {
  readonly observer?: undefined;
}

/** What `defineObservation` returns: its name, typed so that `world.observation(ref)` gives a typed handle. */
export interface ObservationRef<O extends AnyObserver = AnyObserver> {
  readonly name: string;
  /** Only carries the observer type; never set. */
  readonly __observer?: O;
}

/** The members `withObservation` adds to a World. */
export interface ObservationWorld {
  /**
   * The handle of a running observation: the named one, or the current one (the one selected by a step, else the
   * only one). Throws, listing the defined names, when the name is unknown, not running, or ambiguous.
   */
  observation<O extends AnyObserver = AnyObserver>(name?: string | ObservationRef<O>): ObservationHandle<O>;
  /** Starts a defined observation in this scenario (one with `autoStart: false`, or one stopped earlier). */
  startObservation<O extends AnyObserver = AnyObserver>(name?: string | ObservationRef<O>, config?: ScenarioObservationConfig): Promise<ObservationHandle<O>>;
  /** Stops an observation of this scenario; its last state stays in the report. */
  stopObservation(name?: string | ObservationRef): Promise<void>;
}
