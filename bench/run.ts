// `npm run bench`: runs the five benchmark cases one after another, prints their tables, writes bench/results.json.
// Options: --tiny (every case at a tiny size, to check the harness), --only=latency,memory (some cases),
// --update-docs (rewrite the figures in bench/README.md and the headline table of docs/benchmarks.md; full runs only),
// --docs-only (rewrite them from the existing bench/results.json, running nothing).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CASES } from './cases/index.js';
import { renderBenchReadme, renderHeadline, replaceBetween, type BenchResults } from './docs.js';
import type { CaseResult } from './report.js';
import { describeMachine, formatTable, loadAverage, round } from './stats.js';

const file = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

interface Arguments {
  readonly tiny: boolean;
  readonly only: readonly string[] | undefined;
  readonly updateDocs: boolean;
  readonly docsOnly: boolean;
}

function parseArguments(argv: readonly string[]): Arguments {
  let tiny = false;
  let only: string[] | undefined;
  let updateDocs = false;
  let docsOnly = false;
  for (const argument of argv) {
    if (argument === '--tiny') tiny = true;
    else if (argument === '--update-docs') updateDocs = true;
    else if (argument === '--docs-only') docsOnly = true;
    else if (argument.startsWith('--only=')) only = argument.slice('--only='.length).split(',').filter(Boolean);
    else throw new Error(`unknown argument ${JSON.stringify(argument)}; expected --tiny, --only=<case,...>, --update-docs or --docs-only`);
  }
  const known = CASES.map((entry) => entry.id);
  const unknown = (only ?? []).filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new Error(`--only: unknown case ${unknown.join(', ')}; the cases are ${known.join(', ')}`);
  if (updateDocs && (tiny || only)) throw new Error('--update-docs needs a full run of every case (no --tiny, no --only)');
  if (docsOnly && (tiny || only || updateDocs)) throw new Error('--docs-only runs nothing: give it alone');
  return { tiny, only, updateDocs, docsOnly };
}

function updateDocs(results: BenchResults): void {
  if (results.size !== 'full' || results.cases.length !== CASES.length) {
    throw new Error('the docs take the figures of a full run of every case; bench/results.json is not one');
  }
  const benchReadme = file('./README.md');
  writeFileSync(benchReadme, replaceBetween(readFileSync(benchReadme, 'utf8'), 'figures', renderBenchReadme(results)));
  const page = file('../docs/benchmarks.md');
  writeFileSync(page, replaceBetween(readFileSync(page, 'utf8'), 'bench', renderHeadline(results)));
  console.log('updated bench/README.md and docs/benchmarks.md');
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  if (options.docsOnly) {
    updateDocs(JSON.parse(readFileSync(file('./results.json'), 'utf8')) as BenchResults);
    return;
  }
  const began = performance.now();
  const machine = describeMachine();
  console.log(`node ${machine.node} on ${machine.cpu} (${machine.cores} cores), load average ${machine.loadAverage.join(' ')}\n`);
  const results: CaseResult[] = [];
  for (const entry of CASES) {
    if (options.only && !options.only.includes(entry.id)) continue;
    const result = await (options.tiny ? entry.tiny() : entry.full());
    results.push(result);
    console.log(`${result.title}  [${round(result.wallMs / 1000, 1)} s]`);
    console.log(formatTable(result.headers, result.rows));
    for (const note of result.notes) console.log(`  ${note}`);
    console.log('');
  }
  const targets = results.flatMap((result) => result.targets);
  console.log('Targets');
  console.log(
    formatTable(
      ['target', 'value', 'limit', 'met'],
      targets.map((target) => [target.name, target.value, target.limit, target.met ? 'yes' : 'NO']),
    ),
  );
  const totalWallMs = performance.now() - began;
  const output: BenchResults = {
    generatedAt: new Date().toISOString(),
    size: options.tiny ? 'tiny' : 'full',
    machine: { ...machine, loadAverageAtEnd: loadAverage() },
    totalWallMs: round(totalWallMs, 0),
    targets,
    cases: results.map(({ id, title, headers, rows, notes, targets: caseTargets, data, wallMs }) => ({
      id,
      title,
      wallMs: round(wallMs, 0),
      headers,
      rows,
      notes,
      targets: caseTargets,
      data,
    })),
  };
  console.log(`\ntotal ${round(totalWallMs / 1000, 1)} s; load average at the end ${output.machine.loadAverageAtEnd.join(' ')}`);
  if (options.tiny || options.only) {
    console.log('(a partial or tiny run: bench/results.json left as it was)');
    return;
  }
  writeFileSync(file('./results.json'), `${JSON.stringify(output, null, 2)}\n`);
  console.log('wrote bench/results.json');
  if (options.updateDocs) updateDocs(output);
}

await main();
