// Combining checks: allOf ("and") over value checks or over snapshot checks, and not over any check.
import { summarize } from '../format.js';
import { readingOperands, readsOperands, unresolvedOperand } from './operands.js';
import { isEquality, judgesPresence, judgingPresence, MISSING, NOT_JUDGED, shown } from './render.js';
import { explainHold, snapshotCheck } from './snapshot-check.js';
import type { Mismatch, RelativeCheck, SnapshotCheck, ValueCheck } from './types.js';
import { assertCheck } from './values.js';

// Each negation and the check it negates, so that not(not(c)) is c and messages name what held.
const negated = new WeakMap<object, ValueCheck | RelativeCheck | SnapshotCheck>();
// Conjunctions, whose failing values are listed by what each part said rather than by one phrase.
const conjunctions = new WeakSet<ValueCheck>();

function isSnapshotCheck(check: unknown): check is SnapshotCheck {
  return typeof check === 'function' && typeof (check as Partial<SnapshotCheck>).verdict === 'function';
}

function isRelativeCheck(check: unknown): check is RelativeCheck {
  return typeof check === 'object' && check !== null && typeof (check as Partial<RelativeCheck>).relativeTo === 'function';
}

/**
 * Holds when `check` does not. Value checks: a missing value fails it (it proves nothing) unless `check` judges
 * presence itself (`not(exists())` holds on a missing value), and an operand without a value fails it too.
 * Change words: the value did not move so. Snapshot checks (quantified, agreement, `allOf`): the verdict fails when
 * `check` holds, saying what it found. `not(not(c))` is `c`.
 */
export function not(check: ValueCheck): ValueCheck;
export function not(check: RelativeCheck): RelativeCheck;
export function not(check: SnapshotCheck): SnapshotCheck;
export function not(check: ValueCheck | RelativeCheck | SnapshotCheck): ValueCheck | RelativeCheck | SnapshotCheck;
export function not(check: ValueCheck | RelativeCheck | SnapshotCheck): ValueCheck | RelativeCheck | SnapshotCheck {
  const inner = negated.get(check);
  if (inner) return inner;
  const negation = isSnapshotCheck(check) ? notSnapshot(check) : isRelativeCheck(check) ? notRelative(check) : notValue(check);
  negated.set(negation, check);
  return negation;
}

/** The check `check` negates, when it is a negation built by {@link not}. */
export function negationOf(check: object): ValueCheck | RelativeCheck | SnapshotCheck | undefined {
  return negated.get(check);
}

// "not never decreasing" reads as a riddle: a word that starts with "never" is negated as "… at some point".
function negatedDescription(description: string): string {
  return description.startsWith('never ') ? `${description.slice('never '.length)} at some point` : `not ${description}`;
}

function notValue(check: ValueCheck): ValueCheck {
  assertCheck(check, 'not');
  const description = negatedDescription(check.description);
  const presence = judgesPresence(check);
  const negation: ValueCheck = {
    description,
    verdict: (value, present, context) => {
      if (!present && !presence) return MISSING;
      const cannot = unresolvedOperand(check, value, context);
      if (cannot !== undefined) return cannot;
      const why = check.verdict(value, present, context);
      if (why !== undefined) return why.startsWith(NOT_JUDGED) ? why : undefined;
      if (!present) return 'is missing, which it should not be';
      if (isEquality(check))
        return readsOperands(check) ? `is ${shown(value)}, equal to ${check.description}, but should not be` : `is ${shown(value)} but should not be`;
      if (presence) return `is ${shown(value)}, but should not exist`;
      return `is ${shown(value)}, which is ${check.description}, but should not be`;
    },
  };
  const marked = readingOperands(negation, [check]);
  return presence ? judgingPresence(marked) : marked;
}

function notRelative(check: RelativeCheck): RelativeCheck {
  return {
    description: negatedDescription(check.description),
    failed: `are ${check.description}, but should not be`,
    rolling: check.rolling,
    relativeTo: (baseline, present) => notValue(check.relativeTo(baseline, present)),
  };
}

