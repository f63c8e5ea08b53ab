// Support file of the suite with the plugin's hooks but no observation that applies: what the hooks cost on their own.
import { setWorldConstructor } from '@cucumber/cucumber';
import { defineObservation, observedSource, withObservation } from '../../index.js';
import '../../steps/index.js';
import { CounterObserver } from './counter-observer.js';
import { CounterWorld } from './steps.js';

class ObservedWorld extends withObservation(CounterWorld) {}

setWorldConstructor(ObservedWorld);

defineObservation('counter', {
  observer: () => new CounterObserver(),
  sources: (world: CounterWorld) => [observedSource('world', world)],
  config: { intervalMs: 50 },
  tags: '@observed',
});
