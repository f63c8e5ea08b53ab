// Every snapshot step (now, within, freshly, stay/keep matching) made to fail in a real Cucumber run, and what it said.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runFixtureCucumbers, type CucumberRunResult } from './helpers/run-cucumber.js';
import { assertAllFailedLeavingNothing, assertMentions, failureOf, withoutStack } from './fixtures/expectations.js';

let readNow: CucumberRunResult;
let held: CucumberRunResult;

before(async () => {
  [readNow, held] = await runFixtureCucumbers([
    { features: ['test/fixtures/features/snapshot-now.feature', 'test/fixtures/features/snapshot-within.feature'] },
    { features: ['test/fixtures/features/snapshot-stay.feature'] },
  ]);
});

/** The cycle numbers a message gives for its last snapshot and its last check, which must be the same cycle. */
function lastSnapshotAndCheckCycles(message: string): [number, number] {
  const snapshot = /last snapshot: cycle (\d+)/.exec(message);
  const check = /last check: .*cycle (\d+)\)/.exec(message);
  assert.ok(snapshot && check, `no last snapshot or last check cycle in:\n${message}`);
  return [Number(snapshot[1]), Number(check[1])];
}

function assertDiff(message: string, actual: string, expected: string): void {
  assertMentions(message, '+ expected - actual', `-${actual}`, `+${expected}`);
}

describe('fixture runs', () => {
  it('fail every scenario, leave nothing running and exit by themselves', () => {
    assertAllFailedLeavingNothing(readNow, held);
  });
});

describe('reading the snapshot now', () => {
  it('a path value that differs: the path, both values, the cycle, and a diff', () => {
    const message = failureOf(readNow, 'now: a value that differs', 'the observed "nodes.a.role" should be "follower"');
    assertMentions(message, /^AssertionError: "nodes\.a\.role" is "leader" but should be "follower" \(observation "system", cycle \d+\)/);
    assertDiff(message, 'leader', 'follower');
  });

  it('a path that is missing: which segment, and the keys there', () => {
    const message = failureOf(readNow, 'now: a path that is not in the snapshot', 'the observed "nodes.a.term" should be 1');
    assertMentions(message, /path "nodes\.a\.term": no "term" in "nodes\.a" \(keys there: role\) \(observation "system", cycle \d+\)/);
  });

  it('a path through a node that does not exist: the keys of the parent', () => {
    const message = failureOf(readNow, 'now: a path through a node that does not exist', 'the observed "nodes.c.role"');
    assertMentions(message, 'path "nodes.c.role": no "c" in "nodes" (keys there: a, b)');
  });

  it('contain: a string without the text, an object without the keys, a value that cannot contain anything', () => {
    assertMentions(
      failureOf(readNow, 'now: a string that does not contain the text', 'the observed "nodes.a.role" should contain "follow"'),
      /"nodes\.a\.role" is "leader", which does not contain "follow" \(observation "system", cycle \d+\)/,
    );
    const object = failureOf(readNow, 'now: an object that does not contain the keys', 'the observed "nodes" should contain');
    assertMentions(
      object,
      /"nodes" does not contain \{"a":\{"role":"follower"\}\} \(observation "system", cycle \d+\):/,
      'a.role: expected "follower", got "leader"',
    );
    assertDiff(object, '    "role": "leader"', '    "role": "follower"');
    assertMentions(
      failureOf(readNow, 'now: a number cannot contain anything', 'the observed "nodeCount" should contain 2'),
      '"nodeCount" is 2 (number), which cannot contain 2: "contain" applies to a string (substring), an array (an item) or an object (some of its keys)',
    );
  });

  it('a docstring that does not match: every difference by path, and a diff of what it spoke of', () => {
    const message = failureOf(readNow, 'now: the snapshot does not match the docstring', 'the observed snapshot should match:');
    assertMentions(
      message,
      /the snapshot does not match \(observation "system", cycle \d+\):/,
      'nodes.a.role: expected "follower", got "leader"',
      'nodes.b.term: missing',
      'nodeCount: expected 3, got 2',
      '-  "nodeCount": 2',
      '+  "nodeCount": 3',
    );
  });

  it('a table: every row that differs, missing paths included, and a diff by path', () => {
    const message = failureOf(readNow, 'now: values of a table that differ', 'the observed values should be:');
    assertMentions(
      message,
      /2 of 3 observed values differ \(observation "system", cycle \d+\):/,
      '"nodes.b.role": expected "leader", got "follower"',
      'path "nodes.c.role": no "c" in "nodes" (keys there: a, b)',
      '-  "nodes.c.role": "<missing>"',
      '+  "nodes.c.role": "follower"',
    );
    assert.doesNotMatch(withoutStack(message), /"nodes\.a\.role": expected/, 'a row that holds is not reported');
  });

  it('the source count: observation, cycle, both counts', () => {
    const message = failureOf(readNow, 'now: the source count differs', 'the observed source count should be 3');
    assertMentions(message, /the source count is 2 but should be 3 \(observation "system", cycle \d+\)/);
    assertDiff(message, '2', '3');
  });

  it('the cycle: the latest cycle and the one asked for', () => {
    const message = failureOf(readNow, 'now: the cycle is not reached', 'the observed cycle should be at least 100000');
    assertMentions(message, /the cycle is \d+, not at least 100000 \(observation "system", cycle \d+\)/);
  });
});