function notSnapshot(check: SnapshotCheck): SnapshotCheck {
  const description = `not ${check.description}`;
  // The negation holds where the check fails, so what it found is why the check failed (kept, not judged again:
  // judging again would move a change word's baseline).
  let last: { root: unknown; failed: Mismatch | undefined } | undefined;
  return snapshotCheck(
    description,
    (root): Mismatch | undefined => {
      const failed = check.verdict(root);
      last = { root, failed };
      if (failed !== undefined) return undefined;
      const found = explainHold(check, root);
      return { message: `${check.description} holds, but should not${found ? `: ${found}` : ''}` };
    },
    (root) => (last !== undefined && last.root === root ? last.failed?.message : undefined),
  );
}

/**
 * "and": holds when every check holds. Over value checks it is a value check (`allOf(not(equalTo(null)), atLeast(2))`),
 * failing with the first part that fails; a missing value fails it unless a part judges presence. Over snapshot checks
 * (quantified, agreement) it is a snapshot check (`allOf(allEqual("sentinels.*.master"), every("sentinels.*.master",
 * not(equalTo("r1"))))`): every part is judged each time (so change words keep their baselines), and the first
 * mismatch is the verdict. Mixing the two kinds is a TypeError: wrap a value check in a quantifier first.
 */
export function allOf(...checks: ValueCheck[]): ValueCheck;
export function allOf(...checks: SnapshotCheck[]): SnapshotCheck;
export function allOf(...checks: (ValueCheck | SnapshotCheck)[]): ValueCheck | SnapshotCheck {
  if (checks.length === 0) throw new TypeError('allOf needs at least one check');
  const snapshots = checks.filter(isSnapshotCheck);
  if (snapshots.length === checks.length) return allOfSnapshots(snapshots);
  if (snapshots.length > 0) {
    throw new TypeError(
      `allOf needs checks of one kind, got snapshot checks (${snapshots.map((check) => check.description).join(', ')}) beside value checks; ` +
        'put the value checks under a quantifier, e.g. every(path, check), first',
    );
  }
  checks.forEach((check, index) => {
    if (isRelativeCheck(check)) {
      throw new TypeError(
        `allOf cannot combine the change word "${check.description}" with value checks; put it under a quantifier, e.g. every(path, check), first`,
      );
    }
    assertCheck(check, `allOf (check ${index + 1}, ${summarize(check, 60)})`);
  });
  return allOfValues(checks as ValueCheck[]);
}

function allOfValues(checks: readonly ValueCheck[]): ValueCheck {
  if (checks.length === 1) return checks[0]!;
  const presence = checks.some(judgesPresence);
  const conjunction: ValueCheck = {
    description: checks.map((check) => check.description).join(' and '),
    verdict: (value, present, context) => {
      if (!present && !presence) return MISSING;
      for (const check of checks) {
        const why = check.verdict(value, present, context);
        if (why !== undefined) return why;
      }
      return undefined;
    },
  };
  conjunctions.add(conjunction);
  const marked = readingOperands(conjunction, checks);
  return presence ? judgingPresence(marked) : marked;
}

/** Whether `check` is a conjunction built by {@link allOf}. */
export function isConjunction(check: ValueCheck): boolean {
  return conjunctions.has(check);
}

function allOfSnapshots(checks: readonly SnapshotCheck[]): SnapshotCheck {
  if (checks.length === 1) return checks[0]!;
  return snapshotCheck(
    checks.map((check) => check.description).join(' and '),
    (root) => {
      let first: Mismatch | undefined;
      for (const check of checks) {
        const mismatch = check.verdict(root);
        first ??= mismatch;
      }
      return first;
    },
    (root) => {
      const found = checks.map((check) => explainHold(check, root)).filter((text): text is string => text !== undefined);
      return found.length > 0 ? found.join('; ') : undefined;
    },
  );
}
