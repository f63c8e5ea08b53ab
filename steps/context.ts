// What every step needs: the observation it acts on, a backstop bound for waits, and the wait-to-assertion bridge.
import { AssertionError } from 'chai';
import { MAX_TIMER_MS } from '../lib/config.js';
import { ObservationHoldError, ObservationTimeoutError, type AnyObserver, type ObservationHandle, type ObservationSnapshot, type WaitCondition } from '../lib/index.js';
import type { ChaiAssertionError, ReadFrom } from '../support/match.js';
import { StepInputError } from '../support/parse.js';
import { scenarioOf } from '../support/world.js';

/** The observation a step acts on: the named one, or the scenario's current one. Marks it for the step's span. */
export function observed(world: object, name?: string): { name: string; handle: ObservationHandle<AnyObserver> } {
  const scenario = scenarioOf(world);
  const chosen = name ?? scenario.currentName();
  const handle = scenario.handle(chosen);
  scenario.touch(chosen);
  return { name: chosen, handle };
}

/** The latest snapshot of a started observation. */
export function latest(handle: ObservationHandle<AnyObserver>): ObservationSnapshot<unknown> {
  return handle.latestSnapshot();
}

export function readFrom(name: string, snapshot: ObservationSnapshot<unknown>): ReadFrom {
  return { observation: name, cycle: snapshot.cycle };
}

// Waiting steps run with Cucumber's own timeout off (so the wait's message, not a generic one, is what fails the step);
// this backstop only fires if a wait failed to end by itself.
const BACKSTOP_MARGIN_MS = 2000;

/** Bounds a waiting step at its wait's duration plus a margin. */
export async function bounded<T>(waitMs: number, work: Promise<T>): Promise<T> {
  const limit = Math.ceil(waitMs * 1.1) + BACKSTOP_MARGIN_MS;
  let disarm = (): void => {};
  const backstop = new Promise<never>((_, reject) => {
    disarm = longTimeout(limit, () =>
      reject(new Error(`the step did not end within ${limit} ms although its wait was bounded at ${waitMs} ms`)),
    );
  });
  try {
    return await Promise.race([work, backstop]);
  } finally {
    disarm();
  }
}

// The margin can take a bound past what one Node timer holds (which would fire at once): longer ones are chained.
function longTimeout(ms: number, fire: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const arm = (left: number): void => {
    timer = setTimeout(() => (left > MAX_TIMER_MS ? arm(left - MAX_TIMER_MS) : fire()), Math.min(left, MAX_TIMER_MS));
  };
  arm(ms);
  return () => clearTimeout(timer);
}

/**
 * Waits for a snapshot that passes an assertion. On timeout, the ObservationTimeoutError (what was awaited, the last
 * snapshot and failure, the cycles run) also carries the last assertion's actual and expected, so the report shows a diff.
 */
export async function eventually(
  handle: ObservationHandle<AnyObserver>,
  assertion: (value: unknown, snapshot: ObservationSnapshot<unknown>) => void,
  options: { timeoutMs: number; fresh: boolean; description: string; unless?: WaitCondition; notBeforeMs?: number },
): Promise<ObservationSnapshot<unknown>> {
  const after = options.fresh ? handle.status().cyclesStarted : undefined;
  const { timeoutMs, description, unless, notBeforeMs } = options;
  return diffOnFailure(assertion, (check) => bounded(timeoutMs, handle.waitForSnapshot(check, { timeoutMs, after, description, unless, notBeforeMs })));
}

/** Wraps a check so that the last AssertionError it threw can be shown as a diff when the wait around it fails. */
export function rememberingAssertions<A extends unknown[]>(
  check: (...args: A) => void,
): { check: (...args: A) => void; lastAssertion: () => ChaiAssertionError | undefined } {
  let last: ChaiAssertionError | undefined;
  return {
    check: (...args) => {
      try {
        check(...args);
      } catch (error) {
        if (error instanceof AssertionError) last = error;
        throw error;
      }
    },
    lastAssertion: () => last,
  };
}

/**
 * Runs a wait on `assertion` and, when the wait fails with a timeout or a broken hold, copies the last AssertionError's
 * actual and expected onto its error, so the report shows the diff of what was last compared.
 */
export async function diffOnFailure<A extends unknown[], T>(assertion: (...args: A) => void, wait: (check: (...args: A) => void) => Promise<T>): Promise<T> {
  const { check, lastAssertion } = rememberingAssertions(assertion);
  try {
    return await wait(check);
  } catch (error) {
    const last = lastAssertion();
    if (last && (error instanceof ObservationTimeoutError || error instanceof ObservationHoldError)) withDiff(error, last);
    throw error;
  }
}

/** Copies an assertion's actual and expected onto another error, so Cucumber prints their diff under its message. */
export function withDiff(error: Error, assertion: ChaiAssertionError): Error {
  const { actual, expected, showDiff } = assertion as ChaiAssertionError & { actual?: unknown; expected?: unknown; showDiff?: boolean };
  if (!showDiff) return error;
  return Object.assign(error, { actual, expected, showDiff: true });
}

/** A docstring step without a docstring, or a table step without a table, says so instead of failing obscurely. */
export function requireArgument<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === null) throw new StepInputError(`this step needs ${what} below it`);
  return value;
}

/** A cycle count written in a step: a whole number of 1 or more. */
export function positiveCycles(cycles: number): number {
  if (!Number.isInteger(cycles) || cycles <= 0) throw new StepInputError(`invalid cycle count ${cycles}: expected a whole number of 1 or more`);
  return cycles;
}

/** Enough time for `cycles` more cycles at `intervalMs`, with room for slow cycles. */
export function cyclesTimeout(cycles: number, intervalMs: number): number {
  return Math.min(2 * (cycles + 1) * intervalMs + 1000, 2_147_483_647);
}
