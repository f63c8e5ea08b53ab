// The docs pages against the repository: excerpts still in their files, links that resolve, option tables that list
// every option the code has, every export named in the API page, guarantees naming tests that exist, fresh figures.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { renderHeadline, type BenchResults } from '../bench/docs.js';
import { DEFAULT_REPORT_OPTIONS, OPTIONS_KEY, resolveReportOptions } from '../report/options.js';
import { OPTION_WORDS } from '../support/config.js';
import * as checks from '../checks.js';
import * as root from '../index.js';
import { codeBlocks, DOCS_PAGES, PENDING_PAGES, pageSection, readPage, STEP_CATALOG_PAGE, tableRows } from './helpers/docs-pages.js';
import { repoRoot } from './helpers/packed.js';

const REPOSITORY_URL = 'https://github.com/cucumber-observation/cucumber-observation/blob/main/';
const RAW_URL = 'https://raw.githubusercontent.com/cucumber-observation/cucumber-observation/main/';
/** Pages whose code blocks named by a file show a file of the consumer suite, whole (test/package.test.ts runs it). */
const CONSUMER_PAGES = new Set(['README.md', 'docs/setup.md']);
const README_LINE_LIMIT = 200;
/** The package root is the runtime, the World mixin and the definitions: a surface small enough to keep documented. */
const ROOT_VALUE_LIMIT = 45;

/** The members of an exported interface of a source file, by name, in order. */
function interfaceKeys(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === name,
  );
  assert.ok(declaration, `${file} declares no interface ${name}`);
  return declaration.members.map((member) => member.name?.getText(source) ?? '').filter(Boolean);
}

