// The values table: rows `path | JSON value` (equality) or `path | check word | value`, with `*` paths meaning every value.
import { allDistinct, allEqual, every, that, type Mismatch, type SnapshotCheck, type ValueCheck } from '../../lib/checks/index.js';
import { equalTo } from '../../lib/checks/values.js';
import { parsePattern } from '../../lib/checks/paths.js';
import { comparedSides, isEquality } from '../../lib/checks/render.js';
import { cut, messageOf, summarize } from '../../lib/format.js';
import { StepInputError } from '../parse.js';
import { selectsMany, snapshotCheckFor } from './build.js';
import { parseOperand, type CheckParseOptions } from './operands.js';
import type { Quantifier } from './quantifier.js';
import { COMPARISON_WORDS, parseChecks, parseComparison } from './words.js';

/** One row of a values table, parsed: a check on each selected value, or agreement among them (`all equal`). */
export interface TableRow {
  readonly path: string;
  /** The check on each value; absent for an agreement row. */
  readonly check?: ValueCheck;
  readonly snapshotCheck: SnapshotCheck;
}

const AGREEMENT_ROW = /^all\s+(?:be\s+)?(equal|distinct)$/;

// `all equal` / `all distinct` (with an empty value cell): the selected values compared with each other.
function agreementRow(path: string, word: string, value: string): SnapshotCheck | undefined {
  const agreement = AGREEMENT_ROW.exec(word.replace(/\s+/g, ' '))?.[1];
  if (agreement === undefined) {
    if (/^agree$/.test(word))
      throw new StepInputError(
        '"agree" needs a quorum, which a table row cannot give; write "all equal", or a step \'at least 2 of the observed "<path>" should agree\'',
      );
    return undefined;
  }
  if (value !== '')
    throw new StepInputError(`"${word}" compares the selected values with each other, so the value cell stays empty (it holds ${cut(value, 80)})`);
  return agreement === 'equal' ? allEqual(path) : allDistinct(path);
}

const SENTENCE_FORM = /^(?:not\s+)?(?:be|match|exist|contain|have|all|agree|change|increase|decrease|never|stay)\b/;

// The check column takes the words after "should" (joined by "and"), or the "have"/"stay" words (at least, not, matching, …).
function rowCheck(path: string, word: string, value: string, options: CheckParseOptions): { check?: ValueCheck; snapshotCheck: SnapshotCheck } {
  if (!/^[A-Za-z]/.test(word)) {
    throw new StepInputError(`the check column holds ${cut(word, 80) || 'nothing'}, which is not a check word; accepted: ${COMPARISON_WORDS}`);
  }
  const phrase = `${word} ${value}`.trim();
  if (!SENTENCE_FORM.test(word)) {
    const check = parseComparison(phrase, options);
    return { check, snapshotCheck: selectsMany(path) ? every(path, check) : that(path, check) };
  }
  const parsed = parseChecks(phrase, options);
  const overTime = parsed.find((one) => one.kind === 'change' || one.heldOnly);
  if (overTime) {
    throw new StepInputError(
      `"${overTime.text}" is not a check on each value of one snapshot: it says how values move over time; write it in a step with "within" or a hold`,
    );
  }
  const agreeing = parsed.some((one) => one.kind === 'agreement');
  const quantifier: Quantifier = !agreeing && selectsMany(path) ? { kind: 'every' } : { kind: 'the' };
  const snapshotCheck = snapshotCheckFor(quantifier, path, parsed, { overTime: false });
  const [only] = parsed;
  return parsed.length === 1 && only?.kind === 'value' ? { check: only.check, snapshotCheck } : { snapshotCheck };
}

/** Parses the rows of a values table, with an optional `path | value` or `path | check | value` header. */
export function parseTable(rows: readonly (readonly string[])[], options: CheckParseOptions = {}): readonly TableRow[] {
  const header = rows[0]?.map((cell) => cell.trim());
  const headed =
    header !== undefined && header[0] === 'path' && header.at(-1) === 'value' && (header.length === 2 || (header.length === 3 && header[1] === 'check'));
  const body = headed ? rows.slice(1) : rows;
  if (body.length === 0) throw new StepInputError('the table has no path | value rows');
  return body.map((row, index) => {
    const where = `table row ${index + 1}`;
    if (row.length !== 2 && row.length !== 3) {
      throw new StepInputError(`${where} has ${row.length} cells; expected two (path | JSON value) or three (path | check word | value)`);
    }
    const path = row[0]!.trim();
    if (!path.startsWith('$')) parsePattern(path);
    let check: ValueCheck;
    try {
      const agreement = row.length === 3 ? agreementRow(path, row[1]!.trim(), row[2]!.trim()) : undefined;
      if (agreement) return { path, snapshotCheck: agreement };
      if (row.length === 3) return { path, ...rowCheck(path, row[1]!.trim(), row[2]!.trim(), options) };
      check = equalTo(parseOperand(row[1]!, options));
    } catch (error) {
      throw new StepInputError(`${where} ("${path}"): ${messageOf(error)}`);
    }
    return { path, check, snapshotCheck: selectsMany(path) ? every(path, check) : that(path, check) };
  });
}

/** Judges every row on one snapshot value; the mismatch lists each row that does not hold, with a diff of equality rows. */
export function tableVerdict(rows: readonly TableRow[], root: unknown): Mismatch | undefined {
  const problems: string[] = [];
  const actual: Record<string, unknown> = {};
  const expected: Record<string, unknown> = {};
  for (const row of rows) {
    const mismatch = row.snapshotCheck.verdict(root);
    if (row.check && isEquality(row.check) && !selectsMany(row.path)) {
      define(actual, row.path, mismatch && 'actual' in mismatch ? mismatch.actual : mismatch ? '<missing>' : expectedOf(row));
      define(expected, row.path, expectedOf(row));
    } else if (mismatch && 'expected' in mismatch) {
      Object.assign(actual, mismatch.actual);
      Object.assign(expected, mismatch.expected);
    }
    if (!mismatch) continue;
    // A present value that differs reads as before the check words came: "path": expected X, got Y.
    const differs = row.check !== undefined && isEquality(row.check) && mismatch.message.startsWith(`"${row.path}" is `);
    problems.push(differs ? `  "${row.path}": expected ${summarize(expectedOf(row), 200)}, got ${summarize(mismatch.actual, 200)}` : `  ${mismatch.message}`);
  }
  if (problems.length === 0) return undefined;
  const message = `${problems.length} of ${rows.length} observed values differ:\n${problems.join('\n')}`;
  return Object.keys(expected).length > 0 ? { message, actual, expected } : { message };
}

function expectedOf(row: TableRow): unknown {
  return row.check && comparedSides(row.check, undefined)?.expected;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
