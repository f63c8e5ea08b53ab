// Child processes of the examples: whether one is alive (containers whose pid 1 never reaps), when one is fully reaped, and a
// run-wide tracker that proves none outlived the run.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setImmediate as nextLoopTurn } from 'node:timers/promises';

/**
 * True while the process exists and has not exited: a zombie (exited, not yet reaped) counts as gone, since a
 * container's pid 1 may never reap reparented orphans. Where /proc is missing, existence is all there is to check.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true;
  }
  // "pid (comm) S ...": the state letter follows the last ')'.
  const close = stat.lastIndexOf(')');
  return stat.slice(close + 2, close + 3) !== 'Z';
}

/**
 * Resolves once the process has exited and every handle it held here is closed, so that right afterwards
 * process.getActiveResourcesInfo() lists nothing of it.
 */
export async function reapOf(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    let pending = child.stdin ? 2 : 1;
    const done = () => --pending === 0 && resolve();
    // 'close' waits for stdout and stderr only; stdin is closed separately when the process exits.
    child.once('close', done);
    child.stdin?.once('close', done);
    // A failed spawn may never emit 'close'.
    child.once('error', () => child.pid === undefined && resolve());
  });
  // The process handle is closed in the loop turn of the exit, after this turn's immediates: two turns clear it.
  await nextLoopTurn();
  await nextLoopTurn();
}

const HAS_PROC = existsSync('/proc/self/stat');

/**
 * Every process of one kind that a run started, remembered by pid, so that its end can prove that none is left. A pid
 * reused by an unrelated process does not count: where /proc exists, `isOurs` must recognise its command line.
 */
export class ProcessTracker {
  readonly #pids = new Set<number>();
  readonly #isOurs: (argv: readonly string[]) => boolean;

  /** @param isOurs tells one of ours by its command line (argv, as /proc/<pid>/cmdline lists it). */
  constructor(isOurs: (argv: readonly string[]) => boolean) {
    this.#isOurs = isOurs;
  }

  /** Remembers pids (0 and below, a process that never started, are skipped). */
  track(pids: Iterable<number>): void {
    for (const pid of pids) if (pid > 0) this.#pids.add(pid);
  }

  /** How many processes were remembered so far. */
  get count(): number {
    return this.#pids.size;
  }

  /** The remembered pids that are still one of ours, alive. */
  stillAlive(): number[] {
    return [...this.#pids].filter((pid) => this.#alive(pid));
  }

  /** SIGKILLs the given processes, ignoring those already gone. */
  killAll(pids: readonly number[]): void {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile: nothing to kill.
      }
    }
  }

  #alive(pid: number): boolean {
    if (!isProcessAlive(pid)) return false;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      // Without /proc (not Linux) being alive is all there is to check; with it, the process vanished meanwhile.
      return !HAS_PROC;
    }
    return this.#isOurs(cmdline.split('\0'));
  }
}
