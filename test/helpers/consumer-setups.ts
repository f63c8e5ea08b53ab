// The consumer suites the packaging test runs, built from the docs: the README's suite and install lines, docs/setup.md's versions and setups.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { pageSection, tableRows } from './docs-pages.js';
import { repoRoot } from './packed.js';

export const fixtureDir = join(repoRoot, 'test', 'fixtures', 'consumer');

/** How a suite's support code gets loaded: the README names each in its supported-versions table. */
const SETUPS = ['tsx', 'ts-node', 'type stripping', 'JavaScript', 'CommonJS'] as const;
export type Setup = (typeof SETUPS)[number];

export interface SupportedVersion {
  /** As the README writes it: `20.19+`, `22`. */
  readonly node: string;
  readonly nodeMajor: number;
  /** The lowest version of that major, when the README names one (`20.19`). */
  readonly nodeMinimum: string | undefined;
  readonly cucumberMajor: number;
  readonly setups: readonly Setup[];
}

/** The README and the setup page: together they show the whole consumer suite, each file once. */
const CONSUMER_PAGES = ['README.md', 'docs/setup.md'] as const;

/** The fenced blocks of the consumer sections: language, the word after it (a fixture file, or `output:…`), text. */
export function consumerBlocks(): { language: string; info: string | undefined; text: string; page: string }[] {
  return CONSUMER_PAGES.flatMap((page) =>
    [...pageSection(page, 'consumer').matchAll(/^```(\w+)(?: +(\S+))?\n([\s\S]*?)^```$/gm)].map((match) => ({
      language: match[1]!,
      info: match[2],
      text: match[3]!,
      page,
    })),
  );
}

/** The setup page's supported-versions table, row by row: what the packaging test runs. */
export function supportedVersions(): SupportedVersion[] {
  const rows = tableRows('docs/setup.md', 'versions');
  assert.ok(rows.length > 0, "docs/setup.md's supported-versions table has no rows");
  return rows.map(([node = '', cucumber = '', setups = '']) => {
    const version = /^(\d+)(?:\.(\d+))?(\+)?$/.exec(node);
    assert.ok(version, `supported-versions table: "${node}" is not a Node version such as 22 or 20.19+`);
    assert.match(cucumber, /^\d+$/, `supported-versions table: "${cucumber}" is not a Cucumber major version`);
    const named = setups.split(',').map((setup) => setup.trim());
    for (const setup of named)
      assert.ok((SETUPS as readonly string[]).includes(setup), `supported-versions table: unknown setup "${setup}"; known: ${SETUPS.join(', ')}`);
    return {
      node,
      nodeMajor: Number(version[1]),
      nodeMinimum: version[2] === undefined ? undefined : `${version[1]}.${version[2]}`,
      cucumberMajor: Number(cucumber),
      setups: named as Setup[],
    };
  });
}

/** The packages of the consumer section's `npm install -D` lines, each line's list by the first package it names. */
export function installLines(): Map<string, string[]> {
  const lines = consumerBlocks()
    .filter((block) => block.language === 'sh')
    .flatMap((block) => [...block.text.matchAll(/^npm install -D ([^#\n]+)/gm)])
    .map((match) => match[1]!.trim().split(/\s+/));
  return new Map(lines.map((packages) => [packages[0]!, packages]));
}

/** What `npx cucumber-js` prints with that Cucumber major, as the README shows it (block ```text output:cucumber-N```). */
export function printedBy(cucumberMajor: number): string[] {
  const block = consumerBlocks().find((candidate) => candidate.language === 'text' && candidate.info === `output:cucumber-${cucumberMajor}`);
  assert.ok(block, `the README shows no output of a run with Cucumber ${cucumberMajor} (a \`\`\`text output:cucumber-${cucumberMajor} block)`);
  // The timing line changes every run.
  return block.text.split('\n').filter((line) => line.trim() !== '' && !/^\d+m ?\d+\.\d+s/.test(line));
}

function replaceOnce(text: string, from: string, to: string, file: string): string {
  assert.ok(text.includes(from), `${file} no longer contains ${from}, which the README tells a user to change`);
  return text.replace(from, to);
}

/** The fixture as it is: TypeScript support files, run by tsx or by Node's type stripping. */
export function writeTypeScriptSuite(dir: string): void {
  cpSync(fixtureDir, dir, { recursive: true });
}

/** The fixture with the README's one change for ts-node: its loader in cucumber.js. */
export function writeTsNodeSuite(dir: string): void {
  writeTypeScriptSuite(dir);
  const config = join(dir, 'cucumber.js');
  writeFileSync(config, replaceOnce(readFileSync(config, 'utf8'), 'loader: []', "loader: ['ts-node/esm/transpile-only']", 'cucumber.js'));
}

/**
 * The fixture as a plain JavaScript suite, as the README describes it: the same files without their types, named .js,
 * as ES modules, or as CommonJS loaded with Cucumber's `require` (which then require()s this ES module package).
 */
export function writeJavaScriptSuite(dir: string, format: 'esm' | 'commonjs'): void {
  const support = join(fixtureDir, 'features');
  for (const file of readdirSync(support, { recursive: true, encoding: 'utf8' })) {
    const source = join(support, file);
    const target = join(dir, 'features', file);
    if (file.endsWith('.feature')) {
      mkdirSync(dirname(target), { recursive: true });
      cpSync(source, target);
    } else if (file.endsWith('.ts')) {
      const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
        fileName: relative(fixtureDir, source),
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: format === 'esm' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
          rewriteRelativeImportExtensions: true,
          verbatimModuleSyntax: format === 'esm',
          esModuleInterop: true,
        },
      });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target.replace(/\.ts$/, '.js'), outputText);
    }
  }
  const config = readFileSync(join(fixtureDir, 'cucumber.js'), 'utf8');
  const esmConfig = replaceOnce(config, "'features/support/**/*.ts'", "'features/support/**/*.js'", 'cucumber.js');
  writeFileSync(
    join(dir, 'cucumber.js'),
    format === 'esm'
      ? esmConfig
      : replaceOnce(replaceOnce(esmConfig, 'export default {', 'module.exports = { default: {', 'cucumber.js'), 'import:', 'require:', 'cucumber.js').replace(
          /};\s*$/,
          '} };\n',
        ),
  );
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ private: true, type: format === 'esm' ? 'module' : 'commonjs' }, null, 2)}\n`);
}
