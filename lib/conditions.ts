// Conditions that make a wait pointless (a wait's `unless`, a handle's guards): checked on what each cycle publishes.
import type { ObservationCore } from './core.js';
import { messageOf, summarize } from './format.js';
import type { ConditionHit, Disposer, ObservationBatch, ObservationFailure, ObservationSnapshot, WaitCondition } from './types.js';
import { check } from './verdict.js';

/** A condition with its predicates checked and its description settled. */
export interface ResolvedCondition {
  readonly description: string;
  readonly condition: WaitCondition;
}

/** Checks a condition given as an option, naming it when it is wrong. */
export function resolveCondition(value: unknown, name: string): ResolvedCondition {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object with a snapshot, event or failure predicate, got ${summarize(value)}`);
  }
  const condition = value as WaitCondition;
  let predicates = 0;
  for (const key of ['snapshot', 'event', 'failure'] as const) {
    const predicate = (condition as Record<string, unknown>)[key];
    if (predicate === undefined) continue;
    if (typeof predicate !== 'function') throw new TypeError(`${name}.${key} must be a function, got ${summarize(predicate)}`);
    predicates += 1;
  }
  if (predicates === 0) throw new TypeError(`${name} needs at least one of snapshot, event or failure (a predicate)`);
  if (condition.description !== undefined && typeof condition.description !== 'string') {
    throw new TypeError(`${name}.description must be a string, got ${summarize(condition.description)}`);
  }
  return { description: condition.description ?? describeCondition(condition), condition };
}

/** The `unless` option of a wait: one condition or a list of them. */
export function unlessOption(value: unknown): readonly ResolvedCondition[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map((item, index) => resolveCondition(item, `unless[${index}]`));
  return [resolveCondition(value, 'unless')];
}

function describeCondition(condition: WaitCondition): string {
  const parts: string[] = [];
  // An arrow function given as `event: (e) => …` is named after its key, which says nothing.
  const named = (key: 'snapshot' | 'event' | 'failure', what: string): void => {
    const predicate = condition[key];
    if (!predicate) return;
    parts.push(predicate.name && predicate.name !== key ? `${what} ${predicate.name}` : `${what} matching the predicate`);
  };
  named('snapshot', 'a snapshot');
  named('event', 'an event');
  named('failure', 'a failure');
  return parts.join(' or ');
}

/** What a hit saw, in words: "the event {…} at cycle 7", or the values a snapshot condition read when it explains them. */
export function describeHit(hit: ConditionHit): string {
  if (hit.read !== undefined) return `${hit.read} at cycle ${hit.cycle}`;
  const value =
    hit.kind === 'failure'
      ? `the ${(hit.value as ObservationFailure).stage} stage failure ${summarize((hit.value as ObservationFailure).message, 300)}`
      : `the ${hit.kind} ${summarize(hit.value, 300)}`;
  return `${value} at cycle ${hit.cycle}`;
}

// A condition's own account of what it read; one that throws leaves the message to the snapshot.
function explained(condition: WaitCondition, value: unknown): string | undefined {
  try {
    return condition.explain?.(value);
  } catch {
    return undefined;
  }
}

/** A condition being watched: stop it to drop its listeners; `lastMismatch` is the last reason a predicate threw. */
export interface ConditionWatch {
  stop(): void;
  lastMismatch(): string | undefined;
}

/**
 * Watches a condition from now on: the latest snapshot and the current failure at once, then every published event,
 * snapshot and failure. Calls `onHit` once, at the first predicate that holds; a predicate that throws does not hit.
 */
export function watchCondition<T, E>(core: ObservationCore<T, E>, resolved: ResolvedCondition, onHit: (hit: ConditionHit) => void): ConditionWatch {
  const { condition } = resolved;
  let done = false;
  let mismatch: string | undefined;
  const attached: Disposer[] = [];
  const stop = (): void => {
    done = true;
    for (const dispose of attached.splice(0)) dispose();
  };
  const consider = (
    kind: ConditionHit['kind'],
    predicate: (...args: never[]) => unknown,
    value: unknown,
    args: unknown[],
    cycle: number,
    observedAt: Date,
  ): boolean => {
    if (done) return true;
    let holds: boolean;
    try {
      const verdict = check(predicate as (...args: unknown[]) => unknown, ...args);
      holds = verdict.holds;
      if (!verdict.holds) mismatch = verdict.mismatch ?? mismatch;
    } catch (error) {
      holds = false;
      mismatch = messageOf(error);
    }
    if (!holds) return false;
    stop();
    const read = kind === 'snapshot' ? explained(condition, value) : undefined;
    onHit({ condition: resolved.description, kind, value, cycle, observedAt, ...(read === undefined ? {} : { read }) });
    return true;
  };
  const onSnapshot = (snapshot: ObservationSnapshot<T>): void => {
    if (condition.snapshot) consider('snapshot', condition.snapshot, snapshot.value, [snapshot.value, snapshot], snapshot.cycle, snapshot.observedAt);
  };
  const onFailure = (failure: ObservationFailure): void => {
    if (condition.failure) consider('failure', condition.failure, failure, [failure], failure.cycle, failure.observedAt);
  };
  const onBatch = (batch: ObservationBatch<E>): void => {
    if (!condition.event) return;
    for (const event of batch.events) if (consider('event', condition.event, event, [event, batch], batch.cycle, batch.observedAt)) return;
  };

  onSnapshot(core.latestSnapshot());
  const failure = core.lastFailure();
  if (failure) onFailure(failure);
  if (!done && !core.stopped) {
    if (condition.event) attached.push(core.on('batch', onBatch));
    if (condition.snapshot) attached.push(core.on('snapshot', onSnapshot));
    if (condition.failure) attached.push(core.on('failure', onFailure));
    attached.push(core.on('stop', stop));
  }
  return { stop, lastMismatch: () => mismatch };
}
