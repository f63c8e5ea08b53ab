// The plugin's hooks in real Cucumber runs: stop and report whatever the outcome, start-up failures, option tags,
// world parameters and their precedence, and the parallel, retry and shard run modes.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { failedStep, FIXTURE_SUPPORT, runFixtureCucumbers, step, testCase, type CucumberRunResult } from './helpers/run-cucumber.js';
import { assertLeftNothing, assertMentions, facts, failureOf, summaries } from './fixtures/expectations.js';

const START = 'Before: cucumber-observation: start observations';
const STOP = 'After: cucumber-observation: stop observations and report';
const RUN_MODES = 'test/fixtures/features/run-modes.feature';
const RETRY = 'test/fixtures/features/retry.feature';
const RETRIED = 'a scenario that passes on its second attempt';
const TAG_HELP = 'expected @observation.<option>=<value> or @observation.<name>.<option>=<value> with options interval (e.g. 50ms)';

// JSON-parsed, so that "__proto__" is an own key, as it is when Cucumber parses --world-parameters.
const LAYERED_PARAMETERS = JSON.parse(
  '{"observation": {"report": "always", "intervalMs": 45, "historyLimit": 9, "__proto__": {"intervalMs": 1, "polluted": true},' +
    ' "system": {"historyLimit": 7, "__proto__": {"polluted": true}}}}',
) as Record<string, unknown>;

let hooks: CucumberRunResult;
let parallel: CucumberRunResult;
let firstShard: CucumberRunResult;
let secondShard: CucumberRunResult;
let leaky: CucumberRunResult;
let teardown: CucumberRunResult;

before(async () => {
  // The shards also run the retried scenario (with --retry 1), which lands in one of them: one process less.
  [hooks, parallel, firstShard, secondShard, leaky, teardown] = await runFixtureCucumbers([
    { features: ['test/fixtures/features/hooks.feature'] },
    { features: [RUN_MODES], parallel: 2, worldParameters: LAYERED_PARAMETERS },
    { features: [RUN_MODES, RETRY], shard: '1/2', retry: 1 },
    { features: [RUN_MODES, RETRY], shard: '2/2', retry: 1 },
    { features: ['test/fixtures/features/leaky.feature'], support: [...FIXTURE_SUPPORT, 'test/fixtures/support/leaky.ts'], exitTimeoutMs: 2000 },
    { features: ['test/fixtures/features/teardown.feature'], support: [...FIXTURE_SUPPORT, 'test/fixtures/support/teardown.ts'] },
  ]);
});

describe('After stops every observation whatever the outcome', () => {
  it('no scenario of any run leaves a runtime running or a prototype changed, and every run exits by itself', () => {
    for (const result of [hooks, parallel, firstShard, secondShard]) assertLeftNothing(result);
  });

  const outcomes = [
    ['a passing scenario', 'PASSED', []],
    ['a failing user step', 'FAILED', ['system', 'audit']],
    ['a pending step', 'PENDING', ['system', 'audit']],
    ['a skipped step', 'SKIPPED', []],
    ['an undefined step', 'UNDEFINED', ['system', 'audit']],
    ['a user step that times out', 'FAILED', ['system', 'audit']],
    ['a user Before hook that fails after the observations started', 'FAILED', ['system']],
    ["a user Before hook that fails before the plugin's", 'FAILED', []],
  ] as const;
  for (const [scenario, status, reported] of outcomes) {
    it(`${scenario}: ${status}, stopped by the After hook, summaries ${reported.length ? 'attached' : 'not attached'}`, () => {
      const outcome = testCase(hooks, scenario);
      assert.equal(outcome.status, status);
      assert.equal(step(outcome, STOP).status, 'PASSED');
      const attached = summaries(outcome);
      assert.deepEqual(
        attached.map((summary) => summary.observation),
        reported,
      );
      for (const summary of attached) {
        assert.equal(summary.status.running, false, `${summary.observation} is stopped`);
        assert.equal(summary.stoppedBy, 'after-hook');
      }
    });
  }

  it("a user step that times out fails with Cucumber's timeout, which is the user step's own", () => {
    const failed = failedStep(testCase(hooks, 'a user step that times out'));
    assert.equal(failed.text, 'a user step never ends');
    assertMentions(failed.message, 'function timed out, ensure the promise resolves within 100 milliseconds');
  });

  it("a user Before hook that fails before the plugin's: the plugin's Before is skipped and starts nothing", () => {
    const outcome = testCase(hooks, "a user Before hook that fails before the plugin's");
    assert.equal(step(outcome, START).status, 'SKIPPED');
    assertMentions(
      failureOf(hooks, "a user Before hook that fails before the plugin's", 'Before: fixture: failing early Before'),
      'the user Before hook failed before',
    );
  });

  it('a user Before hook that fails after the plugin started the observations: they are stopped all the same', () => {
    const outcome = testCase(hooks, 'a user Before hook that fails after the observations started');
    assert.equal(step(outcome, START).status, 'PASSED');
    assert.deepEqual(
      summaries(outcome).map((summary) => [summary.observation, summary.status.running, summary.stoppedBy]),
      [['system', false, 'after-hook']],
    );
  });

  it('an observation a step stopped is reported as stopped by the step', () => {
    const [summary] = summaries(testCase(hooks, 'a step stopped the observation'));
    assert.equal(summary?.stoppedBy, 'step');
    assert.equal(summary?.status.running, false);
  });
});

