// Guards armed on a handle: a hit rejects pending waits at once and later waits before they wait; lifting disarms.
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import { INTERVAL, TallyObserver, coreListeners, settledNow, startTally, track } from '../test/helpers/fixtures.js';
import { ObservationGuardError, ObservationTimeoutError } from './index.js';

before(() => coreListeners.install());
beforeEach(() => coreListeners.reset());

describe('guards', () => {
  test('a hit rejects every pending wait at once, naming the guard, the cycle and what was seen', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1], [13]);
    const { clock, runtime, handle } = await startTally({ observer });
    const guard = handle.arm({ description: 'an event is 13', event: (event) => event === 13 });
    const snapshotWait = track(handle.waitForSnapshot((value) => value.total > 100, { description: 'a total over 100' }));
    const eventWait = track(handle.waitForEvent((event) => event === 99, { description: 'event 99' }));
    await clock.advance(INTERVAL);
    assert.equal(snapshotWait.state, 'pending');
    assert.equal(guard.hit, undefined);
    assert.equal(guard.armed, true);
    await clock.advance(INTERVAL);
    for (const [wait, awaited] of [
      [snapshotWait, 'a total over 100'],
      [eventWait, 'event 99'],
    ] as const) {
      assert.ok(wait.error instanceof ObservationGuardError, String(wait.error));
      assert.equal(wait.error.message, `gave up waiting for ${awaited}: the guard "an event is 13" was hit by the event 13 at cycle 2`);
      assert.equal(wait.error.guard, 'an event is 13');
      assert.equal(wait.error.hit.cycle, 2);
      assert.equal(wait.error.hit.kind, 'event');
      assert.equal(wait.error.hit.value, 13);
    }
    assert.equal(guard.armed, false);
    assert.equal(guard.rejectedWaits, 2);
    assert.deepEqual(handle.guardHits(), [guard]);
    assert.deepEqual(handle.guards(), []);
    assert.equal(clock.pending, 1, 'only the loop timer is left');
    await runtime.stop();
    assert.equal(coreListeners.count(), 0);
  });

  test('after a hit, a later wait fails before waiting, even one whose condition already holds', async () => {
    const observer = new TallyObserver();
    observer.queued.push([13]);
    const { clock, runtime, handle } = await startTally({ observer });
    const guard = handle.arm({ description: 'an event is 13', event: (event) => event === 13 });
    await clock.advance(INTERVAL);
    assert.equal(guard.hit?.cycle, 1);
    assert.equal(guard.rejectedWaits, 0, 'no wait was pending');
    const error = await handle.waitForSnapshot(() => true, { description: 'anything' }).catch((thrown: unknown) => thrown);
    assert.ok(error instanceof ObservationGuardError);
    assert.equal(error.message, 'not waiting for anything: the guard "an event is 13" was hit by the event 13 at cycle 1 before the wait began');
    assert.equal(guard.rejectedWaits, 1);
    await runtime.stop();
  });

  test('a snapshot guard that explains its hit is shown by the values it read, not the head of the snapshot', async () => {
    const { clock, runtime, handle } = await startTally();
    const guard = handle.arm({
      description: 'no polls yet',
      snapshot: (value) => value.polls === 0,
      explain: (value) => `"polls" is ${value.polls}`,
    });
    assert.equal(guard.hit?.read, '"polls" is 0');
    const error = await handle.waitForCycle(5).catch((thrown: unknown) => thrown);
    assert.match(String(error), /the guard "no polls yet" was hit by "polls" is 0 at cycle 0 before the wait began/);
    const throwing = handle.arm({
      snapshot: () => true,
      explain: () => {
        throw new Error('boom');
      },
    });
    assert.equal(throwing.hit?.read, undefined, 'an explainer that throws leaves the summary');
    await clock.advance(INTERVAL);
    await runtime.stop();
  });

  test('a snapshot guard checks the latest snapshot when armed; a failure guard the current failure', async () => {
    const { clock, provider, runtime, handle } = await startTally();
    const snapshotGuard = handle.arm({ description: 'no polls yet', snapshot: (value) => value.polls === 0 });
    assert.equal(snapshotGuard.hit?.cycle, 0);
    assert.equal(snapshotGuard.hit?.kind, 'snapshot');
    provider.failNext(new Error('registry down'));
    await clock.advance(INTERVAL);
    const failureGuard = handle.arm({ failure: (failure) => failure.stage === 'source-refresh' });
    assert.equal(failureGuard.hit?.kind, 'failure');
    assert.equal(failureGuard.description, 'a failure matching the predicate');
    const error = await handle.waitForCycle(5).catch((thrown: unknown) => thrown);
    assert.match(String(error), /the guard "no polls yet" was hit by the snapshot \{"polls":0,"total":0,"sourceNames":\["node-a","node-b"\]\} at cycle 0/);
    await runtime.stop();
  });

  test('a lifted guard watches no more and rejects nothing; lifting twice is harmless', async () => {
    const observer = new TallyObserver();
    observer.queued.push([13], [5]);
    const { clock, runtime, handle } = await startTally({ observer });
    const guard = handle.arm({ event: (event) => event === 13 });
    const wait = track(handle.waitForEvent((event) => event === 5, { includeHistory: false }));
    guard.lift();
    guard.lift();
    assert.equal(guard.armed, false);
    await clock.advance(INTERVAL * 2);
    assert.equal(wait.state, 'resolved');
    assert.equal(guard.hit, undefined);
    assert.deepEqual(handle.guardHits(), []);
    await runtime.stop();
  });

  test('a guard predicate that throws is not hit, and its message is kept', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1]);
    const { clock, runtime, handle } = await startTally({ observer });
    const guard = handle.arm({
      event: (event) => {
        throw new Error(`cannot read event ${event}`);
      },
    });
    await clock.advance(INTERVAL);
    assert.equal(guard.hit, undefined);
    assert.equal(guard.armed, true);
    assert.equal(guard.lastMismatch, 'cannot read event 1');
    guard.lift();
    assert.equal(guard.lastMismatch, 'cannot read event 1', 'kept after lifting');
    await runtime.stop();
  });

  test('a bad condition is a TypeError naming it', async () => {
    const { runtime, handle } = await startTally();
    assert.throws(() => handle.arm({} as never), { name: 'TypeError', message: 'guard needs at least one of snapshot, event or failure (a predicate)' });
    assert.throws(() => handle.arm({ event: 3 } as never), { name: 'TypeError', message: 'guard.event must be a function, got 3' });
    assert.throws(() => handle.arm(null as never), { name: 'TypeError', message: /^guard must be an object/ });
    await runtime.stop();
  });

  test('stopping the runtime drops the listeners of armed guards', async () => {
    const { runtime, handle } = await startTally();
    handle.arm({ event: () => false, snapshot: () => false, failure: () => false });
    assert.ok(coreListeners.count() > 0);
    await runtime.stop();
    assert.equal(coreListeners.count(), 0);
  });
});

