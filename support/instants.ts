// Named instants of a scenario ("When I note the time as "kill"", or a process step's "the kill of e1"), kept per World,
// so that "within 3s of "kill"" measures from the moment itself rather than from the step that reads it.
import { cut } from '../lib/format.js';
import { StepInputError } from './parse.js';

const instants = new WeakMap<object, Map<string, number>>();

/**
 * Names the instant `atMs` (on `performance.now()`'s clock; default: now) as `name` for the rest of the scenario whose
 * World this is; a name given again is moved to the new instant. A user's own action step calls it after its action.
 */
export function noteInstant(world: object, name: string, atMs: number = performance.now()): void {
  if (typeof name !== 'string' || name.trim() === '') throw new StepInputError('an instant needs a name, such as "kill"');
  if (!Number.isFinite(atMs)) throw new StepInputError(`the instant "${cut(name, 80)}" needs a finite time, got ${String(atMs)}`);
  let named = instants.get(world);
  if (!named) instants.set(world, (named = new Map()));
  named.set(name, atMs);
}

/** The names of the instants noted so far in the scenario whose World this is, in the order they were first noted. */
export function instantNames(world: object): readonly string[] {
  return [...(instants.get(world)?.keys() ?? [])];
}

/**
 * The instant noted as `name` (on `performance.now()`'s clock) in the scenario whose World this is. An unknown name
 * throws a `StepInputError` that lists the names noted.
 */
export function instantAt(world: object, name: string): number {
  const at = instants.get(world)?.get(name);
  if (at !== undefined) return at;
  const names = instantNames(world);
  throw new StepInputError(
    `no instant is noted as "${cut(name, 80)}" in this scenario ` +
      (names.length === 0
        ? `(none is noted yet; note one first with 'When I note the time as "${cut(name, 80)}"')`
        : `(noted: ${names.map((known) => `"${cut(known, 80)}"`).join(', ')})`),
  );
}
