// One scenario's observations: which apply, starting and stopping them, finding the current one; the recorder keeps the rest.
import { messageOf } from '../lib/format.js';
import { ObservationRuntime } from '../lib/runtime.js';
import type { AnyObserver, ObservationHandle } from '../lib/index.js';
import { layerOptions, listNames, NO_OBSERVATION_TAG, tagLayer, worldParameterLayer, type OptionLayer } from './config.js';
import { definedNames, registeredObservations, type RegisteredObservation } from './registry.js';
import { ScenarioRecorder, type RunRecord, type StepSpan, type StoppedBy } from './recorder.js';
import type { WaitLog } from './wait-log.js';

export type { SourceFailureSpan, StepSpan } from './recorder.js';

/** One run of an observation in a scenario (a step may stop and start it again): its record and its runtime. */
export interface ObservationRun extends RunRecord {
  readonly registered: RegisteredObservation;
  readonly runtime: ObservationRuntime<AnyObserver>;
  stoppedBy: StoppedBy | undefined;
  /** Stops recording; called once the runtime stopped. */
  detach(): void;
}

/** Whether a run's runtime is still running (not yet stopped). */
export function isRunning(run: ObservationRun): boolean {
  return run.runtime.handle().status().running;
}

/** Runtimes of every scenario still running in this process: a safety net for AfterAll and leak checks. */
const liveRuntimes = new Set<ObservationRuntime<AnyObserver>>();

// Set once the process is ending under the scenarios (a --parallel worker whose coordinator went away): nothing may start.
let abandonedBecause: string | undefined;

/**
 * Stops every runtime of the process, rejecting their waits, and refuses every later start, saying `reason`:
 * for a process that must end now, such as a worker whose coordinator is gone.
 */
export async function abandonObservations(reason: string): Promise<number> {
  abandonedBecause = reason;
  return stopLiveRuntimes();
}

/** How many observation runtimes are running in this process right now. */
export function liveRuntimeCount(): number {
  return liveRuntimes.size;
}

/** Stops every runtime still running (the After hooks should have); returns how many there were. */
export async function stopLiveRuntimes(): Promise<number> {
  const left = [...liveRuntimes];
  await Promise.all(left.map((runtime) => runtime.stop()));
  return left.length;
}

export interface ScenarioContext {
  readonly world: unknown;
  readonly tags: readonly string[];
  readonly parameters: unknown;
  readonly scenarioName: string;
}

export class ScenarioObservations {
  readonly context: ScenarioContext;
  readonly disabled: boolean;
  /** Step spans and settled waits, for the report. */
  readonly recorder = new ScenarioRecorder();
  readonly #runs = new Map<string, ObservationRun[]>();
  // Start-ups in flight, each with the signal that aborts it: a step may time out while one runs, and the scenario end.
  readonly #starting = new Map<AbortController, Promise<void>>();
  #ended = false;
  #selected: string | undefined;

  constructor(context: ScenarioContext) {
    this.context = context;
    this.disabled = context.tags.includes(NO_OBSERVATION_TAG);
  }

  /** Definitions that run in this scenario (none under @no-observation). */
  applicable(): readonly RegisteredObservation[] {
    if (this.disabled) return [];
    return registeredObservations().filter((registered) => registered.appliesTo(this.context.tags));
  }

  /**
   * Starts every applicable auto-start observation; if one fails, stops the others and throws its error. Undefined
   * (nothing to wait for) when none applies, so that a hook can return at once.
   */
  startAutomatic(): Promise<void> | undefined {
    const automatic = this.applicable().filter((registered) => registered.definition.autoStart !== false);
    return automatic.length === 0 ? undefined : this.#startAll(automatic);
  }

