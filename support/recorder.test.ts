// The recorder: cycles kept in a ring, per-source failure spans and their bound, steps seen at their end, timeline input.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { systemClock } from '../lib/clock.js';
import type { AnyObserver, CycleReport, ObservationHandle, SettledWait } from '../lib/index.js';
import { layerOptions } from './config.js';
import { MAX_RECORDED_SOURCE_FAILURES, RunRecorder, ScenarioRecorder, type StepSpan } from './recorder.js';
import { timelineInput } from './timeline/index.js';

// A handle that only feeds cycles and waits, so the recorder's own bookkeeping is what is measured.
class FedHandle {
  cycleListeners = new Set<(report: CycleReport) => void>();
  waitListeners = new Set<(wait: SettledWait) => void>();
  snapshot: { cycle: number; value: unknown } | undefined;

  constructor(
    readonly intervalMs = 20,
    readonly startedAt = 1_000,
  ) {}

  status(): { intervalMs: number; startedAt: Date } {
    return { intervalMs: this.intervalMs, startedAt: new Date(this.startedAt) };
  }

  latestSnapshot(): { cycle: number; value: unknown } | undefined {
    return this.snapshot;
  }

  onCycle(listener: (report: CycleReport) => void): () => void {
    this.cycleListeners.add(listener);
    return () => this.cycleListeners.delete(listener);
  }

  onWait(listener: (wait: SettledWait) => void): () => void {
    this.waitListeners.add(listener);
    return () => this.waitListeners.delete(listener);
  }

  cycle(cycle: number, value?: unknown): void {
    if (value !== undefined) this.snapshot = { cycle, value };
    const report = { cycle, startedAt: cycle * 10, endedAt: cycle * 10 + 5, durationMs: 5 } as unknown as CycleReport;
    for (const listener of this.cycleListeners) listener(report);
  }

  settle(awaited: string): void {
    const now = systemClock.now();
    const wait: SettledWait = { awaited, timeoutMs: 1000, startedAt: now, endedAt: now, outcome: 'resolved', cycles: 0, failedCycles: 0 };
    for (const listener of this.waitListeners) listener(wait);
  }

  as(): ObservationHandle<AnyObserver> {
    return this as unknown as ObservationHandle<AnyObserver>;
  }
}

const OPTIONS = layerOptions({ intervalMs: 20 });

describe('RunRecorder', () => {
  test('keeps the newest 50,000 cycles oldest first, counting the dropped ones, whenever it is read', () => {
    const handle = new FedHandle();
    const run = new RunRecorder('system', handle.as(), OPTIONS, undefined);
    for (let cycle = 1; cycle <= 50_003; cycle += 1) handle.cycle(cycle);
    assert.equal(run.cycles.length, 50_000);
    assert.equal(run.droppedCycles, 3);
    assert.deepEqual([run.cycles[0]!.cycle, run.cycles.at(-1)!.cycle], [4, 50_003]);
    for (let cycle = 50_004; cycle <= 50_010; cycle += 1) handle.cycle(cycle);
    assert.equal(run.droppedCycles, 10);
    assert.deepEqual([run.cycles[0]!.cycle, run.cycles[1]!.cycle, run.cycles.at(-1)!.cycle], [11, 12, 50_010]);
    assert.ok(
      run.cycles.every((report, index) => report.cycle === 11 + index),
      'in cycle order',
    );
  });

  test('records the interval and start of its run, and nothing once detached', () => {
    const handle = new FedHandle(35, 4_321);
    const run = new RunRecorder('system', handle.as(), OPTIONS, undefined);
    handle.cycle(1);
    run.detach();
    handle.cycle(2);
    assert.deepEqual([run.intervalMs, run.startedAt, run.cycles.length], [35, 4_321, 1]);
    assert.equal(handle.cycleListeners.size, 0);
  });

  test(`merges per-source trouble into spans and keeps the newest ${MAX_RECORDED_SOURCE_FAILURES}`, () => {
    const handle = new FedHandle();
    const run = new RunRecorder('system', handle.as(), OPTIONS, (snapshot) => (snapshot as { trouble: Record<string, string> }).trouble);
    handle.cycle(1, { trouble: { a: 'down' } });
    handle.cycle(2, { trouble: { a: 'down' } });
    handle.cycle(3, { trouble: {} });
    assert.deepEqual(
      run.sourceFailures.map(({ source, message, firstCycle, lastCycle, startedAt, endedAt }) => [source, message, firstCycle, lastCycle, startedAt, endedAt]),
      [['a', 'down', 1, 2, 10, 25]],
    );
    for (let cycle = 4; cycle < 4 + MAX_RECORDED_SOURCE_FAILURES + 2; cycle += 1) handle.cycle(cycle, { trouble: { a: `message ${cycle}` } });
    assert.equal(run.sourceFailures.length, MAX_RECORDED_SOURCE_FAILURES);
    assert.equal(run.droppedSourceFailures, 3);
    assert.equal(run.sourceFailures[0]!.message, 'message 6');
  });
});

