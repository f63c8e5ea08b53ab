// The process-wide safety net: live etcd processes are killed and their data dirs removed on exit, SIGINT, SIGTERM or a lost parent.
import { rmSync } from 'node:fs';

/** Something to clean up synchronously when this process is going away. */
export interface Reapable {
  /** Kills whatever is still running and removes what is left on disk; must not throw, must not wait. */
  reapSync(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const live = new Set<Reapable>();

function reapAll(): void {
  for (const entry of [...live]) {
    live.delete(entry);
    entry.reapSync();
  }
}

// A signal's default action would end the process without an 'exit' event: reap, then let the signal take its
// course, unless someone else listens for it too (then that listener decides what happens next).
function onSignal(signal: NodeJS.Signals): void {
  reapAll();
  uninstall();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

// A Cucumber worker (parallel mode) whose coordinator is gone has nobody left to run scenarios for.
function onDisconnect(): void {
  reapAll();
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', reapAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  if (process.connected) process.on('disconnect', onDisconnect);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', reapAll);
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off('disconnect', onDisconnect);
}

/** Keeps `entry` to reap should the process go away; the returned function forgets it (and the hooks, once none is left). */
export function reapOnExit(entry: Reapable): () => void {
  live.add(entry);
  install();
  return () => {
    live.delete(entry);
    if (live.size === 0) uninstall();
  };
}

/** SIGKILLs each pid, ignoring those already gone. */
export function killSync(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Removes a directory tree, ignoring a failure: this runs while the process is going away. */
export function removeDirSync(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // Nothing more can be done now.
  }
}
