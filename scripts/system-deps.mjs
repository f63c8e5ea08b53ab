// Installs the Debian packages that the tests need and the machine lacks (npm test runs it first, as pretest).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What the tests need from the system, one entry per Debian package: present when `command` is on PATH, or when
 * `override` names an environment variable that is set (a build of the program somewhere else). Add a package here.
 */
export const SYSTEM_PACKAGES = [
  { package: 'chromium', command: 'chromium', override: 'CHROMIUM_PATH', neededBy: 'the timeline browser test' },
  { package: 'etcd-server', command: 'etcd', override: 'ETCD_BIN', neededBy: 'the etcd example suite' },
];

/** Whether an executable file of that name is in one of PATH's folders. */
export function onPath(command, path = process.env.PATH ?? '') {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((folder) => {
      try {
        accessSync(join(folder, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** The entries of `packages` that this machine lacks. */
export function missingPackages(packages = SYSTEM_PACKAGES, env = process.env) {
  return packages.filter((entry) => !(entry.override && env[entry.override]) && !onPath(entry.command, env.PATH ?? ''));
}

/**
 * What to do about the missing packages: nothing, install them all with one `apt-get update` first (root with
 * apt-get), or stop with one line naming the packages and the command that installs them.
 */
export function plan(missing, { isRoot, hasAptGet }) {
  if (missing.length === 0) return { action: 'none' };
  const names = missing.map((entry) => entry.package);
  if (isRoot && hasAptGet) return { action: 'install', packages: names };
  const needs = missing.map((entry) => `${entry.package} (for ${entry.neededBy})`).join(', ');
  const command = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${names.join(' ')}`;
  const how = hasAptGet ? `run as root, or install ${names.length > 1 ? 'them' : 'it'} with: ${command}` : `install ${names.length > 1 ? 'them' : 'it'} with your system's package manager (on Debian: ${command})`;
  return { action: 'fail', message: `missing system package ${needs}: ${how}` };
}

function apt(args) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
}

function main() {
  const missing = missingPackages();
  const decision = plan(missing, { isRoot: process.getuid?.() === 0, hasAptGet: onPath('apt-get') });
  if (decision.action === 'none') return;
  if (decision.action === 'fail') {
    console.error(decision.message);
    process.exit(1);
  }
  console.log(`installing the missing system packages the tests need: ${decision.packages.join(', ')}`);
  try {
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', ...decision.packages]);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const stillMissing = missingPackages().map((entry) => `${entry.package} (no "${entry.command}" on PATH)`);
  if (stillMissing.length > 0) {
    console.error(`apt-get installed nothing usable for: ${stillMissing.join(', ')}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
