// The safety net for a runner that dies: a tiny shell process, fed the process groups to guard, kills them when its parent goes away.
import { setImmediate as nextLoopTurn } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';

/**
 * The watchdog's program: it reads `+ PGID` / `- PGID` lines from its stdin and, at end of input (this process closed
 * the pipe, or died, whatever the way), SIGKILLs every group still listed. Only numbers above 1 are taken, so that
 * no line can ever turn into `kill -1` (every process).
 */
const WATCHDOG_SCRIPT = `groups=' '
while read -r op pgid; do
  case "$pgid" in ''|*[!0-9]*|0|1) continue ;; esac
  case "$op" in
    +) groups="$groups$pgid " ;;
    -) case "$groups" in *" $pgid "*) groups="\${groups%% $pgid *} \${groups#* $pgid }" ;; esac ;;
  esac
done
for pgid in $groups; do kill -s KILL -- "-$pgid" 2>/dev/null; done`;

type WatchdogProcess = ResultPromise<{ stdin: 'pipe'; stdout: 'ignore'; stderr: 'ignore'; detached: true; cleanup: false; buffer: false; reject: false }>;

const guarded = new Set<number>();
let watchdog: WatchdogProcess | undefined;
/** Exits of watchdogs that were told to end, so that a caller can wait until none is left. */
const retiring = new Set<Promise<unknown>>();

/** SIGKILLs a process group, ignoring one already gone. Refuses anything but a real group id (never 0, 1 or below). */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isSafeInteger(pgid) || pgid <= 1) throw new RangeError(`processes: refusing to signal process group ${pgid}`);
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

function killAllSync(): void {
  for (const pgid of guarded) killGroup(pgid, 'SIGKILL');
  guarded.clear();
}

// A Cucumber worker whose coordinator is gone runs no more scenarios: its processes go now.
function onDisconnect(): void {
  killAllSync();
}

function ensureWatchdog(): WatchdogProcess {
  if (watchdog) return watchdog;
  // Its own process group: a Ctrl-C to the runner's group must not end the watchdog before it has done its work.
  const started: WatchdogProcess = execa('sh', ['-c', WATCHDOG_SCRIPT], {
    stdin: 'pipe',
    stdout: 'ignore',
    stderr: 'ignore',
    detached: true,
    cleanup: false,
    buffer: false,
    reject: false,
  });
  // Neither the watchdog nor its pipe keeps this process alive: it is there only for when this process is gone.
  started.unref();
  (started.stdin as unknown as { unref?: () => void }).unref?.();
  started.stdin.on('error', () => {
    // The watchdog is gone (killed by someone): the exit hook below still covers a normal exit.
  });
  process.on('exit', killAllSync);
  if (process.connected) process.on('disconnect', onDisconnect);
  watchdog = started;
  return started;
}

/**
 * Guards a process group: should this process exit or die before {@link unguardGroup}, the group is SIGKILLed (by
 * the exit hook on a normal exit, by the watchdog within moments of any other death).
 */
export function guardGroup(pgid: number): void {
  if (!Number.isSafeInteger(pgid) || pgid <= 1) throw new RangeError(`processes: cannot guard process group ${pgid}`);
  guarded.add(pgid);
  ensureWatchdog().stdin.write(`+ ${pgid}\n`);
}

/** Stops guarding a group (it was killed and reaped); the watchdog ends once no group is left. */
export function unguardGroup(pgid: number): void {
  if (!guarded.delete(pgid) || !watchdog) return;
  watchdog.stdin.write(`- ${pgid}\n`);
  if (guarded.size > 0) return;
  const ending = watchdog;
  watchdog = undefined;
  process.off('exit', killAllSync);
  process.off('disconnect', onDisconnect);
  // Waited for by stopAll, so it holds the loop until it has exited.
  ending.ref();
  ending.stdin.end();
  const exited: Promise<unknown> = ending.then(async () => {
    // The process handle closes in the loop turn of the exit, after that turn's immediates: two turns clear it.
    await nextLoopTurn();
    await nextLoopTurn();
    retiring.delete(exited);
  });
  retiring.add(exited);
}

/** Resolves once every watchdog told to end has exited: then none of its handles is left in this process. */
export async function watchdogsEnded(): Promise<void> {
  while (retiring.size > 0) await Promise.all([...retiring]);
}
