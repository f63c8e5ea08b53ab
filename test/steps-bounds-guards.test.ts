// Not-before, "and stay so", unless, scenario guards and failure-free windows made to fail, and exactly what they said.
import { before, describe, it } from 'node:test';
import { runFixtureCucumber, type CucumberRunResult } from './helpers/run-cucumber.js';
import { assertAllFailedLeavingNothing, assertMentions, failureOf, withoutStack } from './fixtures/expectations.js';

let run: CucumberRunResult;

before(async () => {
  run = await runFixtureCucumber({ features: ['test/fixtures/features/bounds-guards.feature'] });
});

const AFTER_HOOK = 'After: cucumber-observation: stop observations and report';
const snapshotOf = (leader: string): string => `{"nodes":{"a":{"leader":"${leader}"}},"nodeCount":1,"totals":{"polls":`;

describe('bounded wait and guard fixtures', () => {
  it('fail every scenario, leave nothing running and exit by themselves', () => {
    assertAllFailedLeavingNothing(run);
  });
});

describe('not before', () => {
  it('a value that holds before the lower bound: when it held, and the snapshot', () => {
    const message = withoutStack(
      failureOf(run, 'a value that holds before the lower bound', 'within 2s but not before 500ms the observed "nodes.a.leader" should be "n2"'),
    );
    assertMentions(
      message,
      /^ObservationTooEarlyError: "nodes\.a\.leader" to be "n2" after cycle \d+ held too early: \d+ ms after the wait began, before its lower bound of 500 ms\n {2}snapshot: cycle \d+: /,
      snapshotOf('n2'),
    );
  });

  it('a snapshot that already matches fails at once', () => {
    const message = withoutStack(
      failureOf(run, 'a snapshot that matches before the lower bound', 'within 2s but not before 500ms the observed snapshot should match:'),
    );
    assertMentions(
      message,
      /^ObservationTooEarlyError: the snapshot to match the docstring after cycle \d+ held too early: \d+ ms after the wait began, before its lower bound of 500 ms\n/,
    );
  });

  it('a lower bound not below the upper one is an input error', () => {
    const message = failureOf(run, 'a lower bound not below the upper one', 'within 1s but not before 1s the observed');
    assertMentions(message, 'StepInputError: the lower bound (1000 ms) must be below the upper bound (1000 ms), as in "within 5s but not before 500ms"');
  });
});

describe('and stay so', () => {
  it('reached, then broken: where it was reached, where it broke, and a diff', () => {
    const message = failureOf(run, 'reached, but it does not stay so', 'within 1s the observed "nodes.a.leader" should be "n1" and stay so for 2s');
    assertMentions(
      message,
      /^ObservationHoldError: reached at cycle \d+, then "nodes\.a\.leader" = "n1" stopped holding at cycle \d+, after \d+ ms of 2000 ms: "nodes\.a\.leader" is "n3" but should be "n1" \(observation "system", cycle \d+\)\n {2}snapshot: /,
      '+ expected - actual',
    );
  });

  it('never reached: the timeout of the first part', () => {
    const message = failureOf(
      run,
      'never reached, so it cannot stay so for cycles',
      'within 300ms the observed "nodes.a.leader" should be "n2" and stay so for 3 cycles',
    );
    assertMentions(
      message,
      /ObservationTimeoutError: timed out after 300 ms waiting for "nodes\.a\.leader" = "n2" after cycle \d+\n/,
      /last check: "nodes\.a\.leader" is "n1" but should be "n2"/,
    );
  });

  it('a snapshot docstring reached, then broken', () => {
    const message = failureOf(run, 'a snapshot reached that does not stay matching', 'within 1s the observed snapshot should match and stay so for 2s:');
    assertMentions(
      message,
      /^ObservationHoldError: reached at cycle \d+, then the snapshot to match the docstring stopped holding at cycle \d+, after \d+ ms of 2000 ms: the snapshot does not match/,
      'nodes.a.leader: expected "n1", got "n3"',
    );
  });
});

describe('unless', () => {
  it('an unless event during the wait ends the step at once, with the event and its cycle', () => {
    const message = withoutStack(
      failureOf(run, 'a wait given up when its unless event comes', 'within 5s the observed "nodes.a.leader" should be "n2" unless an event matches:'),
    );
    assertMentions(
      message,
      /^ObservationGuardError: gave up waiting for "nodes\.a\.leader" to be "n2" after cycle \d+, since an event matches \{"type":"quorum-lost"\}: the event \{"type":"quorum-lost","term":4\} at cycle \d+$/,
    );
  });

  it('an unless value already there ends the step before it waits', () => {
    const message = withoutStack(
      failureOf(run, 'a wait given up when its unless value is already there', 'within 5s the observed "nodes.a.leader" should be "n2" unless the observed'),
    );
    assertMentions(
      message,
      /^ObservationGuardError: gave up waiting for "nodes\.a\.leader" to be "n2" after cycle \d+, since the observed "nodes\.a\.leader" is "n1": "nodes\.a\.leader" is "n1" \(observation "system"\) at cycle \d+$/,
    );
  });
});

