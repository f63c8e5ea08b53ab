// The catalog suite's World and observations: a test system per scenario, watched through the library's own steps.
import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { defineObservation, withObservation } from '../../../index.js';
import '../../../steps/index.js';
import { TestObserver, TestSystem } from './test-system.js';

export class CatalogWorld extends withObservation(World) {
  readonly system = new TestSystem();

  constructor(options: IWorldOptions) {
    super(options);
    this.system.addNode('a');
  }
}

setWorldConstructor(CatalogWorld);

defineObservation('system', {
  observer: (world: CatalogWorld) => new TestObserver(world.system),
  sources: (world: CatalogWorld) => world.system.sources(),
  config: { intervalMs: 20 },
});

// Started by a step, never by the Before hook: exercises naming, selecting, starting and stopping.
defineObservation('audit', {
  observer: (world: CatalogWorld) => new TestObserver(world.system),
  sources: (world: CatalogWorld) => world.system.sources(),
  config: { intervalMs: 30, historyLimit: 4 },
  autoStart: false,
  tags: '@audit',
});
