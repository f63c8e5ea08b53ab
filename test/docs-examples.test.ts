// Runs every TypeScript example of the docs pages exactly as written, so that the pages cannot drift from the code.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { codeBlocks, DOCS_PAGES } from './helpers/docs-pages.js';

const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/** The package's entry points as a user imports them, and the source file each one is built from. */
const ENTRIES: Record<string, string> = { 'cucumber-observation': 'index.js', 'cucumber-observation/checks': 'checks.js' };

function runnable(code: string): string {
  return code.replace(/from '(cucumber-observation(?:\/[\w/]+)?)'/g, (_whole, specifier: string) => {
    const file = ENTRIES[specifier];
    assert.ok(file, `an example imports ${specifier}, which the examples cannot run against`);
    return `from '${pathToFileURL(join(root, file)).href}'`;
  });
}

/**
 * Pages whose examples are step and support code that only a Cucumber run can run (they use `this`, a World, a
 * handle): the test named runs each of them there, as written, and checks what it does. Every other page's examples
 * run here.
 */
const RUN_IN_CUCUMBER: Record<string, string> = { 'docs/diagnostics.md': 'test/diagnostics-docs.integration.test.ts' };

/** Numbers that vary from run to run (cycles, ages, durations) compare as one placeholder. */
function shape(text: string): string {
  return text.trim().replace(/\d+/g, 'N');
}

for (const page of DOCS_PAGES) {
  const blocks = codeBlocks(page);
  // An example with a file name after its language is an excerpt of that file, which test/docs.test.ts compares.
  const examples = blocks.filter((block) => block.language === 'ts' && block.info === undefined);
  if (examples.length === 0) continue;
  const runner = RUN_IN_CUCUMBER[page];
  if (runner !== undefined) {
    describe(`the examples of ${page}`, () => {
      test(`are run in a Cucumber run by ${runner}`, () => {
        const source = readFileSync(join(root, runner), 'utf8');
        assert.ok(source.includes(`'${page.split('/').at(-1)}'`), `${runner} does not read ${page}`);
        const taken = /const \[([^\]]*)\] = blocks\('ts'\)/.exec(source)?.[1]?.split(',').length;
        assert.equal(taken, examples.length, `${runner} runs ${taken ?? 'none'} of the ${examples.length} TypeScript examples of ${page}`);
      });
    });
    continue;
  }
  describe(`the examples of ${page}`, () => {
    for (const example of examples) {
      // What the example prints: the `text output:example` block right after it, else its last comment.
      const next = blocks[blocks.indexOf(example) + 1];
      const printed = next?.info === 'output:example' ? next.text : undefined;
      test(`line ${example.line} runs and prints what ${printed === undefined ? 'its last comment' : `the block at line ${next!.line}`} says`, async () => {
        const expected = printed ?? /console\.log\(.*\); \/\/ (.*)$/m.exec(example.text)?.[1];
        assert.ok(
          expected,
          `${page} line ${example.line}: an example ends with console.log(...); // what it prints, or is followed by a text output:example block`,
        );
        // Inside the package, so that the example is an ES module as it would be in a user's ESM project.
        mkdirSync(join(root, '.tmp'), { recursive: true });
        const dir = mkdtempSync(join(root, '.tmp', 'docs-example-'));
        try {
          const file = join(dir, 'example.ts');
          writeFileSync(file, runnable(example.text));
          const { stdout } = await run(process.execPath, ['--import', pathToFileURL(join(root, 'register-ts-node.mjs')).href, file], {
            cwd: root,
            encoding: 'utf8',
            timeout: 30_000,
          });
          if (printed === undefined) assert.equal(stdout.trim(), expected);
          else assert.equal(shape(stdout), shape(printed), `${page} line ${next!.line}: the output differs (numbers aside)`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
