// WaitLog: settled waits attributed to steps, the per-scenario bound, and per-observation totals by stage.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { INTERVAL, TallyObserver, startTally } from '../test/helpers/fixtures.js';
import type { CycleReport } from '../lib/index.js';
import { RECORD_TEXT_LIMIT, MAX_RECORDED_WAITS, WaitLog, type LoggedRun } from './wait-log.js';

function runOf(name: string, started: Awaited<ReturnType<typeof startTally>>, cycles: CycleReport[], droppedCycles = 0): LoggedRun {
  return { name, handle: started.handle, cycles, droppedCycles };
}

describe('WaitLog', () => {
  test('attributes each wait to the step running when it settles, else to the last step that began', async () => {
    const started = await startTally();
    const log = new WaitLog();
    log.follow('system', started.handle);
    await started.handle.waitForSnapshot(() => true, { description: 'before any step' });
    log.stepBegan('step-1');
    const waiting = started.handle.waitForSnapshot((value) => value.polls >= 2, { timeoutMs: 1000, description: 'two polls' });
    await started.clock.advance(INTERVAL * 2);
    await waiting;
    const late = started.handle.waitForEvent(() => false, { timeoutMs: 5000, description: 'stopped by the After hook' }).catch(() => undefined);
    await started.runtime.stop();
    await late;
    const record = log.record([runOf('system', started, [])])!;
    assert.deepEqual(
      record.waits.map((wait) => [wait.step, wait.awaited, wait.outcome, wait.usedMs, wait.cycles]),
      [
        [undefined, 'before any step', 'resolved', 0, 0],
        ['step-1', 'two polls', 'resolved', 200, 2],
        ['step-1', 'stopped by the After hook', 'stopped', 0, 0],
      ],
    );
    assert.equal(Object.hasOwn(record.waits[0]!, 'step'), false, 'no step key outside a step');
  });

  test(`lists at most ${MAX_RECORDED_WAITS} waits and counts the rest; cuts long descriptions`, async () => {
    const started = await startTally();
    const log = new WaitLog();
    log.follow('system', started.handle);
    for (let index = 0; index <= MAX_RECORDED_WAITS; index += 1) {
      await started.handle.waitForSnapshot(() => true, { description: index === 0 ? 'x'.repeat(1000) : 'now' });
    }
    await started.runtime.stop();
    const record = log.record([runOf('system', started, [])])!;
    assert.equal(record.waits.length, MAX_RECORDED_WAITS);
    assert.equal(record.droppedWaits, 1);
    assert.ok(record.waits[0]!.awaited.startsWith('x'.repeat(RECORD_TEXT_LIMIT)) && record.waits[0]!.awaited.includes('more characters'));
  });

  test('totals add up the runs of one observation, failed cycles by stage with the last message', async () => {
    const observer = new TallyObserver();
    let failing = true;
    observer.pollImpl = () => {
      if (failing) throw new Error('refused');
      return [];
    };
    const first = await startTally({ observer });
    const seen: CycleReport[] = [];
    first.handle.onCycle((report) => seen.push(report));
    await first.clock.advance(INTERVAL * 3);
    failing = false;
    await first.clock.advance(INTERVAL * 2);
    await first.runtime.stop();
    const second = await startTally();
    await second.clock.advance(INTERVAL);
    await second.runtime.stop();
    const log = new WaitLog();
    assert.equal(log.record([]), undefined, 'no record for a scenario without observations');
    const record = log.record([runOf('system', first, seen), runOf('system', second, [], 4)])!;
    assert.deepEqual(record.observations, [
      { name: 'system', runs: 2, intervalMs: INTERVAL, cycles: 6, failedCycles: 3, stages: { poll: { cycles: 3, lastMessage: 'refused' } }, droppedCycles: 4 },
    ]);
  });
});
