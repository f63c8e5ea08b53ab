// Hostile values and throwables in a real Cucumber run: through the runtime, every step form, the summary and the timeline.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURE_SUPPORT, runFixtureCucumber, step, testCase, type CucumberRunResult, type TestCaseOutcome } from './helpers/run-cucumber.js';
import { assertLeftNothing, assertMentions, failureOf, withoutStack } from './fixtures/expectations.js';

const SUPPORT = [...FIXTURE_SUPPORT, 'test/fixtures/hostile/steps.ts'];
let result: CucumberRunResult;
let deepDocstring: CucumberRunResult;
let generated: string;

// A docstring 4,000 levels deep has no place in the repository: it is written at run time.
function deepDocstringFeature(): string {
  const deep = `${'{"a":'.repeat(4000)}1${'}'.repeat(4000)}`;
  return [
    '@hostile',
    'Feature: A docstring as deep as a deep snapshot',
    '',
    '  Scenario: a docstring that equals a deep snapshot',
    '    Given the "hostile" observation is selected',
    '    And the hostile snapshot is "a deep value"',
    '    Then the observed snapshot should match:',
    '      """',
    `      {"deep": ${deep}}`,
    '      """',
    '',
  ].join('\n');
}

before(async () => {
  mkdirSync('.tmp', { recursive: true });
  generated = mkdtempSync(join('.tmp', 'hostile-'));
  const deepFeature = join(generated, 'deep-docstring.feature');
  writeFileSync(deepFeature, deepDocstringFeature());
  [result, deepDocstring] = await Promise.all([
    runFixtureCucumber({ features: ['test/fixtures/hostile/hostile.feature', 'test/fixtures/hostile/coded.feature'], support: SUPPORT }),
    runFixtureCucumber({ features: [deepFeature], support: SUPPORT }),
  ]);
});

after(() => rmSync(generated, { recursive: true, force: true }));

function message(scenario: string, stepText: string): string {
  return withoutStack(failureOf(result, scenario, stepText));
}

function passed(scenario: string): TestCaseOutcome {
  const outcome = testCase(result, scenario);
  assert.equal(outcome.status, 'PASSED', `"${scenario}":\n${outcome.steps.map((s) => `  ${s.status} ${s.text}\n    ${s.message ?? ''}`).join('\n')}`);
  return outcome;
}

interface Summary {
  readonly observation: string;
  readonly latestSnapshot: { readonly value: unknown } | null;
  readonly lastFailure: { readonly message: string } | null;
  readonly listenerFailures: { readonly total: number; readonly recent: readonly { listener: string; message: string }[] };
}

function hostileSummary(outcome: TestCaseOutcome): Summary {
  const summaries = outcome.attachments
    .filter((attachment) => attachment.mediaType === 'application/json')
    .map((attachment) => JSON.parse(attachment.body) as Summary)
    .filter((summary) => summary.observation === 'hostile');
  assert.equal(summaries.length, 1, `"${outcome.name}" has one summary of the hostile observation`);
  return summaries[0]!;
}

describe('the run survives every hostile value', () => {
  it('every scenario ran to its end, the run left nothing behind and Cucumber exited by itself', () => {
    assertLeftNothing(result);
    assert.equal(result.testCases.length, 33);
    assert.doesNotMatch(result.stderr, /TimeoutOverflowWarning|PromiseRejectionHandledWarning|Maximum call stack/);
  });
});

describe('thrown values whose rendering throws (item 1)', () => {
  it('a poll that throws one fails its cycle with a readable message; the After hook reports it', () => {
    const outcome = passed('a poll that throws a value whose rendering throws');
    assert.equal(step(outcome, 'After: cucumber-observation: stop observations').status, 'PASSED');
    assert.equal(hostileSummary(outcome).lastFailure?.message, 'non-Error value thrown: [unrenderable Unprintable (toJSON threw: toJSON boom)]');
    const timeline = outcome.attachments.find((attachment) => attachment.mediaType === 'image/svg+xml');
    assert.ok(timeline?.body.includes('poll failure'), 'the timeline shows the failure');
    assert.ok(timeline?.body.includes('unrenderable Unprintable'), 'with its message');
  });

  it('a step on that failure shows the same message', () => {
    assertMentions(
      message('a poll that throws a value whose rendering throws, then a check on the failure', 'the observation should have no failure'),
      'failed at the poll stage: non-Error value thrown: [unrenderable Unprintable (toJSON threw: toJSON boom)]',
    );
  });

  it('an init that throws one fails the Before hook with the start-up message, not the renderer’s error', () => {
    const failed = step(testCase(result, 'an init that throws a value whose rendering throws'), 'Before: cucumber-observation: start observations');
    assert.equal(failed.status, 'FAILED');
    assertMentions(
      failed.message ?? '',
      'observation "hostile-init" could not start: failed to initialize observation state: non-Error value thrown: [unrenderable Unprintable (toJSON threw: toJSON boom)]',
    );
  });
});

