// The etcd cluster's observer: asks every member for its raft status and its keys each cycle, and reports who went
// down, who came back and when the leader changed.
import { setTimeout as pause } from 'node:timers/promises';
import type { ObservedSource, Observer, WatchContext } from '../../../index.js';
import type { EtcdClient, MemberStatus } from '../../../examples/etcd/index.js';

/** What the observer asks of a source: one member's status and keys, and a watch of its keys where it has one. */
export type MemberSource = Pick<EtcdClient, 'member' | 'status' | 'range'> & Partial<Pick<EtcdClient, 'watch'>>;

/** Pause before the watch moves to the next member, after one refused or ended it. */
export const WATCH_RETRY_MS = 200;

/** One member as the latest cycle saw it. */
export interface MemberView {
  /** Whether it answered its status request. */
  readonly up: boolean;
  /** Its etcd member id, as it last gave it (null until it has answered once). */
  readonly id: string | null;
  /** The id of the leader it follows; null when it knows none, or did not answer. */
  readonly leader: string | null;
  /** Its raft term; null when it did not answer. */
  readonly term: number | null;
  /** Its raft index; null when it did not answer. */
  readonly raftIndex: number | null;
  /** What went wrong: the errors it reports itself (`etcdserver: no leader`), or why it did not answer. */
  readonly errors: readonly string[];
  /** The keys under the observed prefix as this member holds them (a local read); null when they could not be read. */
  readonly data: Readonly<Record<string, string>> | null;
}

/** What a cycle of the etcd observation shows. */
export interface EtcdSnapshot {
  /** Every member by name (`e1`, ...). */
  readonly members: Readonly<Record<string, MemberView>>;
}

/** What changed between two cycles. */
export type EtcdEvent =
  | { readonly type: 'member-down'; readonly member: string; readonly error: string }
  | { readonly type: 'member-up'; readonly member: string }
  | {
      readonly type: 'leader-changed';
      /** The previous leader's id, null when none was seen before. */
      readonly from: string | null;
      /** The new leader's id. */
      readonly to: string;
      /** The term it leads. */
      readonly term: number;
    };

/** Options of {@link EtcdObserver}. */
export interface EtcdObserverOptions {
  /** Bound for each request to a member, in ms; a member slower than this is down (a frozen one never answers). */
  readonly requestTimeoutMs: number;
  /** Prefix of the keys read from every member. Default '' (all keys). */
  readonly keyPrefix?: string;
}

/** The observer's retained state, advanced in place by each successful poll. */
export interface EtcdState {
  readonly members: Map<string, MemberView>;
  /** The last leader seen claiming leadership, with its term. */
  leader: { readonly id: string; readonly term: number } | null;
}

/**
 * Polls all members concurrently, each request bounded by `requestTimeoutMs` and cancelled by the cycle's signal. A
 * member that does not answer is reported in the snapshot while the cycle goes on; the cycle fails only when no
 * member answers.
 */
export class EtcdObserver implements Observer<MemberSource, EtcdState, EtcdSnapshot, EtcdEvent> {
  readonly #requestTimeoutMs: number;
  readonly #keyPrefix: string;
  // The members of the latest cycle: where the watch connects.
  #members: readonly ObservedSource<MemberSource>[] = [];

  constructor(options: EtcdObserverOptions) {
    if (!Number.isFinite(options.requestTimeoutMs) || options.requestTimeoutMs <= 0) {
      throw new RangeError(`EtcdObserver: requestTimeoutMs must be a positive number of ms, got ${options.requestTimeoutMs}`);
    }
    this.#requestTimeoutMs = options.requestTimeoutMs;
    this.#keyPrefix = options.keyPrefix ?? '';
  }

  async init(sources: readonly ObservedSource<MemberSource>[], signal: AbortSignal): Promise<EtcdState> {
    this.#members = sources;
    const state: EtcdState = { members: new Map(), leader: null };
    this.#apply(state, await this.#askAll(sources, signal));
    return state;
  }

  async poll(sources: readonly ObservedSource<MemberSource>[], state: EtcdState, signal: AbortSignal): Promise<EtcdEvent[]> {
    this.#members = sources;
    return this.#apply(state, await this.#askAll(sources, signal));
  }

  snapshot(state: EtcdState): EtcdSnapshot {
    return { members: Object.fromEntries(state.members) };
  }

