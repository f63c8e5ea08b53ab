// Node binaries of the majors this machine lacks, from the npm registry's `node` package, cached outside the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { messageOf } from '../../lib/format.js';
import { assertSucceeded, run } from './packed.js';

/** Where fetched binaries stay between runs: CUCUMBER_OBSERVATION_NODE_CACHE, else ~/.cache/cucumber-observation/node. */
export function nodeCacheDir(): string {
  return process.env.CUCUMBER_OBSERVATION_NODE_CACHE ?? join(homedir(), '.cache', 'cucumber-observation', 'node');
}

function versionOf(binary: string): string | undefined {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
  } catch {
    return undefined;
  }
}

/**
 * A Node binary of that major: the running one if it is of that major, else the cached one, else one installed now
 * with `npm install node@<major>`. Rejects, saying why, when none can be had: a version this suite claims to support
 * is then untested, which is a failure, never a skip.
 */
export async function nodeBinary(major: number): Promise<string> {
  if (process.versions.node.split('.')[0] === String(major)) return process.execPath;
  const cache = nodeCacheDir();
  const binary = join(cache, String(major), 'node_modules', '.bin', 'node');
  if (existsSync(binary) && versionOf(binary)?.startsWith(`v${major}.`)) return binary;
  try {
    mkdirSync(cache, { recursive: true });
  } catch (error) {
    throw new Error(`cannot get a Node ${major} binary: the cache folder ${cache} cannot be made (${messageOf(error)}); set CUCUMBER_OBSERVATION_NODE_CACHE`);
  }
  // Installed beside the cache entry and renamed into place, so that a run cut short or a concurrent run leaves no half entry.
  const staging = mkdtempSync(join(cache, `${major}.installing-`));
  try {
    writeFileSync(join(staging, 'package.json'), '{ "private": true }\n');
    const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-save', `node@${major}`], staging);
    try {
      assertSucceeded(`npm install node@${major}`, install);
    } catch (error) {
      throw new Error(`cannot get a Node ${major} binary from the npm registry's "node" package: ${messageOf(error)}`);
    }
    const version = versionOf(join(staging, 'node_modules', '.bin', 'node'));
    if (!version?.startsWith(`v${major}.`)) {
      throw new Error(
        `cannot get a Node ${major} binary: npm install node@${major} gave ${version ?? 'no runnable node_modules/.bin/node'}; output:\n${install.output}`,
      );
    }
    rmSync(join(cache, String(major)), { recursive: true, force: true });
    renameSync(staging, join(cache, String(major)));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}