describe('a thrown value that cannot be rendered whole keeps the data that can be read safely', () => {
  const coded = '[unrenderable object (toJSON threw: toJSON boom) {"code":"E43"}]';

  it('from a source provider: the start-up failure shows its code', () => {
    const failed = step(testCase(result, 'a source provider that throws a coded unprintable value'), 'Before: cucumber-observation: start observations');
    assert.equal(failed.status, 'FAILED');
    assertMentions(
      failed.message ?? '',
      `observation "coded-provider" could not start: failed to refresh observation sources during startup: non-Error value thrown: ${coded}`,
    );
  });

  it('from an init: the start-up failure shows its code', () => {
    const failed = step(testCase(result, 'an init that throws a coded unprintable value'), 'Before: cucumber-observation: start observations');
    assert.equal(failed.status, 'FAILED');
    assertMentions(failed.message ?? '', `observation "coded-init" could not start: failed to initialize observation state: non-Error value thrown: ${coded}`);
  });
});

describe('snapshots that cannot be read or rendered, in every step form (items 2 and 11)', () => {
  it('a within wait on a revoked Proxy settles, naming what it read and where', () => {
    const text = message('a wait on a snapshot that is a revoked Proxy', 'within 200ms the observed "leader" should be 1');
    assertMentions(text, 'timed out after 200 ms waiting for "leader" to be 1', /last snapshot: cycle \d+, \d+ ms old, 1 source: \[unrenderable Proxy\]/);
    assertMentions(
      text,
      /last check: "leader" could not be read: Cannot perform 'IsArray' on a proxy that has been revoked \(observation "hostile", cycle \d+\)/,
    );
  });

  it('a stay on a revoked Proxy breaks with the same facts', () => {
    const text = message('a stay on a snapshot that is a revoked Proxy', 'the observed "leader" should stay 1 for 200ms');
    assertMentions(text, /"leader" could not be read: .* \(observation "hostile", cycle \d+\)/, 'snapshot: [unrenderable Proxy]');
  });

  it('a docstring over a Proxy whose traps throw names the path, the observation and the trap’s error', () => {
    const text = message('a docstring on a snapshot with a throwing Proxy', 'within 200ms the observed snapshot should match:');
    assertMentions(
      text,
      '1 source: {"node":[unrenderable Proxy]}',
      /last check: "node.leader" could not be read: trap boom \(observation "hostile", cycle \d+\)/,
    );
  });

  it('a contain check through a throwing getter names the key it read', () => {
    const text = message('a path through a throwing getter', 'within 100ms the observed "node" should contain');
    assertMentions(
      text,
      '{"node":{"leader":[getter threw: getter boom]}}',
      /last check: "node.leader" could not be read: getter boom \(observation "hostile", cycle \d+\)/,
    );
  });

  it('a path read through a throwing getter, now', () => {
    assertMentions(
      message('a path through a throwing getter, read now', 'the observed "node.leader" should be 1'),
      /^AssertionError: "node.leader" could not be read: getter boom \(observation "hostile", cycle \d+\)/,
    );
  });

  it('a table row through a throwing Proxy', () => {
    assertMentions(
      message('a table through a throwing Proxy', 'the observed values should be:'),
      /"node.leader" could not be read: trap boom \(observation "hostile", cycle \d+\)/,
    );
  });

  it('a value whose rendering throws is shown by its class in a mismatch', () => {
    assertMentions(
      message('an unprintable value in a mismatch', 'the observed "node" should be 1'),
      /"node" is \[unrenderable Unprintable \(toJSON threw: toJSON boom\)\] but should be 1 \(observation "hostile", cycle \d+\)/,
    );
  });
});

