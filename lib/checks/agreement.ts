// Agreement among the values a pattern selects, whatever the value: all equal, all distinct, a quorum agreeing.
import { summarize } from '../format.js';
import { deepEqual } from './compare.js';
import { hasWildcard, selectPath, type Selected } from './paths.js';
import { MISSING, pathText, shown, withKind } from './render.js';
import { snapshotCheck } from './snapshot-check.js';
import type { CheckContext, Mismatch, SnapshotCheck, ValueCheck } from './types.js';

interface Group {
  readonly present: boolean;
  readonly value: unknown;
  readonly paths: string[];
}

// A path without "*" speaks of the values inside the value there: "heights" means "heights.*".
function selecting(pattern: string): string {
  if (typeof pattern !== 'string') throw new TypeError(`a path must be a string, got ${summarize(pattern)}`);
  return hasWildcard(pattern) ? pattern : pattern.trim() === '' || pattern.trim() === '$' ? '*' : `${pattern}.*`;
}

function groupsOf(items: readonly Selected[]): Group[] {
  const groups: Group[] = [];
  for (const item of items) {
    const value = item.present ? item.value : undefined;
    const group = groups.find((candidate) => candidate.present === item.present && (!item.present || deepEqual(value, candidate.value)));
    if (group) group.paths.push(item.path);
    else groups.push({ present: item.present, value, paths: [item.path] });
  }
  return groups;
}

/** `"e1" on members.e1, members.e2; missing on members.e3` */
function describeGroups(groups: readonly Group[]): string {
  const shownPaths = (paths: readonly string[]): string =>
    paths.length > 10 ? `${paths.slice(0, 10).map(pathText).join(', ')}, … and ${paths.length - 10} more` : paths.map(pathText).join(', ');
  return groups
    .slice(0, 10)
    .map((group) => `${group.present ? shown(group.value) : 'missing'} on ${shownPaths(group.paths)}`)
    .join('; ')
    .concat(groups.length > 10 ? `; … and ${groups.length - 10} more values` : '');
}

function agreementCheck(description: string, pattern: string, judge: (groups: Group[], total: number) => string | undefined): SnapshotCheck {
  const selection = selecting(pattern);
  let last: { root: unknown; groups: Group[] } | undefined;
  return snapshotCheck(
    `"${pathText(pattern)}" ${description}`,
    (root): Mismatch | undefined => {
      const { items, emptyBecause } = selectPath(root, selection);
      last = undefined;
      if (items.length === 0) {
        return {
          message: `the selection "${pathText(selection)}" is empty${emptyBecause ? ` (${emptyBecause})` : ''}: "${description}" proves nothing on no values`,
        };
      }
      const groups = groupsOf(items);
      last = { root, groups };
      const why = judge(groups, items.length);
      return why === undefined ? undefined : { message: why };
    },
    (root) => (last !== undefined && last.root === root ? describeGroups(last.groups) : undefined),
  );
}

/** Every value `pattern` selects is present and equal to the others (convergence). */
export function allEqual(pattern: string): SnapshotCheck {
  return agreementCheck('all equal', pattern, (groups) =>
    groups.length === 1 && groups[0]!.present ? undefined : `"${pathText(pattern)}" disagree: ${describeGroups(groups)}`,
  );
}

/** The values `pattern` selects are present and pairwise different. */
export function allDistinct(pattern: string): SnapshotCheck {
  return agreementCheck('all distinct', pattern, (groups) => {
    const shared = groups.filter((group) => group.paths.length > 1 || !group.present);
    return shared.length === 0 ? undefined : `"${pathText(pattern)}" are not all distinct: ${describeGroups(shared)}`;
  });
}

/** At least `count` of the values `pattern` selects are present and equal (a quorum agrees on one value). */
export function agree(count: number, pattern: string): SnapshotCheck {
  if (!Number.isInteger(count) || count < 1) throw new TypeError(`agree needs a whole number of 1 or more, got ${summarize(count)}`);
  return agreementCheck(`agreeing, at least ${count}`, pattern, (groups, total) => {
    const largest = Math.max(0, ...groups.filter((group) => group.present).map((group) => group.paths.length));
    return largest >= count
      ? undefined
      : `no ${count} of the ${total} values of "${pathText(pattern)}" agree (at most ${largest} do): ${describeGroups(groups)}`;
  });
}

// The members of one value (an array's items, an object's own values), each named by its concrete path when known.
function membersOf(value: unknown, context: CheckContext | undefined): Selected[] | undefined {
  const at = context?.path;
  if (Array.isArray(value)) return value.map((item, index) => ({ path: `${at ?? ''}[${index}]`, segments: [index], present: true, value: item }));
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.keys(value).map((key) => ({
    path: at ? `${at}.${key}` : key,
    segments: [key],
    present: true,
    value: (value as Record<string, unknown>)[key],
  }));
}

function membersAgreement(description: string, judge: (groups: Group[]) => string | undefined): ValueCheck {
  return {
    description,
    verdict: (value, present, context) => {
      if (!present) return MISSING;
      const members = membersOf(value, context);
      if (members === undefined) return `is ${withKind(value)}, which has no values to compare: "${description}" needs an array or an object`;
      if (members.length === 0) return `is ${shown(value)}: "${description}" proves nothing on no values`;
      return judge(groupsOf(members));
    },
  };
}

/**
 * The value's members (an array's items, an object's own values) are all equal: agreement inside one value, for the
 * operator form (`{"votes": {"$allEqual": true}}`). An empty value fails (it proves nothing).
 */
export function membersAllEqual(): ValueCheck {
  return membersAgreement('all equal', (groups) => (groups.length === 1 ? undefined : `has values that disagree: ${describeGroups(groups)}`));
}

/** The value's members are all different from each other: the operator form of {@link allDistinct}. */
export function membersAllDistinct(): ValueCheck {
  return membersAgreement('all distinct', (groups) => {
    const shared = groups.filter((group) => group.paths.length > 1);
    return shared.length === 0 ? undefined : `has values that are not all distinct: ${describeGroups(shared)}`;
  });
}
