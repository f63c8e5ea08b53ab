// The fault matrix: each way a provider, observer, consumer or caller can misbehave, and proof that the loop survives it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ObservationLagError,
  ObservationRuntime,
  ObservationRuntimeError,
  ObservationStoppedError,
  observedSource,
  type ObservationBatch,
  type ObservationConfig,
  type ObservationFailureStage,
  type ObservedSource,
  type Observer,
} from '../lib/index.js';
import { RecordingLogger, abortListeners, coreListeners, track } from './helpers/fixtures.js';
import { ManualClock, flush } from './helpers/manual-clock.js';
import { Unprintable } from './fixtures/hostile/unprintable.js';

const INTERVAL = 100;

/** A Proxy that throws on every use, even instanceof. */
function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** Records every unhandled rejection and uncaught exception while installed. */
function watchUnhandled(): { readonly seen: unknown[]; release(): void } {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown): void => void seen.push(reason);
  const onException = (error: unknown): void => void seen.push(error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    seen,
    release() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

/**
 * A test of the matrix: runs `body`, then lets every pending callback and rejection surface, and fails if anything
 * went unhandled or a timer of the manual clock was left behind.
 */
function faultTest(name: string, body: (context: { clock: ManualClock }) => Promise<void>): void {
  test(name, async () => {
    const unhandled = watchUnhandled();
    const clock = new ManualClock();
    try {
      await body({ clock });
      // Unhandled rejections are reported after the microtask queue drains; give them two turns to show.
      await flush();
      await flush();
      assert.deepEqual(unhandled.seen, [], 'nothing may go unhandled');
      assert.equal(clock.pending, 0, 'no timer may be left scheduled');
    } finally {
      unhandled.release();
    }
  });
}

type Step = (signal: AbortSignal) => unknown;
interface State {
  polls: number;
}
interface View {
  readonly polls: number;
}

/** Sources that answer well unless a fault is queued for their next call. */
class FaultySources {
  readonly good: readonly ObservedSource<string>[] = [observedSource('node-a', 'a'), observedSource('node-b', 'b')];
  readonly faults: Step[] = [];
  readonly signals: AbortSignal[] = [];

  readonly provide = (signal: AbortSignal): readonly ObservedSource<string>[] | Promise<readonly ObservedSource<string>[]> => {
    this.signals.push(signal);
    const fault = this.faults.shift();
    return (fault ? fault(signal) : this.good) as readonly ObservedSource<string>[];
  };
}

/** An observer with synchronous methods (so a throw really is synchronous) whose next calls can be made to misbehave. */
class FaultyObserver implements Observer<string, State, View, string> {
  initFault: Step | undefined;
  readonly pollFaults: Step[] = [];
  readonly snapshotFaults: Array<() => unknown> = [];
  readonly pollSignals: AbortSignal[] = [];
  pollCalls = 0;

  init(_sources: readonly ObservedSource<string>[], signal: AbortSignal): State | Promise<State> {
    if (this.initFault) return this.initFault(signal) as Promise<State>;
    return { polls: 0 };
  }

  poll(_sources: readonly ObservedSource<string>[], state: State, signal: AbortSignal): readonly string[] | Promise<readonly string[]> {
    this.pollCalls += 1;
    this.pollSignals.push(signal);
    const fault = this.pollFaults.shift();
    if (fault) return fault(signal) as readonly string[];
    state.polls += 1;
    return [`poll ${state.polls}`];
  }

  snapshot(state: State): View {
    const fault = this.snapshotFaults.shift();
    if (fault) return fault() as View;
    return { polls: state.polls };
  }
}

/** A promise that never settles unless its signal aborts, then rejects with the abort reason. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

async function startFaulty(clock: ManualClock, config: ObservationConfig = {}) {
  const sources = new FaultySources();
  const observer = new FaultyObserver();
  const logger = new RecordingLogger();
  const runtime = await ObservationRuntime.start(sources.provide, observer, { intervalMs: INTERVAL, clock, logger, ...config });
  return { sources, observer, logger, runtime, handle: runtime.handle() };
}

/** A message a person can act on: real text, not an object's default rendering or a bare "undefined". */
function assertReadable(message: string): void {
  assert.equal(typeof message, 'string');
  assert.ok(message.trim().length > 0, 'the message is not empty');
  assert.doesNotMatch(message, /\[object \w+\]/, `"${message}" shows an object's default rendering`);
  assert.notEqual(message, 'undefined');
  assert.ok(message.length < 1000, 'the message is short enough to read');
}

interface CycleFault {
  readonly name: string;
  readonly config?: ObservationConfig;
  readonly inject: (system: { sources: FaultySources; observer: FaultyObserver }) => void;
  readonly stage: ObservationFailureStage;
  readonly message: RegExp;
  /** How long after its start the faulty cycle takes to be recorded. */
  readonly takesMs?: number;
}

/**
 * One good cycle, the fault in cycle 2, then a good cycle 3: the fault is recorded on cycle 2 with its stage and a
 * readable message, cycle 1's snapshot and history survive it untouched, and cycle 3 runs and clears the error.
 */
function cycleFaultTest(fault: CycleFault): void {
  faultTest(fault.name, async ({ clock }) => {
    const { sources, observer, runtime, handle } = await startFaulty(clock, fault.config);
    const failures: unknown[] = [];
    handle.onCycle((report) => report.failure && failures.push(report.failure));

    await clock.advance(INTERVAL);
    const good = handle.latestSnapshot();
    const goodHistory = handle.history();
    assert.equal(good?.cycle, 1);
    assert.equal(goodHistory.length, 1);

    fault.inject({ sources, observer });
    await clock.advance(INTERVAL + (fault.takesMs ?? 0));
    const failure = handle.lastFailure();
    assert.ok(failure, 'the failure is recorded');
    assert.equal(failure.cycle, 2);
    assert.equal(failure.stage, fault.stage);
    assert.equal(failure.sourceCount, fault.stage === 'poll' ? 2 : 0);
    assertReadable(failure.message);
    assert.match(failure.message, fault.message);
    assert.deepEqual(failures, [failure], 'cycle listeners hear of it once');
    assert.equal(handle.latestSnapshot(), good, 'the last good snapshot is kept as it was');
    assert.deepEqual(handle.history(), goodHistory, 'the history is kept as it was');
    assert.equal(handle.history()[0], goodHistory[0]);

    await clock.advance(INTERVAL - (fault.takesMs ?? 0));
    assert.equal(handle.latestSnapshot()?.cycle, 3, 'the loop goes on');
    assert.equal(handle.lastFailure(), undefined, 'a good cycle clears the error');
    assert.deepEqual(
      handle.history().map((batch) => batch.cycle),
      [1, 3],
    );
    assert.deepEqual(handle.status(), { ...handle.status(), running: true, cyclesCompleted: 3, cyclesFailed: 1 });
    await runtime.stop();
  });
}

function sourcesFault(name: string, fault: Step, message: RegExp, extra: Partial<CycleFault> = {}): CycleFault {
  return { name, inject: ({ sources }) => sources.faults.push(fault), stage: 'source-refresh', message, ...extra };
}

function pollFault(name: string, fault: Step, message: RegExp, extra: Partial<CycleFault> = {}): CycleFault {
  return { name, inject: ({ observer }) => observer.pollFaults.push(fault), stage: 'poll', message, ...extra };
}

describe('fault matrix: the source provider', () => {
  const faults: CycleFault[] = [
    sourcesFault(
      'throws synchronously',
      () => {
        throw new Error('inventory service refused the connection');
      },
      /^inventory service refused the connection$/,
    ),
    sourcesFault('rejects with an Error', () => Promise.reject(new Error('DNS lookup failed')), /^DNS lookup failed$/),
    sourcesFault('rejects with a string', () => Promise.reject('registry unavailable'), /^registry unavailable$/),
    sourcesFault('rejects with undefined', () => Promise.reject(undefined), /^non-Error value thrown: undefined$/),
    sourcesFault(
      'rejects with a plain object',
      () => Promise.reject({ code: 'ECONNRESET', retryable: true }),
      /^non-Error value thrown: \{"code":"ECONNRESET","retryable":true\}$/,
    ),
    sourcesFault(
      'throws a revoked Proxy',
      () => {
        throw revokedProxy();
      },
      /^non-Error value thrown: \[unrenderable Proxy\]$/,
    ),
    sourcesFault(
      'rejects with a value whose toString and toJSON throw',
      () => Promise.reject(new Unprintable()),
      /^non-Error value thrown: \[unrenderable Unprintable \(toJSON threw: toJSON boom\)\]$/,
    ),
    sourcesFault('hangs past cycleTimeoutMs (honouring its signal)', untilAborted, /cycle 2 timed out after 40 ms in the source-refresh stage/, {
      config: { cycleTimeoutMs: 40 },
      takesMs: 40,
    }),
    sourcesFault('returns something that is not a list', () => ({ nodes: ['a'] }), /source provider returned \{"nodes":\["a"\]\}, expected an array/),
    sourcesFault('returns nothing at all', () => undefined, /source provider returned undefined, expected an array/),
    sourcesFault(
      'returns a list with a null entry',
      () => [observedSource('node-a', 'a'), null],
      /source provider returned null at index 1, expected \{ name, source \}/,
    ),
    sourcesFault(
      'returns duplicate source names',
      () => [observedSource('node-a', 'a'), { name: 'node-a', source: 'again' }],
      /source name "node-a" is used twice, at index 0 and 1/,
    ),
    sourcesFault('returns an empty source name', () => [{ name: '', source: 'a' }], /source at index 0 has name "", expected a non-empty string/),
  ];
  for (const fault of faults) cycleFaultTest(fault);

  faultTest(
    'hangs past cycleTimeoutMs ignoring its signal: later cycles are skipped failures until it answers, then it is never polled for',
    async ({ clock }) => {
      const { sources, observer, runtime, handle } = await startFaulty(clock, { cycleTimeoutMs: 40 });
      await clock.advance(INTERVAL);
      const good = handle.latestSnapshot();
      let answer!: (list: readonly ObservedSource<string>[]) => void;
      sources.faults.push(() => new Promise((resolve) => (answer = resolve)));

      await clock.advance(INTERVAL + 40);
      assert.match(handle.lastFailure()?.message ?? '', /cycle 2 timed out after 40 ms in the source-refresh stage/);
      await clock.advance(INTERVAL);
      const skipped = handle.lastFailure();
      assert.equal(skipped?.cycle, 3, 'cycle 3 happened');
      assert.equal(skipped?.stage, 'source-refresh');
      assert.match(skipped?.message ?? '', /cycle 3 skipped: cycle 2 timed out in the source-refresh stage and has not settled yet/);
      assert.equal(sources.signals.length, 3, 'no refresh ran beside the hung one (start-up, cycle 1, cycle 2)');

      answer(sources.good);
      await clock.advance(0);
      assert.equal(observer.pollCalls, 1, 'the abandoned cycle does not go on to poll');
      assert.equal(handle.latestSnapshot(), good);
      await clock.advance(INTERVAL);
      assert.equal(handle.latestSnapshot()?.cycle, 4, 'the loop recovers');
      assert.equal(handle.lastFailure(), undefined);
      await runtime.stop();
    },
  );
});

describe('fault matrix: the observer', () => {
  const faults: CycleFault[] = [
    pollFault(
      'poll throws synchronously',
      () => {
        throw new Error('node-b answered 503');
      },
      /^node-b answered 503$/,
    ),
    pollFault('poll rejects', () => Promise.reject(new Error('socket hang up')), /^socket hang up$/),
    pollFault('poll rejects with a non-Error', () => Promise.reject({ status: 500 }), /^non-Error value thrown: \{"status":500\}$/),
    pollFault(
      'poll throws a value whose toString and toJSON throw',
      () => {
        throw new Unprintable();
      },
      /^non-Error value thrown: \[unrenderable Unprintable \(toJSON threw: toJSON boom\)\]$/,
    ),
    pollFault('poll rejects with a revoked Proxy', () => Promise.reject(revokedProxy()), /^non-Error value thrown: \[unrenderable Proxy\]$/),
    // Awaiting it reads its `then`, which throws: that TypeError is the poll's failure.
    pollFault('poll returns a revoked Proxy instead of a list', () => revokedProxy(), /^Cannot perform 'get' on a proxy that has been revoked$/),
    pollFault('poll hangs past cycleTimeoutMs (honouring its signal)', untilAborted, /cycle 2 timed out after 40 ms in the poll stage/, {
      config: { cycleTimeoutMs: 40 },
      takesMs: 40,
    }),
    pollFault('poll returns something that is not a list', () => 'three events', /observer\.poll returned "three events", expected an array of events/),
    pollFault('poll resolves to something that is not a list', () => Promise.resolve(null), /observer\.poll returned null, expected an array of events/),
    {
      name: 'snapshot throws',
      inject: ({ observer }) =>
        observer.snapshotFaults.push(() => {
          throw new RangeError('snapshot too large to copy');
        }),
      stage: 'poll',
      message: /^snapshot too large to copy$/,
    },
  ];
  for (const fault of faults) cycleFaultTest(fault);

  faultTest('poll hangs past cycleTimeoutMs ignoring its signal: later cycles still happen, as skipped failures, until it settles', async ({ clock }) => {
    const { observer, runtime, handle } = await startFaulty(clock, { cycleTimeoutMs: 40 });
    await clock.advance(INTERVAL);
    const good = handle.latestSnapshot();
    let settle!: (events: string[]) => void;
    observer.pollFaults.push(() => new Promise((resolve) => (settle = resolve)));

    await clock.advance(INTERVAL + 40);
    assert.match(handle.lastFailure()?.message ?? '', /cycle 2 timed out after 40 ms in the poll stage/);
    await clock.advance(INTERVAL * 2);
    const skipped = handle.lastFailure();
    assert.equal(skipped?.cycle, 4, 'cycles 3 and 4 happened');
    assert.equal(skipped?.stage, 'poll');
    assertReadable(skipped?.message ?? '');
    assert.match(skipped?.message ?? '', /cycle 4 skipped: cycle 2 timed out in the poll stage and has not settled yet/);
    assert.equal(observer.pollCalls, 2, 'no poll ran beside the hung one');
    assert.equal(handle.latestSnapshot(), good);

    settle(['late event']);
    await clock.advance(INTERVAL);
    assert.equal(handle.latestSnapshot()?.cycle, 5, 'polling resumes once the hung poll settles');
    assert.equal(handle.lastFailure(), undefined);
    assert.ok(
      handle.history().every((batch) => !batch.events.includes('late event')),
      'the abandoned cycle’s late events are never published',
    );
    await runtime.stop();
  });

  faultTest('poll hangs forever ignoring its signal: the loop keeps cycling and stop() still returns at once', async ({ clock }) => {
    const { observer, runtime, handle } = await startFaulty(clock, { cycleTimeoutMs: 40 });
    observer.pollFaults.push(() => new Promise(() => {}));
    await clock.advance(INTERVAL * 5);
    assert.equal(handle.status().cyclesCompleted, 5);
    assert.equal(handle.status().cyclesFailed, 5);
    const stopped = track(runtime.stop());
    await flush();
    assert.equal(stopped.state, 'resolved', 'no cycle is in flight, so nothing to wait for');
  });

  faultTest('init hangs: start-up ends with a clear error once startupTimeoutMs passes, leaving nothing running', async ({ clock }) => {
    const observer = new FaultyObserver();
    const initSignals: AbortSignal[] = [];
    observer.initFault = (signal) => {
      initSignals.push(signal);
      return new Promise(() => {});
    };
    const started = track(ObservationRuntime.start(new FaultySources().provide, observer, { intervalMs: INTERVAL, clock, startupTimeoutMs: 500 }));
    await clock.advance(499);
    assert.equal(started.state, 'pending');
    await clock.advance(1);
    assert.equal(started.state, 'rejected');
    const error = started.error as ObservationRuntimeError;
    assert.ok(error instanceof ObservationRuntimeError);
    assert.equal(error.code, 'observer-init');
    assertReadable(error.message);
    assert.equal(error.message, 'failed to initialize observation state: start-up timed out after 500 ms');
    assert.equal(initSignals[0]?.aborted, true, 'init is told to give up');
    await clock.advance(INTERVAL * 3);
    assert.equal(observer.pollCalls, 0, 'no cycle ever runs');
  });

  for (const [label, thrown, message] of [
    ['an Error', new Error('schema version 3 not supported'), 'schema version 3 not supported'],
    ['a string', 'no leader yet', 'no leader yet'],
    ['a plain object', { reason: 'forbidden' }, 'non-Error value thrown: {"reason":"forbidden"}'],
    ['a revoked Proxy', revokedProxy(), 'non-Error value thrown: [unrenderable Proxy]'],
    ['a value whose toString and toJSON throw', new Unprintable(), 'non-Error value thrown: [unrenderable Unprintable (toJSON threw: toJSON boom)]'],
  ] as const) {
    faultTest(`init throws ${label}: start rejects with observer-init, a readable message and the cause`, async ({ clock }) => {
      const observer = new FaultyObserver();
      observer.initFault = () => {
        throw thrown;
      };
      const started = track(ObservationRuntime.start(new FaultySources().provide, observer, { intervalMs: INTERVAL, clock }));
      await flush();
      const error = started.error as ObservationRuntimeError;
      assert.ok(error instanceof ObservationRuntimeError);
      assert.equal(error.code, 'observer-init');
      assert.equal(error.message, `failed to initialize observation state: ${message}`);
      assert.equal(error.cause, thrown);
      await clock.advance(INTERVAL * 3);
      assert.equal(observer.pollCalls, 0);
    });
  }
});

describe('fault matrix: subscribers and consumers', () => {
  faultTest('subscribers and cycle listeners that throw or reject: the others still get every batch, the loop goes on', async ({ clock }) => {
    const { runtime, handle, logger } = await startFaulty(clock);
    const received: number[] = [];
    handle.subscribe(() => {
      throw new Error('subscriber bug');
    });
    handle.subscribe(() => Promise.reject(new Error('async subscriber bug')) as unknown as void);
    handle.onCycle(() => {
      throw 'cycle listener bug';
    });
    handle.subscribe((batch) => received.push(batch.cycle));

    await clock.advance(INTERVAL * 3);
    assert.deepEqual(received, [1, 2, 3]);
    assert.equal(handle.lastFailure(), undefined, 'a listener’s failure is not the system’s');
    assert.equal(handle.latestSnapshot()?.cycle, 3);
    const warnings = logger.at('warn').map((entry) => `${entry.message}: ${entry.fields.message}`);
    assert.equal(warnings.length, 9, 'each broken listener is logged every time');
    assert.ok(warnings.includes('a batch subscriber threw; other listeners and the loop go on: subscriber bug'));
    assert.ok(warnings.includes('a batch subscriber threw; other listeners and the loop go on: async subscriber bug'));
    assert.ok(warnings.includes('a cycle listener threw; other listeners and the loop go on: cycle listener bug'));
    await runtime.stop();
  });

  faultTest('listener failures are kept on the handle (count and latest messages), not only logged', async ({ clock }) => {
    const { runtime, handle } = await startFaulty(clock);
    handle.subscribe(() => {
      throw new Unprintable();
    });
    handle.onCycle(() => Promise.reject(revokedProxy()));
    await clock.advance(INTERVAL * 2);
    const { total, recent } = handle.listenerFailures();
    assert.equal(total, 4);
    assert.deepEqual(
      recent.map(({ listener, message, cycle }) => [listener, message, cycle]),
      [
        ['a batch subscriber', 'non-Error value thrown: [unrenderable Unprintable (toJSON threw: toJSON boom)]', 1],
        ['a cycle listener', 'non-Error value thrown: [unrenderable Proxy]', 1],
        ['a batch subscriber', 'non-Error value thrown: [unrenderable Unprintable (toJSON threw: toJSON boom)]', 2],
        ['a cycle listener', 'non-Error value thrown: [unrenderable Proxy]', 2],
      ],
    );
    await clock.advance(INTERVAL * 30);
    assert.equal(handle.listenerFailures().total, 64);
    assert.equal(handle.listenerFailures().recent.length, 20, 'only the latest are kept');
    await runtime.stop();
  });

  for (const historyLimit of [3, 0]) {
    const capacity = Math.max(historyLimit, 1);
    faultTest(
      `an iterator consumer that stops reading (historyLimit ${historyLimit}): it buffers ${capacity}, reports the lag, and goes on`,
      async ({ clock }) => {
        const { runtime, handle } = await startFaulty(clock, { historyLimit });
        const others: number[] = [];
        handle.subscribe((batch) => others.push(batch.cycle));
        const iterator = handle.batches();
        await clock.advance(INTERVAL);
        assert.equal((await iterator.next()).value?.cycle, 1);

        await clock.advance(INTERVAL * 10); // cycles 2 to 11 while nobody reads
        assert.deepEqual(others, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'a slow consumer slows nobody else');
        assert.equal(handle.status().cyclesCompleted, 11, 'nor the loop');
        const dropped = 10 - capacity;
        await assert.rejects(iterator.next(), (error: unknown) => {
          assert.ok(error instanceof ObservationLagError);
          assert.equal(error.skipped, dropped);
          assertReadable(error.message);
          assert.match(error.message, new RegExp(`${dropped} batches were dropped \\(buffer holds ${capacity}\\)`));
          return true;
        });
        const rest: number[] = [];
        for (let i = 0; i < capacity; i += 1) rest.push((await iterator.next()).value?.cycle ?? -1);
        assert.deepEqual(rest, [9, 10, 11].slice(-capacity), 'the newest batches the buffer held, in order');
        const waiting = track(iterator.next());
        await flush();
        assert.equal(waiting.state, 'pending', 'nothing more was buffered');
        await clock.advance(INTERVAL);
        assert.equal(waiting.state, 'resolved');
        assert.equal((waiting.value as IteratorResult<ObservationBatch<string>>).value?.cycle, 12, 'and then live ones again');
        await runtime.stop();
        assert.deepEqual(await iterator.next(), { value: undefined, done: true });
      },
    );
  }

  for (const exit of ['breaks out of', 'throws inside'] as const) {
    faultTest(`a consumer that ${exit} for await: it is unsubscribed and leaves no listener behind`, async ({ clock }) => {
      coreListeners.install();
      coreListeners.reset();
      const { runtime, handle } = await startFaulty(clock);
      const baseline = coreListeners.count();
      const controller = new AbortController();
      const seen: number[] = [];
      const consuming = (async () => {
        for await (const batch of handle.batches({ signal: controller.signal })) {
          seen.push(batch.cycle);
          if (batch.cycle < 2) continue;
          if (exit === 'breaks out of') break;
          throw new Error('consumer bug');
        }
      })();
      const ended = track(consuming);
      await flush();
      assert.ok(coreListeners.count() > baseline, 'the iterator listens while it is read');
      assert.equal(abortListeners(controller.signal), 1);
      await clock.advance(INTERVAL * 2);
      assert.equal(ended.state, exit === 'breaks out of' ? 'resolved' : 'rejected');
      assert.deepEqual(seen, [1, 2]);
      assert.equal(coreListeners.count(), baseline, 'leaving the loop released the iterator’s listeners');
      assert.equal(abortListeners(controller.signal), 0, 'and its signal listener');
      await clock.advance(INTERVAL * 3);
      assert.equal(handle.latestSnapshot()?.cycle, 5, 'the loop did not notice');
      assert.equal(handle.lastFailure(), undefined);
      await runtime.stop();
      assert.equal(coreListeners.count(), 0);
    });
  }

  faultTest('an iterator nobody reads or closes: stop() releases it, and its reader sees the buffered batches then the end', async ({ clock }) => {
    coreListeners.install();
    coreListeners.reset();
    const { runtime, handle } = await startFaulty(clock);
    const forgotten = handle.batches();
    await clock.advance(INTERVAL * 2);
    await runtime.stop();
    assert.equal(coreListeners.count(), 0, 'no listener outlives the runtime');
    assert.equal((await forgotten.next()).value?.cycle, 1);
    assert.equal((await forgotten.next()).value?.cycle, 2);
    assert.deepEqual(await forgotten.next(), { value: undefined, done: true });
  });
});

describe('fault matrix: snapshots that cannot be rendered', () => {
  const getterThrows = Object.create(null) as object;
  Object.defineProperty(getterThrows, 'leader', {
    enumerable: true,
    get: () => {
      throw new Error('leader getter boom');
    },
  });
  const snapshots: [string, () => unknown, RegExp][] = [
    ['a revoked Proxy', revokedProxy, /last snapshot: cycle 1, \d+ ms old, 2 sources: \[unrenderable Proxy\]/],
    [
      'a Proxy whose traps throw',
      () =>
        new Proxy(
          {},
          {
            ownKeys: () => {
              throw new Error('trap');
            },
          },
        ),
      /2 sources: \[unrenderable Proxy\]/,
    ],
    ['a null-prototype object with a throwing getter', () => getterThrows, /2 sources: \{"leader":\[getter threw: leader getter boom\]\}/],
    ['a value whose toString and toJSON throw', () => new Unprintable(), /2 sources: \[unrenderable Unprintable \(toJSON threw: toJSON boom\)\]/],
  ];
  for (const [label, make, shown] of snapshots) {
    faultTest(`${label}: a wait's deadline still settles it, with a readable timeout, and stop() resolves`, async ({ clock }) => {
      const { observer, runtime, handle } = await startFaulty(clock);
      observer.snapshotFaults.push(make);
      await clock.advance(INTERVAL);
      const waits = [
        track(handle.waitForSnapshot(() => false, { timeoutMs: 50 })),
        track(handle.waitForEvent(() => false, { timeoutMs: 50 })),
        track(handle.holdsFor(() => true, { cycles: 5, timeoutMs: 50 })),
      ];
      await clock.advance(50);
      for (const wait of waits) {
        assert.equal(wait.state, 'rejected');
        const message = (wait.error as Error).message;
        assert.match(message, /^timed out after 50 ms waiting for/);
        assert.match(message, shown);
        assert.doesNotMatch(message, /\[object \w+\]/);
      }
      assert.equal(handle.status().running, true);
      await clock.advance(INTERVAL);
      assert.equal(handle.latestSnapshot()?.cycle, 2, 'the loop goes on');
      await runtime.stop();
    });
  }
});

describe('fault matrix: stopping', () => {
  faultTest('stop during start-up through config.signal: start rejects with ObservationStoppedError, init is aborted, nothing is left', async ({ clock }) => {
    const observer = new FaultyObserver();
    const initSignals: AbortSignal[] = [];
    observer.initFault = (signal) => {
      initSignals.push(signal);
      return untilAborted(signal);
    };
    const controller = new AbortController();
    const started = track(
      ObservationRuntime.start(new FaultySources().provide, observer, {
        intervalMs: INTERVAL,
        clock,
        startupTimeoutMs: 5000,
        signal: controller.signal,
      }),
    );
    await clock.advance(50);
    assert.equal(started.state, 'pending');
    controller.abort(new Error('suite cancelled'));
    await flush();
    assert.equal(started.state, 'rejected');
    assert.ok(started.error instanceof ObservationStoppedError);
    assert.equal((started.error as Error).message, 'observation start-up was aborted');
    assert.equal(initSignals[0]?.aborted, true);
    assert.equal(abortListeners(controller.signal), 0, 'start-up removed its listener from the signal');
    await clock.advance(INTERVAL * 3);
    assert.equal(observer.pollCalls, 0);
  });

  for (const honours of [true, false]) {
    faultTest(
      `stop during a cycle whose poll ${honours ? 'honours' : 'ignores'} its signal: stop returns, no failure is recorded, no cycle follows`,
      async ({ clock }) => {
        const { observer, runtime, handle } = await startFaulty(clock, { stopTimeoutMs: 300 });
        await clock.advance(INTERVAL);
        const good = handle.latestSnapshot();
        const history = handle.history();
        let settleLate: ((events: string[]) => void) | undefined;
        observer.pollFaults.push((signal) => (honours ? untilAborted(signal) : new Promise((resolve) => (settleLate = resolve))));
        await clock.advance(INTERVAL);
        assert.equal(observer.pollCalls, 2, 'cycle 2 is in flight');

        const stopped = track(runtime.stop());
        await flush();
        assert.equal(observer.pollSignals[1]?.aborted, true, 'the in-flight poll is told to stop');
        assert.ok(observer.pollSignals[1]?.reason instanceof ObservationStoppedError);
        if (!honours) {
          assert.equal(stopped.state, 'pending', 'stop waits for the cycle a while');
          await clock.advance(300);
        }
        assert.equal(stopped.state, 'resolved');
        settleLate?.(['late']);
        await clock.advance(INTERVAL * 3);
        assert.equal(observer.pollCalls, 2, 'no cycle after stop');
        assert.equal(handle.lastFailure(), undefined, 'being stopped is not a failure of the system');
        assert.equal(handle.latestSnapshot(), good);
        assert.deepEqual(handle.history(), history);
        assert.equal(handle.status().running, false);
      },
    );
  }

  faultTest('stop twice, in sequence: the second call returns the same settled promise', async ({ clock }) => {
    const { runtime } = await startFaulty(clock);
    await clock.advance(INTERVAL);
    const first = runtime.stop();
    await first;
    const second = runtime.stop();
    assert.equal(second, first);
    const again = track(second);
    await flush();
    assert.equal(again.state, 'resolved');
    await runtime.done;
  });

  faultTest('stop concurrently from every direction during a cycle: all of them resolve, once', async ({ clock }) => {
    const controller = new AbortController();
    const { observer, runtime, logger } = await startFaulty(clock, { signal: controller.signal });
    observer.pollFaults.push(untilAborted);
    await clock.advance(INTERVAL);
    const calls = [runtime.stop(), runtime[Symbol.asyncDispose](), runtime.stop()];
    controller.abort();
    calls.push(runtime.stop());
    const all = track(Promise.all([...calls, runtime.done]));
    await flush();
    assert.equal(all.state, 'resolved');
    assert.ok(
      calls.every((call) => call === calls[0]),
      'one shared stop',
    );
    assert.equal(logger.entries.filter((entry) => entry.message === 'observation runtime stopped').length, 1);
  });

  faultTest('waits pending at stop reject with ObservationStoppedError; later ones too, unless already satisfied', async ({ clock }) => {
    const { runtime, handle } = await startFaulty(clock);
    await clock.advance(INTERVAL);
    const iterator = handle.batches();
    const pending = {
      snapshot: track(handle.waitForSnapshot((view) => view.polls > 100, { timeoutMs: 60_000 })),
      event: track(handle.waitForEvent((event) => event === 'never', { timeoutMs: 60_000 })),
      failure: track(handle.waitForFailure(undefined, { timeoutMs: 60_000 })),
      cycle: track(handle.waitForCycle(50, { timeoutMs: 60_000 })),
      hold: track(handle.holdsFor((view) => view.polls >= 1, { durationMs: 60_000 })),
      next: track(iterator.next()),
    };
    await runtime.stop();
    await flush();
    for (const [kind, wait] of Object.entries(pending)) {
      if (kind === 'next') continue;
      assert.equal(wait.state, 'rejected', `${kind} wait`);
      assert.ok(wait.error instanceof ObservationStoppedError, `${kind} wait rejects with ObservationStoppedError`);
      assertReadable((wait.error as Error).message);
    }
    assert.match((pending.cycle.error as Error).message, /stopped while waiting for cycle 50 to complete/);
    assert.deepEqual(pending.next.value, { value: undefined, done: true }, 'a pending next() ends the iteration');

    await assert.rejects(handle.waitForCycle(2), ObservationStoppedError);
    await assert.rejects(
      handle.waitForEvent((event) => event === 'never'),
      ObservationStoppedError,
    );
    assert.equal((await handle.waitForSnapshot((view) => view.polls === 1)).cycle, 1, 'what is already true still answers');
  });
});