  /**
   * Watches the observed keys through one member at a time and asks for a cycle on every change, so a write shows in
   * the snapshot within a cycle's time rather than an interval's. A member that refuses or ends the watch is left for
   * the next one; meanwhile the interval cycles still see everything, including what no watch reports (a member down,
   * a new leader). Ends when the observation stops.
   */
  async watch({ requestCycle, signal }: WatchContext): Promise<void> {
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      const watchable = this.#members.filter(({ source }) => typeof source.watch === 'function');
      if (watchable.length === 0) return;
      const { source } = watchable[attempt % watchable.length]!;
      try {
        await source.watch!(this.#keyPrefix, requestCycle, signal);
      } catch {
        // Down or restarting: the next member is tried after a pause.
      }
      await pause(WATCH_RETRY_MS, undefined, { signal }).catch(() => undefined);
    }
  }

  async #askAll(sources: readonly ObservedSource<MemberSource>[], signal: AbortSignal): Promise<[string, MemberView, MemberStatus | undefined][]> {
    if (sources.length === 0) throw new Error('no member to ask: the cluster lists none');
    const answers = await Promise.all(sources.map((source) => this.#ask(source, signal)));
    // A stopped observation aborts its requests: their answers say nothing about the cluster.
    signal.throwIfAborted();
    if (answers.every(([, view]) => !view.up)) {
      throw new Error(`no member answered (${answers.length} asked): ${answers.map(([name, view]) => `${name}: ${view.errors.join('; ')}`).join('; ')}`);
    }
    return answers;
  }

  async #ask({ name, source }: ObservedSource<MemberSource>, signal: AbortSignal): Promise<[string, MemberView, MemberStatus | undefined]> {
    const options = { signal, timeoutMs: this.#requestTimeoutMs };
    const [status, data] = await Promise.allSettled([source.status(options), source.range(this.#keyPrefix, options)]);
    if (status.status === 'rejected') {
      const view: MemberView = { up: false, id: null, leader: null, term: null, raftIndex: null, errors: [messageOf(status.reason)], data: null };
      return [name, view, undefined];
    }
    const { memberId, leader, raftTerm, raftIndex, errors } = status.value;
    const view: MemberView = {
      up: true,
      id: memberId,
      leader,
      term: raftTerm,
      raftIndex,
      errors: data.status === 'rejected' ? [...errors, messageOf(data.reason)] : errors,
      data: data.status === 'fulfilled' ? data.value : null,
    };
    return [name, view, status.value];
  }

  /** Records the answers and returns what changed since the previous cycle. */
  #apply(state: EtcdState, answers: readonly [string, MemberView, MemberStatus | undefined][]): EtcdEvent[] {
    const events: EtcdEvent[] = [];
    for (const [name, answered] of answers) {
      const before = state.members.get(name);
      // A member's id never changes: one that does not answer now keeps the id it last gave.
      const view = answered.up ? answered : { ...answered, id: before?.id ?? null };
      state.members.set(name, Object.freeze(view));
      // A member seen for the first time is the baseline, not a change.
      if (!before || before.up === view.up) continue;
      events.push(view.up ? { type: 'member-up', member: name } : { type: 'member-down', member: name, error: view.errors.join('; ') });
    }
    // The leader is the member that says it leads, at the highest term any such member reports.
    let claimant: { id: string; term: number } | null = null;
    for (const [, , status] of answers) {
      if (status && status.leader === status.memberId && (!claimant || status.raftTerm > claimant.term)) {
        claimant = { id: status.memberId, term: status.raftTerm };
      }
    }
    if (claimant && claimant.id !== state.leader?.id) {
      events.push({ type: 'leader-changed', from: state.leader?.id ?? null, to: claimant.id, term: claimant.term });
    }
    if (claimant) state.leader = claimant;
    return events;
  }
}

/** The per-member trouble of a snapshot, by member name: what the report's timeline shows per source. */
export function memberFailures(snapshot: unknown): Record<string, string> {
  const members = (snapshot as Partial<EtcdSnapshot> | undefined)?.members ?? {};
  const failures: Record<string, string> = {};
  for (const [name, view] of Object.entries(members)) if (view.errors.length > 0) failures[name] = view.errors.join('; ');
  return failures;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
