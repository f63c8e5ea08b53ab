// The calibration's arithmetic: quantiles, suggested timeouts, verdicts, and how a history merges shards and bounds runs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { calibrate, quantile, suggestTimeout, type StepTimings } from './calibration.js';
import { addRun, emptyHistory, MAX_HISTORY_RUNS, parseHistory } from './history.js';

const step = (location: string, timeoutMs: number, successesMs: number[], timedOut = 0): StepTimings => ({
  location,
  text: location,
  timeoutMs,
  successesMs,
  timedOut,
});

describe('calibration', () => {
  test('nearest-rank quantiles', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    assert.equal(quantile(sorted, 0.95), 95);
    assert.equal(quantile(sorted, 0.99), 99);
    assert.equal(quantile([7], 0.5), 7);
    assert.equal(quantile([], 0.5), undefined);
  });

  test('the suggestion is 4× p99 rounded up to a written value, never below 100 ms', () => {
    assert.equal(suggestTimeout(657), 3000);
    assert.equal(suggestTimeout(38), 200);
    assert.equal(suggestTimeout(0), 100);
    assert.equal(suggestTimeout(2600), 15_000);
  });

  test('tight below 2× p95, loose above 20× p99, more runs needed under 3 runs', () => {
    const runs = [1, 2, 3].map(() => [step('a:1', 1000, [600, 650]), step('a:2', 10_000, [20]), step('a:3', 2000, [250]), step('a:4', 1000, [], 1)]);
    const judged = calibrate(runs);
    assert.deepEqual(
      judged.map((entry) => [entry.location, entry.verdict, entry.suggestedMs]),
      [
        ['a:1', 'tight', 3000],
        ['a:2', 'loose', 100],
        ['a:3', 'ok', undefined],
        ['a:4', 'more-runs-needed', undefined],
      ],
    );
    assert.match(judged[3]!.reason, /no success yet; at least 3 runs are needed to judge; 3 timed out/);
    assert.deepEqual(
      calibrate(runs.slice(0, 2)).map((entry) => entry.verdict),
      ['more-runs-needed', 'more-runs-needed', 'more-runs-needed', 'more-runs-needed'],
    );
  });

  test('shards under one run id make one run; the history keeps the last 30 runs', () => {
    let history = addRun(emptyHistory(), 'r1', [step('a:1', 1000, [10])]);
    history = addRun(history, 'r1', [step('a:1', 1000, [20]), step('a:2', 500, [5])]);
    assert.equal(history.runs.length, 1);
    assert.deepEqual(history.runs[0]!.steps, [step('a:1', 1000, [10, 20]), step('a:2', 500, [5])]);
    for (let index = 2; index <= MAX_HISTORY_RUNS + 5; index += 1) history = addRun(history, `r${index}`, []);
    assert.equal(history.runs.length, MAX_HISTORY_RUNS);
    assert.equal(history.runs[0]!.id, 'r6');
    assert.deepEqual(parseHistory(JSON.stringify(history), 'h.json'), history);
    assert.throws(() => parseHistory('{"historyVersion":1,"runs":[{"id":"x","steps":[{"location":"a"}]}]}', 'h.json'), /h\.json: "runs" must be a list of/);
    assert.throws(() => parseHistory('nope', 'h.json'), /h\.json is not JSON/);
  });
});
