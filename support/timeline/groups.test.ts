// The one grouping of repeated messages: by subject and message, counts and cycle spans, and the most frequent first.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageGroups, mostFrequent, type MessageGroup } from './groups.js';
import { failureGroups, sourceGroups } from './notes.js';

function grouped(entries: readonly (readonly [string, string, number, number])[]): readonly MessageGroup<string>[] {
  const groups = new MessageGroups<string>();
  for (const [subject, message, first, last] of entries) groups.add(subject, message, first, last);
  return groups.groups;
}

describe('MessageGroups', () => {
  test('counts entries with the same subject and message, from the first one’s first cycle to the last one’s last', () => {
    const groups = grouped([
      ['poll', 'timeout', 3, 3],
      ['source-refresh', 'timeout', 4, 4],
      ['poll', 'refused', 5, 5],
      ['poll', 'timeout', 9, 9],
    ]);
    assert.deepEqual(groups, [
      { subject: 'poll', message: 'timeout', count: 2, firstCycle: 3, lastCycle: 9 },
      { subject: 'source-refresh', message: 'timeout', count: 1, firstCycle: 4, lastCycle: 4 },
      { subject: 'poll', message: 'refused', count: 1, firstCycle: 5, lastCycle: 5 },
    ]);
  });

  test('keeps subjects and messages apart even when they contain the line break a joined key would use', () => {
    const groups = grouped([
      ['a\nb', 'c', 1, 2],
      ['a', 'b\nc', 3, 4],
    ]);
    assert.equal(groups.length, 2);
  });

  test('failures group by stage and message over the failed cycles only; source spans keep their own cycle range', () => {
    const cycle = (number: number, failure?: { stage: 'poll' | 'source-refresh'; message: string }) => ({
      cycle: number,
      startedAt: number,
      endedAt: number + 1,
      sourceCount: 1,
      eventCount: 0,
      failure: failure && { cycle: number, observedAt: new Date(0), sourceCount: 1, ...failure, cause: undefined },
    });
    const failures = failureGroups([cycle(1), cycle(2, { stage: 'poll', message: 'x' }), cycle(3), cycle(4, { stage: 'poll', message: 'x' })]);
    assert.deepEqual(failures, [{ subject: 'poll', message: 'x', count: 2, firstCycle: 2, lastCycle: 4 }]);
    const span = (source: string, message: string, firstCycle: number, lastCycle: number) => ({
      source,
      message,
      firstCycle,
      lastCycle,
      startedAt: 0,
      endedAt: 1,
    });
    assert.deepEqual(sourceGroups([span('b', 'down', 2, 5), span('c', 'down', 3, 3), span('b', 'down', 8, 12)]), [
      { subject: 'b', message: 'down', count: 2, firstCycle: 2, lastCycle: 12 },
      { subject: 'c', message: 'down', count: 1, firstCycle: 3, lastCycle: 3 },
    ]);
  });
});

describe('mostFrequent', () => {
  test('is what a stable sort by count (most first), then first cycle, starts with, for every limit', () => {
    let seed = 11;
    const random = (below: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * below);
    };
    for (let round = 0; round < 200; round += 1) {
      // Few distinct counts and first cycles, so ties are common and the order they came in decides.
      const groups = Array.from(
        { length: random(30) },
        (_, index): MessageGroup<string> => ({
          subject: 'poll',
          message: `m${index}`,
          count: 1 + random(4),
          firstCycle: 1 + random(5),
          lastCycle: 9,
        }),
      );
      const sorted = [...groups].sort((a, b) => b.count - a.count || a.firstCycle - b.firstCycle);
      for (const limit of [0, 1, 4, 6, 40]) assert.deepEqual(mostFrequent(groups, limit), sorted.slice(0, limit), `limit ${limit}, round ${round}`);
    }
  });
});
