// Runs one example suite (a Cucumber profile of cucumber.js) and says where its reports are; shared by npm start and npm run example:etcd.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Runs `cucumber-js --profile <profile>` with this process's extra arguments, then prints the outcome and the reports.
 * @param {{ profile: string, name: string, reports: readonly (readonly [string, string])[] }} example
 */
export function runExample({ profile, name, reports }) {
  // A report left by an earlier run must never pass for this run's.
  for (const [, path] of reports) rmSync(path, { force: true });

  const require = createRequire(import.meta.url);
  const cucumberPackage = require.resolve('@cucumber/cucumber/package.json');
  const cli = join(dirname(cucumberPackage), require(cucumberPackage).bin['cucumber-js']);

  const child = spawn(process.execPath, [cli, '--profile', profile, ...process.argv.slice(2)], { stdio: 'inherit' });

  // Ctrl-C reaches the whole process group: Cucumber and the suite's hooks end their processes; wait for that.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));

  child.on('error', (error) => {
    console.error(`${name}: could not run Cucumber (${cli}): ${error.message}`);
    process.exit(1);
  });

  child.on('exit', (code, signal) => {
    const status = code ?? 1;
    console.log('');
    console.log(status === 0 ? `${name} passed.` : `${name} FAILED (${code === null ? `signal ${signal}` : `exit code ${code}`}).`);
    for (const [label, path] of reports) console.log(`  ${label}: ${existsSync(path) ? path : `${path} (not written)`}`);
    process.exit(status);
  });
}
