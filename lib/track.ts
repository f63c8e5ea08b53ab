// A wait's value track: the values its check read, cycle by cycle, kept bounded for the report's timeline.
import { Ring } from './ring.js';
import { cut, messageOf, summarize } from './format.js';
import type { ObservationSnapshot, TrackedValue, WaitTrack, WaitTrackOptions } from './types.js';
import { checkPredicate } from './validate.js';

/** Most samples a track keeps; past it the oldest are dropped (a long wait keeps its end, where it decided). */
export const MAX_TRACK_SAMPLES = 500;
/** Most values one sample keeps (a `*` path may select many). */
export const MAX_TRACKED_VALUES = 6;
/** How a track writes a value its path did not find: a gap in a line of numbers. */
export const MISSING_VALUE = '(missing)';
/** Longest rendering of a value that is not a number. */
const TRACK_TEXT_LIMIT = 80;

/** Samples a wait's tracked values on each snapshot it considers; what it keeps goes to `onWait` listeners. */
export class TrackSampler<T> {
  readonly #read: (value: T) => readonly TrackedValue[];
  readonly #expected: WaitTrackOptions['expected'];
  readonly #samples = new Ring<WaitTrack['samples'][number]>(MAX_TRACK_SAMPLES);
  #lastCycle = -1;

  constructor(options: WaitTrackOptions<T>) {
    checkPredicate(options.values, 'track.values');
    this.#read = options.values;
    this.#expected = options.expected;
  }

  /** Reads the values of a snapshot; once per cycle; a read that throws is kept as its message. */
  sample(snapshot: ObservationSnapshot<T>): void {
    if (snapshot.cycle === this.#lastCycle) return;
    this.#lastCycle = snapshot.cycle;
    let values: { path: string; value: number | string }[];
    try {
      values = this.#read(snapshot.value)
        .slice(0, MAX_TRACKED_VALUES)
        .map(({ path, value }) => ({ path: cut(String(path), TRACK_TEXT_LIMIT), value: trackedValue(value) }));
    } catch (error) {
      values = [{ path: '(track)', value: `read failed: ${cut(messageOf(error), TRACK_TEXT_LIMIT)}` }];
    }
    this.#samples.push({ cycle: snapshot.cycle, at: snapshot.observedAt.getTime(), values });
  }

  track(): WaitTrack {
    return { expected: this.#expected?.text, bound: this.#expected?.bound, samples: this.#samples.toArray(), droppedSamples: this.#samples.dropped };
  }
}

// Numbers stay numbers (drawn as a line); anything else becomes a short text (drawn as labelled bands).
function trackedValue(value: unknown): number | string {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value === undefined) return MISSING_VALUE;
  // A string is cut before it is quoted: an 11 MB value is read every cycle, and the cycles must keep their pace.
  return typeof value === 'string' ? JSON.stringify(cut(value, TRACK_TEXT_LIMIT)) : summarize(value, TRACK_TEXT_LIMIT);
}
