// From a step's words to one SnapshotCheck: a quantifier, a path and a parsed phrase, checked before any wait.
import { agree, allDistinct, allEqual, quantified, that, type RelativeCheck, type SnapshotCheck, type ValueCheck } from '../../lib/checks/index.js';
import { describeQuantity } from '../../lib/checks/quantifiers.js';
import { isEquality } from '../../lib/checks/render.js';
import { parsePattern } from '../../lib/checks/paths.js';
import { StepInputError } from '../parse.js';
import type { Quantifier } from './quantifier.js';
import type { ParsedCheck } from './words.js';

/** How a step uses a check: now (one snapshot), or over time (within, stay … for), with the baseline of change words. */
export interface CheckUse {
  readonly overTime: boolean;
  /** The snapshot value when the step began: what change words compare with. */
  readonly since?: unknown;
}

function quantifierWords(quantifier: Quantifier): string {
  return quantifier.kind === 'the'
    ? 'the'
    : 'count' in quantifier
      ? `${quantifier.kind} ${quantifier.count} of the`
      : quantifier.kind === 'none'
        ? 'no'
        : quantifier.kind;
}

/** The SnapshotCheck a step's quantifier, path and phrase stand for; input that cannot work throws a StepInputError. */
export function snapshotCheckFor(quantifier: Quantifier, path: string, parsed: ParsedCheck, use: CheckUse): SnapshotCheck {
  parsePattern(path);
  const written = `${quantifierWords(quantifier)} observed "${path}" should ${parsed.text}`;
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
  if (quantifier.kind === 'the') return that(path, parsed.check, options);
  return quantified(quantifier, path, parsed.check, options);
}

/** What a waiting step awaits, in its timeout message: `every "nodes.*.height" to be at least 10`. */
export function awaitedFor(quantifier: Quantifier, path: string, parsed: ParsedCheck): string {
  const who = quantifier.kind === 'the' ? '' : `${quantifierWords(quantifier).replace(/ of the$/, ' of')} `;
  return `${who}"${path}" to ${parsed.text}`;
}

/**
 * The SnapshotCheck of a hold (`stay … for`, `not change for`, `never decrease for`) and what its messages call it:
 * `"leader" = "n1"`, `every "nodes.*.height" at least 10`. `since` is the baseline of a change word.
 */
export function heldCheckFor(
  quantifier: Quantifier,
  path: string,
  check: ValueCheck | RelativeCheck,
  since?: { readonly value: unknown },
): { readonly check: SnapshotCheck; readonly description: string } {
  const options = since === undefined ? undefined : { since: since.value };
  const who = quantifier.kind === 'the' ? `"${path}"` : describeQuantity(quantifier, path);
  const description = 'relativeTo' in check || !isEquality(check) ? `${who} ${check.description}` : `${who} = ${check.description}`;
  return { check: quantifier.kind === 'the' ? that(path, check, options) : quantified(quantifier, path, check, options), description };
}
