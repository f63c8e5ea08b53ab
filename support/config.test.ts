// An observation's option layers without a Cucumber run: --world-parameters, tags, step tables, and their precedence.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layerOptions, NO_OBSERVATION_TAG, OPTION_WORDS, tableLayer, tagLayer, worldParameterLayer } from './config.js';
import { StepInputError } from './parse.js';

const NAMES = ['system', 'audit', 'broken', 'hanging'];
const DURATION_HELP = 'expected a number followed by ms, s or m, such as 500ms, 1.5s or 2 m';
const OPTIONS_HELP =
  'interval (e.g. 50ms), history (e.g. 16), cycle-timeout (e.g. 500ms), startup-timeout (e.g. 5s), startup-retries (e.g. 2), ' +
  'stop-timeout (e.g. 1s), min-cycle-gap (e.g. 10ms), report (e.g. always)';
const TAG_HELP = `expected @observation.<option>=<value> or @observation.<name>.<option>=<value> with options ${OPTIONS_HELP}`;
const CONFIG_KEYS = 'intervalMs, historyLimit, startupRetries, startupRetryDelayMs, startupTimeoutMs, cycleTimeoutMs, stopTimeoutMs, minCycleGapMs, logger';

/** Asserts that `layer` throws a StepInputError with exactly `message`. */
function refuses(layer: () => unknown, message: string): void {
  assert.throws(layer, (error: unknown) => {
    assert.ok(error instanceof StepInputError, `not a StepInputError: ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });
}

describe('layerOptions', () => {
  test('with no layer: a 10 s start-up bound and the summary on failure', () => {
    assert.deepEqual(layerOptions(), { config: { startupTimeoutMs: 10_000 }, report: 'on-failure' });
  });

  test('later layers win key by key; an undefined layer or value changes nothing', () => {
    const layered = layerOptions(
      { intervalMs: 20, historyLimit: 64 },
      undefined,
      { intervalMs: 45, historyLimit: undefined, report: 'always' },
      { startupTimeoutMs: 5000 },
    );
    assert.deepEqual(layered, { config: { startupTimeoutMs: 5000, intervalMs: 45, historyLimit: 64 }, report: 'always' });
  });

  test('definition < --world-parameters (shared < per observation) < tags < step tables', () => {
    const parameters = { observation: { report: 'always', intervalMs: 45, historyLimit: 9, system: { historyLimit: 7 } } };
    const tags = ['@audit', '@observation.system.interval=25ms'];
    const system = layerOptions({ intervalMs: 20, historyLimit: 64 }, worldParameterLayer(parameters, 'system', NAMES), tagLayer(tags, 'system', NAMES));
    assert.deepEqual([system.config.intervalMs, system.config.historyLimit, system.report], [25, 7, 'always']);
    const audit = layerOptions(
      { intervalMs: 30, historyLimit: 4 },
      worldParameterLayer(parameters, 'audit', NAMES),
      tagLayer(tags, 'audit', NAMES),
      tableLayer([['history', '3']]),
    );
    assert.deepEqual([audit.config.intervalMs, audit.config.historyLimit], [45, 3]);
  });
});

describe('worldParameterLayer', () => {
  test('no "observation" section: no layer', () => {
    assert.equal(worldParameterLayer(undefined, 'system', NAMES), undefined);
    assert.equal(worldParameterLayer({ other: 1 }, 'system', NAMES), undefined);
    assert.equal(worldParameterLayer({ observation: undefined }, 'system', NAMES), undefined);
  });

  test('options at the top apply to every observation; those under its name to that one only, and win', () => {
    const parameters = { observation: { intervalMs: 45, historyLimit: 9, system: { historyLimit: 7 } } };
    assert.deepEqual(worldParameterLayer(parameters, 'system', NAMES), { intervalMs: 45, historyLimit: 7 });
    assert.deepEqual(worldParameterLayer(parameters, 'audit', NAMES), { intervalMs: 45, historyLimit: 9 });
  });

  test('an unknown key is refused with the keys accepted, the observations among them', () => {
    refuses(
      () => worldParameterLayer({ observation: { intervalMS: 50 } }, 'system', ['system', 'audit']),
      `unknown key "intervalMS" in world parameter "observation"; accepted: ${CONFIG_KEYS}, report, system (an observation), audit (an observation)`,
    );
  });

  test('"__proto__" is a key like any other: unknown, so refused, and no prototype is set', () => {
    const parameters = JSON.parse('{"observation": {"__proto__": {"intervalMs": 1, "polluted": true}}}') as unknown;
    refuses(
      () => worldParameterLayer(parameters, 'system', ['system']),
      `unknown key "__proto__" in world parameter "observation"; accepted: ${CONFIG_KEYS}, report, system (an observation)`,
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('a section or an observation entry that is not an object is refused, quoting it', () => {
    refuses(() => worldParameterLayer({ observation: 5 }, 'system', NAMES), 'world parameter "observation" must be an object of options, got 5');
    refuses(() => worldParameterLayer({ observation: [1] }, 'system', NAMES), 'world parameter "observation" must be an object of options, got [1]');
    refuses(
      () => worldParameterLayer({ observation: { system: 5 } }, 'system', NAMES),
      'world parameter "observation.system" must be an object of options, got 5',
    );
  });

  test('a bad value is reported as the world parameter it came from', () => {
    refuses(
      () => worldParameterLayer({ observation: { system: { historyLimit: 'ten' } } }, 'system', NAMES),
      'world parameter "observation.system": historyLimit must be a non-negative integer, got "ten"',
    );
    refuses(
      () => worldParameterLayer({ observation: { report: 'sometimes' } }, 'system', NAMES),
      'world parameter "observation": invalid report policy "sometimes": expected on-failure, always, never',
    );
  });
});

describe('tagLayer', () => {
  test('@observation.<option> for all, @observation.<name>.<option> for one, which wins whatever the order', () => {
    const tags = ['@audit', '@observation.system.interval=25ms', '@observation.interval=45ms', '@observation.report=always'];
    assert.deepEqual(tagLayer(tags, 'system', NAMES), { intervalMs: 25, report: 'always' });
    assert.deepEqual(tagLayer(tags, 'audit', NAMES), { intervalMs: 45, report: 'always' });
  });

  test('no option tag for this observation: no layer', () => {
    assert.equal(tagLayer([], 'system', NAMES), undefined);
    assert.equal(tagLayer(['@slow', NO_OBSERVATION_TAG, '@observation.audit.history=3'], 'system', NAMES), undefined);
  });

  test('a malformed tag is refused, naming the tag, why, and the tag forms', () => {
    const cases = [
      ['@observation.interval=5parsecs', `invalid duration "5parsecs": unknown unit "parsecs"; ${DURATION_HELP}`],
      ['@observation.speed=5ms', 'unknown option "speed"'],
      ['@observation.constructor=5ms', 'unknown option "constructor"'],
      ['@observation.nope.history=3', 'there is no observation named "nope" (defined: system, audit, broken, hanging)'],
      ['@observation.interval', 'the "=" and a value are missing'],
      ['@observation.system.history=ten', 'invalid history limit "ten": expected a whole number of 0 or more'],
      ['@observation.report=sometimes', 'invalid report policy "sometimes": expected on-failure, always, never'],
      ['@observation.system.history.max=3', 'too many dots'],
    ] as const;
    for (const [tag, why] of cases) refuses(() => tagLayer([tag], 'system', NAMES), `invalid observation tag ${tag}: ${why}; ${TAG_HELP}`);
  });

  test('with no observation defined, the message says so', () => {
    refuses(
      () => tagLayer(['@observation.nope.history=3'], 'system', []),
      `invalid observation tag @observation.nope.history=3: there is no observation named "nope" (defined: none); ${TAG_HELP}`,
    );
  });
});

describe('tableLayer', () => {
  test('rows of option word | value, trimmed, each parsed as its option says', () => {
    const layer = tableLayer([
      [' interval ', ' 50ms '],
      ['history', '3'],
      ['cycle-timeout', '2s'],
      ['startup-timeout', '5s'],
      ['startup-retries', '2'],
      ['stop-timeout', '0s'],
      ['min-cycle-gap', '0ms'],
      ['report', 'never'],
    ]);
    assert.deepEqual(layer, {
      intervalMs: 50,
      historyLimit: 3,
      cycleTimeoutMs: 2000,
      startupTimeoutMs: 5000,
      startupRetries: 2,
      stopTimeoutMs: 0,
      minCycleGapMs: 0,
      report: 'never',
    });
    assert.deepEqual(Object.keys(OPTION_WORDS), [
      'interval',
      'history',
      'cycle-timeout',
      'startup-timeout',
      'startup-retries',
      'stop-timeout',
      'min-cycle-gap',
      'report',
    ]);
  });

  test('an unknown option word, also one every object has, is refused with the words accepted', () => {
    refuses(() => tableLayer([['speed', '5']]), `unknown observation option "speed"; accepted: ${OPTIONS_HELP}`);
    refuses(() => tableLayer([['constructor', '1']]), `unknown observation option "constructor"; accepted: ${OPTIONS_HELP}`);
  });

  test('a bad value is refused, naming its option', () => {
    refuses(
      () => tableLayer([['interval', '5 parsecs']]),
      `observation option "interval": invalid duration "5 parsecs": unknown unit "parsecs"; ${DURATION_HELP}`,
    );
    refuses(() => tableLayer([['interval', '']]), `observation option "interval": empty duration: ${DURATION_HELP}`);
    refuses(() => tableLayer([['history', '']]), 'observation option "history": invalid history limit "": expected a whole number of 0 or more');
    refuses(() => tableLayer([['interval', '0s']]), 'observation option "interval": invalid duration "0s": it must be greater than zero');
    refuses(() => tableLayer([['report', 'sometimes']]), 'observation option "report": invalid report policy "sometimes": expected on-failure, always, never');
  });
});
