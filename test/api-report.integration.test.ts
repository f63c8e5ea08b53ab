// `npm run api:check` against a copy of the repository with one export added to the root and one to the checks entry:
// it fails, names exactly those two reports, and the report it wrote is the reviewed one plus the new exports.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot, run, type RunResult } from './helpers/packed.js';

/** What the build and the report read: the manifest, the compiler settings, the sources, the reviewed reports and the script. */
const COPIED = [
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'index.ts',
  'checks.ts',
  'lib',
  'support',
  'steps',
  'report',
  'processes',
  'sources',
  'etc',
  'scripts',
];

let copy: string;
let check: RunResult;

before(async () => {
  copy = mkdtempSync(join(tmpdir(), 'cucumber-observation-api-report-'));
  for (const entry of COPIED) {
    cpSync(join(repoRoot, entry), join(copy, entry), { recursive: true, filter: (source) => !source.endsWith('.test.ts') });
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  appendFileSync(join(copy, 'index.ts'), '\n/** Added by the test, never reviewed. */\nexport const unreviewedRootValue = 1;\n');
  appendFileSync(join(copy, 'checks.ts'), '\nexport function unreviewedCheck(): boolean {\n  return true;\n}\n');
  check = await run(process.execPath, [join('scripts', 'api-report.mjs')], copy);
});

after(() => rmSync(copy, { recursive: true, force: true }));

describe('the API report check', () => {
  test('fails on an export that its reviewed report does not have, naming the reports that changed and how to accept them', () => {
    assert.ok(!check.timedOut, `the check did not end; output:\n${check.output}`);
    assert.equal(check.code, 1, `the check exited with ${check.code}; output:\n${check.output}`);
    assert.match(check.output, /The public API differs from its reviewed report: etc\/index\.api\.md, etc\/checks\.api\.md\./);
    assert.match(check.output, /npm run api:update/);
    for (const unchanged of ['steps', 'report', 'report-json', 'report-html']) {
      assert.match(check.output, new RegExp(`etc/${unchanged}\\.api\\.md unchanged`), `etc/${unchanged}.api.md should be unchanged`);
    }
  });

  test('writes the new report beside the reviewed one, which differs from it by the added exports only', () => {
    for (const [report, added] of [
      ['index.api.md', 'export const unreviewedRootValue = 1;'],
      ['checks.api.md', 'export function unreviewedCheck(): boolean;'],
    ] as const) {
      const reviewed = readFileSync(join(repoRoot, 'etc', report), 'utf8');
      const written = readFileSync(join(copy, '.tmp', 'api-report', report), 'utf8');
      assert.ok(written.includes(added), `${report}: the new report lacks "${added}":\n${written}`);
      const extra = written.split('\n').filter((line) => !reviewed.split('\n').includes(line) && line.trim() !== '');
      assert.ok(
        extra.every((line) => line.includes('unreviewed') || line.startsWith('//')),
        `${report}: lines other than the new export changed:\n${extra.join('\n')}`,
      );
    }
  });
});
