// Proves the benchmark harness works: every case runs at a tiny size and reports well-formed figures. No timing is asserted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CASES } from './cases/index.js';
import { renderBenchReadme, renderHeadline, replaceBetween, type BenchResults } from './docs.js';
import type { CaseResult } from './report.js';
import { describeMachine, quantile, summarize } from './stats.js';
import { VirtualClock } from './virtual-clock.js';

const results = new Map<string, CaseResult>();

function assertWellFormed(result: CaseResult): void {
  assert.ok(result.rows.length > 0, `${result.id} reported no rows`);
  for (const row of result.rows) assert.equal(row.length, result.headers.length, `${result.id}: a row does not match the headers`);
  for (const cell of result.rows.flat()) if (typeof cell === 'number') assert.ok(Number.isFinite(cell), `${result.id}: ${cell} in a row`);
  for (const target of result.targets) assert.ok(Number.isFinite(target.value), `${result.id}: target ${target.name} is ${target.value}`);
}

describe('every case runs at a tiny size', { concurrency: true }, () => {
  for (const entry of CASES) {
    test(entry.id, async () => {
      const result = await entry.tiny();
      assert.equal(result.id, entry.id);
      assertWellFormed(result);
      results.set(entry.id, result);
    });
  }
});

describe('reporting', () => {
  test('the cases report what the issue asks for', () => {
    const contenders = (id: string) => results.get(id)!.rows.map((row) => row[0]);
    assert.equal(contenders('latency').length, 5);
    assert.equal(contenders('cycle-cost').length, 4);
    assert.equal(contenders('scenario-cost').length, 2, 'the tiny run has the plain and the observed suite');
    const memory = results.get('memory')!;
    assert.deepEqual(memory.targets.map((target) => [target.name, target.value]).slice(1), [
      ['timers left by settled waits', 0],
      ['listeners left by settled waits (reachable predicates)', 0],
      ['timers left after stop', 0],
    ]);
    assert.ok(results.get('interval')!.rows.length >= 4, 'idle and busy, runtime and loop');
    assert.deepEqual(contenders('push-latency'), ['push: watch → requestCycle()', 'polling only']);
    assert.deepEqual(contenders('http-sources'), ['SourcesObserver (http kind)', 'Promise.all of fetch (keep-alive)']);
    assert.deepEqual(new Set(contenders('metrics-parse')), new Set(['every metric', '3 leader metrics']));
    assert.equal(results.get('metrics-parse')!.targets.length, 2, 'each filter against the line-split parser');
    const dimensions = new Set(contenders('scaling'));
    for (const dimension of [
      'nodes in the snapshot',
      'sources (a frozen list)',
      'pending waits (read 1 value)',
      'history limit (full)',
      'events per batch (a new list: copied)',
      'events per batch (a frozen list: kept)',
      'event wait searching the history',
    ]) {
      assert.ok(dimensions.has(dimension), `the scaling table has ${dimension}`);
    }
  });

  test('the docs render from a run, between their markers only', () => {
    const run: BenchResults = {
      generatedAt: new Date().toISOString(),
      size: 'tiny',
      machine: { ...describeMachine(), loadAverageAtEnd: [0, 0, 0] },
      totalWallMs: 1,
      targets: [...results.values()].flatMap((result) => result.targets),
      cases: [...results.values()].map((result) => ({ ...result })),
    };
    const headline = renderHeadline(run);
    assert.match(headline, /Wait latency/);
    assert.match(headline, /CPU per cycle/);
    assert.match(headline, /push \(watch → requestCycle\)/);
    assert.match(headline, /Summary \+ timeline/);
    assert.match(headline, /bench\/README\.md/);
    assert.match(renderBenchReadme(run), /#### Targets/);
    assert.equal(replaceBetween('a <!-- x:start -->old<!-- x:end --> b', 'x', 'new'), 'a <!-- x:start -->\nnew\n<!-- x:end --> b');
    assert.throws(() => replaceBetween('no markers', 'x', 'new'), /<!-- x:start -->/);
  });
});

describe('helpers', () => {
  test('quantiles interpolate between ranks', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    const summary = summarize([5, 1, 3]);
    assert.deepEqual([summary.min, summary.p50, summary.max, summary.mean], [1, 3, 5, 3]);
    assert.throws(() => summarize([]), /no samples/);
  });

  test('the virtual clock fires timers in deadline order and jumps to each deadline', async () => {
    const clock = new VirtualClock(1000);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['late', clock.now()]), 20);
    const cancelled = clock.setTimeout(() => fired.push(['cancelled', clock.now()]), 5);
    clock.setTimeout(() => fired.push(['early', clock.now()]), 10);
    clock.clearTimeout(cancelled);
    await clock.fire(2);
    assert.deepEqual(fired, [
      ['early', 1010],
      ['late', 1020],
    ]);
    await assert.rejects(clock.fire(1), /no timer pending/);
  });

  test('with many timers, cleared ones never fire and the rest fire by deadline, then by the order they were set', async () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    const handles = [];
    for (let index = 0; index < 200; index += 1) handles.push(clock.setTimeout(() => fired.push(index), (index * 37) % 50));
    for (let index = 0; index < 200; index += 3) clock.clearTimeout(handles[index]!);
    clock.clearTimeout(handles[0]!);
    assert.equal(clock.pending, 133);
    await clock.fire(133);
    const expected = [...Array(200).keys()].filter((index) => index % 3 !== 0).sort((a, b) => ((a * 37) % 50) - ((b * 37) % 50) || a - b);
    assert.deepEqual(fired, expected);
    clock.clearTimeout(handles[1]!);
    assert.equal(clock.pending, 0);
    await assert.rejects(clock.fire(1), /no timer pending/);
  });
});
