// The parts of a step sentence around its checks: the timing before the subject, the hold and the "unless" after them.
import { cut } from '../../lib/format.js';
import { parseDuration, StepInputError } from '../parse.js';
import { parseQuantifier, type Quantifier } from './quantifier.js';
import { topLevelOffsets } from './scan.js';

/** A duration, counted from the step's start or from a named instant (`500ms of "kill"`). */
export interface Span {
  readonly ms: number;
  readonly from?: string;
}

/**
 * When a step reads: `now` (a cycle begun after the step began), `last` (the snapshot the observation already has,
 * "in the last snapshot"), or `within` a bound, optionally `but not before` a lower one.
 */
export type Timing = { readonly kind: 'now' } | { readonly kind: 'last' } | { readonly kind: 'within'; readonly bound: Span; readonly notBefore?: Span };

/** How long a check must keep holding: a duration or a number of cycles. */
export type Hold = { readonly durationMs: number } | { readonly cycles: number };

/** A condition a step's "unless" or a guard names: an event (the docstring below), or values of the snapshot. */
export type ConditionWords =
  | { readonly kind: 'event' }
  | { readonly kind: 'failure'; readonly stage: string }
  | { readonly kind: 'observed'; readonly quantifier: Quantifier; readonly path: string; readonly state: string };

/** The words after "should": the checks, an optional hold and an optional "unless". */
export interface Tail {
  readonly checks: string;
  readonly hold?: Hold;
  readonly unless?: ConditionWords;
}

const SPAN = /^(.+?)(?: of "((?:[^"\\]|\\.)*)")?$/;

function parseSpan(text: string): Span {
  const match = SPAN.exec(text.trim());
  const ms = parseDuration(match?.[1] ?? text);
  const from = match?.[2]?.replace(/\\(.)/g, '$1');
  return from === undefined ? { ms } : { ms, from };
}

/** Parses what comes before the subject: `within 5s`, `within 3s of "kill"`, `within 10s but not before 500ms of "kill"`, `in the last snapshot`. */
export function parseTiming(text: string | undefined): Timing {
  if (text === undefined || text.trim() === '') return { kind: 'now' };
  const trimmed = text.trim().replace(/,$/, '');
  if (trimmed === 'in the last snapshot') return { kind: 'last' };
  const within = /^within (.+?)(?: but not before (.+))?$/.exec(trimmed);
  if (!within) {
    throw new StepInputError(
      `unknown timing "${cut(trimmed, 80)}": write 'within 5s', 'within 3s of "kill"', 'within 10s but not before 500ms' or 'in the last snapshot'`,
    );
  }
  const bound = parseSpan(within[1]!);
  if (within[2] === undefined) return { kind: 'within', bound };
  const notBefore = parseSpan(within[2]);
  if (notBefore.from === bound.from && notBefore.ms >= bound.ms) {
    throw new StepInputError(`the lower bound (${notBefore.ms} ms) must be below the upper bound (${bound.ms} ms), as in "within 5s but not before 500ms"`);
  }
  return { kind: 'within', bound, notBefore };
}

const CYCLES = /^(\d+) cycles?$/;

/** Parses a hold's amount: `5 cycles`, `1 cycle` or a duration. */
export function parseHold(text: string): Hold {
  const cycles = CYCLES.exec(text.trim());
  if (!cycles) return { durationMs: parseDuration(text) };
  const count = Number(cycles[1]);
  if (count < 1) throw new StepInputError(`invalid cycle count "${text.trim()}": expected a whole number of 1 or more`);
  return { cycles: count };
}

const SUBJECT = /^(the|every|some|no|(?:at least|at most|exactly) \d+ of the) observed "((?:[^"\\]|\\.)*)" (.+)$/;
const FAILURE = /^the observation fails at the (.+) stage$/;

/**
 * Parses a condition: `an event matches` (its docstring below the step), `the observation fails at the poll stage`,
 * or a selection and what it is (`some observed "members.*.healthy" is false`, `at least 2 of the observed "nodes.*.role" are "master"`).
 */
export function parseCondition(text: string): ConditionWords {
  const trimmed = text.trim().replace(/:$/, '');
  if (trimmed === 'an event matches') return { kind: 'event' };
  const failure = FAILURE.exec(trimmed);
  if (failure) return { kind: 'failure', stage: failure[1]! };
  const subject = SUBJECT.exec(trimmed);
  if (!subject) {
    throw new StepInputError(
      `unknown condition "${cut(trimmed, 120)}": write 'an event matches:' (with a docstring), 'the observation fails at the poll stage', ` +
        `or a selection and what it is, such as 'the observed "leader" is null' or 'some observed "members.*.healthy" is false'`,
    );
  }
  return { kind: 'observed', quantifier: parseQuantifier(subject[1]!), path: subject[2]!.replace(/\\(.)/g, '$1'), state: subject[3]! };
}

const HOLD_AT_END = /(?: and stay so)? for ((?:\d+ cycles?)|[^\s"]+(?: ?[A-Za-z]+)?)$/;

/** Splits the words after "should" into the checks, the hold (`for 2s`, `for 5 cycles`, `and stay so for …`) and the "unless". */
export function parseTail(text: string): Tail {
  let rest = text.trim();
  let unless: ConditionWords | undefined;
  const unlessAt = topLevelOffsets(rest, ' unless ')[0];
  if (unlessAt !== undefined) {
    unless = parseCondition(rest.slice(unlessAt + ' unless '.length));
    rest = rest.slice(0, unlessAt);
  }
  let hold: Hold | undefined;
  const holdAt = HOLD_AT_END.exec(rest);
  if (holdAt && topLevelOffsets(rest, holdAt[0]).includes(holdAt.index)) {
    hold = parseHold(holdAt[1]!);
    rest = rest.slice(0, holdAt.index);
  }
  return { checks: rest, ...(hold ? { hold } : {}), ...(unless ? { unless } : {}) };
}
