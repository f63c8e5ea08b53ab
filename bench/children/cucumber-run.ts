// Child process of the per-scenario benchmark: runs the trivial suite once through Cucumber's API and prints timings as JSON.
// Usage: node --import ./register-ts-node.mjs bench/children/cucumber-run.ts <variant> <feature file>
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The suite variants: each is one support file beside the shared steps. */
const SUPPORT: Readonly<Record<string, string>> = {
  plain: '../suite/plain.ts',
  'empty-hooks': '../suite/empty-hooks.ts',
  'catalog-only': '../suite/catalog-only.ts',
  'plugin-idle': '../suite/plugin-idle.ts',
  observed: '../suite/observed.ts',
  'observed-unrecorded': '../suite/observed-unrecorded.ts',
};

const [variant = '', feature] = process.argv.slice(2);
if (!(variant in SUPPORT) || !feature) {
  throw new Error(`usage: cucumber-run.ts <${Object.keys(SUPPORT).join('|')}> <feature file>; got ${JSON.stringify(process.argv.slice(2))}`);
}
const support = fileURLToPath(new URL(SUPPORT[variant]!, import.meta.url));
const discard = new Writable({ write: (_chunk, _encoding, done) => done() });

const began = performance.now();
const { runConfiguration } = await loadConfiguration({ file: false, provided: { paths: [feature], import: [support], format: ['progress'] } });
let testRunStartedAt = Number.NaN;
let testRunFinishedAt = Number.NaN;
let cpuAtStart = process.cpuUsage();
let testRunCpuMicros = Number.NaN;
let scenarios = 0;
let passed = 0;
const { success } = await runCucumber(runConfiguration, { cwd: process.cwd(), stdout: discard, stderr: process.stderr }, (envelope) => {
  if (envelope.testRunStarted) {
    testRunStartedAt = performance.now();
    cpuAtStart = process.cpuUsage();
  } else if (envelope.testRunFinished) {
    testRunFinishedAt = performance.now();
    const used = process.cpuUsage(cpuAtStart);
    testRunCpuMicros = used.user + used.system;
  } else if (envelope.testCaseFinished) scenarios += 1;
  else if (envelope.testStepFinished && envelope.testStepFinished.testStepResult.status === 'PASSED') passed += 1;
});
const ended = performance.now();

const observed = variant.startsWith('observed')
  ? ((await import(pathToFileURL(support).href)) as { countObserversCreated(): number }).countObserversCreated()
  : 0;
process.stdout.write(
  `${JSON.stringify({
    variant,
    success,
    scenarios,
    passedSteps: passed,
    observersCreated: observed,
    runCucumberMs: ended - began,
    testRunMs: testRunFinishedAt - testRunStartedAt,
    testRunCpuMs: testRunCpuMicros / 1000,
  })}\n`,
);