describe('unless on every other within step', () => {
  const EVENT = String.raw`since an event matches \{"type":"quorum-lost"\}: the event \{"type":"quorum-lost","term":4\} at cycle \d+$`;
  const VALUE = String.raw`since the observed "nodes\.a\.leader" is "n1": "nodes\.a\.leader" is "n1" \(observation "system"\) at cycle \d+`;
  const cases: ReadonlyArray<readonly [scenario: string, step: string, awaited: string, since: string]> = [
    [
      'a snapshot docstring wait given up when its unless value is already there',
      'within 5s the observed snapshot should match unless',
      'the snapshot to match the docstring',
      VALUE,
    ],
    [
      'a fresh snapshot docstring wait given up when its unless value is already there',
      'within 5s the freshly observed snapshot should match unless',
      String.raw`the snapshot to match the docstring after cycle \d+`,
      VALUE,
    ],
    ['a values table wait given up when its unless value is already there', 'within 5s the observed values should be unless', 'the values of the table', VALUE],
    [
      'a fresh values table wait given up when its unless value is already there',
      'within 5s the freshly observed values should be unless',
      String.raw`the values of the table after cycle \d+`,
      VALUE,
    ],
    [
      'a source count wait given up when its unless event comes',
      'within 5s the observed source count should be 9 unless an event matches:',
      'the source count to be 9',
      EVENT,
    ],
    [
      'a source count wait given up when its unless value is already there',
      'within 5s the observed source count should be 9 unless the observed',
      'the source count to be 9',
      VALUE,
    ],
    [
      'a fresh source count wait given up when its unless event comes',
      'within 5s the freshly observed source count should be 9 unless an event matches:',
      String.raw`the source count to be 9 after cycle \d+`,
      EVENT,
    ],
    [
      'a fresh source count wait given up when its unless value is already there',
      'within 5s the freshly observed source count should be 9 unless the observed',
      String.raw`the source count to be 9 after cycle \d+`,
      VALUE,
    ],
    [
      'a cycle wait given up when its unless event comes',
      'within 5s the observed cycle should be at least 100000 unless an event matches:',
      'the cycle to be at least 100000',
      EVENT,
    ],
    [
      'a cycle wait given up when its unless value is already there',
      'within 5s the observed cycle should be at least 100000 unless the observed',
      'the cycle to be at least 100000',
      VALUE,
    ],
    [
      'a failure wait given up when its unless event comes',
      'within 5s the observation should fail at the poll stage unless an event matches:',
      'a failure at the poll stage',
      EVENT,
    ],
    [
      'a failure wait given up when its unless value is already there',
      'within 5s the observation should fail at the poll stage unless the observed',
      'a failure at the poll stage',
      VALUE,
    ],
    [
      'a recovery wait given up when its unless value is already there',
      'within 5s the observation should recover unless the observed',
      String.raw`a successful cycle to end the poll stage failures after cycle \d+`,
      VALUE,
    ],
    [
      'an event count wait given up when its unless value is already there',
      'within 5s at least 2 events should match unless the observed',
      String.raw`2 events matching \{"type":"leader-changed"\}`,
      VALUE,
    ],
    [
      'an event order wait given up when its unless value is already there',
      'within 5s events should have been observed in this order unless the observed',
      String.raw`2 events in this order: \[\{"type":"node-down"\},\{"type":"leader-changed"\}\]`,
      VALUE,
    ],
    [
      'a fresh value wait given up when its unless event comes',
      'within 5s the freshly observed "nodes.a.leader" should be "n2" unless an event matches:',
      String.raw`"nodes\.a\.leader" to be "n2" after cycle \d+`,
      EVENT,
    ],
    [
      'a fresh value wait given up when its unless value is already there',
      'within 5s the freshly observed "nodes.a.leader" should be "n2" unless the observed',
      String.raw`"nodes\.a\.leader" to be "n2" after cycle \d+`,
      VALUE,
    ],
    [
      'a new event wait given up when its unless value is already there',
      'within 5s a new event should match unless the observed',
      String.raw`a new event matching \{"type":"leader-changed"\}`,
      VALUE,
    ],
    [
      'a new event field wait given up when its unless event comes',
      'within 5s a new event should have "type" equal to "leader-changed" unless an event matches:',
      String.raw`a new event with "type" = "leader-changed"`,
      EVENT,
    ],
    [
      'a new event field wait given up when its unless value is already there',
      'within 5s a new event should have "type" equal to "leader-changed" unless the observed',
      String.raw`a new event with "type" = "leader-changed"`,
      VALUE,
    ],
  ];
  for (const [scenario, step, awaited, since] of cases) {
    it(`${scenario}: the step fails at once, saying what it waited for and what was seen`, () => {
      const message = withoutStack(failureOf(run, scenario, step));
      const escaped = awaited.includes('\\') ? awaited : awaited.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      assertMentions(message, new RegExp(`^ObservationGuardError: gave up waiting for ${escaped}(?: after cycle \\d+)?, ${since}`));
    });
  }
});