describe('deep values (item 3)', () => {
  it('a 4,000-level value in a failing assertion fails the step, with a bounded message and diff', () => {
    const text = message('a deep value in a failing assertion', 'the observed "deep" should be 1');
    assertMentions(text, /"deep" is \{"a":\{"a":/, 'but should be 1', '+ expected - actual');
    assert.ok(text.length < 12_000, `the message has ${text.length} characters`);
  });

  it('a deep list whose JSON is short fails the step with a bounded diff, not the report’s formatter', () => {
    const text = message('a deep list in a failing assertion', 'the observed "list" should be 1');
    assertMentions(text, /"list" is \[\[\[\[/, 'but should be 1', '+ expected - actual');
    assert.ok(text.length < 12_000, `the message has ${text.length} characters`);
  });

  it('a failing docstring on it too', () => {
    const text = message('a deep value in a failing docstring', 'within 100ms the observed snapshot should match:');
    assertMentions(text, /deep\.a: expected 2, got \{"a":/);
    assert.ok(text.length < 12_000, `the message has ${text.length} characters`);
  });

  it('a docstring as deep as the snapshot is refused at the depth limit, clearly, instead of overflowing the stack', () => {
    assertLeftNothing(deepDocstring);
    const failed = step(testCase(deepDocstring, 'a docstring that equals a deep snapshot'), 'the observed snapshot should match:');
    assert.equal(failed.status, 'FAILED');
    assertMentions(failed.message ?? '', 'the docstring cannot be used: it is nested deeper than 100 levels');
    assert.doesNotMatch(failed.message ?? '', /call stack/);
  });
});

describe('durations (items 4 and 10)', () => {
  it('a within bound past what one Node timer holds works', () => {
    passed('a within bound beyond what one timer holds');
  });

  for (const [duration, why] of [
    ['1e309s', 'write the number without an exponent'],
    ['1.5.5s', 'the number has more than one decimal point'],
    ['٣s', 'write the number with the ASCII digits 0-9'],
  ]) {
    it(`"${duration}" fails the step as an invalid duration, not as an undefined step`, () => {
      assertMentions(message(`a malformed duration: ${duration}`, `within ${duration} the observed cycle`), `invalid duration "${duration}": ${why}`);
    });
  }
});

describe('the summary keeps what JSON can hold, and listener failures reach the report (items 5 and 6)', () => {
  it('BigInt, Map, Set, NaN, a cycle, a throwing getter and a Date are kept in the summary', () => {
    const summary = hostileSummary(passed('a summary of everything JSON cannot hold'));
    assert.deepEqual(summary.latestSnapshot?.value, {
      big: '10n',
      m: { a: 1 },
      s: [1, 2],
      n: 'NaN',
      loop: { name: 'loop', self: '[circular]' },
      node: { leader: '[getter threw: getter boom]' },
      when: '1970-01-01T00:00:00.000Z',
    });
  });

  it('a subscriber that throws: the scenario passes, its summary counts the failures, the report warns', () => {
    const outcome = passed('a subscriber that throws');
    const { total, recent } = hostileSummary(outcome).listenerFailures;
    assert.ok(total >= 3, `${total} listener failures`);
    assert.deepEqual(recent[0], {
      ...recent[0],
      listener: 'a batch subscriber',
      message: 'non-Error value thrown: [unrenderable Unprintable (toJSON threw: toJSON boom)]',
    });
    const logs = outcome.attachments.filter((attachment) => attachment.mediaType === 'text/x.cucumber.log+plain').map((attachment) => attachment.body);
    assert.equal(logs.length, 1);
    assertMentions(
      logs[0]!,
      /^cucumber-observation warning: \d+ listener failures in observation "hostile"/,
      'The first:\n  a batch subscriber of "hostile" at cycle',
    );
  });
});

describe('huge values (item 7)', () => {
  it('an 11 MB snapshot in a failing wait: cycles keep their pace, and the message stays short', () => {
    const text = message('a huge snapshot in a failing wait', 'within 1s the observed "blob" should be "y"');
    const cycles = Number(/cycles during the wait: (\d+)/.exec(text)?.[1]);
    // About 50 at a 20 ms interval; serializing the whole value each check allowed 7.
    assert.ok(cycles >= 15, `${cycles} cycles ran during the 1 s wait`);
    assert.ok(text.length < 12_000, `the message has ${text.length} characters`);
  });
});

describe('values rendered as what they are, and how {json} compares with them (item 9)', () => {
  it('a Map equals the JSON object of its entries, and paths and docstrings read into it', () => {
    passed('a Map compared with a JSON object');
  });

  it('a Map that differs is shown as a Map', () => {
    assertMentions(message('a Map that differs', 'the observed "m" should be'), /"m" is Map\(2\) \{"a" => 1, "b" => 2\} but should be \{"a":1\}/);
  });

  it('NaN and Infinity are written and compared as such', () => {
    passed('NaN and Infinity compared');
    assertMentions(message('NaN that should be null', 'the observed "n" should be null'), /"n" is NaN but should be null/);
  });

  it('a Date equals its ISO string, and is shown as a Date', () => {
    passed('a Date compared with its ISO string');
    assertMentions(
      message('a Date that differs', 'the observed "when" should be'),
      /"when" is Date 2020-01-02T03:04:05\.000Z but should be "2021-01-01T00:00:00\.000Z"/,
    );
  });
});

describe('smaller items (item 12)', () => {
  it('a value shared by two branches is shown in both, not as [circular]', () => {
    assertMentions(message('a shared value in a timeout message', 'within 100ms the observed "a.up"'), '1 source: {"a":{"up":true},"b":{"up":true}}');
  });

  it('a path missing from an event says "the event"', () => {
    const text = message('an event path that is missing', 'within 100ms an event should have "detail.x"');
    assertMentions(text, /no "detail" in the event/);
    assert.doesNotMatch(text, /the snapshot \(keys/);
  });

  it('"$id" gets a hint to write ["$id"], which works', () => {
    assertMentions(message('a key starting with a dollar sign', 'the observed "$id" should be 7'), 'invalid path "$id"', `write ['$id'] (or ["$id"])`);
    passed('a key starting with a dollar sign, in brackets');
  });

  it('a docstring with a key twice is refused, naming the key', () => {
    assertMentions(message('a docstring with a key twice', 'the observed snapshot should match:'), 'the key "polls" appears twice in the same object');
  });
});
