// Bad step input in a real Cucumber run: durations, JSON, docstrings, tables, paths, names, stages, sizes, world parameters.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runFixtureCucumbers, step, testCase, type CucumberRunResult } from './helpers/run-cucumber.js';
import { assertLeftNothing, assertMentions, failureOf, withoutStack } from './fixtures/expectations.js';

const WORLD_PARAMETERS_FEATURE = 'test/fixtures/features/world-parameters.feature';
const HUGE = 20_000;

// Built at run time: a feature file with 20 000-character lines has no place in the repository.
function largeInputFeature(): string {
  const text = 'x'.repeat(HUGE);
  return [
    'Feature: Large step input',
    '',
    '  Background:',
    '    Given node "a" gets a string of 50000 characters under "blob"',
    '    And within 2s the observed "nodes.a.blob.length" should be 50000',
    '',
    '  Scenario: a large docstring that is not JSON',
    '    Then the observed snapshot should match:',
    '      """',
    `      { "nodes": ${text} }`,
    '      """',
    '',
    '  Scenario: a large docstring that does not match a large value',
    '    Then the observed snapshot should match:',
    '      """',
    `      { "nodes": { "a": { "blob": "${'y'.repeat(HUGE)}" } } }`,
    '      """',
    '',
    '  Scenario: a large JSON literal that does not parse',
    `    Then the observed "nodes.a.blob" should be ${text}`,
    '',
  ].join('\n');
}

const badWorldParameters = [
  [
    'an unknown option key',
    { observation: { intervalMS: 50 } },
    'unknown key "intervalMS" in world parameter "observation"; accepted: intervalMs, historyLimit, startupRetries',
    'report, system (an observation), audit (an observation)',
  ],
  ['a section that is not an object', { observation: 5 }, 'world parameter "observation" must be an object of options, got 5'],
  [
    "an observation's option with a bad value",
    { observation: { system: { historyLimit: 'ten' } } },
    'world parameter "observation.system": historyLimit must be a non-negative integer, got "ten"',
  ],
  [
    'an unknown report policy',
    { observation: { report: 'sometimes' } },
    'world parameter "observation": invalid report policy "sometimes": expected on-failure, always, never',
  ],
] as const;

let directory: string;
let input: CucumberRunResult;
let worldParameterRuns: CucumberRunResult[];

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'cucumber-observation-input-'));
  const largeFeature = join(directory, 'large-input.feature');
  writeFileSync(largeFeature, largeInputFeature());
  [input, ...worldParameterRuns] = await runFixtureCucumbers(
    [
      { features: ['test/fixtures/features/bad-input.feature', largeFeature] },
      ...badWorldParameters.map(([, worldParameters]) => ({ features: [WORLD_PARAMETERS_FEATURE], worldParameters })),
    ],
    3,
  );
});

after(() => rmSync(directory, { recursive: true, force: true }));

describe('fixture runs', () => {
  it('leave nothing running, touch no prototype, and exit by themselves', () => {
    for (const result of [input, ...worldParameterRuns]) assertLeftNothing(result);
  });
});

