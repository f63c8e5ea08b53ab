// Support of the soak run (npm run soak): an observation with an event every cycle, and memory measured at start and end.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { After, AfterAll, BeforeAll, setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { defineObservation, observedSource, withObservation, type ObservedSource, type Observer } from '../../../index.js';

/** A pulse: the event the soak observer finds in every cycle. */
export interface Pulse {
  readonly type: 'pulse';
  readonly seq: number;
}

/** Counts its polls and reports each one as a pulse event, so every cycle publishes a batch. */
class PulseObserver implements Observer<string, { pulses: number }, { pulses: number }, Pulse> {
  init(): { pulses: number } {
    return { pulses: 0 };
  }

  poll(_sources: readonly ObservedSource<string>[], state: { pulses: number }): Pulse[] {
    state.pulses += 1;
    return [{ type: 'pulse', seq: state.pulses }];
  }

  snapshot(state: { pulses: number }): { pulses: number } {
    return { pulses: state.pulses };
  }
}

// Every World and observer the run makes, held weakly: after the run and a forced GC, none may still be reachable.
const made = { worlds: [] as WeakRef<object>[], observers: [] as WeakRef<object>[] };

setWorldConstructor(
  class SoakWorld extends withObservation(World) {
    constructor(options: IWorldOptions) {
      super(options);
      made.worlds.push(new WeakRef(this));
    }
  },
);

const SOURCES = [observedSource('heart', 'heart')];

defineObservation('pulse', {
  observer: () => {
    const observer = new PulseObserver();
    made.observers.push(new WeakRef(observer));
    return observer;
  },
  sources: () => SOURCES,
  config: { intervalMs: 5 },
});

/** What one Cucumber process measured: resident set and heap after a forced GC, at the start and end of its run. */
export interface SoakMemory {
  readonly pid: number;
  readonly worker: string | null;
  readonly gcForced: boolean;
  readonly start: { readonly rss: number; readonly heapUsed: number; readonly at: number };
  readonly end: { readonly rss: number; readonly heapUsed: number; readonly at: number };
  /** Peak resident set of the process over its life, in bytes. */
  readonly maxRss: number;
  readonly scenarios: number;
  /** Scenario Worlds and observers made during the run, and how many of them a forced GC could not collect. */
  readonly retained: { readonly worlds: number; readonly observers: number; readonly of: { readonly worlds: number; readonly observers: number } };
}

function measure(): { rss: number; heapUsed: number; at: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed, at: Date.now() };
}

let start: ReturnType<typeof measure> | undefined;
let scenarios = 0;

BeforeAll(function () {
  start = measure();
});

After(function () {
  scenarios += 1;
});

AfterAll(function () {
  const directory = process.env.SOAK_MEMORY_DIR;
  if (!directory || !start) return;
  const end = measure(); // forces the GC first, so what is still reachable below is really retained
  const memory: SoakMemory = {
    pid: process.pid,
    worker: process.env.CUCUMBER_WORKER_ID ?? null,
    gcForced: typeof (globalThis as { gc?: unknown }).gc === 'function',
    start,
    end,
    maxRss: process.resourceUsage().maxRSS * 1024,
    scenarios,
    retained: {
      worlds: made.worlds.filter((ref) => ref.deref() !== undefined).length,
      observers: made.observers.filter((ref) => ref.deref() !== undefined).length,
      of: { worlds: made.worlds.length, observers: made.observers.length },
    },
  };
  writeFileSync(join(directory, `memory-${process.pid}.json`), JSON.stringify(memory, null, 2));
});
