// The catalog suite, the step language included, as a user runs it: the packed tarball in a fresh project whose own
// support code defines {json}, {duration}, {state} and {check} (the catalog's parameter types), and nothing collides.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { assertSucceeded } from './helpers/packed.js';
import { runPackedSuite } from './helpers/packed-suite.js';

// What the catalog's support reads from the repository's internals, written as a user would: JSON and a duration.
const PARSE = `// The parsing the catalog's own steps and parameter types need, as a suite of its own writes it.
export const parseJsonLiteral = (text: string): unknown => JSON.parse(text);
export const parseJsonDocString = (text: string): unknown => JSON.parse(text);
export const parseDuration = (text: string): number => (text.endsWith('ms') ? Number(text.slice(0, -2)) : Number(text.slice(0, -1)) * 1000);
`;

let workDir: string | undefined;
after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('the catalog suite runs from the packed tarball in a fresh project that defines {json}, {duration}, {state} and {check}', {
  timeout: 1_200_000,
}, async () => {
  workDir = mkdtempSync(join(tmpdir(), 'cucumber-observation-catalog-'));
  const result = await runPackedSuite(workDir, {
    suite: 'features/catalog',
    // The leak census reads the runtime's internals; the in-repository run keeps it.
    skip: ['leaks.ts'],
    copy: ['schemas'],
    extra: { 'parse.ts': PARSE },
    imports: { '../../../support/parse.js': './parse.js' },
  });
  assertSucceeded('the catalog from the tarball', result);
  const counted = /\b(\d+) scenarios \((\d+) passed\)/.exec(result.output);
  assert.ok(counted, result.output);
  assert.equal(counted[1], counted[2], result.output);
  assert.ok(Number(counted[1]) >= 40, `only ${counted[1]} scenarios ran`);
});