describe('unless', () => {
  test('a wait gives up at once when its unless condition is hit, saying what was seen', async () => {
    const observer = new TallyObserver();
    observer.queued.push([1], [7]);
    const { clock, runtime, handle } = await startTally({ observer });
    const wait = track(
      handle.waitForSnapshot((value) => value.total > 100, {
        description: 'a total over 100',
        unless: { description: 'an event is 7', event: (event) => event === 7 },
      }),
    );
    await clock.advance(INTERVAL);
    assert.equal(wait.state, 'pending');
    await clock.advance(INTERVAL);
    assert.ok(wait.error instanceof ObservationGuardError);
    assert.equal(wait.error.message, 'gave up waiting for a total over 100, since an event is 7: the event 7 at cycle 2');
    assert.equal(clock.pending, 1);
    await runtime.stop();
    assert.equal(coreListeners.count(), 0);
  });

  test('the latest snapshot and the current failure count when the wait begins; events in the history do not', async () => {
    const observer = new TallyObserver();
    observer.queued.push([7]);
    const { clock, provider, runtime, handle } = await startTally({ observer });
    await clock.advance(INTERVAL);
    const unlessHistory = track(handle.waitForCycle(2, { unless: { event: (event) => event === 7 } }));
    const unlessSnapshot = handle.waitForCycle(9, { unless: { snapshot: (value) => value.total === 7 } }).catch((error: unknown) => error);
    assert.ok((await settledNow(unlessSnapshot)) instanceof ObservationGuardError);
    provider.failNext(new Error('down'));
    await clock.advance(INTERVAL);
    assert.equal(unlessHistory.state, 'resolved');
    const unlessFailure = await handle.waitForCycle(9, { unless: [{ snapshot: () => false }, { failure: () => true }] }).catch((error: unknown) => error);
    assert.match(String(unlessFailure), /, since a failure matching the predicate: the source-refresh stage failure "down" at cycle 2$/);
    await runtime.stop();
  });

  test('an unless predicate that throws is not hit, and its message shows in the timeout', async () => {
    const { clock, runtime, handle } = await startTally();
    const wait = track(
      handle.waitForSnapshot(() => false, {
        timeoutMs: 250,
        description: 'never',
        unless: {
          snapshot: () => {
            throw new Error('no quorum field');
          },
        },
      }),
    );
    await clock.advance(250);
    assert.ok(wait.error instanceof ObservationTimeoutError);
    assert.match(wait.error.message, /\n {2}unless check: no quorum field\n/);
    assert.equal(wait.error.report.unlessMismatch, 'no quorum field');
    await runtime.stop();
  });

  test('holdsFor takes unless too', async () => {
    const observer = new TallyObserver();
    observer.queued.push([], [4]);
    const { clock, runtime, handle } = await startTally({ observer });
    const hold = track(handle.holdsFor(() => true, { durationMs: 1000, description: 'anything', unless: { event: (event) => event === 4 } }));
    await clock.advance(INTERVAL * 2);
    assert.ok(hold.error instanceof ObservationGuardError);
    assert.match(hold.error.message, /^gave up waiting for anything to hold for 1000 ms, since an event matching the predicate: the event 4 at cycle 2$/);
    await runtime.stop();
  });

  test('a bad unless option rejects with a TypeError naming it', async () => {
    const { runtime, handle } = await startTally();
    await assert.rejects(
      handle.waitForSnapshot(() => true, { unless: [{ snapshot: () => true }, { event: 'x' } as never] }),
      {
        name: 'TypeError',
        message: 'unless[1].event must be a function, got "x"',
      },
    );
    await runtime.stop();
  });
});