describe('scenario guards', () => {
  it('hit during a wait: the wait gives up at once, naming the guard, the cycle and the event', () => {
    const message = withoutStack(failureOf(run, 'a scenario guard hit during a wait', 'within 5s the observed "nodes.a.leader" should be "n2"'));
    assertMentions(
      message,
      /^ObservationGuardError: gave up waiting for "nodes\.a\.leader" to be "n2" after cycle \d+: the guard "an event matches \{"type":"quorum-lost"\}" was hit by the event \{"type":"quorum-lost","term":4\} at cycle \d+$/,
    );
  });

  it('hit before a wait: the wait fails before waiting', () => {
    const message = withoutStack(failureOf(run, 'a scenario guard hit before a wait', 'within 5s the observed "nodes.a.leader" should be "n2"'));
    assertMentions(
      message,
      /^ObservationGuardError: not waiting for "nodes\.a\.leader" to be "n2" after cycle \d+: the guard "the observed "nodes\.a\.leader" is not "n1"" was hit by "nodes\.a\.leader" is "n3" \(observation "system"\) at cycle \d+ before the wait began$/,
    );
  });

  for (const [scenario, guard, seen] of [
    ['a scenario guard hit with no wait pending', 'an event matches {"type":"quorum-lost"}', /the event \{"type":"quorum-lost","term":4\} at cycle \d+$/],
    [
      'a scenario guard on a value that already holds',
      'the observed "nodes.a.leader" is "n1"',
      /"nodes\.a\.leader" is "n1" \(observation "system"\) at cycle \d+$/,
    ],
    [
      'a scenario guard on a failure that is already there',
      'the observation fails at the poll stage',
      /the poll stage failure "connection refused" at cycle \d+$/,
    ],
  ] as const) {
    it(`${scenario}: the After hook reports it`, () => {
      const message = withoutStack(failureOf(run, scenario, AFTER_HOOK));
      assertMentions(
        message,
        `ObservationGuardError: the scenario failed fast, although no step was waiting: the guard "${guard}" of observation "system" was hit by `,
        seen,
      );
    });
  }

  it('an unknown state word: the words accepted', () => {
    const message = failureOf(run, 'an unknown state word', 'the scenario fails as soon as the observed "nodes.a.leader" becomes "n2"');
    assertMentions(
      message,
      'StepInputError: unknown state "becomes "n2"": the accepted words are is <JSON>, is not <JSON>, is greater than <n>, ',
      '"does not" before match, contain, have and exist, "are" for several values',
    );
  });

  it('lifting when none is armed says so', () => {
    assertMentions(failureOf(run, 'lifting guards when none is armed', 'the scenario guards are lifted'), 'no scenario guard is armed, so none can be lifted');
  });

  it('a guard docstring that is not JSON', () => {
    assertMentions(
      failureOf(run, 'a scenario guard whose docstring is not JSON', 'the scenario fails as soon as an event matches:'),
      'StepInputError: the docstring is not valid JSON: ',
    );
  });
});

describe('failure-free windows', () => {
  it('for a duration: the failed cycle, its stage, when, and its message', () => {
    const message = withoutStack(failureOf(run, 'a failure during a failure-free window', 'the observation should not fail for 2s'));
    assertMentions(
      message,
      /^Error: expected observation "system" not to fail for 2000 ms, but cycle \d+ failed at the poll stage after \d+ ms of 2000 ms: connection refused$/,
    );
  });

  it('for cycles: how many cycles passed first', () => {
    const message = withoutStack(failureOf(run, 'a failure during failure-free cycles', 'the observation should not fail for 50 cycles'));
    assertMentions(
      message,
      /^Error: expected observation "system" not to fail for 50 cycles, but cycle \d+ failed at the poll stage after \d+ of 50 cycles: connection refused$/,
    );
  });
});
