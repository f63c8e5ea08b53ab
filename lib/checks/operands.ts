// Operands of the check words: a value given when the check is built, a remembered value, or one read from the same snapshot when the check runs.
import { cut, summarize } from '../format.js';
import { checkPattern, selectPath, ValueReadError } from './paths.js';
import { shown } from './render.js';
import type { CheckContext, ValueCheck } from './types.js';

/** What an operand stands for at verdict time: its value, or why it has none (worded to follow its description). */
export type Resolved = { readonly found: true; readonly value: unknown } | { readonly found: false; readonly reason: string };

/**
 * A value a check word takes that is not written into the check: read from the snapshot being checked
 * ({@link observedAt}) or looked up by name ({@link remembered}). Messages call it by its `description`
 * (`the observed "primary"`) and show the value it had.
 */
export class Operand {
  /** How messages name it: `the observed "primary"`, `the remembered "old term"`. */
  readonly description: string;
  readonly #resolve: (context: CheckContext | undefined) => Resolved;

  constructor(description: string, resolve: (context: CheckContext | undefined) => Resolved) {
    this.description = description;
    this.#resolve = resolve;
  }

  /** Its value in `context` (the snapshot the check reads), or why it has none. */
  resolve(context?: CheckContext): Resolved {
    return this.#resolve(context);
  }
}

/** Whether `value` is an {@link Operand} rather than a literal expected value. */
export function isOperand(value: unknown): value is Operand {
  return value instanceof Operand;
}

/**
 * The one value `path` selects in the snapshot the check is reading, read when the check runs (the same cycle as the
 * value judged). The path is checked when the operand is built (a bad one throws a `PathError`); a path that selects
 * no value, several values or a missing one fails the check, saying which.
 */
export function observedAt(path: string): Operand {
  checkPattern(path);
  const description = `the observed "${cut(path, 200)}"`;
  return new Operand(description, (context) => {
    if (context === undefined) return { found: false, reason: 'cannot be read: this check was given no snapshot to read it from' };
    let selection: ReturnType<typeof selectPath>;
    try {
      selection = selectPath(context.root, path);
    } catch (error) {
      if (error instanceof ValueReadError) return { found: false, reason: `could not be read: ${error.message}` };
      throw error;
    }
    const { items, emptyBecause } = selection;
    if (items.length === 0) return { found: false, reason: `selects no value${emptyBecause ? ` (${emptyBecause})` : ''}` };
    if (items.length > 1) {
      const paths = items.slice(0, 5).map((item) => item.path);
      return { found: false, reason: `selects ${items.length} values (${paths.join(', ')}${items.length > 5 ? ', …' : ''}), not one` };
    }
    const item = items[0]!;
    if (!item.present) return { found: false, reason: `is missing (${item.reason})` };
    return { found: true, value: item.value };
  });
}

/**
 * A value remembered under `name` (the step layer owns the store and looks it up when it builds the check): it
 * compares as `value` does, and messages call it `the remembered "<name>"`.
 */
export function remembered(name: string, value: unknown): Operand {
  if (typeof name !== 'string') throw new TypeError(`remembered needs the name of the value as a string, got ${summarize(name)}`);
  return new Operand(`the remembered "${cut(name, 200)}"`, () => ({ found: true, value }));
}

/** The value `expected` stands for in `context`: itself when it is a literal, its resolution when it is an operand. */
export function resolveOperand(expected: unknown, context: CheckContext | undefined): Resolved {
  return isOperand(expected) ? expected.resolve(context) : { found: true, value: expected };
}

/** How a description names `expected`: the literal value, or the operand's name. */
export function describeOperand(expected: unknown): string {
  return isOperand(expected) ? expected.description : shown(expected);
}

/** How a verdict shows what `expected` stood for: the literal value, or `the observed "primary" ("r1")`. */
export function shownOperand(expected: unknown, value: unknown): string {
  return isOperand(expected) ? `${expected.description} (${shown(value)})` : shown(value);
}

/** The verdict when an operand has no usable value: the value judged, the operand, and why. */
export function unresolved(value: unknown, operand: unknown, reason: string): string {
  const name = isOperand(operand) ? operand.description : shown(operand);
  return `is ${shown(value)}, but ${name} ${reason}, so the two cannot be compared`;
}

// The operands each check reads, so that `not` can tell "the check failed" from "the check could not be judged".
const operandsByCheck = new WeakMap<ValueCheck, readonly Operand[]>();

/** Records the operands among `values` as read by `check`; returns `check`. */
export function readingOperands<C extends ValueCheck>(check: C, values: readonly unknown[]): C {
  const operands = values.flatMap((value) => (isOperand(value) ? [value] : (operandsByCheck.get(value as ValueCheck) ?? [])));
  if (operands.length > 0) operandsByCheck.set(check, operands);
  return check;
}

/** The first operand of `check` without a value in `context`, as a verdict on `value`; undefined when all resolve. */
export function unresolvedOperand(check: ValueCheck, value: unknown, context: CheckContext | undefined): string | undefined {
  for (const operand of operandsByCheck.get(check) ?? []) {
    const resolved = operand.resolve(context);
    if (!resolved.found) return unresolved(value, operand, resolved.reason);
  }
  return undefined;
}

/** Whether `check` reads operands. */
export function readsOperands(check: ValueCheck): boolean {
  return operandsByCheck.has(check);
}
