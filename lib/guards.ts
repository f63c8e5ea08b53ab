// Guards armed on a runtime: a condition that, once seen, fails every pending and later wait at once (fail fast).
import { describeHit, resolveCondition, watchCondition, type ConditionWatch } from './conditions.js';
import type { ObservationCore } from './core.js';
import { ObservationGuardError } from './errors.js';
import type { ConditionHit, WaitCondition } from './types.js';

/**
 * One armed guard. While armed, the first snapshot, event or failure that satisfies its condition is its `hit`: every
 * wait pending on the runtime rejects at once with an `ObservationGuardError`, and so does every wait started later,
 * before it waits. Lifting it stops the watching; a hit that already happened stays recorded.
 */
export class ObservationGuard {
  readonly description: string;
  readonly #set: GuardSet;
  #watch: ConditionWatch | undefined;
  #hit: ConditionHit | undefined;
  #rejectedWaits = 0;
  #lastMismatch: string | undefined;

  /** @internal Use `handle.arm(condition)`. */
  constructor(set: GuardSet, description: string) {
    this.#set = set;
    this.description = description;
  }

  /** Whether it still watches (not lifted, not hit, runtime running). */
  get armed(): boolean {
    return this.#watch !== undefined;
  }

  /** What it saw, once it was hit. */
  get hit(): ConditionHit | undefined {
    return this.#hit;
  }

  /** How many waits it has rejected: 0 after a hit means no wait has reported it yet. */
  get rejectedWaits(): number {
    return this.#rejectedWaits;
  }

  /** The last message one of its predicates threw (a throw counts as not hit). */
  get lastMismatch(): string | undefined {
    return this.#watch?.lastMismatch() ?? this.#lastMismatch;
  }

  /** Stops watching; safe to call twice. */
  lift(): void {
    if (!this.#watch) return;
    this.#lastMismatch = this.#watch.lastMismatch();
    this.#watch.stop();
    this.#watch = undefined;
    this.#set.forget(this);
  }

  /** @internal */
  start(watch: (onHit: (hit: ConditionHit) => void) => ConditionWatch): void {
    const onHit = (hit: ConditionHit): void => {
      this.#hit = hit;
      this.#lastMismatch = this.#watch?.lastMismatch();
      this.#watch = undefined;
      this.#set.hitBy(this);
    };
    const active = watch(onHit);
    if (this.#hit === undefined) this.#watch = active;
  }

  /** @internal The error a wait rejects with because of this guard's hit; counts the wait. */
  errorFor(awaited: string, pending: boolean): ObservationGuardError {
    const hit = this.#hit!;
    this.#rejectedWaits += 1;
    const guard = `the guard "${this.description}" was hit by ${describeHit(hit)}`;
    const message = pending ? `gave up waiting for ${awaited}: ${guard}` : `not waiting for ${awaited}: ${guard} before the wait began`;
    return new ObservationGuardError(message, hit, this.description);
  }
}

const sets = new WeakMap<object, GuardSet>();

/** @internal The guards of a runtime's core, created on first use. */
export function guardsOf<T, E>(core: ObservationCore<T, E>): GuardSet {
  let set = sets.get(core);
  if (!set) {
    set = new GuardSet(core as unknown as ObservationCore<unknown, unknown>);
    sets.set(core, set);
  }
  return set;
}

/** @internal The guards of one runtime, and the waits they would reject. */
export class GuardSet {
  readonly #core: ObservationCore<unknown, unknown>;
  readonly #armed = new Set<ObservationGuard>();
  readonly #hit: ObservationGuard[] = [];
  readonly #waits = new Set<(guard: ObservationGuard) => void>();

  constructor(core: ObservationCore<unknown, unknown>) {
    this.#core = core;
  }

  arm(condition: WaitCondition): ObservationGuard {
    const resolved = resolveCondition(condition, 'guard');
    const guard = new ObservationGuard(this, resolved.description);
    this.#armed.add(guard);
    guard.start((onHit) => watchCondition(this.#core, resolved, onHit));
    if (!guard.armed && guard.hit === undefined) this.#armed.delete(guard);
    return guard;
  }

  /** Armed guards, in arming order. */
  armed(): readonly ObservationGuard[] {
    return [...this.#armed];
  }

  /** Guards that were hit, first hit first. */
  hits(): readonly ObservationGuard[] {
    return [...this.#hit];
  }

  /** Registers a pending wait; returns the function that removes it. */
  onHit(reject: (guard: ObservationGuard) => void): () => void {
    this.#waits.add(reject);
    return () => {
      this.#waits.delete(reject);
    };
  }

  forget(guard: ObservationGuard): void {
    this.#armed.delete(guard);
  }

  hitBy(guard: ObservationGuard): void {
    this.#armed.delete(guard);
    this.#hit.push(guard);
    for (const reject of [...this.#waits]) reject(guard);
  }
}
