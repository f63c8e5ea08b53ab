// Support file of the same suite with observation: the plugin's hooks and an observation started in every scenario.
import { setWorldConstructor } from '@cucumber/cucumber';
import { defineObservation, observedSource, withObservation } from '../../index.js';
import '../../steps/index.js';
import { CounterObserver } from './counter-observer.js';
import { CounterWorld } from './steps.js';

class ObservedWorld extends withObservation(CounterWorld) {}

setWorldConstructor(ObservedWorld);

let observersCreated = 0;

/** How many scenario observers this process built: proves the observation really ran in every scenario. */
export function countObserversCreated(): number {
  return observersCreated;
}

defineObservation('counter', {
  observer: () => {
    observersCreated += 1;
    return new CounterObserver();
  },
  sources: (world: CounterWorld) => [observedSource('world', world)],
  config: { intervalMs: 50 },
});
