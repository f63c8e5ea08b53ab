// Installs the packed library into one consumer project per supported Node and Cucumber pair, with each README setup in it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { installLines, writeJavaScriptSuite, writeTsNodeSuite, writeTypeScriptSuite, type Setup, type SupportedVersion } from './consumer-setups.js';
import { nodeBinary } from './node-binaries.js';
import { assertSucceeded, packageName, run, type RunOptions, type RunResult } from './packed.js';

export interface ConsumerPair {
  readonly version: SupportedVersion;
  /** The Node binary of the pair, and what it says its version is. */
  readonly node: string;
  readonly nodeVersion: string;
  /** The project root: its node_modules holds what the README's install lines install. */
  readonly root: string;
  /** What every npm install of the pair printed. */
  readonly installOutput: string;
}

/** The folder of a setup's suite: the project root for the TypeScript suite (tsx, Node's type stripping), else one under it. */
export function setupDir(root: string, setup: Setup): string {
  const folder = { tsx: '.', 'type stripping': '.', 'ts-node': 'ts-node', JavaScript: 'javascript', CommonJS: 'commonjs' }[setup];
  return join(root, folder);
}

/** How the setup's suite is started, beyond `cucumber-js` itself: tsx comes in through NODE_OPTIONS. */
export function setupEnv(setup: Setup): Record<string, string> {
  return setup === 'tsx' ? { NODE_OPTIONS: '--import tsx' } : {};
}

function atLeast(version: string, minimum: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const [wantMajor = 0, wantMinor = 0] = minimum.split('.').map(Number);
  return major === wantMajor && minor >= wantMinor;
}

/** The README's install line that starts with `first`, with the tarball for this package and the pair's Cucumber major. */
function packagesOf(first: string, tarball: string, cucumberMajor: number): string[] {
  const line = installLines().get(first);
  assert.ok(line, `the README has no \`npm install -D ${first} …\` line`);
  return line.map((name) => (name === packageName ? tarball : name === '@cucumber/cucumber' ? `${name}@${cucumberMajor}` : name));
}

async function npmInstall(packages: readonly string[], cwd: string, options: RunOptions): Promise<RunResult> {
  const result = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '-D', ...packages], cwd, options);
  assertSucceeded(`npm install -D ${packages.join(' ')} (in ${cwd})`, result);
  return result;
}

/** Gets the pair's Node binary, installs the README's packages with it, and writes each setup's suite. */
export async function setUpPair(version: SupportedVersion, tarball: string, workDir: string): Promise<ConsumerPair> {
  const node = await nodeBinary(version.nodeMajor);
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (version.nodeMinimum !== undefined) {
    assert.ok(
      atLeast(nodeVersion, version.nodeMinimum),
      `the README supports Node ${version.node}, but this Node 20 is ${nodeVersion}: run the tests on Node ${version.nodeMinimum} or later`,
    );
  }
  const root = join(workDir, `node-${version.nodeMajor}-cucumber-${version.cucumberMajor}`);
  writeTypeScriptSuite(root);
  const options: RunOptions = { node };
  const outputs = [
    (await npmInstall([...packagesOf(packageName, tarball, version.cucumberMajor), ...packagesOf('tsx', tarball, version.cucumberMajor)], root, options))
      .output,
  ];
  for (const setup of new Set(version.setups)) {
    if (setup === 'JavaScript') writeJavaScriptSuite(setupDir(root, setup), 'esm');
    if (setup === 'CommonJS') writeJavaScriptSuite(setupDir(root, setup), 'commonjs');
    if (setup === 'ts-node') {
      // Its own folder, so that its pinned TypeScript does not replace the one the other setups type-check with.
      const dir = setupDir(root, setup);
      writeTsNodeSuite(dir);
      outputs.push((await npmInstall(packagesOf('ts-node', tarball, version.cucumberMajor), dir, options)).output);
    }
  }
  return { version, node, nodeVersion, root, installOutput: outputs.join('\n') };
}
