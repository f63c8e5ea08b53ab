// Runs every TypeScript example of the docs pages exactly as written, so that the pages cannot drift from the code.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

for (const page of DOCS_PAGES) {
  // An example with a file name after its language is an excerpt of that file, which test/docs.test.ts compares.
  const examples = codeBlocks(page).filter((block) => block.language === 'ts' && block.info === undefined);
  if (examples.length === 0) continue;
  describe(`the examples of ${page}`, () => {
    for (const example of examples) {
      test(`line ${example.line} runs and prints what its last comment says`, async () => {
        const expected = /console\.log\(.*\); \/\/ (.*)$/m.exec(example.text)?.[1];
        assert.ok(expected, `${page} line ${example.line}: an example ends with console.log(...); // what it prints`);
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
          assert.equal(stdout.trim(), expected);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
