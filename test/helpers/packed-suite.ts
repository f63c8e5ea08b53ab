// A suite of this repository run as a user runs it: the packed tarball installed in a fresh project, the suite's files
// copied with their imports of the repository pointing at the package.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertSucceeded, packageName, packLibrary, repoRoot, run, type RunResult } from './packed.js';

export interface PackedSuiteOptions {
  /** The suite's folder in this repository (features and a `support/` folder), such as `features/etcd-defined`. */
  readonly suite: string;
  /** Support files left out (they read the repository's internals). */
  readonly skip?: readonly string[];
  /** Other files or folders of this repository the suite reads, copied to the same place in the project. */
  readonly copy?: readonly string[];
  /** Files written into the project's `features/support/`, by name. */
  readonly extra?: Readonly<Record<string, string>>;
  /** Replacements for repository imports other than the package's entries, as `'../../../x.js'` -> a module name. */
  readonly imports?: Readonly<Record<string, string>>;
}

/** Installs the packed library, tsx and Cucumber in a fresh project under `workDir`, copies the suite, runs it. */
export async function runPackedSuite(workDir: string, options: PackedSuiteOptions): Promise<RunResult> {
  const tarball = await packLibrary(workDir);
  const project = join(workDir, 'suite');
  mkdirSync(project);
  assertSucceeded('npm init -y', await run('npm', ['init', '-y'], project));
  assertSucceeded('npm pkg set type=module', await run('npm', ['pkg', 'set', 'type=module'], project));
  const cucumber = Number(process.versions.node.split('.')[0]) === 20 ? '@cucumber/cucumber@12' : '@cucumber/cucumber';
  const install = ['install', '-D', tarball, cucumber, 'tsx', 'typescript', '@types/node', '--no-audit', '--no-fund', '--prefer-offline'];
  assertSucceeded('npm install', await run('npm', install, project, { timeoutMs: 600_000 }));

  cpSync(join(repoRoot, options.suite), join(project, 'features'), { recursive: true });
  for (const path of options.copy ?? []) cpSync(join(repoRoot, path), join(project, path), { recursive: true });
  const support = join(project, 'features', 'support');
  for (const file of options.skip ?? []) rmSync(join(support, file));
  const replacements: Record<string, string> = {
    "'../../../steps/index.js'": `'${packageName}/steps'`,
    "'../../../index.js'": `'${packageName}'`,
    ...Object.fromEntries(Object.entries(options.imports ?? {}).map(([from, to]) => [`'${from}'`, `'${to}'`])),
  };
  for (const file of readdirSync(support)) {
    const path = join(support, file);
    let text = readFileSync(path, 'utf8');
    for (const [from, to] of Object.entries(replacements)) text = text.replaceAll(from, to);
    assert.doesNotMatch(text, /from '\.\.\/\.\.\/\.\.\//, `${file} still imports from the repository`);
    writeFileSync(path, text);
  }
  for (const [name, text] of Object.entries(options.extra ?? {})) writeFileSync(join(support, name), text);
  writeFileSync(join(project, 'cucumber.js'), "export default { loader: [], import: ['features/support/**/*.ts'], format: ['summary'] };\n");
  return run('npx', ['cucumber-js'], project, { env: { NODE_OPTIONS: '--import tsx' }, timeoutMs: 600_000 });
}
