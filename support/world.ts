// The World mixin and the per-World scenario state it reads, kept in a WeakMap so no property of the user's World is touched.
import { summarize } from '../lib/format.js';
import type { AnyObserver, ObservationHandle } from '../lib/index.js';
import { ScenarioObservations, type ScenarioContext } from './scenario.js';
import type { ObservationRef, ObservationWorld, ScenarioObservationConfig } from './types.js';

const scenarios = new WeakMap<object, ScenarioObservations>();
const MEMBERS = ['observation', 'startObservation', 'stopObservation'] as const;
const mixinPrototypes = new WeakSet<object>();

/** Creates the observation state of a scenario's World; called by the Before hook. */
export function beginScenario(world: object, context: Omit<ScenarioContext, 'world'>): ScenarioObservations {
  checkNoOverride(world);
  const scenario = new ScenarioObservations({ ...context, world });
  scenarios.set(world, scenario);
  return scenario;
}

/** The observation state of a World; throws when the plugin's hooks did not run for it. */
export function scenarioOf(world: object): ScenarioObservations {
  const scenario = scenarios.get(world);
  if (!scenario) {
    throw new Error("cucumber-observation's hooks did not run for this scenario: add `import 'cucumber-observation/steps'` to a support file");
  }
  return scenario;
}

/** The observation state of a World, if the hooks ran for it. */
export function findScenario(world: object): ScenarioObservations | undefined {
  return scenarios.get(world);
}

type WorldConstructor = abstract new (...args: any[]) => object;

/**
 * Adds `observation()`, `startObservation()` and `stopObservation()` to a World class (Cucumber's `World`, or any
 * subclass; generics stay, e.g. `withObservation(World<MyParameters>)`). Its state lives outside the World's
 * properties. A base class that already has one of these members is refused rather than silently overwritten.
 */
export function withObservation<TBase extends WorldConstructor>(Base: TBase): TBase & (abstract new (...args: any[]) => ObservationWorld) {
  if (typeof Base !== 'function') {
    throw new TypeError(`withObservation needs a World class, such as Cucumber's World, got ${summarize(Base)}`);
  }
  for (const member of MEMBERS) {
    if (member in Base.prototype) {
      throw new TypeError(
        `withObservation: ${Base.name || 'the World class'} already has a member named "${member}"; rename it, since the mixin would overwrite it`,
      );
    }
  }
  abstract class WithObservation extends Base implements ObservationWorld {
    observation<O extends AnyObserver = AnyObserver>(name?: string | ObservationRef<O>): ObservationHandle<O> {
      return scenarioOf(this).handle(nameOf(name)) as unknown as ObservationHandle<O>;
    }

    async startObservation<O extends AnyObserver = AnyObserver>(
      name?: string | ObservationRef<O>,
      config?: ScenarioObservationConfig,
    ): Promise<ObservationHandle<O>> {
      const scenario = scenarioOf(this);
      const handle = await scenario.start(nameOf(name) ?? scenario.currentName(), config);
      return handle as unknown as ObservationHandle<O>;
    }

    async stopObservation(name?: string | ObservationRef): Promise<void> {
      const scenario = scenarioOf(this);
      await scenario.stop(nameOf(name) ?? scenario.currentName());
    }
  }
  mixinPrototypes.add(WithObservation.prototype);
  return WithObservation;
}

function nameOf(name: string | ObservationRef | undefined): string | undefined {
  if (name === undefined || typeof name === 'string') return name;
  if (typeof name === 'object' && name !== null && typeof name.name === 'string') return name.name;
  throw new TypeError(`an observation is named by a string or the ref defineObservation returned, got ${summarize(name)}`);
}

// A subclass (or the constructor) that redefines a mixin member would break the steps that rely on it.
function checkNoOverride(world: object): void {
  for (const member of MEMBERS) {
    if (Object.hasOwn(world, member)) {
      throw new TypeError(`the World sets its own "${member}", which clashes with withObservation's; rename it`);
    }
  }
  let prototype: object | null = Object.getPrototypeOf(world);
  const owners: object[] = [];
  while (prototype && !mixinPrototypes.has(prototype)) {
    owners.push(prototype);
    prototype = Object.getPrototypeOf(prototype);
  }
  if (!prototype) return;
  for (const owner of owners) {
    for (const member of MEMBERS) {
      if (Object.hasOwn(owner, member)) {
        const className = (owner as { constructor?: { name?: string } }).constructor?.name ?? 'the World';
        throw new TypeError(`${className} defines "${member}", which clashes with withObservation's; rename it`);
      }
    }
  }
}
