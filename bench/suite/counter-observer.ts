// The observer the per-scenario benchmark's observed suites start: it watches the World's counter.
import type { ObservedSource, Observer } from '../../index.js';
import type { CounterWorld } from './steps.js';

type CounterState = { last: number };
type CounterEvent = { from: number; to: number };

/** Reports every change of the counter; a typical small observer. */
export class CounterObserver implements Observer<CounterWorld, CounterState, { counter: number }, CounterEvent> {
  init(sources: readonly ObservedSource<CounterWorld>[]): CounterState {
    return { last: sources[0]!.source.counter };
  }

  poll(sources: readonly ObservedSource<CounterWorld>[], state: CounterState): CounterEvent[] {
    const now = sources[0]!.source.counter;
    const events = now === state.last ? [] : [{ from: state.last, to: now }];
    state.last = now;
    return events;
  }

  snapshot(state: CounterState): { counter: number } {
    return { counter: state.last };
  }
}
