// Runs a benchmark child process under the repo's TypeScript loader and parses the one JSON line it prints.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where the loader registration and node_modules are. */
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What a child printed, and how long the whole process took from spawn to exit. */
export interface ChildRun<T> {
  readonly result: T;
  readonly processMs: number;
}

/**
 * Runs `script` (a path relative to the repo root) with `node [nodeFlags] --import ./register-ts-node.mjs`, and
 * resolves with the JSON object on the last line of its stdout. Rejects with its stderr when it fails.
 */
export function runChild<T>(script: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [...nodeFlags, '--import', './register-ts-node.mjs', script, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const processMs = performance.now() - began;
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code ?? signal}:\n${stderr.trim() || stdout.trim()}`));
        return;
      }
      try {
        resolve({ result: JSON.parse(last) as T, processMs });
      } catch {
        reject(new Error(`${script} printed no JSON result line; stdout:\n${stdout}\nstderr:\n${stderr}`));
      }
    });
  });
}
