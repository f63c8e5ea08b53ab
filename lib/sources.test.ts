// Named sources, the fixed-list provider, plain function providers, and what a malformed source list does to a cycle.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManualClock } from '../test/helpers/manual-clock.js';
import { INTERVAL, TallyObserver, TestProvider, sourcesNamed, startTally } from '../test/helpers/fixtures.js';
import { ObservationRuntime, ObservationRuntimeError, StaticSourceProvider, observedSource } from './index.js';
import { checkSources } from './sources.js';

describe('observedSource', () => {
  test('builds a frozen { name, source }', () => {
    const client = { url: 'http://node-a' };
    const source = observedSource('node-a', client);
    assert.deepEqual(source, { name: 'node-a', source: client });
    assert.equal(source.source, client, 'the app value is kept as is, not copied');
    assert.ok(Object.isFrozen(source));
  });

  test('refuses an empty or non-string name', () => {
    assert.throws(() => observedSource('', 1), { name: 'TypeError', message: /non-empty string/ });
    assert.throws(() => observedSource(7 as never, 1), { name: 'TypeError', message: /non-empty string, got 7/ });
  });
});

describe('StaticSourceProvider', () => {
  test('returns the same list every time, unaffected by later changes to the input', () => {
    const input = sourcesNamed('a', 'b');
    const provider = new StaticSourceProvider(input);
    input.push(observedSource('c', 'client:c'));
    const first = provider.sources();
    assert.deepEqual(
      first.map((source) => source.name),
      ['a', 'b'],
    );
    assert.equal(provider.sources(), first);
    assert.ok(Object.isFrozen(first));
  });

  test('accepts any iterable and drives a runtime', async () => {
    const clock = new ManualClock();
    const provider = new StaticSourceProvider(new Set(sourcesNamed('x', 'y', 'z')));
    const runtime = await ObservationRuntime.start(provider, new TallyObserver(), { intervalMs: INTERVAL, clock });
    assert.equal(runtime.handle().latestSnapshot()?.sourceCount, 3);
    await clock.advance(INTERVAL);
    assert.equal(runtime.handle().latestSnapshot()?.sourceCount, 3);
    assert.deepEqual(runtime.handle().latestSnapshot()?.value.sourceNames, ['x', 'y', 'z']);
    await runtime.stop();
  });
});

describe('function providers', () => {
  test('a plain function is accepted and gets the signal, at start and every cycle', async () => {
    const clock = new ManualClock();
    const signals: AbortSignal[] = [];
    const provider = (signal: AbortSignal) => {
      signals.push(signal);
      return sourcesNamed('only');
    };
    const runtime = await ObservationRuntime.start(provider, new TallyObserver(), { intervalMs: INTERVAL, clock });
    assert.equal(signals.length, 1);
    assert.equal(runtime.handle().latestSnapshot()?.sourceCount, 1);
    await clock.advance(INTERVAL * 2);
    assert.equal(signals.length, 3);
    assert.ok(signals.every((signal) => signal instanceof AbortSignal));
    await runtime.stop();
  });

  test('an async function is accepted', async () => {
    const runtime = await ObservationRuntime.start(async () => sourcesNamed('a', 'b', 'c'), new TallyObserver(), {
      clock: new ManualClock(),
    });
    assert.equal(runtime.handle().latestSnapshot()?.sourceCount, 3);
    await runtime.stop();
  });
});

describe('malformed source lists', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['a non-array', { name: 'a', source: 1 }, /source provider returned \{"name":"a","source":1\}, expected an array of \{ name, source \}/],
    ['undefined', undefined, /source provider returned undefined, expected an array/],
    ['a null entry', [observedSource('a', 1), null], /source provider returned null at index 1, expected \{ name, source \}/],
    ['an entry without a name', [{ source: 1 }], /at index 0, expected \{ name, source \}/],
    ['an empty name', [{ name: '', source: 1 }], /source at index 0 has name "", expected a non-empty string/],
    ['a non-string name', [{ name: 5, source: 1 }], /source at index 0 has name 5, expected a non-empty string/],
    [
      'a duplicate name',
      [observedSource('a', 1), observedSource('b', 2), observedSource('a', 3)],
      /source name "a" is used twice, at index 0 and 2; names must be distinct/,
    ],
  ];

  for (const [label, returned, message] of cases) {
    test(`${label} fails the cycle at source-refresh with a message saying what is wrong`, async () => {
      const { clock, provider, observer, runtime, handle } = await startTally();
      provider.returnNext(returned);
      await clock.advance(INTERVAL);
      const failure = handle.lastFailure();
      assert.ok(failure, 'the cycle must fail');
      assert.equal(failure.cycle, 1);
      assert.equal(failure.stage, 'source-refresh');
      assert.equal(failure.sourceCount, 0);
      assert.match(failure.message, message);
      assert.ok(failure.cause instanceof TypeError);
      assert.equal(observer.pollCalls, 0, 'poll must not run on a malformed source list');
      // The next cycle, with a good list, succeeds again.
      await clock.advance(INTERVAL);
      assert.equal(handle.lastFailure(), undefined);
      assert.equal(handle.latestSnapshot()?.cycle, 2);
      await runtime.stop();
    });

    test(`${label} at start-up fails start with source-refresh`, async () => {
      const provider = new TestProvider();
      provider.returnNext(returned);
      const clock = new ManualClock();
      await assert.rejects(ObservationRuntime.start(provider, new TallyObserver(), { clock }), (error: unknown) => {
        assert.ok(error instanceof ObservationRuntimeError);
        assert.equal(error.code, 'source-refresh');
        assert.match(error.message, /^failed to refresh observation sources during startup: /);
        assert.match(error.message, message);
        return true;
      });
      assert.equal(clock.pending, 0);
    });
  }

  test('checkSources returns the list itself when it is well formed', () => {
    const list = sourcesNamed('a', 'b');
    assert.equal(checkSources(list), list);
    assert.deepEqual(checkSources([]), []);
  });
});
