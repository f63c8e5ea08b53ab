// Value tracks in the timeline: a line of numbers with gaps and a bound, labelled bands for other values, and their limits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MISSING_VALUE } from '../../lib/track.js';
import { renderTimeline, type TimelineObservation } from './index.js';
import type { TrackedWait } from './types.js';
import { MAX_DRAWN_TRACKS, MAX_TRACK_PATHS } from './value-tracks.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5, 600);

function tracked(values: (number | string)[][], paths: string[], overrides: Partial<TrackedWait> = {}, bound?: number): TrackedWait {
  return {
    awaited: '"n" to be 5',
    outcome: 'timed-out',
    timeoutMs: 1000,
    startedAt: START,
    endedAt: START + 1000,
    nearTimeout: false,
    track: {
      expected: bound === undefined ? 'be "ready"' : `be ${bound}`,
      bound,
      samples: values.map((row, index) => ({ cycle: index + 1, at: START + index * 100, values: row.map((value, at) => ({ path: paths[at]!, value })) })),
      droppedSamples: 0,
    },
    ...overrides,
  };
}

function render(trackedWaits: TrackedWait[]): string {
  const observation: TimelineObservation = {
    name: 'cluster',
    intervalsMs: [100],
    startedAt: START,
    cycles: [],
    droppedCycles: 0,
    sourceFailures: [],
    droppedSourceFailures: 0,
    trackedWaits,
  };
  return renderTimeline({ scenario: 'tracks', observations: [observation], steps: [] });
}

describe('value tracks', () => {
  test('numbers are a step line against the bound, broken where the path found nothing', () => {
    const svg = render([tracked([[1], [MISSING_VALUE], [2], [3]], ['n'], {}, 5)]);
    const line = /class="track-line" data-path="n" d="([^"]+)"/.exec(svg)?.[1];
    assert.ok(line, svg);
    assert.equal((line.match(/M/g) ?? []).length, 2, `a gap breaks the line: ${line}`);
    assert.match(svg, /class="track-bound"/);
    assert.match(svg, />bound 5<\/text>/);
    assert.match(svg, />3 at cycle 4<\/text>/);
    assert.match(svg, /value track 1 · &quot;n&quot; to be 5 · timed out after 1 s · expected: be 5/);
  });

  test('other values are bands, one per stretch of equal values, labelled where they fit', () => {
    const svg = render([
      tracked([['"starting"'], ['"starting"'], ['"joining"'], ['"ready"']], ['state'], { outcome: 'resolved', nearTimeout: true, endedAt: START + 900 }),
    ]);
    assert.equal((svg.match(/class="track-band"/g) ?? []).length, 3);
    assert.match(svg, /passed near its timeout \(900 ms of 1 s\)/);
    assert.match(svg, />&quot;starting&quot;<\/text>/);
    assert.doesNotMatch(svg, /track-line/);
  });

  test(`at most ${MAX_TRACK_PATHS} paths per wait and ${MAX_DRAWN_TRACKS} waits per observation are drawn; the rest are counted`, () => {
    const paths = ['a', 'b', 'c', 'd', 'e', 'f'];
    const svg = render(Array.from({ length: MAX_DRAWN_TRACKS + 2 }, () => tracked([[1, 2, 3, 4, 5, 6]], paths)));
    assert.equal((svg.match(/class="value-track"/g) ?? []).length, MAX_DRAWN_TRACKS);
    assert.match(svg, />… 2 more value tracks not drawn<\/text>/);
    assert.match(svg, />… 2 more paths not drawn<\/text>/);
  });
});
