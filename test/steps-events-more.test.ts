// New-event, count and order steps made to fail in a real Cucumber run, and exactly what they said.
import { before, describe, it } from 'node:test';
import { runFixtureCucumber, type CucumberRunResult } from './helpers/run-cucumber.js';
import { assertAllFailedLeavingNothing, assertMentions, failureOf, withoutStack } from './fixtures/expectations.js';

let run: CucumberRunResult;

before(async () => {
  run = await runFixtureCucumber({ features: ['test/fixtures/features/event-counts.feature'] });
});

const SNAPSHOT = /\n {2}last snapshot: cycle \d+, \d+ ms old, 1 source: \{"nodes":\{"a":\{\}\},"nodeCount":1,"totals":\{"polls":\d+\}\}\n/;

describe('event count and order fixtures', () => {
  it('fail every scenario, leave nothing running and exit by themselves', () => {
    assertAllFailedLeavingNothing(run);
  });

  for (const [scenario, step, awaited] of [
    ['a new event: the stale one must be ignored', 'within 300ms a new event should match:', 'a new event matching {"type":"node-up","node":"n2"}'],
    ['a new event with a value: the stale one must be ignored', 'within 300ms a new event should have "node" equal to "n2"', 'a new event with "node" = "n2"'],
  ] as const) {
    it(`${scenario}: a timeout, although the history holds a match`, () => {
      const message = withoutStack(failureOf(run, scenario, step));
      assertMentions(message, `ObservationTimeoutError: timed out after 300 ms waiting for ${awaited}\n`, SNAPSHOT, /\n {2}cycles during the wait: [1-9]\d*$/);
    });
  }

  it('at least two events, one short: how many matched, and the last event that did not', () => {
    const message = withoutStack(failureOf(run, 'at least two events, one short', 'within 300ms at least 2 events should match:'));
    assertMentions(
      message,
      'ObservationTimeoutError: timed out after 300 ms waiting for 2 events matching {"type":"leader-changed"}\n',
      SNAPSHOT,
      '\n  last check: the last event seen (cycle 1) {"type":"node-down","node":"n1"} differs:\n      type: expected "leader-changed", got "node-down"\n',
      /\n {2}cycles during the wait: \d+\n {2}matched: 1 of 2 \(2 events looked at\)\n {2}last events that did not match \(1\):\n {4}cycle 1: \{"type":"node-down","node":"n1"\}$/,
    );
  });

  it('exactly so many in the history, one short: the count, and what matched', () => {
    const message = withoutStack(failureOf(run, 'exactly so many in the history, one short', 'the event history should hold exactly 2 events matching:'));
    assertMentions(
      message,
      'Error: the event history of observation "system" holds 1 event matching {"type":"leader-changed"}, not exactly 2 ' +
        '(1 event in 1 batch looked at)\n  matched:\n    cycle 1: {"type":"leader-changed","to":"n2"}\n  no event that did not match',
    );
  });

  it('exactly so many in the history, one over: every match with its cycle', () => {
    const message = withoutStack(failureOf(run, 'exactly so many in the history, one over', 'the event history should hold exactly 1 event matching:'));
    assertMentions(
      message,
      /^Error: the event history of observation "system" holds 2 events matching \{"type":"leader-changed"\}, not exactly 1 \(2 events in 2 batches looked at\)\n {2}matched:\n {4}cycle 1: \{"type":"leader-changed","to":"n2"\}\n {4}cycle \d+: \{"type":"leader-changed","to":"n3"\}\n {2}no event that did not match/,
    );
  });

  it('a window one short fails at its end, naming the cycles it covered', () => {
    const message = withoutStack(failureOf(run, 'exactly so many during a window, one short at its end', 'exactly 2 events should match for 300ms:'));
    assertMentions(
      message,
      /^Error: expected exactly 2 events matching \{"type":"heartbeat"\} during 300 ms, but 1 event matched \(observation "system", cycles \d+ to \d+, 1 event looked at\)\n {2}matched:\n {4}cycle \d+: \{"type":"heartbeat","n":1\}\n {2}no event that did not match/,
    );
  });

  it('a window one over: both matches', () => {
    const message = withoutStack(failureOf(run, 'exactly so many during a window, one over', 'exactly 1 event should match for 300ms:'));
    assertMentions(
      message,
      /^Error: expected exactly 1 event matching \{"type":"heartbeat"\} during 300 ms, but 2 events matched \(observation "system", cycles \d+ to \d+, 2 events looked at\)\n {2}matched:\n {4}cycle \d+: \{"type":"heartbeat","n":1\}\n {4}cycle \d+: \{"type":"heartbeat","n":2\}\n/,
    );
  });

  it('an order broken in the middle: the entry not found, after which event', () => {
    const message = withoutStack(failureOf(run, 'an order broken in the middle', 'within 400ms events should have been observed in this order:'));
    assertMentions(
      message,
      'ObservationTimeoutError: timed out after 400 ms waiting for 3 events in this order: [{"type":"node-down"},{"type":"leader-changed"},{"type":"member-removed"}]\n',
      SNAPSHOT,
      /\n {2}matched in order: 2 of 3\n {2}not found: entry 3 \(\{"type":"member-removed"\}\) after the event of cycle \d+ that matched entry 2: \{"type":"leader-changed","to":"n2"\}$/,
    );
  });

  it('an event field with a check word: what was awaited and the last check', () => {
    const message = withoutStack(
      failureOf(run, 'an event field compared with a check word, never true', 'within 300ms an event should have "term" greater than 1'),
    );
    assertMentions(
      message,
      'ObservationTimeoutError: timed out after 300 ms waiting for an event with "term" greater than 1\n',
      '\n  last check: the last event seen (cycle 1) {"type":"elected","term":1} differs: "term" is 1, not greater than 1\n',
    );
  });

  for (const [scenario, step, since, seen] of [
    [
      'an event wait given up when its unless event comes',
      'within 5s an event should have "type" equal to "leader-changed" unless an event matches:',
      'an event matches {"type":"quorum-lost"}',
      /the event \{"type":"quorum-lost","term":4\} at cycle \d+$/,
    ],
    [
      'an event wait given up when an observed value turns',
      'within 5s an event should have "type" equal to "leader-changed" unless the observed "nodes.a.quorum" is false',
      'the observed "nodes.a.quorum" is false',
      /"nodes\.a\.quorum" is false \(observation "system"\) at cycle \d+$/,
    ],
  ] as const) {
    it(`${scenario}: at once, with what was seen`, () => {
      const message = withoutStack(failureOf(run, scenario, step));
      assertMentions(message, `ObservationGuardError: gave up waiting for an event with "type" = "leader-changed", since ${since}: `, seen);
    });
  }

  it('an event docstring wait whose unless already holds fails before it waits', () => {
    const message = withoutStack(
      failureOf(run, 'an event docstring wait given up when an observed value is already there', 'within 5s an event should match unless the observed'),
    );
    assertMentions(
      message,
      /^ObservationGuardError: gave up waiting for an event matching \{"type":"leader-changed"\}, since the observed "nodes\.a\.quorum" is false: "nodes\.a\.quorum" is false \(observation "system"\) at cycle \d+/,
    );
  });

  it('an order that is not a list: an input error', () => {
    const message = failureOf(run, 'an order that is not a list', 'within 400ms events should have been observed in this order:');
    assertMentions(
      message,
      'StepInputError: the docstring must be a non-empty JSON array of partial event matches, such as [{"type": "a"}, {"type": "b"}]; got {"type":"node-down"}',
    );
  });
});
