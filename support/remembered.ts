// Values a scenario remembered ("When I remember the observed "leader" as "old leader""), kept per World.
import { cut } from '../lib/format.js';
import { StepInputError } from './parse.js';

const remembered = new WeakMap<object, Map<string, unknown>>();

/** Remembers `value` as `name` for the rest of the scenario whose World this is; a name given again is replaced. */
export function remember(world: object, name: string, value: unknown): void {
  if (typeof name !== 'string' || name.trim() === '') throw new StepInputError('a remembered value needs a name, such as "old leader"');
  let values = remembered.get(world);
  if (!values) remembered.set(world, (values = new Map()));
  values.set(name, copyOf(value));
}

/** The names remembered so far in the scenario whose World this is, in the order they were first remembered. */
export function rememberedNames(world: object): readonly string[] {
  return [...(remembered.get(world)?.keys() ?? [])];
}

/**
 * The value remembered as `name` in the scenario whose World this is. An unknown name throws a `StepInputError` that
 * lists the names remembered.
 */
export function rememberedValue(world: object, name: string): unknown {
  const values = remembered.get(world);
  if (values?.has(name)) return values.get(name);
  const names = rememberedNames(world);
  throw new StepInputError(
    `nothing is remembered as "${cut(name, 80)}" in this scenario ` +
      (names.length === 0
        ? `(nothing is remembered yet; remember a value first with 'When I remember the observed "<path>" as "${cut(name, 80)}"')`
        : `(remembered: ${names.map((known) => `"${cut(known, 80)}"`).join(', ')})`),
  );
}

// A copy, so that an observer that mutates its snapshot objects in place cannot change what was remembered.
function copyOf(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}
