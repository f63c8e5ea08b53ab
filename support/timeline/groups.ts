// Repeated messages counted once: cycle failures by stage, source trouble by source, with the cycles they span.

/** Entries with the same subject (a failure stage, a source) and the same message, counted. */
export interface MessageGroup<Subject extends string> {
  readonly subject: Subject;
  readonly message: string;
  /** How many entries the group holds. */
  readonly count: number;
  /** The first entry's first cycle and the last entry's last cycle. */
  readonly firstCycle: number;
  readonly lastCycle: number;
}

interface OpenGroup<Subject extends string> {
  readonly subject: Subject;
  readonly message: string;
  count: number;
  readonly firstCycle: number;
  lastCycle: number;
}

/** Groups entries by subject and message as they are added; `groups` lists them in the order each first came. */
export class MessageGroups<Subject extends string> {
  readonly #bySubject = new Map<Subject, Map<string, OpenGroup<Subject>>>();
  readonly #groups: OpenGroup<Subject>[] = [];

  add(subject: Subject, message: string, firstCycle: number, lastCycle: number): void {
    let byMessage = this.#bySubject.get(subject);
    if (!byMessage) {
      byMessage = new Map();
      this.#bySubject.set(subject, byMessage);
    }
    const group = byMessage.get(message);
    if (group) {
      group.count += 1;
      group.lastCycle = lastCycle;
      return;
    }
    const opened = { subject, message, count: 1, firstCycle, lastCycle };
    byMessage.set(message, opened);
    this.#groups.push(opened);
  }

  get groups(): readonly MessageGroup<Subject>[] {
    return this.#groups;
  }
}

/**
 * The `limit` groups that come first by count (most first), then by first cycle (earliest first), then by the order
 * they came in: what a stable sort of all of them would start with, in one pass over them.
 */
export function mostFrequent<Subject extends string>(groups: readonly MessageGroup<Subject>[], limit: number): MessageGroup<Subject>[] {
  const best: MessageGroup<Subject>[] = [];
  if (limit <= 0) return best;
  for (const group of groups) {
    if (best.length === limit && !before(group, best[limit - 1]!)) continue;
    let index = best.length;
    while (index > 0 && before(group, best[index - 1]!)) index -= 1;
    best.splice(index, 0, group);
    if (best.length > limit) best.pop();
  }
  return best;
}

function before(a: MessageGroup<string>, b: MessageGroup<string>): boolean {
  return a.count > b.count || (a.count === b.count && a.firstCycle < b.firstCycle);
}
