// Bad configuration is refused before anything starts: no provider call, no init, no timer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../test/helpers/manual-clock.js';
import { TallyObserver, TestProvider } from '../test/helpers/fixtures.js';
import { DEFAULT_CONFIG, ObservationRuntime, ObservationRuntimeError, type ObservationConfig } from './index.js';
import { resolveConfig } from './config.js';

/** Starts with `config` and expects a refusal before the provider or the observer were touched. */
async function expectRefused(config: unknown, code: 'invalid-interval' | 'invalid-config', message: RegExp): Promise<void> {
  const clock = new ManualClock();
  const provider = new TestProvider();
  const observer = new TallyObserver();
  const withClock = typeof config === 'object' && config !== null ? { clock, ...config } : config;
  await assert.rejects(ObservationRuntime.start(provider, observer, withClock as ObservationConfig), (error: unknown) => {
    assert.ok(error instanceof ObservationRuntimeError, `expected an ObservationRuntimeError, got ${String(error)}`);
    assert.equal(error.name, 'ObservationRuntimeError');
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
  assert.equal(provider.calls, 0, 'the provider must not be asked');
  assert.equal(observer.initCalls, 0, 'init must not be called');
  assert.equal(clock.pending, 0, 'no timer may be left');
}

describe('intervalMs', () => {
  const SEED_MESSAGE = /^observation interval must be greater than zero/;
  for (const [label, intervalMs] of [
    ['zero', 0],
    ['negative', -5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a string', '100'],
    ['a boolean', true],
    ['an object', { ms: 100 }],
    ['null', null],
  ] as const) {
    test(`${label} is refused with invalid-interval and the seed's message`, async () => {
      await expectRefused({ intervalMs }, 'invalid-interval', SEED_MESSAGE);
    });
  }

  test('the message says what the value was', async () => {
    await expectRefused({ intervalMs: -5 }, 'invalid-interval', /intervalMs was -5/);
  });

  test('a value beyond what a platform timer can wait is refused', async () => {
    await expectRefused({ intervalMs: 2 ** 31 }, 'invalid-interval', /at most 2147483647 ms/);
  });

  test('the interval is checked before anything else touches the provider or observer', async () => {
    // Even a provider and observer that are themselves invalid are not looked at first.
    await assert.rejects(
      ObservationRuntime.start(null as never, {} as never, { intervalMs: 0 }),
      (error: unknown) => error instanceof ObservationRuntimeError && error.code === 'invalid-interval',
    );
  });

  test('a bad interval is reported as such even beside an unknown option', async () => {
    await expectRefused({ intervalMs: 0, speed: 3 }, 'invalid-interval', SEED_MESSAGE);
  });

  test('a fractional positive interval is accepted', () => {
    assert.equal(resolveConfig({ intervalMs: 0.5 }).intervalMs, 0.5);
  });
});

describe('historyLimit', () => {
  for (const [label, historyLimit] of [
    ['negative', -1],
    ['fractional', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '3'],
    ['null', null],
  ] as const) {
    test(`${label} is refused with invalid-config naming historyLimit`, async () => {
      await expectRefused({ historyLimit }, 'invalid-config', /historyLimit/);
    });
  }

  test('zero is accepted (keeps no history)', () => {
    assert.equal(resolveConfig({ historyLimit: 0 }).historyLimit, 0);
  });
});

describe('other options', () => {
  test('an unknown option is refused and named, with a hint for the seed name', async () => {
    await expectRefused({ interval: 100 }, 'invalid-config', /unknown observation option interval; did you mean intervalMs\?/);
  });

  test('an unknown option without a likely meaning is named too', async () => {
    await expectRefused({ frobnicate: true }, 'invalid-config', /unknown observation option frobnicate/);
  });

  test('an unknown option is refused even when intervalMs is fine', async () => {
    await expectRefused({ intervalMs: 50, history_limit: 2 }, 'invalid-config', /history_limit.*historyLimit/);
  });

  for (const [name, value] of [
    ['startupRetries', -1],
    ['startupRetries', 0.5],
    ['startupRetryDelayMs', -1],
    ['startupRetryDelayMs', Number.NaN],
    ['startupTimeoutMs', 0],
    ['startupTimeoutMs', -10],
    ['cycleTimeoutMs', 0],
    ['cycleTimeoutMs', Number.POSITIVE_INFINITY],
    ['stopTimeoutMs', -1],
    ['stopTimeoutMs', 'soon'],
  ] as const) {
    test(`${name} = ${String(value)} is refused naming ${name}`, async () => {
      await expectRefused({ [name]: value }, 'invalid-config', new RegExp(`^${name} must be`));
    });
  }

  test('a signal that is not an AbortSignal is refused', async () => {
    await expectRefused({ signal: { aborted: false } }, 'invalid-config', /signal must be an AbortSignal/);
  });

  test('a clock without the three methods is refused', async () => {
    await assert.rejects(
      ObservationRuntime.start(new TestProvider(), new TallyObserver(), { clock: { now: () => 0 } as never }),
      (error: unknown) => error instanceof ObservationRuntimeError && error.code === 'invalid-config' && /clock must have/.test(error.message),
    );
  });

  test('a logger that is not an object is refused', async () => {
    await expectRefused({ logger: 'console' }, 'invalid-config', /logger must be an object/);
  });

  test('a config that is not an object is refused', async () => {
    await assert.rejects(
      ObservationRuntime.start(new TestProvider(), new TallyObserver(), 42 as never),
      (error: unknown) => error instanceof ObservationRuntimeError && error.code === 'invalid-config',
    );
  });

  test('an observer without init, poll or snapshot is refused before the provider is asked', async () => {
    const provider = new TestProvider();
    await assert.rejects(
      ObservationRuntime.start(provider as never, { init: () => ({}), poll: () => [] } as never, { clock: new ManualClock() }),
      (error: unknown) => error instanceof ObservationRuntimeError && error.code === 'invalid-config' && /lacks snapshot/.test(error.message),
    );
    assert.equal(provider.calls, 0);
  });

  test('a provider that is neither a function nor has sources() is refused', async () => {
    await assert.rejects(
      ObservationRuntime.start({ list: [] } as never, new TallyObserver(), { clock: new ManualClock() }),
      (error: unknown) => error instanceof ObservationRuntimeError && error.code === 'invalid-config' && /source provider must be/.test(error.message),
    );
  });
});

describe('defaults', () => {
  test('match the seed (1 s interval, 64 batches) and are filled in', () => {
    assert.equal(DEFAULT_CONFIG.intervalMs, 1000);
    assert.equal(DEFAULT_CONFIG.historyLimit, 64);
    const resolved = resolveConfig(undefined);
    assert.equal(resolved.intervalMs, 1000);
    assert.equal(resolved.historyLimit, 64);
    assert.equal(resolved.startupRetries, 0);
    assert.equal(resolved.stopTimeoutMs, 1000);
    assert.equal(resolved.startupTimeoutMs, undefined);
    assert.equal(resolved.cycleTimeoutMs, undefined);
    assert.ok(Object.isFrozen(DEFAULT_CONFIG));
  });
});
