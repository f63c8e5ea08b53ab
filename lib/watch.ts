// Push-triggered cycles: the optional watch(context) of a provider and an observer, started after start-up, ended at stop.
import type { ObservationCore } from './core.js';
import { isThenable } from './core.js';
import { Deadline } from './deadline.js';
import { ObservationStoppedError } from './errors.js';
import { messageOf } from './format.js';
import type { Clock, WatchContext } from './types.js';

/** The watches of one runtime: each is given `requestCycle` and a signal that aborts at stop. */
export class Watches {
  readonly #controller = new AbortController();
  readonly #running: Promise<void>[] = [];

  /**
   * Calls `watch(context)` on each party that has one; a watch that throws or rejects is logged and polling goes on.
   * Returns undefined when no party watches, so a runtime without watches pays nothing for them.
   */
  static start(core: ObservationCore<unknown, unknown>, parties: Readonly<Record<string, unknown>>, requestCycle: () => void): Watches | undefined {
    const watching = Object.entries(parties).filter(([, party]) => typeof watchOf(party) === 'function');
    return watching.length === 0 ? undefined : new Watches(core, watching, requestCycle);
  }

  private constructor(core: ObservationCore<unknown, unknown>, parties: readonly [string, unknown][], requestCycle: () => void) {
    const context: WatchContext = Object.freeze({ requestCycle, signal: this.#controller.signal });
    for (const [who, party] of parties) {
      const failed = (error: unknown): void => {
        if (this.#controller.signal.aborted) return;
        core.log('warn', `${who}.watch failed; cycles go on at the interval`, { message: messageOf(error) });
      };
      try {
        const result: unknown = (watchOf(party) as (context: WatchContext) => unknown).call(party, context);
        if (isThenable(result)) this.#running.push(Promise.resolve(result).then(() => undefined, failed));
      } catch (error) {
        failed(error);
      }
    }
  }

  /** Aborts every watch's signal and waits for the watches still running, at most `timeoutMs`. */
  async stop(timeoutMs: number, clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>): Promise<void> {
    this.#controller.abort(new ObservationStoppedError('the observation runtime stopped'));
    if (this.#running.length === 0) return;
    await Deadline.atMost({ clock, timeoutMs }, Promise.all(this.#running));
  }
}

function watchOf(party: unknown): unknown {
  return typeof party === 'object' && party !== null ? (party as { watch?: unknown }).watch : undefined;
}
