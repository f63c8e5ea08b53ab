// From a step's words to one SnapshotCheck: a quantifier, a path and its checks joined by "and", checked before any wait.
import { agree, allDistinct, allEqual, allOf, quantified, that, type SnapshotCheck } from '../../lib/checks/index.js';
import { hasWildcard, parsePattern } from '../../lib/checks/paths.js';
import { describeQuantity } from '../../lib/checks/quantifiers.js';
import { isEquality } from '../../lib/checks/render.js';
import { StepInputError } from '../parse.js';
import type { Quantifier } from './quantifier.js';
import type { ParsedCheck } from './words.js';

/** How a step uses its checks: now (one snapshot), or over time (within, a hold), with the baseline of change words. */
export interface CheckUse {
  readonly overTime: boolean;
  /** The snapshot value when the step began: what change words compare with. */
  readonly since?: unknown;
}

/** The words a quantifier was written with: `the`, `every`, `at least 2 of the`. */
export function quantifierWords(quantifier: Quantifier): string {
  if (quantifier.kind === 'the') return 'the';
  if ('count' in quantifier) return `${quantifier.kind} ${quantifier.count} of the`;
  return quantifier.kind === 'none' ? 'no' : quantifier.kind;
}

/** Whether a path may select several values: a `*` or a JSONPath (`$…`). */
export function selectsMany(path: string): boolean {
  return path.startsWith('$') || hasWildcard(path);
}

/**
 * The SnapshotCheck a step's quantifier, path and checks (joined by "and") stand for; input that cannot work throws
 * a StepInputError saying why and what to write instead.
 */
export function snapshotCheckFor(quantifier: Quantifier, path: string, parsed: ParsedCheck | readonly ParsedCheck[], use: CheckUse): SnapshotCheck {
  if (!path.startsWith('$')) parsePattern(path);
  const checks = Array.isArray(parsed) ? (parsed as readonly ParsedCheck[]) : [parsed as ParsedCheck];
  const written = `${quantifierWords(quantifier)} observed "${path}" should ${checks.map((check) => check.text).join(' and ')}`;
  const agreeing = checks.some((check) => check.kind === 'agreement');
  const built = checks.map((check) => oneCheck(quantifier, path, check, use, written, agreeing));
  return built.length === 1 ? built[0]! : allOf(...built);
}

function oneCheck(quantifier: Quantifier, path: string, parsed: ParsedCheck, use: CheckUse, written: string, agreeing: boolean): SnapshotCheck {
  if (parsed.kind === 'agreement') {
    if (parsed.agreement === 'agree') {
      if (quantifier.kind !== 'at least') {
        throw new StepInputError(`"${written}": "agree" needs a quorum; write 'at least 2 of the observed "${path}" should agree'`);
      }
      return agree(quantifier.count, path);
    }
    if (quantifier.kind !== 'the') {
      throw new StepInputError(
        `"${written}": "all be ${parsed.agreement}" compares the selected values with each other, so it takes no quantifier; ` +
          `write 'the observed "${path}" should all be ${parsed.agreement}'`,
      );
    }
    return parsed.agreement === 'equal' ? allEqual(path) : allDistinct(path);
  }
  if (parsed.kind === 'change' && !use.overTime) {
    throw new StepInputError(`"${written}": "${parsed.text}" compares later snapshots with this one, so it needs time; write 'within 10s ${written}'`);
  }
  const options = parsed.kind === 'change' && 'since' in use ? { since: use.since } : undefined;
  // Beside an agreement ("should all be equal and not be "r1""), "the" before several values means each of them.
  const quantity = quantifier.kind === 'the' && agreeing && selectsMany(path) ? ({ kind: 'every' } as const) : quantifier;
  const build = (check: Parameters<typeof that>[1]): SnapshotCheck =>
    quantity.kind === 'the' ? that(path, check, options) : quantified(quantity, path, check, options);
  return build(parsed.check);
}

/** What a waiting step awaits, in its timeout message: `every "nodes.*.height" to be at least 10`. */
export function awaitedFor(quantifier: Quantifier, path: string, parsed: ParsedCheck | readonly ParsedCheck[]): string {
  const checks = Array.isArray(parsed) ? (parsed as readonly ParsedCheck[]) : [parsed as ParsedCheck];
  const who = quantifier.kind === 'the' ? '' : `${quantifierWords(quantifier).replace(/ of the$/, ' of')} `;
  return `${who}"${path}" to ${checks.map((check) => check.text).join(' and ')}`;
}

/** What a hold calls what it holds, in its messages: `"leader" = "n1"`, `every "nodes.*.height" at least 10`. */
export function heldFor(quantifier: Quantifier, path: string, parsed: readonly ParsedCheck[]): string {
  const who = quantifier.kind === 'the' ? `"${path}"` : describeQuantity(quantifier, path);
  const words = parsed.map((check) => {
    if (check.kind === 'agreement') return check.agreement === 'agree' ? 'agree' : `all ${check.agreement}`;
    return check.kind === 'value' && isEquality(check.check) ? `= ${check.check.description}` : check.check.description;
  });
  return `${who} ${words.join(' and ')}`;
}
