// The step sentence on observed values, parsed once: [timing] <selection> observed <subject> should <checks> [hold] [unless …].
import { type DataTable, Then } from '@cucumber/cucumber';
import { comparedSides } from '../lib/checks/render.js';
import { cut } from '../lib/format.js';
import type { ObservationSnapshot } from '../lib/index.js';
import {
  awaitedFor,
  heldFor,
  parseChecks,
  parsePatternDocString,
  parseQuantifier,
  parseTable,
  parseTail,
  parseTiming,
  snapshotCheckFor,
  tableVerdict,
  type ParsedCheck,
  type Quantifier,
  type Tail,
  type Timing,
} from '../support/checks/index.js';
import { assertSubset, failCheck } from '../support/match.js';
import { StepInputError } from '../support/parse.js';
import { pathTrack } from '../support/value-track.js';
import { rememberedValue } from '../support/remembered.js';
import { conditionFrom } from './conditions.js';
import { readFrom, requireArgument } from './context.js';
import { currentValue, runSentence, stepCheck, type Check, type Sentence } from './forms.js';

function remembering(world: object) {
  return { remembered: (name: string) => rememberedValue(world, name) };
}

/** The subjects a sentence may have besides a quoted path. */
type NamedSubject = 'snapshot' | 'values' | 'source count' | 'cycle';

