// The acceptance suite (features/catalog) exercises every step the plugin registers, each in a passing scenario.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '..');

interface UsageEntry {
  readonly pattern: string;
  readonly uri: string;
  readonly matches: readonly unknown[];
}

test('every registered step is used by the catalog suite', () => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, '.tmp', 'usage-'));
  try {
    const out = join(dir, 'usage.json');
    const require = createRequire(import.meta.url);
    const cucumberPackage = require.resolve('@cucumber/cucumber/package.json');
    const cli = join(dirname(cucumberPackage), require(cucumberPackage).bin['cucumber-js']);
    // A dry run matches every step against the definitions without running any, which is all the usage report needs.
    execFileSync(process.execPath, [cli, '--dry-run', '--format', `usage-json:${out}`], { cwd: root, stdio: 'pipe', timeout: 120_000 });
    const usage = JSON.parse(readFileSync(out, 'utf8')) as UsageEntry[];
    const plugin = usage.filter((entry) => entry.uri.replace(/\\/g, '/').startsWith('steps/'));
    assert.ok(plugin.length >= 30, `expected the plugin's steps in the usage report, found ${plugin.length}`);
    assert.deepEqual(
      plugin.filter((entry) => entry.matches.length === 0).map((entry) => entry.pattern),
      [],
      'steps that no scenario of features/catalog uses',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