describe('notBeforeMs', () => {
  test('a condition that holds before the lower bound rejects, saying when it held', async () => {
    const observer = new TallyObserver();
    observer.queued.push([], [], [5]);
    const { clock, runtime, handle } = await startTally({ observer });
    const wait = track(handle.waitForSnapshot((value) => value.total === 5, { timeoutMs: 1000, notBeforeMs: 500, description: 'a total of 5' }));
    await clock.advance(INTERVAL * 3);
    assert.equal(wait.error instanceof Error && wait.error.name, 'ObservationTooEarlyError');
    assert.equal(
      (wait.error as Error).message,
      'a total of 5 held too early: 300 ms after the wait began, before its lower bound of 500 ms\n' +
        '  snapshot: cycle 3: {"polls":3,"total":5,"sourceNames":["node-a","node-b"]}',
    );
    assert.equal(clock.pending, 1);
    await runtime.stop();
  });

  test('one that holds at once rejects at once; one that holds after the bound resolves', async () => {
    const observer = new TallyObserver();
    const { clock, runtime, handle } = await startTally({ observer });
    await assert.rejects(settledNow(handle.waitForSnapshot(() => true, { notBeforeMs: 100 })), { name: 'ObservationTooEarlyError' });
    observer.queued.push([], [], [], [], [], [2]);
    const wait = track(handle.waitForSnapshot((value) => value.total === 2, { timeoutMs: 1000, notBeforeMs: 500 }));
    await clock.advance(INTERVAL * 6);
    assert.equal(wait.state, 'resolved');
    await runtime.stop();
  });

  test('a lower bound not below the timeout is a TypeError', async () => {
    const { runtime, handle } = await startTally();
    await assert.rejects(
      handle.waitForEvent(() => true, { timeoutMs: 500, notBeforeMs: 500 }),
      {
        name: 'TypeError',
        message: 'notBeforeMs (500) must be below timeoutMs (500)',
      },
    );
    await runtime.stop();
  });
});
