// Change words, relative to a baseline: changed, unchanged, increased or decreased by at least, never decreasing.
import { summarize } from '../format.js';
import { deepEqual } from './compare.js';
import { MISSING, shown, withKind } from './render.js';
import type { RelativeCheck, ValueCheck } from './types.js';

function relative(description: string, failed: string, rolling: boolean, make: (baseline: unknown, present: boolean) => ValueCheck['verdict']): RelativeCheck {
  return { description, failed, rolling, relativeTo: (baseline, present) => ({ description, verdict: make(baseline, present) }) };
}

function was(baseline: unknown, present: boolean): string {
  return present ? shown(baseline) : 'missing';
}

/** Holds when the value differs from the baseline's (appearing or disappearing counts). */
export function changed(): RelativeCheck {
  return relative('changed', 'have not changed', false, (baseline, hadIt) => (value, present) => {
    if (present !== hadIt || (present && !deepEqual(value, baseline))) return undefined;
    return present ? `is still ${shown(value)}, as at the start` : 'is still missing, as at the start';
  });
}

/** Holds while the value equals the baseline's (a missing value stays missing). */
export function unchanged(): RelativeCheck {
  return relative('unchanged', 'changed', false, (baseline, hadIt) => (value, present) => {
    if (present === hadIt && (!present || deepEqual(value, baseline))) return undefined;
    if (!present) return `is missing, but was ${was(baseline, hadIt)} at the start`;
    return hadIt ? `is ${shown(value)}, changed from ${shown(baseline)}` : `is ${shown(value)}, but was missing at the start`;
  });
}

function amount(by: unknown, where: string): number {
  if (typeof by !== 'number' || Number.isNaN(by) || by < 0) throw new TypeError(`${where} needs a number of 0 or more, got ${summarize(by)}`);
  return by;
}

function movement(description: string, failed: string, shortfall: string, rolling: boolean, sign: 1 | -1, holds: (moved: number) => boolean): RelativeCheck {
  return relative(description, failed, rolling, (baseline, hadIt) => (value, present) => {
    if (!present) return MISSING;
    if (typeof value !== 'number' || Number.isNaN(value)) return `is ${withKind(value)}, not a number, so it cannot have ${description}`;
    // A value that just appeared has not moved since the previous snapshot; against a start it had, it has no movement to show.
    if (!hadIt) return rolling ? undefined : `is ${shown(value)}, but had no value at the start to compare with`;
    const from = rolling ? 'in the previous snapshot' : 'at the start';
    if (typeof baseline !== 'number' || Number.isNaN(baseline)) return `is ${shown(value)}, but was ${withKind(baseline)} ${from}, not a number`;
    const moved = (value - baseline) * sign;
    if (holds(moved)) return undefined;
    const change = value === baseline ? 'unchanged' : `${value > baseline ? 'up' : 'down'} ${Math.abs(value - baseline)}`;
    return `is ${shown(value)}, ${change} from ${shown(baseline)} ${from}${shortfall}`;
  });
}

/** Holds when a number rose by at least `by` since the baseline (by 0: did not fall). */
export function increasedBy(by: number): RelativeCheck {
  const at = amount(by, 'increasedBy');
  return movement(`increased by at least ${at}`, `have not increased by at least ${at}`, `, not up by at least ${at}`, false, 1, (moved) => moved >= at);
}

/** Holds when a number fell by at least `by` since the baseline. */
export function decreasedBy(by: number): RelativeCheck {
  const at = amount(by, 'decreasedBy');
  return movement(`decreased by at least ${at}`, `have not decreased by at least ${at}`, `, not down by at least ${at}`, false, -1, (moved) => moved >= at);
}

/** Holds when a number is at least what it was in the previous snapshot seen (a rolling check); a value that just appeared holds. */
export function neverDecreases(): RelativeCheck {
  return movement('never decreasing', 'decreased', '', true, 1, (moved) => moved >= 0);
}

/** Holds when a number is at most what it was in the previous snapshot seen (a rolling check); a value that just appeared holds. */
export function neverIncreases(): RelativeCheck {
  return movement('never increasing', 'increased', '', true, -1, (moved) => moved >= 0);
}
