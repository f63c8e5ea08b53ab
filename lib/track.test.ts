// TrackSampler: one sample per cycle, bounded, numbers kept and other values cut short, a throwing read kept as its message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_TRACK_SAMPLES, MAX_TRACKED_VALUES, MISSING_VALUE, TrackSampler } from './track.js';
import type { ObservationSnapshot } from './types.js';

const snapshot = <T>(cycle: number, value: T): ObservationSnapshot<T> => ({ cycle, observedAt: new Date(1000 + cycle), sourceCount: 1, value });

test('a track keeps one sample per cycle, the newest 500, and says how many it dropped', () => {
  const sampler = new TrackSampler<number>({ values: (value) => [{ path: 'n', value }], expected: { text: 'be 3', bound: 3 } });
  sampler.sample(snapshot(0, 0));
  sampler.sample(snapshot(0, 99));
  for (let cycle = 1; cycle <= MAX_TRACK_SAMPLES + 10; cycle += 1) sampler.sample(snapshot(cycle, cycle));
  const track = sampler.track();
  assert.equal(track.samples.length, MAX_TRACK_SAMPLES);
  assert.equal(track.droppedSamples, 11);
  assert.deepEqual(track.samples.at(-1), {
    cycle: MAX_TRACK_SAMPLES + 10,
    at: 1000 + MAX_TRACK_SAMPLES + 10,
    values: [{ path: 'n', value: MAX_TRACK_SAMPLES + 10 }],
  });
  assert.equal(track.expected, 'be 3');
  assert.equal(track.bound, 3);
});

test('values that are not numbers are short texts; a read that throws is kept as its message', () => {
  let calls = 0;
  const sampler = new TrackSampler<unknown>({
    values: (value) => {
      calls += 1;
      if (calls === 2) throw new Error('the getter broke');
      return [
        { path: 'a', value },
        { path: 'b', value: undefined },
        ...Array.from({ length: MAX_TRACKED_VALUES }, (_, index) => ({ path: `c${index}`, value: index })),
      ];
    },
  });
  sampler.sample(snapshot(1, 'x'.repeat(200)));
  sampler.sample(snapshot(2, 'y'));
  const [first, second] = sampler.track().samples;
  assert.equal(first!.values.length, MAX_TRACKED_VALUES);
  assert.match(String(first!.values[0]!.value), /^"x{80}… \[120 more characters\]"$/);
  assert.equal(first!.values[1]!.value, MISSING_VALUE);
  assert.deepEqual(second!.values, [{ path: '(track)', value: 'read failed: the getter broke' }]);
  assert.throws(() => new TrackSampler({ values: 'n' as never }), /track\.values/);
});
