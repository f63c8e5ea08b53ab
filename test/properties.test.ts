// Property-based tests of the cycle loop: random poll durations, failures and event counts, checked against a model.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  ObservationRuntime,
  observedSource,
  type CycleReport,
  type ObservationBatch,
  type ObservationFailureStage,
  type ObservedSource,
  type Observer,
} from '../lib/index.js';
import { ManualClock } from './helpers/manual-clock.js';

const INTERVAL = 100;
const MAX_POLL_MS = 250;
const STOP_TIMEOUT_MS = 1000;
const RUNS = { numRuns: 100 } as const;

/** Runs a property; on failure, the message also carries the assertion that failed (the test reporter omits causes). */
async function holds<Ts extends unknown[]>(property: fc.IAsyncProperty<Ts>): Promise<void> {
  try {
    await fc.assert(property, RUNS);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error) (error as Error).message += `\nFailed with: ${cause.message}`;
    throw error;
  }
}

type Outcome = 'ok' | 'sources-fail' | 'poll-fails' | 'snapshot-fails';

/** What one cycle does: how long its poll takes, how it ends, and how many events it finds. */
interface CycleScript {
  readonly outcome: Outcome;
  readonly pollMs: number;
  readonly events: number;
  /** The poll runs its full duration even when its signal aborts, as careless app code does. */
  readonly ignoresAbort: boolean;
}

interface Plan {
  readonly cycles: readonly CycleScript[];
  readonly historyLimit: number;
  readonly subscribers: number;
  /** Ends in 5 while poll durations are multiples of 10, so a poll never ends exactly at its deadline. */
  readonly cycleTimeoutMs: number | undefined;
}

const cycleScript: fc.Arbitrary<CycleScript> = fc.record({
  outcome: fc.constantFrom<Outcome>('ok', 'ok', 'ok', 'sources-fail', 'poll-fails', 'snapshot-fails'),
  pollMs: fc.integer({ min: 0, max: MAX_POLL_MS / 10 }).map((tens) => tens * 10),
  events: fc.integer({ min: 0, max: 4 }),
  ignoresAbort: fc.boolean(),
});

const plan: fc.Arbitrary<Plan> = fc.record({
  cycles: fc.array(cycleScript, { minLength: 1, maxLength: 25 }),
  historyLimit: fc.integer({ min: 0, max: 6 }),
  subscribers: fc.integer({ min: 1, max: 3 }),
  cycleTimeoutMs: fc.option(
    fc.integer({ min: 1, max: 20 }).map((tens) => tens * 10 + 5),
    { nil: undefined },
  ),
});

/** What the model says a cycle ends with. */
type Expected = { readonly failed: ObservationFailureStage } | { readonly failed: undefined; readonly events: readonly string[] };

// A cycle that began while an abandoned (timed-out, signal-ignoring) poll still ran is skipped, naming that cycle.
const SKIPPED = /^cycle (\d+) skipped: cycle (\d+) timed out in the poll stage and has not settled yet$/;

function expectedOf(script: CycleScript, cycle: number, cycleTimeoutMs: number | undefined): Expected {
  if (script.outcome === 'sources-fail') return { failed: 'source-refresh' };
  if (cycleTimeoutMs !== undefined && script.pollMs > cycleTimeoutMs) return { failed: 'poll' };
  if (script.outcome !== 'ok') return { failed: 'poll' };
  return { failed: undefined, events: eventsOf(cycle, script.events) };
}

function eventsOf(cycle: number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `c${cycle}e${index}`);
}

/** Cycles past the script (the loop may start one while the test stops it) succeed quietly. */
const QUIET: CycleScript = { outcome: 'ok', pollMs: 0, events: 0, ignoresAbort: false };

