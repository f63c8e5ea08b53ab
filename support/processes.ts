// The Cucumber layer of the process module: the suite's process definitions, and one ProcessSet per scenario's World.
import { ProcessSet, type LogLine, type ProcessDefinition } from '../processes/index.js';

const definitions = new Map<string, ProcessDefinition>();
const sets = new WeakMap<object, ProcessSet>();

/**
 * Defines the processes every scenario of the suite can start (call it from a support file; several calls add up).
 * Each scenario gets its own {@link ProcessSet} of them, with free ports and data directories allocated before it
 * begins, and every process stopped after it, whatever its outcome.
 * @throws Error for a name defined twice, or a definition that cannot work (checked now, before any scenario runs).
 */
export function defineProcesses(processes: Record<string, ProcessDefinition>): void {
  const merged = new Map(definitions);
  for (const [name, definition] of Object.entries(processes ?? {})) {
    if (merged.has(name)) throw new Error(`defineProcesses: process "${name}" is defined twice; each name must be defined once`);
    merged.set(name, definition);
  }
  // Checks every definition and placeholder now, so that a mistake fails where it is written.
  new ProcessSet(Object.fromEntries(merged));
  for (const [name, definition] of merged) definitions.set(name, definition);
}

/**
 * The scenario's processes (created and allocated in a Before hook of the steps entry point).
 * @throws Error when no process is defined, or outside a scenario that the steps entry point prepared.
 */
export function processesOf(world: object): ProcessSet {
  const set = sets.get(world);
  if (set) return set;
  if (definitions.size === 0) throw new Error('no processes are defined: call defineProcesses({ e1: { command: … } }) from a support file');
  throw new Error('this scenario has no processes yet: processesOf(world) works from the Before hooks of the steps entry point on');
}

/** Creates and allocates the scenario's ProcessSet; nothing to do (and no promise) when the suite defines no process. */
export function beginProcesses(world: object): Promise<void> | undefined {
  if (definitions.size === 0) return undefined;
  const set = new ProcessSet(Object.fromEntries(definitions));
  sets.set(world, set);
  return set.allocate();
}

/**
 * Stops every process of the scenario (SIGKILL of each group, data directories removed). When `failed`, first
 * returns the tail of each started process's output, one text per process, for the report.
 */
export async function endProcesses(world: object, failed: boolean): Promise<{ name: string; text: string }[]> {
  const set = sets.get(world);
  if (!set) return [];
  const tails = failed ? set.names().flatMap((name) => (set.status(name).state === 'not-started' ? [] : [{ name, text: logReport(set, name) }])) : [];
  await set.stopAll();
  sets.delete(world);
  return tails;
}

function logReport(set: ProcessSet, name: string): string {
  const status = set.status(name);
  const how = status.state === 'exited' ? `exited (${status.signal ? `signal ${status.signal}` : `code ${status.code}`})` : status.state;
  const lines = set.logLines(name);
  const header = `process ${name}: ${how}, pid ${status.pid ?? '-'}, restarts ${status.restarts}; last ${lines.length} line(s) of stdout and stderr`;
  return [header, ...lines.map((line: LogLine) => `${line.stream === 'stderr' ? 'err' : 'out'} | ${line.line}`)].join('\n');
}
