// The package's modules import one way: no file reaches itself again through its imports (type-only imports included).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { repoRoot } from './helpers/packed.js';

/** The published code: the entry points and the folders they are built from (tsconfig.build.json), and those to come. */
const ROOTS = ['index.ts', 'checks.ts', 'lib', 'support', 'steps', 'report', 'processes', 'sources'];

/**
 * Circles tolerated while they are being broken, each as its files sorted: none now. An entry that is no longer a circle
 * fails the test, so that this list only shrinks.
 */
const KNOWN_CIRCLES: readonly (readonly string[])[] = [];

function sourceFiles(): string[] {
  return ROOTS.filter((root) => existsSync(join(repoRoot, root))).flatMap((root) =>
    root.endsWith('.ts')
      ? [root]
      : readdirSync(join(repoRoot, root), { recursive: true, encoding: 'utf8' })
          .map((file) => `${root}/${file.split(sep).join('/')}`)
          .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts')),
  );
}

/** The files of the repository a file imports: relative specifiers, `.js` read as the `.ts` it is compiled from. */
function importsOf(file: string): string[] {
  const imported = ts.preProcessFile(readFileSync(join(repoRoot, file), 'utf8'), true, true).importedFiles.map((entry) => entry.fileName);
  return imported
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) =>
      relative(repoRoot, join(repoRoot, dirname(file), specifier.replace(/\.js$/, '.ts')))
        .split(sep)
        .join('/'),
    )
    .map((target) => (existsSync(join(repoRoot, target)) ? target : `${target.replace(/\.ts$/, '')}/index.ts`))
    .filter((target) => existsSync(join(repoRoot, target)));
}

/** The groups of files that import each other in a circle (strongly connected components of two files or more, or a file that imports itself). */
function circles(files: readonly string[]): string[][] {
  const edges = new Map(files.map((file) => [file, importsOf(file)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || (edges.get(file) ?? []).includes(file)) found.push(group.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

test('no import circle in the package code but those being broken elsewhere, and each of those is still a circle', () => {
  const files = sourceFiles();
  assert.ok(files.length > 50, `only ${files.length} files found`);
  const found = circles(files).map((group) => group.join(' <-> '));
  const known = KNOWN_CIRCLES.map((group) => [...group].sort().join(' <-> '));
  assert.deepEqual(
    found.filter((group) => !known.includes(group)),
    [],
    'new import circles',
  );
  assert.deepEqual(
    known.filter((group) => !found.includes(group)),
    [],
    'circles no longer there: remove them from KNOWN_CIRCLES',
  );
});
