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

test('workers whose coordinator is killed exit within seconds, although their waits have 2 minutes to go', async () => {
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
    // Generous: on a loaded machine two ts-node workers take a while to start.
    const deadline = Date.now() + 180_000;
    while (workers.size < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(workers.size, 2, `both workers started their scenario; stderr:\n${stderr.slice(-2000)}`);
    // Both are inside their 2-minute waits now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    coordinator.kill('SIGKILL');
    const killedAt = Date.now();
    while ([...workers].some(alive) && Date.now() - killedAt < 60_000) await new Promise((resolve) => setTimeout(resolve, 50));
    const took = Date.now() - killedAt;
    assert.deepEqual([...workers].filter(alive), [], 'every worker has exited');
    // Seconds on a healthy machine; a worker that lived on until its wait ran out would take 2 minutes.
    assert.ok(took < 30_000, `the workers took ${took} ms to exit`);
    console.log(`workers exited ${took} ms after their coordinator was killed`);
  } finally {
    coordinator.kill('SIGKILL');
    for (const pid of workers) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
});