describe('bad step input fails the step, naming the input and what is accepted', () => {
  const DURATION_HELP = 'expected a number followed by ms, s or m, such as 500ms, 1.5s or 2 m';
  const JSON_HELP = 'expected a JSON literal: a number, a "double-quoted string", true, false, null, an array or an object';
  const PATH_HELP = 'expected dot and bracket notation such as leader.id, nodes[0].up or data["a.b"]';
  const cases: ReadonlyArray<readonly [string, string, ...(string | RegExp)[]]> = [
    ['a duration in an unknown unit', 'within 5 parsecs', `invalid duration "5 parsecs": unknown unit "parsecs"; ${DURATION_HELP}`],
    ['a negative duration', 'no event should be observed for -1s', `invalid duration "-1s": it is negative; ${DURATION_HELP}`],
    [
      'a zero duration where a positive one is needed',
      'the observed "nodes.a.role" should stay "leader" for 0s',
      'invalid duration "0s": it must be greater than zero',
    ],
    [
      'a duration whose unit is a name every object has',
      'within 5 constructor',
      `invalid duration "5 constructor": unknown unit "constructor"; ${DURATION_HELP}`,
    ],
    ['an empty duration in an option table', 'the "system" observation is started with:', `observation option "interval": empty duration: ${DURATION_HELP}`],
    [
      'a JSON literal that does not parse',
      'the observed "nodes.a.role" should be leader',
      'invalid JSON literal leader: ',
      `did you mean "leader"?; ${JSON_HELP}`,
    ],
    ['a JSON literal that is cut short', 'within 1s an event should have "leader" equal to {"id": 1', 'invalid JSON literal {"id": 1: ', JSON_HELP],
    [
      'a docstring that is not JSON',
      'the observed snapshot should match:',
      'the docstring is not valid JSON: ',
      'docstring: { nodes: { a: { role: "leader" } } }',
    ],
    ['an event docstring that is not JSON', 'within 1s an event should match:', 'the docstring is not valid JSON: ', 'docstring: type = elected'],
    ['a table value that is not JSON', 'the observed values should be:', 'table row 1 ("nodes.a.role"): invalid JSON literal leader', JSON_HELP],
    [
      'a table row with four cells',
      'the observed values should be:',
      'table row 1 has 4 cells; expected two (path | JSON value) or three (path | check word | value)',
    ],
    [
      'a table row whose check column is not a check word',
      'the observed values should be:',
      'table row 1 ("nodes.a.role"): the check column holds "leader", which is not a check word; accepted: <JSON>, equal to <JSON>, greater than <n>',
    ],
    ['a table with a header only', 'the observed values should be:', 'the table has no path | value rows'],
    [
      'an index past the end of an array',
      'the observed "nodes.a.list[5]" should be 1',
      /path "nodes\.a\.list\[5\]": "nodes\.a\.list" has 2 items, so there is no \[5\] \(observation "system", cycle \d+\)/,
    ],
    ['a malformed path', 'the observed "nodes..a" should be 1', `invalid path "nodes..a": empty segment at character 7; ${PATH_HELP}`],
    ['an unknown observation', 'the "clusterr" observation is selected', 'no observation named "clusterr" (defined: system, audit, broken, hanging)'],
    [
      'a stage that does not exist',
      'within 1s the observation should fail at the refresh stage',
      'unknown failure stage "refresh": expected "source refresh" or "poll"',
    ],
    [
      'a stage that does not exist, for the last failure',
      'the last observation failure should be at the parsing stage',
      'unknown failure stage "parsing": expected "source refresh" or "poll"',
    ],
  ];
  for (const [scenario, stepText, ...parts] of cases) {
    it(scenario, () => {
      assertMentions(failureOf(input, scenario, stepText), ...parts);
    });
  }

  it('a path missing in a wait: the wait times out, its last check saying which segment is not there', () => {
    const message = failureOf(input, 'a path that is not in the snapshot', 'within 1s the observed "nodes.a.role.name"');
    assertMentions(
      message,
      'timed out after 1000 ms waiting for "nodes.a.role.name" to be "leader"',
      /last check: path "nodes\.a\.role\.name": "nodes\.a\.role" is string "leader", so it has no "name" \(observation "system", cycle \d+\)/,
    );
  });
});

