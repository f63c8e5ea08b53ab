// `npm start`: runs the example suite (Cucumber profile "example") against a real kv cluster and says where its reports are.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const REPORTS = [
  ['HTML report, with an observation timeline per scenario', 'reports/example.html'],
  ['JUnit XML report', 'reports/example.xml'],
];

// A report left by an earlier run must never pass for this run's.
for (const [, path] of REPORTS) rmSync(path, { force: true });

const require = createRequire(import.meta.url);
const cucumberPackage = require.resolve('@cucumber/cucumber/package.json');
const cli = join(dirname(cucumberPackage), require(cucumberPackage).bin['cucumber-js']);

const child = spawn(process.execPath, [cli, '--profile', 'example', ...process.argv.slice(2)], { stdio: 'inherit' });

// Ctrl-C reaches the whole process group: Cucumber ends its run and its hooks stop the cluster; wait for that.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));

child.on('error', (error) => {
  console.error(`npm start: could not run Cucumber (${cli}): ${error.message}`);
  process.exit(1);
});

child.on('exit', (code, signal) => {
  const status = code ?? 1;
  console.log('');
  console.log(status === 0 ? 'Example suite passed.' : `Example suite FAILED (${code === null ? `signal ${signal}` : `exit code ${code}`}).`);
  for (const [label, path] of REPORTS) console.log(`  ${label}: ${existsSync(path) ? path : `${path} (not written)`}`);
  process.exit(status);
});
