// Runs a profile of cucumber.js with the Cucumber CLI, as a contributor would, so a tier's suites count in its test summary.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ProfileRun {
  /** The exit code; null when the run was killed after `timeoutMs`. */
  readonly code: number | null;
  readonly output: string;
  /** Cucumber's closing lines: scenarios, steps and the time taken. */
  readonly summary: string;
}

function cucumberCli(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@cucumber/cucumber/package.json');
  return join(dirname(manifest), (require(manifest) as { bin: Record<string, string> }).bin['cucumber-js']!);
}

/**
 * Runs `cucumber-js -p <profile>` (the default profile when undefined) in its own process group, which is killed
 * whole after `timeoutMs`, so that nothing the suite started outlives a hung run.
 */
export async function runProfile(profile: string | undefined, timeoutMs: number): Promise<ProfileRun> {
  const args = [cucumberCli(), ...(profile === undefined ? [] : ['-p', profile])];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
  const chunks: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exit) => resolve(killed ? null : exit));
  }).finally(() => clearTimeout(timer));
  const output = chunks.join('');
  const summary = output
    .split('\n')
    .filter((line) => /^\d+ (scenarios?|steps?) \(|^\d+m[\d.]+s \(executing steps/.test(line))
    .join('; ');
  return { code, output, summary };
}
