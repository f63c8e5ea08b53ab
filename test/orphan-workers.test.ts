// When a --parallel coordinator dies, its workers stop their observations and exit at once, not when their waits run out.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { FIXTURE_SUPPORT } from './helpers/run-cucumber.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('workers whose coordinator is killed exit within seconds, although their waits have 30 s to go', async () => {
  const options = { features: ['test/fixtures/orphan/orphan.feature'], support: [...FIXTURE_SUPPORT, 'test/fixtures/orphan/steps.ts'], parallel: 2 };
  const coordinator = spawn(process.execPath, ['--import', './register-ts-node.mjs', 'test/helpers/cucumber-child.ts', JSON.stringify(options)], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const workers = new Set<number>();
  let stderr = '';
  coordinator.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const [, pid] of chunk.matchAll(/worker-pid (\d+)/g)) workers.add(Number(pid));
  });
  try {
    const deadline = Date.now() + 60_000;
    while (workers.size < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(workers.size, 2, `both workers started their scenario; stderr:\n${stderr.slice(-2000)}`);
    // Both are inside their 30 s waits now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    coordinator.kill('SIGKILL');
    const killedAt = Date.now();
    while ([...workers].some(alive) && Date.now() - killedAt < 20_000) await new Promise((resolve) => setTimeout(resolve, 50));
    const took = Date.now() - killedAt;
    assert.deepEqual([...workers].filter(alive), [], 'every worker has exited');
    assert.ok(took < 10_000, `the workers took ${took} ms to exit`);
    console.log(`workers exited ${took} ms after their coordinator was killed`);
  } finally {
    coordinator.kill('SIGKILL');
    for (const pid of workers) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
});