describe('waiting ("within")', () => {
  const cases = [
    {
      scenario: 'within: a value that never comes',
      step: 'within 400ms the observed "nodes.a.role" should be "follower"',
      awaited: /timed out after 400 ms waiting for "nodes\.a\.role" to be "follower" after cycle \d+\n/,
      check: /last check: "nodes\.a\.role" is "leader" but should be "follower" \(observation "system", cycle \d+\)/,
      diff: ['leader', 'follower'],
    },
    {
      scenario: 'within: a snapshot that never matches',
      step: 'within 400ms the observed snapshot should match:',
      awaited: /timed out after 400 ms waiting for the snapshot to match the docstring after cycle \d+\n/,
      check: /last check: the snapshot does not match \(observation "system", cycle \d+\):\n\s+nodes\.a\.role: expected "follower", got "leader"/,
      diff: ['      "role": "leader"', '      "role": "follower"'],
    },
    {
      scenario: 'within: table values that never come',
      step: 'within 400ms the observed values should be:',
      awaited: /timed out after 400 ms waiting for the values of the table after cycle \d+\n/,
      check: /last check: 1 of 2 observed values differ \(observation "system", cycle \d+\):\n\s+"nodes\.a\.role": expected "follower", got "leader"/,
      diff: ['  "nodes.a.role": "leader"', '  "nodes.a.role": "follower"'],
    },
    {
      scenario: 'within: a source count that never comes',
      step: 'within 400ms the observed source count should be 2',
      awaited: /timed out after 400 ms waiting for the source count to be 2 after cycle \d+\n/,
      check: /last check: the source count is 1 but should be 2 \(observation "system", cycle \d+\)/,
      diff: ['1', '2'],
    },
    {
      scenario: 'freshly: a fresh snapshot that does not match',
      step: 'within 400ms the freshly observed "nodes.a.role" should be "follower"',
      awaited: /timed out after 400 ms waiting for "nodes\.a\.role" to be "follower" after cycle \d+\n/,
      check: /last check: "nodes\.a\.role" is "leader" but should be "follower" \(observation "system", cycle \d+\)/,
      diff: ['leader', 'follower'],
    },
  ] as const;

  for (const { scenario, step, awaited, check, diff } of cases) {
    it(`${scenario}: what was awaited, the last snapshot, the last check and its cycle, and a diff`, () => {
      const message = failureOf(readNow, scenario, step);
      assertMentions(
        message,
        /^ObservationTimeoutError: /,
        awaited,
        /last snapshot: cycle \d+, \d+ ms old, 1 source: \{"nodes":\{"a":\{"role":"leader"\}\}/,
        check,
        /cycles during the wait: [1-9]\d*/,
      );
      const [snapshotCycle, checkCycle] = lastSnapshotAndCheckCycles(message);
      assert.equal(checkCycle, snapshotCycle, 'the last check was made on the last snapshot');
      assertDiff(message, diff[0], diff[1]);
    });
  }

  it('within: a text that never appears: the last check says what the value was, with no empty diff', () => {
    const message = failureOf(readNow, 'within: a text that never appears', 'within 400ms the observed "nodes.a.role" should contain "follow"');
    assertMentions(
      message,
      /timed out after 400 ms waiting for "nodes\.a\.role" to contain "follow" after cycle \d+\n/,
      /last check: "nodes\.a\.role" is "leader", which does not contain "follow" \(observation "system", cycle \d+\)/,
    );
    assert.doesNotMatch(message, /\+ expected - actual/);
  });

  it('within: a cycle that is not reached names the cycle awaited and the latest one', () => {
    const message = failureOf(readNow, 'within: a cycle that is not reached in time', 'within 400ms the observed cycle should be at least 100000');
    assertMentions(
      message,
      /timed out after 400 ms waiting for the cycle to be at least 100000 after cycle \d+\n/,
      /last check: the cycle is \d+, not at least 100000 \(observation "system", cycle \d+\)/,
    );
  });

  const stale = [
    ['freshly: the matching snapshot is not fresh', 'within 400ms the freshly observed "nodes.a.role" should be "leader"', '"nodes.a.role" to be "leader"'],
    [
      'freshly: a contained value without a fresh cycle',
      'within 400ms the freshly observed "nodes.a.role" should contain "lead"',
      '"nodes.a.role" to contain "lead"',
    ],
    ['freshly: a snapshot match without a fresh cycle', 'within 400ms the freshly observed snapshot should match:', 'the snapshot to match the docstring'],
    ['freshly: table values without a fresh cycle', 'within 400ms the freshly observed values should be:', 'the values of the table'],
    ['freshly: a source count without a fresh cycle', 'within 400ms the freshly observed source count should be 1', 'the source count to be 1'],
  ] as const;
  for (const [scenario, step, awaited] of stale) {
    it(`${scenario}: the current snapshot matches but is not fresh, so the step fails saying after which cycle it waited`, () => {
      const message = failureOf(readNow, scenario, step);
      const after = new RegExp(`waiting for ${awaited.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} after cycle (\\d+)\\n`).exec(message);
      assert.ok(after, `no "after cycle" in:\n${message}`);
      const snapshot = /last snapshot: cycle (\d+)/.exec(message);
      assert.ok(snapshot && Number(snapshot[1]) <= Number(after[1]), `the last snapshot is not older than the wait:\n${message}`);
      assert.doesNotMatch(message, /last check:/, 'no fresh snapshot was checked');
    });
  }
});

describe('holding ("stay ... for", "keep matching for")', () => {
  const broken = [
    [
      'stay for a duration: the value changes',
      'the observed "nodes.a.role" should stay "leader" for 5s',
      '"nodes.a.role" = "leader"',
      /after \d+ ms of 5000 ms/,
    ],
    [
      'stay for cycles: the value changes',
      'the observed "nodes.a.role" should stay "leader" for 200 cycles',
      '"nodes.a.role" = "leader"',
      /after \d+ cycles of 200 cycles/,
    ],
    [
      'keep matching for a duration: the snapshot changes',
      'the observed snapshot should keep matching for 5s:',
      'the snapshot to match the docstring',
      /after \d+ ms of 5000 ms/,
    ],
    [
      'keep matching for cycles: the snapshot changes',
      'the observed snapshot should keep matching for 200 cycles:',
      'the snapshot to match the docstring',
      /after \d+ cycles of 200 cycles/,
    ],
  ] as const;
  for (const [scenario, step, what, progress] of broken) {
    it(`${scenario}: the cycle that broke it, how far it got, the check, the snapshot, and a diff`, () => {
      const message = failureOf(held, scenario, step);
      assertMentions(message, /^ObservationHoldError: /, `${what} stopped holding at cycle`, progress, /snapshot: \{"nodes":\{"a":\{"role":"follower"\}\}/);
      const brokeAt = /stopped holding at cycle (\d+)/.exec(message)!;
      const checkedAt = /\(observation "system", cycle (\d+)\)/.exec(message);
      assert.ok(checkedAt, `no checked cycle in:\n${message}`);
      assert.equal(checkedAt[1], brokeAt[1], 'the check names the cycle that broke the hold');
      assertMentions(message, '+ expected - actual', /^\s+-.*follower"?$/m, /^\s+\+.*leader"?$/m);
    });
  }

  it('a value wrong from the start fails at once, at the current cycle', () => {
    const message = failureOf(held, 'stay: the value is wrong from the start', 'the observed "nodes.a.role" should stay "follower" for 5s');
    assertMentions(
      message,
      /"nodes\.a\.role" = "follower" stopped holding at cycle \d+, after \d+ ms of 5000 ms: "nodes\.a\.role" is "leader" but should be "follower"/,
    );
    assertDiff(message, 'leader', 'follower');
  });

  it('a failed cycle ends a hold: its cycle, stage and message', () => {
    const message = failureOf(held, 'stay: a failed cycle ends the hold', 'the observed "nodes.a.role" should stay "leader" for 5s');
    assertMentions(
      message,
      /"nodes\.a\.role" = "leader" could not be confirmed: cycle \d+ failed at the poll stage after \d+ ms of 5000 ms: connection refused/,
    );
  });

  for (const [scenario, step, what] of [
    ['stay for cycles: the cycles do not come', 'the observed "nodes.a.role" should stay "leader" for 3 cycles', '"nodes.a.role" = "leader"'],
    ['keep matching for cycles: the cycles do not come', 'the observed snapshot should keep matching for 3 cycles:', 'the snapshot to match the docstring'],
  ] as const) {
    it(`${scenario}: a timeout on the first cycle begun after the step, which the hold starts from`, () => {
      const message = failureOf(held, scenario, step);
      assertMentions(message, /waiting for a cycle begun after the step \(after cycle \d+\), for /, `${what} to hold for 3 cycles`, /last snapshot: cycle \d+/);
    });
  }
});
