// Runs every *.test.ts under the source folders with Node's test runner (Node 20 expands no globs itself).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['lib', 'sources', 'support', 'steps', 'report', 'processes', 'test', 'examples', 'bench'];
const filter = process.argv.slice(2);
const files = roots
  .flatMap((root) => {
    try {
      return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((file) => join(root, file));
    } catch {
      return [];
    }
  })
  .filter((file) => file.endsWith('.test.ts') && !file.split(/[\\/]/).includes('node_modules'))
  .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
  .sort();

if (files.length === 0) {
  console.error(`no test files found${filter.length ? ` matching ${filter.join(', ')}` : ''}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', './register-ts-node.mjs', '--test', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