describe('paths that could reach a prototype are refused, and no prototype is touched', () => {
  const refusals = [
    ['a path through __proto__', 'the observed "__proto__.polluted" should be true', 'path "__proto__.polluted" is refused: the segment "__proto__"'],
    ['a path through constructor', 'within 1s the observed "nodes.constructor.name"', 'path "nodes.constructor.name" is refused: the segment "constructor"'],
    [
      'a path through prototype in brackets',
      `the observed "nodes['prototype']" should stay 1 for 1s`,
      `path "nodes['prototype']" is refused: the segment "prototype"`,
    ],
    ['a refused path in a table', 'the observed values should be:', 'path "__proto__.polluted" is refused: the segment "__proto__"'],
    [
      'a refused path in an event step',
      'within 1s an event should have "constructor.prototype.polluted"',
      'path "constructor.prototype.polluted" is refused: the segment "constructor"',
    ],
    ['a refused path in a no-event step', 'no event should have "__proto__" equal to', 'path "__proto__" is refused: the segment "__proto__"'],
  ] as const;
  for (const [scenario, stepText, refusal] of refusals) {
    it(scenario, () => {
      const message = failureOf(input, scenario, stepText);
      assertMentions(message, /^PathError: /, refusal, "could reach an object's prototype");
    });
  }

  it('a docstring key "__proto__" is a key like any other: missing from the snapshot, it is reported missing', () => {
    const message = failureOf(input, 'a docstring with a __proto__ key the snapshot lacks', 'the observed snapshot should match:');
    assertMentions(message, '__proto__: missing', 'nodes.a.constructor: missing');
  });

  it('a docstring key "__proto__" matches the same key held as data, and a difference under it is reported', () => {
    const outcome = testCase(input, 'a docstring with a __proto__ key the snapshot has as data');
    assert.equal(step(outcome, 'within 2s the observed snapshot should match:').status, 'PASSED');
    const message = failureOf(input, 'a docstring with a __proto__ key the snapshot has as data', 'the observed snapshot should match:');
    assertMentions(message, 'nodes.a.__proto__.polluted: expected false, got true');
  });

  it('an event docstring with a "__proto__" key matches an event holding it as data', () => {
    assert.equal(testCase(input, 'an event docstring with a __proto__ key').status, 'PASSED');
  });
});

describe('large input keeps messages readable, cut with a marker', () => {
  it('a large docstring that is not JSON is quoted only in part', () => {
    const message = withoutStack(failureOf(input, 'a large docstring that is not JSON', 'the observed snapshot should match:'));
    assertMentions(message, 'the docstring is not valid JSON: ', /docstring: \{ "nodes": x+… \[\d+ more characters\]/);
    assert.ok(message.length < 2_000, `the message has ${message.length} characters`);
  });

  it('a large value that does not match: differences and diff are cut', () => {
    const message = withoutStack(failureOf(input, 'a large docstring that does not match a large value', 'the observed snapshot should match:'));
    assertMentions(message, /nodes\.a\.blob: expected "y+… \[\d+ more characters\]", got "x+… \[\d+ more characters\]"/, '+ expected - actual');
    assert.ok(message.length < 12_000, `the message has ${message.length} characters`);
  });

  it('a large JSON literal that does not parse is quoted only in part', () => {
    const message = withoutStack(failureOf(input, 'a large JSON literal that does not parse', 'the observed "nodes.a.blob" should be'));
    assertMentions(message, /invalid JSON literal x+… \[\d+ more characters\]/);
    assert.ok(message.length < 2_000, `the message has ${message.length} characters`);
  });

  it('a large value in a path mismatch: the message and the diff are cut', () => {
    const message = withoutStack(failureOf(input, 'a large value', 'the observed "nodes.a.blob" should be "short"'));
    assertMentions(message, /"nodes\.a\.blob" is "x+… \[\d+ more characters\]" but should be "short"/, '+ expected - actual', /more characters\]/);
    assert.ok(message.length < 12_000, `the message has ${message.length} characters`);
  });
});

describe('bad --world-parameters fail the Before hook, naming the parameter', () => {
  for (const [index, [what, , ...parts]] of badWorldParameters.entries()) {
    it(what, () => {
      const result = worldParameterRuns[index]!;
      const message = failureOf(result, "a scenario under the run's world parameters", 'Before: cucumber-observation: start observations');
      assertMentions(message, /^StepInputError: /, ...parts);
      assert.equal(step(testCase(result, "a scenario under the run's world parameters"), 'the observation should be running').status, 'SKIPPED');
    });
  }
});
