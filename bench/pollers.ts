// The poll-and-sleep waits that BDD suites write by hand today, written here as they are usually written.
import { setTimeout as sleep } from 'node:timers/promises';

/** Checks `holds` at once, then every `intervalMs` until it holds or `timeoutMs` has passed. */
export async function pollEvery(holds: () => boolean, intervalMs: number, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!holds()) {
    if (performance.now() >= deadline) throw new Error(`condition did not hold within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/** Playwright's `expect.poll` default intervals: 100, 250, 500, then 1000 ms between checks. */
const PLAYWRIGHT_POLL_INTERVALS = [100, 250, 500, 1000] as const;

/**
 * Checks `holds` at once, then after each of `intervals` in turn, repeating the last one, the way Playwright's
 * `expect.poll` steps its retries; fails after `timeoutMs` (its default is 5000).
 */
export async function pollStepped(holds: () => boolean, intervals: readonly number[] = PLAYWRIGHT_POLL_INTERVALS, timeoutMs = 5000): Promise<void> {
  if (intervals.length === 0) throw new TypeError('pollStepped: intervals must list at least one delay in ms');
  const deadline = performance.now() + timeoutMs;
  for (let attempt = 0; !holds(); attempt += 1) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) throw new Error(`condition did not hold within ${timeoutMs} ms`);
    await sleep(Math.min(intervals[Math.min(attempt, intervals.length - 1)]!, remaining));
  }
}
