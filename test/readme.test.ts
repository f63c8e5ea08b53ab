// Runs the README's runtime example exactly as written, so the API section cannot drift from the code.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');

function section(name: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(`<!-- ${name}:start -->`);
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  assert.ok(start >= 0 && end > start, `README has no ${name} section`);
  return readme.slice(start, end);
}

for (const name of ['api', 'push-example']) {
  test(`the ${name} section's example runs and prints what its comment says`, () => {
    const api = section(name);
    const code = /```ts\n([\s\S]*?)```/.exec(api)?.[1];
    assert.ok(code, `the ${name} section has a ts code block`);
    const expected = /console\.log\(.*\); \/\/ (.*)$/m.exec(code)?.[1];
    assert.ok(expected, 'the example says what it prints');
    // Inside the package, so the example is an ES module as it would be in a user's ESM project.
    mkdirSync(join(root, '.tmp'), { recursive: true });
    const dir = mkdtempSync(join(root, '.tmp', 'readme-example-'));
    try {
      const file = join(dir, 'example.ts');
      const entry = pathToFileURL(join(root, 'index.js')).href;
      writeFileSync(file, code.replace("from 'cucumber-observation'", `from '${entry}'`));
      const output = execFileSync(process.execPath, ['--import', pathToFileURL(join(root, 'register-ts-node.mjs')).href, file], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(output.trim(), expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
