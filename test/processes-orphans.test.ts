// No process outlives its runner: a Cucumber run SIGKILLed (serial or --parallel 2) or one crashed worker leaves none of its processes alive.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { FIXTURE_SUPPORT } from './helpers/run-cucumber.js';

/** Alive and not a zombie (an orphan reparented to a pid 1 that never reaps shows as one). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the orphan fixture and resolves once `runners` scenarios have announced their processes, by runner pid. */
async function startRun(
  parallel: number | undefined,
  runners: number,
): Promise<{ coordinator: ChildProcess; announced: Map<number, number[]>; stderr: () => string }> {
  const options = {
    features: ['test/fixtures/processes/orphan.feature'],
    support: [...FIXTURE_SUPPORT, 'test/fixtures/processes/steps.ts'],
    ...(parallel ? { parallel } : {}),
  };
  const coordinator = spawn(process.execPath, ['--import', './register-ts-node.mjs', 'test/helpers/cucumber-child.ts', JSON.stringify(options)], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const announced = new Map<number, number[]>();
  let stderr = '';
  coordinator.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const [, pids, runner] of chunk.matchAll(/fixture-pids ([\d,]+) runner (\d+)/g)) announced.set(Number(runner), pids!.split(',').map(Number));
  });
  const deadline = Date.now() + 180_000;
  while (announced.size < runners && Date.now() < deadline) await sleep(50);
  assert.equal(announced.size, runners, `the scenarios announced their processes; stderr:\n${stderr.slice(-3000)}`);
  return { coordinator, announced, stderr: () => stderr };
}

async function goneWithin(pids: readonly number[], ms: number): Promise<number> {
  const from = Date.now();
  while (pids.some(alive) && Date.now() - from < ms) await sleep(50);
  return Date.now() - from;
}

function cleanUp(coordinator: ChildProcess, pids: readonly number[]): void {
  try {
    process.kill(-coordinator.pid!, 'SIGKILL');
  } catch {
    // gone
  }
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
}

for (const parallel of [undefined, 2]) {
  test(`a Cucumber run SIGKILLed leaves none of its processes alive${parallel ? ' (--parallel 2, coordinator killed)' : ''}`, async () => {
    const { coordinator, announced } = await startRun(parallel, parallel ?? 1);
    const pids = [...announced.values()].flat();
    try {
      assert.ok(pids.length >= 3 * (parallel ?? 1), `web, tcp and its grandchild per scenario: ${pids.join(', ')}`);
      assert.deepEqual(
        pids.filter((pid) => !alive(pid)),
        [],
        'all running before the kill',
      );
      // Only the coordinator: its workers (parallel) and the processes are left to their own devices.
      coordinator.kill('SIGKILL');
      const took = await goneWithin(pids, 20_000);
      assert.deepEqual(pids.filter(alive), [], 'every process is gone');
      assert.ok(took < 10_000, `gone ${took} ms after the kill`);
      console.log(`processes gone ${took} ms after the runner was SIGKILLed`);
    } finally {
      cleanUp(coordinator, pids);
    }
  });
}

test('a crashed --parallel worker leaves none of its processes alive; the other worker keeps its own', async () => {
  const { coordinator, announced } = await startRun(2, 2);
  const [[crashed, crashedPids], [, otherPids]] = [...announced.entries()] as [[number, number[]], [number, number[]]];
  try {
    process.kill(crashed, 'SIGKILL');
    const took = await goneWithin(crashedPids, 20_000);
    assert.deepEqual(crashedPids.filter(alive), [], "the crashed worker's processes are gone");
    assert.ok(took < 10_000, `gone ${took} ms after the worker was SIGKILLed`);
    assert.deepEqual(
      otherPids.filter((pid) => !alive(pid)),
      [],
      "the other worker's processes still run",
    );
  } finally {
    cleanUp(coordinator, [...crashedPids, ...otherPids]);
  }
});
