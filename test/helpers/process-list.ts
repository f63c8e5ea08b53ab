// The machine's process list (ps), for tests that prove no process of theirs outlives what started it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** One process: its id, its parent's, and its command line. */
export interface ListedProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly args: string;
}

/** Every process of the machine, as `ps` lists them now. */
function listProcesses(): ListedProcess[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s(.*)$/.exec(line))
    .filter((found) => found !== null)
    .map((found) => ({ pid: Number(found[1]), ppid: Number(found[2]), args: found[3]!.trim() }));
}

/** The processes descended from `pid` (children, their children…), not counting the `ps` that lists them. */
export function descendantsOf(pid: number): ListedProcess[] {
  const all = listProcesses();
  const found: ListedProcess[] = [];
  let parents = new Set([pid]);
  while (parents.size > 0) {
    const children = all.filter((entry) => parents.has(entry.ppid) && !entry.args.startsWith('ps -eo'));
    found.push(...children);
    parents = new Set(children.map((entry) => entry.pid));
  }
  return found;
}

/** Pids of live (not zombie) processes whose command line contains `mark`, read from /proc. */
export function livePidsWith(mark: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') return false;
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(mark);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * The processes `find` lists now that were not in `before`, after giving the process table up to two seconds to drop
 * those that a hook has just awaited: what is left is what outlived its run.
 */
export async function processesLeft(find: () => readonly number[], before: ReadonlySet<number>): Promise<number[]> {
  let left = find().filter((pid) => !before.has(pid));
  for (let tries = 0; left.length > 0 && tries < 20; tries += 1) {
    await sleep(100);
    left = find().filter((pid) => !before.has(pid));
  }
  return left;
}

/** Pids of the etcd twin's members (features/etcd-defined): their command line carries the twin's cluster token. */
export function twinMembers(): number[] {
  return listProcesses()
    .filter((entry) => entry.args.includes('--initial-cluster-token=etcd-defined'))
    .map((entry) => entry.pid);
}