describe("a user's After defined after the steps import runs once the observations stopped", () => {
  const TEARDOWN = 'After: fixture: user teardown takes the system down';
  const outcomes = [
    ['a passing scenario whose last step reads the observation', 'PASSED', ['system']],
    ['a scenario whose first step fails', 'FAILED', ['system']],
    ['a scenario with two observations and a pending step', 'PENDING', ['system', 'audit']],
  ] as const;
  for (const [scenario, status, observations] of outcomes) {
    it(`${scenario}: the teardown finds nothing running, and no observation saw it`, () => {
      const outcome = testCase(teardown, scenario);
      assert.equal(outcome.status, status);
      assert.equal(step(outcome, TEARDOWN).status, 'PASSED', JSON.stringify(step(outcome, TEARDOWN)));
      const attached = summaries(outcome);
      assert.deepEqual(
        attached.map((summary) => summary.observation),
        observations,
      );
      for (const summary of attached) {
        assert.equal(summary.stoppedBy, 'after-hook');
        assert.equal(summary.lastFailure, null, `${summary.observation} observed the teardown: ${JSON.stringify(summary.lastFailure)}`);
      }
    });
  }

  it('the run leaves nothing behind', () => assertLeftNothing(teardown));
});

describe('the harness', () => {
  it('notices a run that cannot exit by itself, and kills it', () => {
    assert.equal(testCase(leaky, 'a user step leaves a timer running').status, 'PASSED');
    assert.equal(leaky.exitedByItself, false);
    assert.equal(leaky.exitCode, null, 'killed by a signal');
    assert.throws(() => assertLeftNothing(leaky), /did not exit by itself/);
  });
});

describe('a start-up failure in Before fails the scenario with the runtime message and leaves nothing running', () => {
  it('a source list that fails at start-up', () => {
    const message = failureOf(hooks, 'an observation that cannot start', START);
    assertMentions(message, 'observation "broken" could not start: failed to refresh observation sources during startup: registry unreachable');
    const outcome = testCase(hooks, 'an observation that cannot start');
    assert.equal(step(outcome, 'the observation should be running').status, 'SKIPPED');
    const [started] = summaries(outcome);
    assert.equal(started?.observation, 'system', 'the observation that did start is reported');
    assert.equal(started?.status.running, false, 'and was stopped');
  });

  it('a start-up that hangs ends at its start-up timeout', () => {
    const message = failureOf(hooks, 'an observation whose start-up hangs', START);
    assertMentions(message, 'observation "hanging" could not start: failed to refresh observation sources during startup: start-up timed out after 300 ms');
    assert.doesNotMatch(message, /function timed out/);
  });
});

describe('bad option tags fail the Before hook, naming the tag', () => {
  const cases = [
    ['a tag with a bad duration', '@observation.interval=5parsecs', 'invalid duration "5parsecs": unknown unit "parsecs"'],
    ['a tag with an unknown option', '@observation.speed=5ms', 'unknown option "speed"'],
    ['a tag with an option every object has', '@observation.constructor=5ms', 'unknown option "constructor"'],
    ['a tag for an unknown observation', '@observation.nope.history=3', 'there is no observation named "nope" (defined: system, audit, broken, hanging)'],
    ['a tag without a value', '@observation.interval', 'the "=" and a value are missing'],
    ['a tag for one observation with a bad count', '@observation.system.history=ten', 'invalid history limit "ten": expected a whole number of 0 or more'],
    ['a tag with an unknown report policy', '@observation.report=sometimes', 'invalid report policy "sometimes": expected on-failure, always, never'],
  ] as const;
  for (const [scenario, tag, why] of cases) {
    it(`${tag}: ${why}`, () => {
      const message = failureOf(hooks, scenario, START);
      assertMentions(message, /^StepInputError: /, `invalid observation tag ${tag}: ${why}`, TAG_HELP);
    });
  }
});