/** Sleeps on the manual clock, ending early (rejecting) when the signal aborts, unless told to ignore it. */
function sleep(clock: ManualClock, ms: number, signal: AbortSignal, ignoresAbort: boolean): Promise<void> {
  if (ignoresAbort) return clock.sleep(ms);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Plays a plan: the provider picks the script of the cycle it is called for, the observer acts it out. */
class ScriptedSystem implements Observer<string, { cycle: number }, { cycle: number }, string> {
  readonly #clock: ManualClock;
  readonly #cycles: readonly CycleScript[];
  readonly #sources: readonly ObservedSource<string>[] = [observedSource('only', 'only')];
  #current: { cycle: number; script: CycleScript } = { cycle: 0, script: QUIET };
  /** The runtime's current cycle number (0 during start-up); skipped cycles never reach the provider. */
  cycleNow: () => number = () => 0;
  pollsActive = 0;
  maxPollsActive = 0;
  overlaps: string[] = [];

  constructor(clock: ManualClock, cycles: readonly CycleScript[]) {
    this.#clock = clock;
    this.#cycles = cycles;
  }

  readonly provide = (): readonly ObservedSource<string>[] => {
    const cycle = this.cycleNow();
    if (this.pollsActive > 0) this.overlaps.push(`sources asked for cycle ${cycle} while a poll ran`);
    const script = cycle === 0 ? QUIET : (this.#cycles[cycle - 1] ?? QUIET);
    this.#current = { cycle, script };
    if (script.outcome === 'sources-fail') throw new Error(`sources failed in cycle ${cycle}`);
    return this.#sources;
  };

  init(): { cycle: number } {
    return { cycle: 0 };
  }

  async poll(_sources: readonly ObservedSource<string>[], state: { cycle: number }, signal: AbortSignal): Promise<string[]> {
    const { cycle, script } = this.#current;
    if (this.pollsActive > 0) this.overlaps.push(`poll of cycle ${cycle} entered while another ran`);
    this.pollsActive += 1;
    this.maxPollsActive = Math.max(this.maxPollsActive, this.pollsActive);
    try {
      if (script.pollMs > 0) await sleep(this.#clock, script.pollMs, signal, script.ignoresAbort);
      if (script.outcome === 'poll-fails') throw new Error(`poll failed in cycle ${cycle}`);
      state.cycle = cycle;
      return eventsOf(cycle, script.events);
    } finally {
      this.pollsActive -= 1;
    }
  }

  snapshot(state: { cycle: number }): { cycle: number } {
    if (this.#current.script.outcome === 'snapshot-fails' && this.#current.cycle > 0) {
      throw new Error(`snapshot failed in cycle ${this.#current.cycle}`);
    }
    return { cycle: state.cycle };
  }
}

/** Starts a runtime for a plan, with recorders on every subscriber and on every cycle. */
async function play(subject: Plan) {
  const clock = new ManualClock();
  const system = new ScriptedSystem(clock, subject.cycles);
  const runtime = await ObservationRuntime.start(system.provide, system, {
    intervalMs: INTERVAL,
    historyLimit: subject.historyLimit,
    cycleTimeoutMs: subject.cycleTimeoutMs,
    stopTimeoutMs: STOP_TIMEOUT_MS,
    clock,
  });
  const handle = runtime.handle();
  system.cycleNow = () => handle.status().cyclesStarted;
  const received: ObservationBatch<string>[][] = Array.from({ length: subject.subscribers }, () => []);
  received.forEach((list) => void handle.subscribe((batch) => list.push(batch)));
  const reports: CycleReport[] = [];
  const violations: string[] = [];
  handle.onCycle((report) => {
    reports.push(report);
    const lastError = handle.lastFailure();
    if ((lastError !== undefined) !== (report.failure !== undefined) || (report.failure && lastError !== report.failure)) {
      violations.push(`after cycle ${report.cycle}: lastError ${lastError ? 'set' : 'unset'} but the cycle ${report.failure ? 'failed' : 'succeeded'}`);
    }
    const historySize = handle.history().length;
    if (historySize > subject.historyLimit) violations.push(`after cycle ${report.cycle}: history holds ${historySize} > ${subject.historyLimit}`);
  });
  return { clock, system, runtime, handle, received, reports, violations };
}

/** Stops the runtime, moving the clock by as long as stop may wait for a poll that ignores its signal. */
async function stopOnClock(clock: ManualClock, runtime: ObservationRuntime<ScriptedSystem>): Promise<void> {
  const stopped = runtime.stop();
  await clock.advance(STOP_TIMEOUT_MS);
  await stopped;
}

/** A skipped cycle must name an earlier cycle whose poll timed out ignoring its signal and was still running. */
function assertRightlySkipped(report: CycleReport, culprit: number, reports: readonly CycleReport[], subject: Plan): void {
  const script = subject.cycles[culprit - 1];
  const timeout = subject.cycleTimeoutMs;
  assert.ok(culprit < report.cycle, `cycle ${report.cycle} names an earlier cycle`);
  assert.ok(
    script && timeout !== undefined && script.ignoresAbort && script.pollMs > timeout && script.outcome !== 'sources-fail',
    `cycle ${culprit}, blamed by cycle ${report.cycle}, really did overrun ignoring its signal`,
  );
  const culpritStart = reports[culprit - 1]!.startedAt;
  assert.ok(report.startedAt < culpritStart + script.pollMs, `cycle ${report.cycle} began before cycle ${culprit}'s poll ended`);
  assert.equal(report.failure?.stage, 'poll');
  assert.equal(report.eventCount, 0);
}

/** Advances the clock until the loop has completed every scripted cycle (bounded, so a stuck loop fails the property). */
async function runScript(clock: ManualClock, done: () => boolean, cycles: readonly CycleScript[]): Promise<void> {
  const worstCase = cycles.reduce((total, cycle) => total + Math.max(cycle.pollMs, INTERVAL) + INTERVAL, INTERVAL);
  for (let elapsed = 0; !done(); elapsed += INTERVAL) {
    if (elapsed > worstCase) assert.fail(`the loop did not complete ${cycles.length} cycles within ${worstCase} ms of clock time`);
    await clock.advance(INTERVAL);
  }
}

describe('properties of the cycle loop', () => {
  test('over random scripts: cycles are numbered in order without overlap, and each ends as the model says', async () => {
    await holds(
      fc.asyncProperty(plan, async (subject) => {
        const { clock, system, runtime, handle, reports, violations } = await play(subject);
        await runScript(clock, () => handle.status().cyclesCompleted >= subject.cycles.length, subject.cycles);
        await stopOnClock(clock, runtime);

        const numbers = reports.map((report) => report.cycle);
        assert.deepEqual(
          numbers,
          numbers.map((_, index) => index + 1),
          'cycles complete once each, strictly increasing from 1',
        );
        for (const [index, report] of reports.entries()) {
          if (index > 0) assert.ok(report.startedAt >= reports[index - 1]!.endedAt, `cycle ${report.cycle} began after the previous ended`);
        }
        assert.deepEqual(system.overlaps, []);
        assert.ok(system.maxPollsActive <= 1, 'never two polls at once');
        assert.deepEqual(violations, []);

        for (const report of reports.slice(0, subject.cycles.length)) {
          const skipped = SKIPPED.exec(report.failure?.message ?? '');
          if (skipped) {
            assertRightlySkipped(report, Number(skipped[2]), reports, subject);
            continue;
          }
          const expected = expectedOf(subject.cycles[report.cycle - 1]!, report.cycle, subject.cycleTimeoutMs);
          assert.equal(report.failure?.stage, expected.failed, `cycle ${report.cycle} ${expected.failed ? `fails at ${expected.failed}` : 'succeeds'}`);
          if (expected.failed === undefined) assert.equal(report.eventCount, expected.events.length);
        }
        const last = reports[reports.length - 1]!;
        assert.equal(handle.lastFailure(), last.failure, 'the last error is the latest cycle’s failure, and only then');
        await clock.advance(MAX_POLL_MS); // lets a signal-ignoring poll's own sleep end
        assert.equal(clock.pending, 0, 'stop leaves no timer');
      }),
    );
  });

  test('over random scripts: history and every subscriber get each non-empty successful batch once, in order', async () => {
    await holds(
      fc.asyncProperty(plan, async (subject) => {
        const { clock, runtime, handle, received, reports, violations } = await play(subject);
        await runScript(clock, () => handle.status().cyclesCompleted >= subject.cycles.length, subject.cycles);
        await stopOnClock(clock, runtime);

        const expectedBatches = reports.flatMap((report) => {
          if (SKIPPED.test(report.failure?.message ?? '')) return [];
          const script = subject.cycles[report.cycle - 1] ?? QUIET;
          const expected = expectedOf(script, report.cycle, subject.cycleTimeoutMs);
          return expected.failed === undefined && expected.events.length > 0 ? [{ cycle: report.cycle, events: expected.events }] : [];
        });
        const shape = (batches: readonly ObservationBatch<string>[]) => batches.map(({ cycle, events }) => ({ cycle, events: [...events] }));
        for (const [index, list] of received.entries()) {
          assert.deepEqual(shape(list), expectedBatches, `subscriber ${index + 1} got every batch once, in order`);
          list.forEach((batch, position) => void assert.equal(batch, received[0]![position], 'the same batch object for everyone'));
        }
        const history = handle.history();
        assert.ok(history.length <= subject.historyLimit);
        assert.deepEqual(shape(history), subject.historyLimit === 0 ? [] : expectedBatches.slice(-subject.historyLimit), 'history keeps the newest, in order');
        assert.equal(handle.status().batchesPublished, expectedBatches.length);
        assert.deepEqual(violations, []);
      }),
    );
  });

  test('stopped at a random moment: no timer is left, nothing runs after, and subscribers saw a prefix of the batches', async () => {
    await holds(
      fc.asyncProperty(plan, fc.integer({ min: 0, max: 3000 }), async (subject, stopAt) => {
        const { clock, system, runtime, handle, received, reports } = await play(subject);
        await clock.advance(stopAt);
        await stopOnClock(clock, runtime);
        const before = { reports: reports.length, status: handle.status(), latest: handle.latestSnapshot(), history: handle.history() };
        await clock.advance(3000);
        assert.equal(clock.pending, 0, 'stop leaves no timer');
        assert.equal(system.pollsActive, 0, 'no poll is left running');
        assert.equal(reports.length, before.reports, 'no cycle completes after stop');
        assert.deepEqual(handle.status(), before.status);
        assert.equal(handle.latestSnapshot(), before.latest);
        assert.deepEqual(handle.history(), before.history);
        assert.equal(handle.status().running, false);
        const published = reports.filter((report) => report.eventCount > 0).map((report) => report.cycle);
        for (const list of received)
          assert.deepEqual(
            list.map((batch) => batch.cycle),
            published,
          );
      }),
    );
  });
});