/** The first cells of a marked table: the options it lists. */
function tableKeys(page: string, section: string): string[] {
  return tableRows(page, section).map((row) => row[0] ?? '');
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(page: string): Set<string> {
  const anchors = new Set<string>();
  const text = readPage(page).replace(/^(`{3,})[\s\S]*?^\1$/gm, '');
  for (const [, heading] of text.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let anchor = slug;
    for (let repeat = 1; anchors.has(anchor); repeat += 1) anchor = `${slug}-${repeat}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** A suite's scenarios and steps as Cucumber's summary counts them: a feature's background steps run in each of its scenarios. */
function suiteCounts(folder: string): { scenarios: number; steps: number } {
  const counts = { scenarios: 0, steps: 0 };
  for (const file of readdirSync(join(repoRoot, folder)).filter((name) => name.endsWith('.feature'))) {
    const text = readFileSync(join(repoRoot, folder, file), 'utf8').replace(/^\s*("""|```)[\s\S]*?^\s*\1\s*$/gm, '');
    assert.doesNotMatch(text, /^\s*(Scenario Outline|Scenario Template|Rule|Examples):/m, `${folder}/${file}: outlines and rules are not counted here`);
    let section: 'background' | 'scenario' | undefined;
    let background = 0;
    let scenarios = 0;
    for (const line of text.split('\n').map((each) => each.trim())) {
      if (line.startsWith('Background:')) section = 'background';
      else if (/^(Scenario|Example):/.test(line)) {
        section = 'scenario';
        scenarios += 1;
      } else if (/^(Given|When|Then|And|But|\*) /.test(line)) {
        if (section === 'background') background += 1;
        else if (section === 'scenario') counts.steps += 1;
      }
    }
    counts.scenarios += scenarios;
    counts.steps += background * scenarios;
  }
  return counts;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string>; exports: Record<string, unknown> };

/** The package's own subpath in a format or import, such as cucumber-observation/report/json; not a URL's or a path's. */
function subpathsNamed(text: string): string[] {
  return [...text.matchAll(/(?<![\w./~-])cucumber-observation\/([a-z][\w/-]*[a-z])/g)].map((match) => match[1]!);
}

describe('the docs pages', () => {
  test('each opens with its title and a paragraph saying what it is for', () => {
    for (const page of DOCS_PAGES) {
      const [title, blank, first] = readPage(page).split('\n');
      assert.match(title!, /^# \S/, `${page} does not open with a title`);
      assert.equal(blank, '', `${page}: a blank line after the title`);
      assert.match(first!, /^[A-Z`[]/, `${page} does not open with a sentence: "${first}"`);
    }
  });

  test(`the README stays short: at most ${README_LINE_LIMIT} lines, besides a step catalog it still holds`, () => {
    const readme = readPage('README.md');
    const catalog = STEP_CATALOG_PAGE === 'README.md' ? readme.indexOf('\n## Step catalog') : -1;
    const lines = (catalog < 0 ? readme : readme.slice(0, catalog + 1)).split('\n').length - 1;
    assert.ok(lines <= README_LINE_LIMIT, `the README has ${lines} lines`);
  });

  test('the docs index links every page of docs/ and each page still to come, which the README links too', () => {
    const index = readPage('docs/README.md');
    const pages = readdirSync(join(repoRoot, 'docs')).filter((name) => name.endsWith('.md') && name !== 'README.md');
    for (const name of [...pages, ...[...PENDING_PAGES].map((page) => page.slice('docs/'.length))]) {
      assert.ok(index.includes(`](${name})`), `docs/README.md does not link ${name}`);
    }
    for (const page of PENDING_PAGES) assert.ok(readPage('README.md').includes(`](${REPOSITORY_URL}${page})`), `the README does not link ${page}`);
  });

  test('every link resolves: relative ones in docs/, absolute ones to this repository in the README', () => {
    const broken: string[] = [];
    for (const page of DOCS_PAGES) {
      const text = readPage(page);
      const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g), ...text.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
      for (const target of targets) {
        if (target.startsWith('mailto:')) continue;
        if (target.startsWith('#')) {
          if (!anchorsOf(page).has(target.slice(1))) broken.push(`${page}: ${target} (no such heading)`);
          continue;
        }
        let path: string;
        if (target.startsWith(REPOSITORY_URL)) path = target.slice(REPOSITORY_URL.length);
        else if (target.startsWith(RAW_URL)) path = target.slice(RAW_URL.length);
        else if (/^https?:\/\//.test(target)) continue;
        else {
          assert.notEqual(page, 'README.md', `the README links to "${target}", which breaks on the registry's page: link ${REPOSITORY_URL}…`);
          path = normalize(join(dirname(page), target));
        }
        const anchor = /#(.*)$/.exec(path)?.[1];
        path = path.replace(/#.*$/, '').replace(/\/$/, '');
        if (!existsSync(join(repoRoot, path))) {
          if (!PENDING_PAGES.has(path)) broken.push(`${page}: ${target}`);
        } else if (anchor !== undefined && path.endsWith('.md') && !anchorsOf(path).has(anchor)) broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    assert.deepEqual(broken, []);
  });

  test("a code block that names a file is that file's text: the consumer suite's whole files, elsewhere an excerpt", () => {
    let excerpts = 0;
    for (const page of DOCS_PAGES) {
      for (const block of codeBlocks(page)) {
        if (block.info === undefined || block.info.startsWith('output:')) continue;
        if (CONSUMER_PAGES.has(page)) {
          const file = join(repoRoot, 'test', 'fixtures', 'consumer', block.info);
          assert.ok(existsSync(file), `${page} line ${block.line} shows ${block.info}, which the consumer fixture does not have`);
          assert.equal(block.text, readFileSync(file, 'utf8'), `${page} line ${block.line}: ${block.info} differs from test/fixtures/consumer/${block.info}`);
          continue;
        }
        const file = join(repoRoot, block.info);
        assert.ok(existsSync(file), `${page} line ${block.line} quotes ${block.info}, which does not exist`);
        assert.ok(readFileSync(file, 'utf8').includes(block.text), `${page} line ${block.line}: the excerpt is no longer in ${block.info}; copy it again`);
        excerpts += 1;
      }
    }
    assert.ok(excerpts >= 10, `only ${excerpts} excerpts checked`);
  });

  test("the definition options table lists every option of ObservationDefinition, and the runtime's every ObservationConfig key", () => {
    const definitionKeys = [
      ...interfaceKeys('support/types.ts', 'ObservationDefinitionOptions'),
      ...interfaceKeys('support/types.ts', 'ObservationDefinition'),
    ];
    assert.deepEqual(tableKeys('docs/observations.md', 'definition-options').sort(), definitionKeys.sort());
    assert.deepEqual(tableKeys('docs/observations.md', 'runtime-options').sort(), interfaceKeys('lib/types.ts', 'ObservationConfig').sort());
  });

  test('the option words table lists every word a tag or a step table accepts', () => {
    assert.deepEqual(tableKeys('docs/observations.md', 'option-words').sort(), Object.keys(OPTION_WORDS).sort());
  });

  test('every file or folder of the repository a page names in code exists', () => {
    const missing: string[] = [];
    let named = 0;
    for (const page of DOCS_PAGES) {
      for (const [, path] of readPage(page).matchAll(/`((?:bench|docs|etc|examples|features|lib|report|scripts|steps|support|test)\/[\w./-]*)`/g)) {
        named += 1;
        const file = path!.replace(/\/$/, '');
        if (!existsSync(join(repoRoot, file)) && !PENDING_PAGES.has(file)) missing.push(`${page}: ${path}`);
      }
    }
    assert.ok(named >= 20, `only ${named} paths named`);
    assert.deepEqual(missing, []);
  });

  test('every npm script a page runs is in package.json, and every subpath of the package it names is an entry of its "exports"', () => {
    const missing: string[] = [];
    let named = 0;
    for (const page of DOCS_PAGES) {
      const text = readPage(page);
      for (const match of text.matchAll(/\bnpm (?:run ([\w:-]*[\w-])|(test|start)\b)/g)) {
        const script = match[1] ?? match[2]!;
        named += 1;
        if (!Object.hasOwn(manifest.scripts, script)) missing.push(`${page}: npm script ${script}`);
      }
      for (const subpath of subpathsNamed(text)) {
        named += 1;
        if (!Object.hasOwn(manifest.exports, `./${subpath}`)) missing.push(`${page}: cucumber-observation/${subpath}`);
      }
    }
    assert.ok(named >= 20, `only ${named} scripts and subpaths named`);
    assert.deepEqual(missing, []);
  });

  test("the report's options table lists every option with its default, and the CLI flags the report command has", () => {
    const rows = tableRows('docs/reports.md', 'report-options');
    assert.deepEqual(
      rows.map(([option, , fallback]) => [option, fallback]),
      Object.entries(DEFAULT_REPORT_OPTIONS).map(([option, fallback]) => [option, String(fallback)]),
    );
    const command = readFileSync(join(repoRoot, 'report', 'command.ts'), 'utf8');
    for (const [option, flag] of rows) if (flag) assert.match(command, new RegExp(`^  ${flag} `, 'm'), `${option}: report --help has no ${flag}`);
  });

  test("the reports page's cucumber.js loads, names the report's formats, and its options are accepted as written", async () => {
    const [block, ...others] = codeBlocks('docs/reports.md').filter((candidate) => candidate.language === 'js' && candidate.info === undefined);
    assert.ok(block && others.length === 0, 'docs/reports.md shows one cucumber.js');
    mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
    const dir = mkdtempSync(join(repoRoot, '.tmp', 'docs-config-'));
    try {
      writeFileSync(join(dir, 'cucumber.mjs'), block.text);
      const config = (
        (await import(pathToFileURL(join(dir, 'cucumber.mjs')).href)) as { default: { format: string[]; formatOptions: Record<string, unknown> } }
      ).default;
      const reports = config.format.filter((format) => format.startsWith('cucumber-observation/'));
      assert.ok(reports.length >= 2, `the config names ${reports.length} report formats`);
      for (const format of reports) assert.ok(Object.hasOwn(manifest.exports, `./${format.replace(/:.*$/, '').slice('cucumber-observation/'.length)}`), format);
      const given = config.formatOptions[OPTIONS_KEY] as Record<string, unknown>;
      assert.deepEqual(resolveReportOptions(given), { ...DEFAULT_REPORT_OPTIONS, ...given });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`the API page names every runtime value of the package root and of cucumber-observation/checks; the root keeps at most ${ROOT_VALUE_LIMIT}`, () => {
    assert.ok(
      Object.keys(root).length <= ROOT_VALUE_LIMIT,
      `the package root exports ${Object.keys(root).length} runtime values: ${Object.keys(root).join(', ')}`,
    );
    const page = readPage('docs/api.md');
    const exported = [...Object.keys(root), ...Object.keys(checks)];
    assert.ok(exported.length > 40, `only ${exported.length} exports found`);
    assert.deepEqual(
      exported.filter((name) => !new RegExp(`\`(new )?${name}\\b`).test(page)),
      [],
      'exports that docs/api.md does not name',
    );
  });

  test('what the examples page says each example suite prints counts the scenarios and steps of its features', () => {
    for (const [suite, folder] of [
      ['kv-cluster', 'features/kv-cluster'],
      ['etcd', 'features/etcd'],
    ] as const) {
      const block = codeBlocks('docs/examples.md').find((candidate) => candidate.info === `output:${suite}`);
      assert.ok(block, `docs/examples.md shows no output of the ${suite} suite (a text output:${suite} block)`);
      const shown = {
        scenarios: Number(/^(\d+) scenarios \(\1 passed\)$/m.exec(block.text)?.[1]),
        steps: Number(/^(\d+) steps \(\1 passed\)$/m.exec(block.text)?.[1]),
      };
      assert.deepEqual(shown, suiteCounts(folder), `docs/examples.md line ${block.line}: the ${suite} suite's counts`);
    }
  });

  test('each guarantee names the tests that hold it, and they exist', () => {
    const lines = pageSection('docs/guarantees.md', 'guarantees')
      .split('\n')
      .filter((line) => line.startsWith('- '));
    assert.ok(lines.length >= 20, `only ${lines.length} guarantees`);
    for (const line of lines) {
      const named = / — (`[^`]+`(?:, `[^`]+`)*)$/.exec(line)?.[1];
      assert.ok(named, `a guarantee ends without the tests that hold it: ${line.slice(0, 80)}…`);
      for (const [, file] of named.matchAll(/`([^`]+)`/g)) assert.ok(existsSync(join(repoRoot, file!)), `a guarantee names ${file}, which does not exist`);
    }
  });

  test('the benchmarks page shows the figures of the committed run, as bench/run.ts --update-docs writes them', () => {
    const results = JSON.parse(readFileSync(join(repoRoot, 'bench', 'results.json'), 'utf8')) as BenchResults;
    assert.equal(pageSection('docs/benchmarks.md', 'bench').trim(), renderHeadline(results).trim());
    assert.match(readFileSync(join(repoRoot, 'bench', 'run.ts'), 'utf8'), /file\('\.\.\/docs\/benchmarks\.md'\)/, 'bench/run.ts writes another page');
  });
});
