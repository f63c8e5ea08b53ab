// The shapes of the check vocabulary: a check on one value, a check relative to a baseline, a check on a whole snapshot.

/**
 * What a check may consult besides the value it judges: the whole snapshot (or event) the value was read from, so an
 * operand such as `observedAt("primary")` reads the same cycle's data.
 */
export interface CheckContext {
  readonly root: unknown;
  /** The concrete path of the value judged (`members.e1`), when known, for messages that name places inside it. */
  readonly path?: string;
}

/**
 * A check on one value; `verdict` returns undefined when it holds, else why not ("is 7, not at least 10").
 * `present` is false when the path is missing; `context` carries the snapshot the value was read from (the path
 * quantifiers and `compare` pass it; a check whose operands read the snapshot fails without it, saying so).
 */
export interface ValueCheck {
  readonly description: string; // "at least 10", "not null", "match /^v3/"
  verdict(value: unknown, present: boolean, context?: CheckContext): string | undefined;
}

/**
 * A check on how a value moved from a baseline (`changed()`, `increasedBy(5)`): `relativeTo` gives the check for one
 * value, given what was at its concrete path in the baseline. A `rolling` check compares each snapshot with the
 * previous one rather than with the first (`neverDecreases()`).
 */
export interface RelativeCheck {
  readonly description: string;
  /** What values that fail it did, for messages: "changed", "have not increased by at least 5". */
  readonly failed: string;
  readonly rolling: boolean;
  relativeTo(baseline: unknown, present: boolean): ValueCheck;
}

/** Why a snapshot check does not hold: a message, and the actual and expected values where values were compared. */
export interface Mismatch {
  readonly message: string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

/**
 * A check on a whole snapshot value, built by `that`, `every`, `some`, `none`, `atLeastOf`, …, `allEqual`: call it as
 * a `waitForSnapshot` or `holdsFor` predicate (it throws a chai `AssertionError` saying what failed, with the cycle),
 * or ask `verdict` for the mismatch. A check with a change word keeps its baseline: build one per wait.
 */
export interface SnapshotCheck {
  (value: unknown, snapshot?: { readonly cycle: number }): void;
  readonly description: string;
  verdict(value: unknown): Mismatch | undefined;
}

/** Options of the path quantifiers. */
export interface QuantifierOptions {
  /**
   * The snapshot value a change word compares with (`increasedBy`, `changed`, `unchanged`, …). Default: the first value
   * the check sees. Rolling words (`neverDecreases`) always compare with the previous value seen.
   */
  readonly since?: unknown;
}

/** The value types `isA` names. */
export type ValueType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';