  async #startAll(automatic: readonly RegisteredObservation[]): Promise<void> {
    const results = await Promise.allSettled(automatic.map((registered) => this.start(registered.name)));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) {
      await this.stopAll('after-hook');
      throw failure.reason;
    }
  }

  /** Starts (or restarts) one observation, with a step's options as the top layer. */
  async start(name: string, stepLayer?: OptionLayer): Promise<ObservationHandle<AnyObserver>> {
    if (this.#ended) throw new Error(`observation "${name}" cannot start: its scenario has ended`);
    if (abandonedBecause !== undefined) throw new Error(`observation "${name}" cannot start: ${abandonedBecause}`);
    const aborter = new AbortController();
    const starting = this.#start(name, stepLayer, aborter.signal);
    this.#starting.set(
      aborter,
      starting.then(
        () => undefined,
        () => undefined,
      ),
    );
    try {
      return await starting;
    } finally {
      this.#starting.delete(aborter);
    }
  }

  async #start(name: string, stepLayer: OptionLayer | undefined, abortStart: AbortSignal): Promise<ObservationHandle<AnyObserver>> {
    const registered = this.assertApplicable(name);
    const current = this.#currentRun(name);
    if (current && isRunning(current)) {
      throw new Error(`observation "${name}" is already running in this scenario; stop it first to start it with new options`);
    }
    const names = definedNames();
    const options = layerOptions(
      registered.definition.config,
      { report: registered.definition.report },
      worldParameterLayer(this.context.parameters, name, names),
      tagLayer(this.context.tags, name, names),
      stepLayer,
    );
    const { definition } = registered;
    const world = this.context.world;
    let runtime: ObservationRuntime<AnyObserver>;
    try {
      runtime = await ObservationRuntime.start((signal) => definition.sources(world, signal), definition.observer(world), {
        ...options.config,
        signal: abortStart,
      });
    } catch (error) {
      throw new Error(`observation "${name}" could not start: ${messageOf(error)}`, { cause: error });
    }
    if (this.#ended || abandonedBecause !== undefined) {
      await runtime.stop();
      throw new Error(`observation "${name}" could not start: ${abandonedBecause ?? 'its scenario ended while it was starting'}`);
    }
    liveRuntimes.add(runtime);
    const recorded = this.recorder.follow(name, runtime.handle(), options, definition.sourceFailures);
    const run: ObservationRun = Object.assign(recorded, { registered, runtime });
    const runs = this.#runs.get(name) ?? [];
    runs.push(run);
    this.#runs.set(name, runs);
    return runtime.handle();
  }

  /** Stops one observation; its last state stays available to the report. */
  async stop(name: string, by: 'step' | 'after-hook' = 'step'): Promise<void> {
    const run = this.#currentRun(name);
    if (!run) {
      this.assertApplicable(name);
      throw new Error(`observation "${name}" is not running in this scenario, so it cannot be stopped`);
    }
    await this.#stopRun(run, by);
  }

  /**
   * Ends the scenario at once when nothing is running or starting, and says so: what {@link stopAll} with
   * 'after-hook' would do, without a promise to wait for.
   */
  endIfIdle(): boolean {
    if (this.#starting.size > 0 || this.#running().length > 0) return false;
    this.#ended = true;
    return true;
  }

  /** Stops every observation of the scenario; never throws. */
  async stopAll(by: 'step' | 'after-hook'): Promise<void> {
    if (by === 'after-hook') {
      // The scenario is over: no observation may start from now on, and none still starting may outlive it.
      this.#ended = true;
      const starting = [...this.#starting];
      for (const [aborter] of starting) aborter.abort(new Error('the scenario ended while the observation was starting'));
      await Promise.all(starting.map(([, settled]) => settled));
    }
    await Promise.all(this.#running().map((run) => this.#stopRun(run, by)));
  }

  /** Makes `name` the current observation for steps that do not name one. */
  select(name: string): void {
    this.assertApplicable(name);
    this.#selected = name;
  }

  /** The name steps act on when they name none: the selected one, else the only running one. */
  currentName(): string {
    if (this.#selected !== undefined) return this.#selected;
    const running = this.#running();
    if (running.length === 1) return running[0]!.name;
    if (running.length === 0) {
      if (this.disabled) throw new Error(`observations are turned off in this scenario by ${NO_OBSERVATION_TAG}`);
      const applicable = this.applicable().map((registered) => registered.name);
      throw new Error(`no observation is running in this scenario (defined: ${listNames(definedNames())}; applicable here: ${listNames(applicable)})`);
    }
    const names = running.map((run) => run.name);
    throw new Error(
      `several observations run in this scenario (${names.join(', ')}); name one, or select one with 'Given the "${names[0]}" observation is selected'`,
    );
  }

  /** The handle of a running observation; the error says why when there is none. */
  handle(name?: string): ObservationHandle<AnyObserver> {
    const chosen = name ?? this.currentName();
    const run = this.#currentRun(chosen);
    if (run && isRunning(run)) return run.runtime.handle();
    const registered = this.assertApplicable(chosen);
    if (run) {
      throw new Error(
        `observation "${chosen}" was stopped in this scenario${run.stoppedBy === 'step' ? ' by a step' : ''}; ` +
          `start it again with 'Given the "${chosen}" observation is started'`,
      );
    }
    throw new Error(
      `observation "${chosen}" is not running in this scenario` +
        (registered.definition.autoStart === false ? ` (it has autoStart: false); start it with 'Given the "${chosen}" observation is started'` : ''),
    );
  }

  /** The steps that read or waited on an observation, for the timeline. */
  get spans(): readonly StepSpan[] {
    return this.recorder.spans;
  }

  /** Every settled wait of the scenario, for the run report. */
  get waits(): WaitLog {
    return this.recorder.waits;
  }

  /** Notes that a step began, so the observations it reads can be shown against it. */
  beginStep(text: string, pickleStepId?: string): void {
    this.recorder.beginStep(text, pickleStepId);
  }

  /** Notes that the current step read or waited on `name`. */
  touch(name: string): void {
    this.recorder.touch(name);
  }

  /** Records the finished step against every observation it touched; `timedOut` when a wait ran out of time. */
  endStep(status: string, timedOut = false): void {
    this.recorder.endStep(status, timedOut);
  }

  /** The most recent run of `name`, running or stopped. */
  run(name: string): ObservationRun | undefined {
    return this.#currentRun(name);
  }

  /** Every run of every observation, in start order per name. */
  runs(): readonly ObservationRun[] {
    return [...this.#runs.values()].flat();
  }

  /** The latest run of each observation, where it is still running. */
  #running(): ObservationRun[] {
    return [...this.#runs.keys()].map((name) => this.#currentRun(name)!).filter(isRunning);
  }

  #currentRun(name: string): ObservationRun | undefined {
    const runs = this.#runs.get(name);
    return runs?.[runs.length - 1];
  }

  async #stopRun(run: ObservationRun, by: StoppedBy): Promise<void> {
    if (run.stoppedBy === undefined) run.stoppedBy = by;
    try {
      await run.runtime.stop();
    } finally {
      run.detach();
      liveRuntimes.delete(run.runtime);
    }
  }

  /** The definition of `name`; throws when it is unknown, turned off by @no-observation, or not for this scenario's tags. */
  assertApplicable(name: string): RegisteredObservation {
    const names = definedNames();
    const registered = registeredObservations().find((candidate) => candidate.name === name);
    if (!registered) throw new Error(`no observation named "${name}" (defined: ${listNames(names)})`);
    if (this.disabled) throw new Error(`observations are turned off in this scenario by ${NO_OBSERVATION_TAG}`);
    if (!registered.appliesTo(this.context.tags)) {
      throw new Error(
        `observation "${name}" does not run in this scenario: its tags "${registered.definition.tags}" do not match ` +
          `the scenario's tags (${listNames(this.context.tags)})`,
      );
    }
    return registered;
  }
}
