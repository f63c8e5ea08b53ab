// The machine's process list (ps), for tests that prove no process of theirs outlives what started it.
import { execFileSync } from 'node:child_process';

/** One process: its id, its parent's, and its command line. */
export interface ListedProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly args: string;
}

/** Every process of the machine, as `ps` lists them now. */
export function listProcesses(): ListedProcess[] {
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
