// Whether a process is still alive, in a way that holds inside containers whose pid 1 never reaps orphans.
import { readFileSync } from 'node:fs';

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
