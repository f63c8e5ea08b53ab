// The Gherkin form of a built-in observation's sources: a table of name | kind | target (| timeout), checked row by row.
import { checkSourceSpec, SOURCE_KINDS, type SourceSpec } from '../sources/index.js';
import { addScenarioSources } from './defined-observation.js';
import { parseDuration, StepInputError } from './parse.js';
import { defineObservation, registeredObservations } from './registry.js';

const COLUMNS = ['name', 'kind', 'target'] as const;
const OPTIONAL_COLUMNS = ['timeout'] as const;

/** The sources a `watches:` table declares, by name; a StepInputError naming the row and what was expected. */
export function sourcesOfTable(rows: readonly (readonly string[])[]): Record<string, SourceSpec> {
  const [header = [], ...body] = rows.map((row) => row.map((cell) => cell.trim()));
  const known: readonly string[] = [...COLUMNS, ...OPTIONAL_COLUMNS];
  const unknown = header.filter((column) => !known.includes(column));
  const missing = COLUMNS.filter((column) => !header.includes(column));
  if (unknown.length > 0 || missing.length > 0) {
    throw new StepInputError(
      `the watches table needs the header | name | kind | target | (and optionally | timeout |); got | ${header.join(' | ')} |` +
        (missing.length > 0 ? `, missing ${missing.join(', ')}` : '') +
        (unknown.length > 0 ? `, unknown ${unknown.join(', ')}` : ''),
    );
  }
  if (body.length === 0) throw new StepInputError('the watches table lists no source: add rows of name | kind | target');
  const sources: Record<string, SourceSpec> = {};
  for (const [index, cells] of body.entries()) {
    const cell = (column: string): string => cells[header.indexOf(column)] ?? '';
    const name = cell('name');
    const where = `watches table, row ${index + 1}`;
    if (Object.hasOwn(sources, name)) throw new StepInputError(`${where}: source "${name}" is listed twice`);
    const timeout = header.includes('timeout') && cell('timeout') !== '' ? parseDuration(cell('timeout')) : undefined;
    const spec = { kind: cell('kind'), target: cell('target'), ...(timeout === undefined ? {} : { timeoutMs: timeout }) } as SourceSpec;
    try {
      checkSourceSpec(name, spec, where);
    } catch (error) {
      throw new StepInputError((error as Error).message);
    }
    sources[name] = spec;
  }
  return sources;
}

/**
 * Adds the table's sources to the built-in observation `name` for this scenario, defining it (without auto-start)
 * when the suite did not. An observation with an observer of its own cannot take them.
 */
export function watchFromTable(world: object, name: string, sources: Readonly<Record<string, SourceSpec>>): void {
  const registered = registeredObservations().find((candidate) => candidate.name === name);
  if (registered && !registered.builtIn) {
    throw new StepInputError(
      `observation "${name}" has an observer of its own, so a watches table cannot add sources to it; ` +
        `name a new observation, or one defined by its sources (kinds ${SOURCE_KINDS.join(', ')})`,
    );
  }
  if (!registered) defineObservation(name, { sources: {}, autoStart: false });
  addScenarioSources(world, name, sources);
}
