// Finds the etcd executable: ETCD_BIN when set, else `etcd` on PATH; a missing one fails with how to install it.
// @ts-check
// Plain JavaScript on purpose: `npm run example:etcd` checks for etcd before it loads any TypeScript.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The one line a user reads when there is no etcd to run. */
export const INSTALL_HINT = 'install it with `apt-get install etcd-server` (Debian, Ubuntu), or set ETCD_BIN to the etcd executable';

/** No etcd executable was found (or ETCD_BIN names something that is not one). */
export class EtcdNotFoundError extends Error {
  /** @override */
  name = /** @type {const} */ ('EtcdNotFoundError');
}

/**
 * The path of the etcd executable: `env.ETCD_BIN` if set (it must be an executable file), else the first `etcd` on
 * `env.PATH`.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 * @throws {EtcdNotFoundError} with a one-line message saying how to install etcd.
 */
export function findEtcd(env = process.env) {
  const configured = env.ETCD_BIN;
  if (configured !== undefined && configured !== '') {
    if (!isExecutableFile(configured)) throw new EtcdNotFoundError(`ETCD_BIN=${configured} is not an executable file; ${INSTALL_HINT}`);
    return configured;
  }
  const found = findOnPath('etcd', env);
  if (found === undefined) throw new EtcdNotFoundError(`etcd was not found on PATH; ${INSTALL_HINT}`);
  return found;
}

/**
 * The first executable file named `name` in a directory of `env.PATH`, or undefined.
 * @param {string} name
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined}
 */
export function findOnPath(name, env = process.env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** @param {string} path */
function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