describe('ScenarioRecorder', () => {
  test('records a step at its end, from its duration, against each observation it touched', () => {
    const recorder = new ScenarioRecorder();
    recorder.touch('a');
    recorder.touch('b');
    recorder.touch('a');
    const before = systemClock.now();
    recorder.stepRan({ text: 'the step', id: 'step-1' }, 40, 'PASSED', false);
    recorder.stepRan({ text: 'a step that reads nothing', id: 'step-2' }, 1, 'PASSED', false);
    assert.deepEqual(
      recorder.spans.map((span) => [span.observation, span.text, span.status, span.timedOut]),
      [
        ['a', 'the step', 'PASSED', false],
        ['b', 'the step', 'PASSED', false],
      ],
    );
    const span = recorder.spans[0]!;
    assert.ok(span.startedAt <= before - 40 + 1 && span.endedAt >= before, `span ${span.startedAt}..${span.endedAt} around ${before}`);
  });

  test('attributes a wait to the step it settled in, known only once that step ended', async () => {
    const recorder = new ScenarioRecorder();
    const handle = new FedHandle();
    recorder.follow('system', handle.as(), OPTIONS, undefined);
    handle.settle('in a Before hook');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stepStarted = systemClock.now();
    handle.settle('in the first step');
    recorder.stepRan({ text: 'first', id: 'step-1' }, systemClock.now() - stepStarted, 'PASSED', false);
    handle.settle('between the steps');
    await new Promise((resolve) => setTimeout(resolve, 20));
    recorder.stepRan({ text: 'second', id: 'step-2' }, 5, 'PASSED', false);
    handle.settle('in an After hook');
    const record = recorder.waits.record([{ name: 'system', handle: handle.as(), cycles: [], droppedCycles: 0 }])!;
    assert.deepEqual(
      record.waits.map((wait) => [wait.awaited, wait.step]),
      [
        ['in a Before hook', undefined],
        ['in the first step', 'step-1'],
        ['between the steps', 'step-1'],
        ['in an After hook', 'step-2'],
      ],
    );
  });
});

describe('timelineInput', () => {
  test('merges the runs of a name, and keeps only the steps of the observations shown', () => {
    const first = new FedHandle(20, 5_000);
    const second = new FedHandle(50, 3_000);
    const runs = [new RunRecorder('a', first.as(), OPTIONS, undefined), new RunRecorder('a', second.as(), OPTIONS, undefined)];
    first.cycle(1);
    second.cycle(1);
    second.cycle(2);
    const step = (observation: string): StepSpan => ({ observation, text: observation, startedAt: 0, endedAt: 1, status: 'PASSED', timedOut: false });
    const input = timelineInput('merged', runs, [step('a'), step('b')]);
    assert.equal(input.scenario, 'merged');
    assert.deepEqual(
      input.observations.map((row) => [row.name, row.intervalsMs, row.startedAt, row.cycles.length, row.droppedCycles]),
      [['a', [20, 50], 3_000, 3, 0]],
    );
    assert.deepEqual(
      input.steps.map((span) => span.observation),
      ['a'],
    );
  });
});
