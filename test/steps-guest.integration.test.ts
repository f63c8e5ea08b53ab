// A guest in the user's suite: the plugin loads beside the suite's own {duration}, {json}, … parameter types, and a now
// or within step right after an action reads a cycle begun after it (an observation polling every 3 s would show the old value).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runFixtureCucumber, testCase, type CucumberRunResult } from './helpers/run-cucumber.js';
import { assertLeftNothing, assertMentions, failureOf, withoutStack } from './fixtures/expectations.js';

let run: CucumberRunResult;

before(async () => {
  run = await runFixtureCucumber({ features: ['test/fixtures/features/guest.feature'], support: ['test/fixtures/guest/index.ts'] });
});

describe('a suite with parameter types of its own', () => {
  it('loads the plugin beside its {duration}, {json}, {check}, {state}, {stage}, {quantifier} and {comparison}', () => {
    assert.deepEqual(run.runErrors, [], run.stderr.slice(-2000));
    assert.deepEqual([...run.parameterTypes].sort(), ['check', 'comparison', 'duration', 'json', 'quantifier', 'stage', 'state']);
    assertLeftNothing(run);
  });

  it("runs the plugin's sentences and the suite's own steps in one scenario, each step matching one definition", () => {
    const outcome = testCase(run, "the suite's own parameter types beside every part of the plugin's sentence");
    const failed = outcome.steps.filter((step) => step.status !== 'PASSED');
    assert.deepEqual(
      failed.map((step) => `${step.status} ${step.text}: ${step.message ?? ''}`),
      [],
    );
    for (const step of outcome.steps.filter((one) => !one.isHook)) assert.equal(step.definitions.length, 1, step.text);
  });
});

describe('a step right after an action, with a 3 s interval', () => {
  it('passes on the new value, each read costing a requested cycle, not an interval', () => {
    const outcome = testCase(run, "a now step and a within step right after an action read the action's effect, at once");
    assert.equal(outcome.status, 'PASSED', outcome.steps.map((step) => `${step.status} ${step.text} ${step.message ?? ''}`).join('\n'));
  });

  it('a now step fails on the old value, naming the observation and a cycle begun after the step', () => {
    const message = withoutStack(
      failureOf(run, 'a now step right after an action cannot pass on the snapshot from before it', 'the observed "nodes.a.height" should be 1'),
    );
    assertMentions(message, /"nodes\.a\.height" is 2 but should be 1 \(observation "audit", cycle \d+\)/);
  });

  it('a within step fails on the old value: the cycle it requested shows the new one', () => {
    const message = withoutStack(
      failureOf(run, 'a within step right after an action cannot pass on the snapshot from before it', 'within 1s the observed "nodes.a.height" should be 1'),
    );
    assertMentions(message, /^ObservationTimeoutError: /, /after cycle \d+/, /"nodes\.a\.height" is 2 but should be 1 \(observation "audit", cycle \d+\)/);
  });

  it('a hold right after an action starts from a cycle begun after it, not from the snapshot before it', () => {
    const outcome = testCase(run, 'a hold right after an action starts from a cycle begun after it');
    assert.equal(outcome.status, 'PASSED', outcome.steps.map((step) => `${step.status} ${step.text} ${step.message ?? ''}`).join('\n'));
  });

  it('a deadline from an instant that already passed fails at once, saying by how much', () => {
    const message = withoutStack(
      failureOf(
        run,
        'a deadline measured from an instant that already passed fails at once',
        'within 100ms of "start" the observed "nodes.a.height" should be 1',
      ),
    );
    assertMentions(
      message,
      /^Error: the deadline of "within 100ms of "start" the observed "nodes\.a\.height" should be 1" passed \d+ ms before the step began \(100 ms after "start"\), so nothing observed now can meet it \(observation "system", cycle \d+\)/,
    );
  });

  it('"in the last snapshot" reads the snapshot from before the action, which is why it has its own words', () => {
    const message = withoutStack(
      failureOf(run, 'the last snapshot, read on purpose, is the one from before the action', 'in the last snapshot the observed "nodes.a.height" should be 2'),
    );
    assertMentions(message, /"nodes\.a\.height" is 1 but should be 2 \(observation "audit", cycle \d+\)/);
  });
});
