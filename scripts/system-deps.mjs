// Installs the Debian packages that a test tier needs and the machine lacks (the tier runner calls it before the tier).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** @typedef {{ package: string, command: string, override?: string, neededBy: string, tiers: readonly string[] }} SystemPackage */

/**
 * What the tests need from the system, one entry per Debian package: present when `command` is on PATH, or when
 * `override` names an environment variable that is set (a build of the program somewhere else); `tiers` are the test
 * tiers (scripts/test-tiers.mjs) that need it, and only they install it. Add a package here.
 * @type {readonly SystemPackage[]}
 */
export const SYSTEM_PACKAGES = [
  { package: 'chromium', command: 'chromium', override: 'CHROMIUM_PATH', neededBy: 'the timeline browser test', tiers: ['e2e'] },
  {
    package: 'etcd-server',
    command: 'etcd',
    override: 'ETCD_BIN',
    neededBy: 'the etcd suites, the process tests and the cluster-start bench',
    tiers: ['e2e'],
  },
  { package: 'etcd-client', command: 'etcdctl', neededBy: 'the etcdctl sources of the etcd twin suite', tiers: ['e2e'] },
];

/**
 * Whether an executable file of that name is in one of PATH's folders.
 * @param {string} command
 */
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

/**
 * The entries of `packages` that this machine lacks.
 * @param {readonly SystemPackage[]} packages
 * @param {Readonly<Record<string, string | undefined>>} env
 */
export function missingPackages(packages = SYSTEM_PACKAGES, env = process.env) {
  return packages.filter((entry) => !(entry.override && env[entry.override]) && !onPath(entry.command, env.PATH ?? ''));
}

/**
 * What to do about the missing packages: nothing, install them all with one `apt-get update` first (root with
 * apt-get), or stop with one line naming the packages and the command that installs them.
 * @param {readonly SystemPackage[]} missing
 * @param {{ isRoot: boolean, hasAptGet: boolean }} machine
 * @returns {{ action: 'none' } | { action: 'install', packages: string[] } | { action: 'fail', message: string }}
 */
export function plan(missing, { isRoot, hasAptGet }) {
  if (missing.length === 0) return { action: 'none' };
  const names = missing.map((entry) => entry.package);
  if (isRoot && hasAptGet) return { action: 'install', packages: names };
  const needs = missing.map((entry) => `${entry.package} (for ${entry.neededBy})`).join(', ');
  const command = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${names.join(' ')}`;
  const them = names.length > 1 ? 'them' : 'it';
  const how = hasAptGet ? `run as root, or install ${them} with: ${command}` : `install ${them} with your system's package manager (on Debian: ${command})`;
  return { action: 'fail', message: `missing system package${names.length > 1 ? 's' : ''} ${needs}: ${how}` };
}

/**
 * The entries a set of tiers needs: all of them when no tier is named.
 * @param {readonly string[]} tiers
 * @param {readonly SystemPackage[]} packages
 */
export function packagesFor(tiers, packages = SYSTEM_PACKAGES) {
  return tiers.length === 0 ? packages : packages.filter((entry) => entry.tiers.some((tier) => tiers.includes(tier)));
}

/** @param {string[]} args */
function apt(args) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
}

/**
 * Makes sure the machine has what `tier` needs (every tier when none is named): nothing to do, an install with
 * apt-get as root, or an Error whose message is the one line that names the missing packages and their command.
 * @param {string} [tier]
 */
export function ensureSystemPackages(tier) {
  const needed = packagesFor(tier === undefined ? [] : [tier]);
  const decision = plan(missingPackages(needed), { isRoot: process.getuid?.() === 0, hasAptGet: onPath('apt-get') });
  if (decision.action === 'none') return;
  if (decision.action === 'fail') throw new Error(decision.message);
  console.log(`installing the missing system packages the ${tier ?? ''}${tier ? ' ' : ''}tests need: ${decision.packages.join(', ')}`);
  apt(['-qq', 'update']);
  apt(['-q', 'install', '-y', '--no-install-recommends', ...decision.packages]);
  const stillMissing = missingPackages(needed).map((entry) => `${entry.package} (no "${entry.command}" on PATH)`);
  if (stillMissing.length > 0) throw new Error(`apt-get installed nothing usable for: ${stillMissing.join(', ')}`);
}

/** `node scripts/system-deps.mjs [tier…]`: what those tiers need (every tier's when none is named). */
function main() {
  const tiers = process.argv.slice(2);
  try {
    if (tiers.length === 0) ensureSystemPackages();
    for (const tier of tiers) ensureSystemPackages(tier);
  } catch (error) {
    console.error(/** @type {Error} */ (error).message);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
