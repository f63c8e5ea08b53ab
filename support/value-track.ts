// The value track of a path check: what a waiting step asks the runtime to record, so the timeline can draw how the value moved.
import { selectPath } from '../lib/checks/paths.js';
import type { TrackedValue, WaitTrackOptions } from '../lib/index.js';

// A check whose words end on one number ("be 0", "be at least 3", "be less than 10.5") draws that number as its bound.
const NUMERIC_BOUND = /^(?:not\s+)?(?:be\s+)?(?:equal\s+to\s+|greater\s+than\s+|less\s+than\s+|at\s+least\s+|at\s+most\s+)?(-?\d+(?:\.\d+)?)$/i;

/** Tracks the values `path` selects (each by its concrete path) against the check's words, such as "be at least 3". */
export function pathTrack(path: string, expected: string): WaitTrackOptions {
  const bound = NUMERIC_BOUND.exec(expected.trim())?.[1];
  return {
    values: (value: unknown): readonly TrackedValue[] =>
      selectPath(value, path).items.map((item) => ({ path: item.path, value: item.present ? item.value : undefined })),
    expected: bound === undefined ? { text: expected } : { text: expected, bound: Number(bound) },
  };
}
