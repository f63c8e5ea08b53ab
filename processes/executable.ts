// Whether a command can be run at all, checked before anything starts, so that a typo fails at once and names the command.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * The path the command would run, looked up like a shell would: a name on PATH, a path relative to `cwd`.
 * @throws Error naming the command when it is not found or not executable.
 */
export function findExecutable(command: string, cwd: string, path: string | undefined): string {
  const candidates = command.includes('/')
    ? [isAbsolute(command) ? command : resolve(cwd, command)]
    : (path ?? '')
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(isAbsolute(dir) ? dir : resolve(cwd, dir), command));
  for (const candidate of candidates) if (isExecutableFile(candidate)) return candidate;
  const where = command.includes('/') ? `at ${candidates[0]}` : 'on PATH';
  throw new Error(`command ${JSON.stringify(command)} is not found ${where}; expected an executable file (is it installed?)`);
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