describe('the summary is attached on failure by default, and as configured', () => {
  it('@observation.report=always attaches it to a passing scenario', () => {
    const outcome = testCase(hooks, 'a passing scenario whose summary is always attached');
    assert.equal(outcome.status, 'PASSED');
    const [summary] = summaries(outcome);
    assert.equal(summary?.observation, 'system');
    assert.equal(summary?.config.report, 'always');
  });

  it('@observation.report=never attaches nothing to a failing scenario', () => {
    const outcome = testCase(hooks, 'a failing scenario whose summary is never attached');
    assert.equal(outcome.status, 'FAILED');
    assert.deepEqual(summaries(outcome), []);
  });

  it('report "always" in --world-parameters attaches it to every passing scenario', () => {
    assert.equal(parallel.success, true);
    for (const outcome of parallel.testCases) {
      assert.equal(outcome.status, 'PASSED', outcome.name);
      assert.ok(summaries(outcome).length > 0, `"${outcome.name}" has its summary`);
      for (const summary of summaries(outcome)) assert.equal(summary.config.report, 'always');
    }
  });
});

describe('option layers: definition < --world-parameters (shared < per observation) < tags < step tables', () => {
  it('each observation gets the topmost layer that sets an option', () => {
    const byName = new Map(summaries(testCase(parallel, 'option layers')).map((summary) => [summary.observation, summary]));
    // system: interval 20 (definition) < 45 (world, shared) < 25 (tag for system); history 64 < 9 (shared) < 7 (world, system)
    assert.deepEqual([byName.get('system')?.status.intervalMs, byName.get('system')?.status.historyLimit], [25, 7]);
    // audit: interval 30 (definition) < 45 (world, shared); history 4 (definition) < 9 (world, shared) < 3 (step table)
    assert.deepEqual([byName.get('audit')?.status.intervalMs, byName.get('audit')?.status.historyLimit], [45, 3]);
  });
});

describe('"__proto__" in --world-parameters', () => {
  it('sets neither an option nor a prototype', () => {
    assert.equal(parallel.success, true);
    for (const outcome of parallel.testCases) {
      for (const summary of summaries(outcome)) assert.notEqual(summary.status.intervalMs, 1, `${outcome.name}: ${summary.observation}`);
    }
  });
});

describe('run modes', () => {
  it('--parallel 2: every scenario passes in a worker process', () => {
    assert.equal(parallel.testCases.length, 5);
    const workerFacts = parallel.testCases.flatMap((outcome) => facts(outcome));
    assert.equal(workerFacts.length, 4);
    for (const fact of workerFacts) assert.notEqual(fact.workerId, null, 'ran in a Cucumber worker');
  });

  it('--shard 1/2 and 2/2: disjoint halves that together run every scenario, all passing', () => {
    const first = firstShard.testCases.map((outcome) => outcome.name);
    const second = secondShard.testCases.map((outcome) => outcome.name);
    assert.ok(first.length > 0 && second.length > 0, `shards: ${first} | ${second}`);
    assert.deepEqual(
      first.filter((name) => second.includes(name)),
      [],
    );
    assert.deepEqual([...first, ...second].sort(), [RETRIED, 'first of four', 'fourth of four', 'option layers', 'second of four', 'third of four']);
    for (const outcome of [...firstShard.testCases, ...secondShard.testCases]) assert.equal(outcome.status, 'PASSED', outcome.name);
  });

  it('--retry 1: each attempt gets a fresh runtime, and the failed attempt is reported', () => {
    const shard = firstShard.testCases.some((candidate) => candidate.name === RETRIED) ? firstShard : secondShard;
    const outcome = testCase(shard, RETRIED);
    assert.equal(outcome.attempts.length, 2);
    const [first, second] = outcome.attempts;
    assert.equal(first!.status, 'FAILED');
    assert.equal(first!.willBeRetried, true);
    assert.equal(second!.status, 'PASSED');
    const [firstStart, firstEnd] = facts(first!);
    const [secondStart] = facts(second!);
    assert.ok(firstStart && firstEnd && secondStart);
    assert.equal(secondStart.observersBuilt, firstEnd.observersBuilt + 1, 'a new observer for the second attempt');
    assert.ok(firstEnd.cycle >= 3);
    assert.ok(secondStart.cycle < firstEnd.cycle, `cycles count again from 0: ${secondStart.cycle} after ${firstEnd.cycle}`);
    assert.deepEqual(
      summaries(first!).map((summary) => summary.observation),
      ['system'],
    );
    assert.deepEqual(summaries(second!), []);
  });
});
