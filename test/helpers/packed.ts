// Packs the library as npm would publish it, runs commands in consumer projects, and reads the packed files' imports.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const packageName = 'cucumber-observation';

// Generous: the machine is shared, and npm, tsc and Cucumber each start a fresh Node process.
const STEP_TIMEOUT_MS = 240_000;

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
  readonly timedOut: boolean;
}

export interface RunOptions {
  /** The Node binary that `node`, npm and every script of the command resolve to (put first on PATH). */
  readonly node?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

// A nested npm must see its own project, not the one whose `npm test` started this file.
function childEnv({ node, env }: RunOptions): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$)/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
    result[key] = value;
  }
  if (node) result.PATH = [dirname(node), result.PATH].filter(Boolean).join(delimiter);
  return { ...result, ...env };
}

/** Runs a command to its end, collecting stdout and stderr together; kills it only if it outlives the bound. */
export function run(command: string, args: readonly string[], cwd: string, options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(options), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const backstop = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? STEP_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(backstop);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(backstop);
      resolvePromise({ code, signal, output, timedOut });
    });
  });
}

export function assertSucceeded(what: string, result: RunResult): void {
  assert.ok(!result.timedOut, `${what} did not exit by itself within its bound; output:\n${result.output}`);
  assert.equal(result.code, 0, `${what} exited with ${result.code ?? result.signal}; output:\n${result.output}`);
}

/** `npm pack` of a copy of the repository (so that its prepack build never races another run's): the tarball's path. */
export async function packLibrary(workDir: string): Promise<string> {
  const stageDir = join(workDir, 'stage');
  const skipped = new Set(['node_modules', '.git', '.tmp', 'dist', 'reports']);
  cpSync(repoRoot, stageDir, {
    recursive: true,
    filter: (source) => {
      const top = relative(repoRoot, source).split(sep)[0]!;
      return !skipped.has(top) && !top.endsWith('.tgz');
    },
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(stageDir, 'node_modules'), 'dir');
  assertSucceeded('npm pack', await run('npm', ['pack', '--pack-destination', workDir], stageDir));
  const tarballs = readdirSync(workDir).filter((name) => name.endsWith('.tgz'));
  assert.equal(tarballs.length, 1, `npm pack should write one tarball, wrote: ${tarballs.join(', ') || 'none'}`);
  return join(workDir, tarballs[0]!);
}

export function readJson(path: string): Record<string, any> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** The package a bare specifier names: `chai`, `@scope/name` (subpaths dropped). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every module specifier a file imports or re-exports, statically or dynamically (strings in messages are not imports). */
export function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);
}

/** The bare specifiers reachable from one dist file (.js, or .d.ts for types) through its relative imports, and the files visited. */
export function importGraph(packageDir: string, entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(join(packageDir, file))) {
      if (!specifier.startsWith('.')) {
        bare.add(specifier);
        continue;
      }
      const target = file.endsWith('.d.ts') ? specifier.replace(/\.js$/, '.d.ts') : specifier;
      pending.push(
        relative(packageDir, resolve(packageDir, dirname(file), target))
          .split(sep)
          .join('/'),
      );
    }
  }
  return { files, bare };
}