function unquote(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

// The checks of a quoted path, for any quantifier: every check word, joined by "and".
function pathSentence(world: object, timing: Timing, quantifier: Quantifier, path: string, tail: Tail, written: string): Omit<Sentence, 'unless'> {
  const parsed = parseChecks(tail.checks, remembering(world));
  const overTime = timing.kind === 'within' || tail.hold !== undefined;
  const comparesOverTime = parsed.some((check) => check.kind === 'change' && !check.heldOnly);
  const check = snapshotCheckFor(quantifier, path, parsed, overTime ? { overTime, since: currentValue(world) } : { overTime: true });
  return {
    written,
    timing,
    make: (name) => stepCheck(name, check),
    awaited: awaitedFor(quantifier, path, parsed),
    held: heldFor(quantifier, path, parsed),
    ...(tail.hold ? { hold: tail.hold } : {}),
    track: pathTrack(path, tail.checks),
    comparesOverTime,
    heldOnly: parsed.some((one) => one.heldOnly === true),
  };
}

// A number the snapshot carries besides its value: how many sources it read, its cycle.
function numberSentence(world: object, timing: Timing, subject: 'source count' | 'cycle', tail: Tail, written: string): Omit<Sentence, 'unless'> {
  const parsed = parseChecks(tail.checks, remembering(world));
  const refused = parsed.find((check): check is Exclude<ParsedCheck, { kind: 'value' }> => check.kind !== 'value');
  if (refused) throw new StepInputError(`"${written}": the ${subject} is one number of the snapshot, so "${refused.text}" cannot be checked on it`);
  const read = (snapshot: ObservationSnapshot<unknown>): number => (subject === 'cycle' ? snapshot.cycle : snapshot.sourceCount);
  const make =
    (name: string): Check =>
    (_value, snapshot) => {
      for (const one of parsed) {
        if (one.kind !== 'value') continue;
        const context = { root: snapshot.value };
        const why = one.check.verdict(read(snapshot), true, context);
        if (why === undefined) continue;
        const sides = comparedSides(one.check, read(snapshot), context);
        failCheck({ message: `the ${subject} ${why}`, ...(sides ? { actual: sides.actual, expected: sides.expected } : {}) }, readFrom(name, snapshot));
      }
    };
  const words = parsed.map((one) => one.text).join(' and ');
  return {
    written,
    timing,
    make,
    awaited: `the ${subject} to ${words}`,
    held: `the ${subject} ${words}`,
    ...(tail.hold ? { hold: tail.hold } : {}),
    heldOnly: parsed.some((one) => one.heldOnly === true),
  };
}

// The whole snapshot against a docstring (`match`, `keep matching`), or a values table (`be`, `stay`).
function argumentSentence(
  world: object,
  timing: Timing,
  subject: 'snapshot' | 'values',
  tail: Tail,
  argument: unknown,
  written: string,
): Omit<Sentence, 'unless'> {
  const words = tail.checks.trim();
  const [plain, held] = subject === 'snapshot' ? ['match', 'keep matching'] : ['be', 'stay'];
  if (words !== plain && words !== held) {
    throw new StepInputError(`"${written}": the observed ${subject} takes "should ${plain}" (or "should ${held} for …"), not "should ${cut(words, 80)}"`);
  }
  let make: (name: string) => Check;
  if (subject === 'snapshot') {
    const expected = parsePatternDocString(requireArgument(argument as string | undefined, 'a JSON docstring'), remembering(world));
    make = (name) => (value, snapshot) => assertSubset(value, expected, readFrom(name, snapshot));
  } else {
    const rows = parseTable(requireArgument(argument as DataTable | undefined, 'a table of path | value rows').raw(), remembering(world));
    make = (name) => (value, snapshot) => {
      const mismatch = tableVerdict(rows, value);
      if (mismatch) failCheck(mismatch, readFrom(name, snapshot));
    };
  }
  const what = subject === 'snapshot' ? 'the snapshot to match the docstring' : 'the values of the table';
  return { written, timing, make, awaited: what, held: what, ...(tail.hold ? { hold: tail.hold } : {}), heldOnly: words === held };
}

async function runWords(
  world: object,
  timingWords: string | undefined,
  quantifierText: string,
  quotedPath: string | undefined,
  named: NamedSubject | undefined,
  tailWords: string,
  argument?: unknown,
): Promise<void> {
  const written = `${timingWords ? `${timingWords} ` : ''}${quantifierText} observed ${named ?? `"${quotedPath}"`} should ${tailWords}`;
  const timing = parseTiming(timingWords);
  const quantifier = parseQuantifier(quantifierText);
  const tail = parseTail(tailWords);
  if (named !== undefined && quantifier.kind !== 'the')
    throw new StepInputError(`"${written}": the observed ${named} is one thing; write "the observed ${named}"`);
  let sentence: Omit<Sentence, 'unless'>;
  if (named === 'snapshot' || named === 'values') {
    if (tail.unless?.kind === 'event') {
      throw new StepInputError(
        `"${written}": the ${named === 'snapshot' ? 'docstring' : 'table'} below is what the ${named} should be, so "unless an event matches" has no pattern; name an observed value instead`,
      );
    }
    sentence = argumentSentence(world, timing, named, tail, argument, written);
  } else if (named !== undefined) {
    sentence = numberSentence(world, timing, named, tail, written);
  } else {
    sentence = pathSentence(world, timing, quantifier, unquote(quotedPath ?? ''), tail, written);
  }
  const unless = tail.unless === undefined ? undefined : conditionFrom(world, tail.unless, argument as string | undefined);
  await runSentence(world, { ...sentence, ...(unless ? { unless } : {}) });
}

// The same sentence twice: ending with a colon it takes the docstring or table below it; Cucumber counts the arguments.
// No capture group is written as a parameter type of the suite's could be (".+"), which Cucumber would apply to it.
// biome-ignore format: the Cucumber language server reads this literal as written
Then(/^(?:(within .+?|in the last snapshot),? )?(the|every|some|no|(?:at least|at most|exactly) \d+ of the) (?:freshly )?observed (?:"((?:[^"\\]|\\.)*)"|(snapshot|values|source count|cycle)) should (\S.*[^:])$/, { timeout: -1 }, async function (this: object, timing?: string, quantifier?: string, path?: string, named?: string, tail?: string) {
  await runWords(this, timing ?? undefined, quantifier!, path ?? undefined, (named ?? undefined) as NamedSubject | undefined, tail!);
});

// biome-ignore format: the Cucumber language server reads this literal as written
Then(/^(?:(within .+?|in the last snapshot),? )?(the|every|some|no|(?:at least|at most|exactly) \d+ of the) (?:freshly )?observed (?:"((?:[^"\\]|\\.)*)"|(snapshot|values|source count|cycle)) should (\S.*):$/, { timeout: -1 }, async function (this: object, timing?: string, quantifier?: string, path?: string, named?: string, tail?: string, argument?: unknown) {
  await runWords(this, timing ?? undefined, quantifier!, path ?? undefined, (named ?? undefined) as NamedSubject | undefined, tail!, argument);
});
