// What every step needs: the observation it acts on, a backstop for waiting steps, and the wait-to-assertion bridge.
import { AssertionError } from 'chai';
import { Deadline } from '../lib/deadline.js';
import {
  ObservationHoldError,
  ObservationTimeoutError,
  systemClock,
  type AnyObserver,
  type ObservationHandle,
  type ObservationSnapshot,
} from '../lib/index.js';
import { checkWholeNumber } from '../lib/validate.js';
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

/**
 * Backstops a waiting step: fails it if `work` has not settled by its wait's duration plus a margin. The margin can
 * take the backstop past what one platform timer holds; the deadline re-arms its timer until then.
 */
export function backstopped<T>(waitMs: number, work: Promise<T>): Promise<T> {
  const limit = Math.ceil(waitMs * 1.1) + BACKSTOP_MARGIN_MS;
  return Deadline.race(
    {
      clock: systemClock,
      timeoutMs: limit,
      onTimeout: () => new Error(`the step did not end within ${limit} ms although its wait was bounded at ${waitMs} ms`),
    },
    work,
  );
}

/** Wraps a check so that the last AssertionError it threw can be shown as a diff when the wait around it fails. */
function rememberingAssertions<A extends unknown[]>(
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
function withDiff(error: Error, assertion: ChaiAssertionError): Error {
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
  return checkWholeNumber(cycles, 'cycle count', { least: 1, refuse: (message) => new StepInputError(message) });
}
