// scripts/test-tiers.mjs: every test file belongs to exactly one tier, by its name, the list or its folder; a stray one is refused.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { byTier, LISTED, tapSummary, testFiles, tierOf } from '../scripts/test-tiers.mjs';

test('every test file of the repository belongs to a tier, and the list names no file that is gone', () => {
  const { tiers, unplaced, stale } = byTier(testFiles());
  assert.deepEqual(unplaced, []);
  assert.deepEqual(stale, []);
  for (const tier of ['unit', 'integration', 'package', 'e2e'] as const) assert.ok(tiers[tier].length > 0, `the ${tier} tier has files`);
});

test('a name that says its tier wins; then the list; then a folder of pure modules means unit', () => {
  assert.equal(tierOf('test/something.e2e.test.ts'), 'e2e');
  assert.equal(tierOf('lib/cluster.integration.test.ts'), 'integration');
  assert.equal(tierOf('sources/http.package.test.ts'), 'package');
  assert.equal(tierOf('test/quick.unit.test.ts'), 'unit');
  assert.equal(tierOf('test/package.test.ts'), 'package');
  assert.equal(tierOf('lib/format.test.ts'), 'unit');
  assert.equal(tierOf('processes/process-set.test.ts'), 'unit');
  assert.equal(tierOf('test/new-thing.test.ts'), undefined);
  assert.equal(tierOf('examples/other/cluster.test.ts'), undefined);
});

test('the unit tier runs no Cucumber, no browser, no etcd and no packaging', () => {
  const { tiers } = byTier(testFiles());
  for (const file of tiers.unit) {
    assert.ok(!/steps-|cucumber|package|timeline-browser|etcd\/cluster|orphan|bench\.test|cycle-signal-leak/.test(file), `${file} in the unit tier`);
  }
  for (const [file, tier] of Object.entries(LISTED)) assert.ok(tier !== 'unit' || file.startsWith('test/'), `${file} is unit by its folder already`);
});

test('a test file in no tier stops the runner before any test runs, naming the file and the two ways to place it', () => {
  const root = mkdtempSync(join(tmpdir(), 'test-tiers-'));
  try {
    mkdirSync(join(root, 'test'));
    writeFileSync(join(root, 'test', 'stray.test.ts'), '');
    const script = join(process.cwd(), 'scripts', 'test-tiers.mjs');
    const result = spawnSync(process.execPath, [script, 'unit'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /^test\/stray\.test\.ts belongs to no test tier: name it \*\.<tier>\.test\.ts \(unit, integration, package, e2e\) or list it in scripts\/test-tiers\.mjs$/m,
    );
    assert.doesNotMatch(result.stdout, /# tests/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the closing summary is the last of the TAP summary lines', () => {
  const tap = ['ok 1 - a', '# tests 1', '# pass 1', '# fail 0', 'ok 2 - b', '# tests 2', '# suites 0', '# pass 2', '# fail 0'].join('\n');
  assert.deepEqual(tapSummary(tap).slice(-4), ['# tests 2', '# suites 0', '# pass 2', '# fail 0']);
});
