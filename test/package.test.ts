// Packs the library with npm, installs the tarball into a fresh TypeScript consumer suite, and type-checks and runs it there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtureDir = join(repoRoot, 'test', 'fixtures', 'consumer');
const packageName = 'cucumber-observation';

// Generous bounds: the machine is shared, and npm, tsc and Cucumber each start a fresh Node process.
const STEP_TIMEOUT_MS = 180_000;
const SUITE_TIMEOUT_MS = 600_000;

interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
  readonly timedOut: boolean;
}

// A nested npm must see its own project, not the one whose `npm test` started this file.
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$)/i.test(key) || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return env;
}

/** Runs a command to its end, collecting stdout and stderr together; kills it only if it outlives the bound. */
function run(command: string, args: readonly string[], cwd: string, timeoutMs = STEP_TIMEOUT_MS): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const backstop = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(backstop);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(backstop);
      resolvePromise({ code, signal, output, timedOut });
    });
  });
}

function assertSucceeded(what: string, result: RunResult): void {
  assert.ok(!result.timedOut, `${what} did not exit by itself within its bound; output:\n${result.output}`);
  assert.equal(result.code, 0, `${what} exited with ${result.code ?? result.signal}; output:\n${result.output}`);
}

function readJson(path: string): Record<string, any> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** The package a bare specifier names: `chai`, `@scope/name` (subpaths dropped). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Every module specifier a file imports or re-exports, statically or dynamically (strings in messages are not imports). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);
}

/** The bare specifiers reachable from one dist file (.js, or .d.ts for types) through its relative imports, and the files visited. */
function importGraph(packageDir: string, entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(join(packageDir, file))) {
      if (!specifier.startsWith('.')) {
        bare.add(specifier);
        continue;
      }
      const target = file.endsWith('.d.ts') ? specifier.replace(/\.js$/, '.d.ts') : specifier;
      pending.push(relative(packageDir, resolve(packageDir, dirname(file), target)).split(sep).join('/'));
    }
  }
  return { files, bare };
}

/** The fenced blocks of the README's consumer section: language, the fixture file it shows (if any), and its text. */
function readmeBlocks(): { language: string; file: string | undefined; text: string }[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = /<!-- consumer:start -->([\s\S]*?)<!-- consumer:end -->/.exec(readme)?.[1];
  assert.ok(section, 'README.md has no consumer:start / consumer:end section');
  return [...section.matchAll(/^```(\w+)(?: +(\S+))?\n([\s\S]*?)^```$/gm)].map((match) => ({
    language: match[1]!,
    file: match[2],
    text: match[3]!,
  }));
}

describe('the packed package, installed into a consumer suite', { timeout: SUITE_TIMEOUT_MS }, () => {
  let workDir = '';
  let consumerDir = '';
  let packageDir = '';
  let tarballFiles: string[] = [];

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'cucumber-observation-package-'));
    // Packed from a copy of the repo, so that its prepack build never races another run's in the working tree.
    const stageDir = join(workDir, 'stage');
    const skipped = new Set(['node_modules', '.git', '.tmp', 'dist', 'reports']);
    cpSync(repoRoot, stageDir, {
      recursive: true,
      filter: (source) => {
        const top = relative(repoRoot, source).split(sep)[0]!;
        return !skipped.has(top) && !top.endsWith('.tgz');
      },
    });
    symlinkSync(join(repoRoot, 'node_modules'), join(stageDir, 'node_modules'), 'dir');
    assertSucceeded('npm pack', await run('npm', ['pack', '--pack-destination', workDir], stageDir));
    const tarballs = readdirSync(workDir).filter((name) => name.endsWith('.tgz'));
    assert.equal(tarballs.length, 1, `npm pack should write one tarball, wrote: ${tarballs.join(', ') || 'none'}`);

    consumerDir = join(workDir, 'consumer');
    cpSync(fixtureDir, consumerDir, { recursive: true });
    const install = await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '-D', join(workDir, tarballs[0]!)],
      consumerDir,
    );
    assertSucceeded('npm install in the consumer', install);
    packageDir = join(consumerDir, 'node_modules', packageName);
    tarballFiles = filesUnder(packageDir);
  });

  after(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  test('ships the built entry points with their types, and no tests or sources', () => {
    for (const file of tarballFiles) {
      assert.ok(
        file === 'package.json' || file === 'README.md' || file === 'LICENSE' || file.startsWith('dist/'),
        `unexpected file in the package: ${file}`,
      );
      assert.doesNotMatch(file, /\.test\.|(^|\/)(features|examples|test|bench)\//, `test or example code in the package: ${file}`);
      assert.doesNotMatch(file, /(?<!\.d)\.ts$/, `TypeScript source in the package: ${file}`);
      if (file.endsWith('.js')) assert.ok(tarballFiles.includes(file.replace(/\.js$/, '.d.ts')), `${file} has no .d.ts beside it`);
    }
    const manifest = readJson(join(packageDir, 'package.json'));
    assert.deepEqual(manifest.exports, {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './steps': { types: './dist/steps/index.d.ts', default: './dist/steps/index.js' },
      './package.json': './package.json',
    });
    for (const target of [manifest.main, manifest.types, './dist/steps/index.js', './dist/steps/index.d.ts']) {
      assert.ok(existsSync(join(packageDir, target)), `${target} is named by package.json but missing from the package`);
    }
  });

  test('every runtime import in dist resolves to a dependency or the Cucumber peer, and every dependency is used', () => {
    const manifest = readJson(join(packageDir, 'package.json'));
    const runtime = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
    assert.deepEqual(Object.keys(manifest.peerDependencies ?? {}), ['@cucumber/cucumber']);
    const used = new Set<string>();
    for (const file of tarballFiles.filter((name) => name.endsWith('.js') || name.endsWith('.d.ts'))) {
      for (const specifier of importsOf(join(packageDir, file))) {
        if (specifier.startsWith('.')) {
          assert.ok(existsSync(resolve(packageDir, dirname(file), specifier)), `${file} imports ${specifier}, which is not in the package`);
          continue;
        }
        if (isBuiltin(specifier)) continue;
        const name = packageOf(specifier);
        assert.ok(
          runtime.has(name),
          `${file} imports "${specifier}", but ${name} is not a dependency or peer dependency` +
            (manifest.devDependencies?.[name] ? ' (only a devDependency, which consumers do not get)' : ''),
        );
        if (file.endsWith('.js')) used.add(name);
      }
    }
    for (const name of Object.keys(manifest.dependencies ?? {})) assert.ok(used.has(name), `dependency ${name} is never imported by dist`);
  });

  // tsc types an untyped package's import in a library's .d.ts as any, silently, even without skipLibCheck.
  test("the entry points' declarations only reach packages that ship their types", () => {
    const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
    for (const entry of ['dist/index.d.ts', 'dist/steps/index.d.ts']) {
      for (const specifier of importGraph(packageDir, entry).bare) {
        if (isBuiltin(specifier)) continue;
        const resolved = ts.resolveModuleName(specifier, join(packageDir, entry), options, ts.sys, undefined, undefined, ts.ModuleKind.ESNext);
        const extension = resolved.resolvedModule?.extension ?? 'nothing';
        assert.ok(
          [ts.Extension.Dts, ts.Extension.Dmts, ts.Extension.Dcts].includes(extension as ts.Extension),
          `${entry}'s types import "${specifier}", which resolves to ${extension} in a consumer, not to declarations`,
        );
      }
    }
  });

  test('the root entry neither imports Cucumber nor loads the steps', () => {
    const { files, bare } = importGraph(packageDir, 'dist/index.js');
    assert.ok(![...bare].some((specifier) => packageOf(specifier) === '@cucumber/cucumber'), `the root entry imports Cucumber: ${[...bare].join(', ')}`);
    assert.deepEqual([...files].filter((file) => file.startsWith('dist/steps/')), []);
  });

  test('importing the root registers nothing on Cucumber; importing the steps entry registers the catalog', async () => {
    const script = `
      import { supportCodeLibraryBuilder } from '@cucumber/cucumber';
      import { randomUUID } from 'node:crypto';
      function registered() {
        const library = supportCodeLibraryBuilder.finalize();
        const hookLists = Object.entries(library).filter(([key]) => key.endsWith('HookDefinitions'));
        return {
          steps: library.stepDefinitions.length,
          hooks: hookLists.reduce((sum, [, list]) => sum + list.length, 0),
          parameterTypes: ['duration', 'json', 'stage', 'check', 'comparison', 'quantifier', 'state'].filter((name) => library.parameterTypeRegistry.lookupByTypeName(name)),
        };
      }
      supportCodeLibraryBuilder.reset(process.cwd(), randomUUID);
      const root = await import('${packageName}');
      const afterRoot = registered();
      supportCodeLibraryBuilder.reset(process.cwd(), randomUUID);
      await import('${packageName}/steps');
      console.log(JSON.stringify({ exports: Object.keys(root), afterRoot, afterSteps: registered() }));
    `;
    const result = await run(process.execPath, ['--input-type=module', '--eval', script], consumerDir);
    assertSucceeded('the import check', result);
    const report = JSON.parse(result.output.trim().split('\n').at(-1)!) as {
      exports: string[];
      afterRoot: { steps: number; hooks: number; parameterTypes: string[] };
      afterSteps: { steps: number; hooks: number; parameterTypes: string[] };
    };
    for (const name of ['withObservation', 'defineObservation', 'ObservationRuntime', 'ObservationHandle', 'every', 'atLeast', 'that', 'allEqual', 'rememberedValue', 'ObservationGuard', 'ObservationGuardError', 'ObservationTooEarlyError', 'waitAndHold']) {
      assert.ok(report.exports.includes(name), `the root entry does not export ${name}`);
    }
    assert.deepEqual(report.afterRoot, { steps: 0, hooks: 0, parameterTypes: [] });
    assert.ok(report.afterSteps.steps > 20, `the steps entry registered ${report.afterSteps.steps} steps`);
    assert.ok(report.afterSteps.hooks >= 4, `the steps entry registered ${report.afterSteps.hooks} hooks`);
    assert.deepEqual(report.afterSteps.parameterTypes, ['duration', 'json', 'stage', 'check', 'comparison', 'quantifier', 'state']);
  });

  test('the consumer resolves one copy of Cucumber, its own', () => {
    const own = realpathSync(join(consumerDir, 'node_modules', '@cucumber', 'cucumber', 'package.json'));
    const fromLibrary = createRequire(join(packageDir, 'package.json')).resolve('@cucumber/cucumber/package.json');
    assert.equal(realpathSync(fromLibrary), own);
    const lock = readJson(join(consumerDir, 'package-lock.json'));
    const copies = Object.keys(lock.packages).filter((path) => path.endsWith('node_modules/@cucumber/cucumber'));
    assert.deepEqual(copies, ['node_modules/@cucumber/cucumber']);
  });

  test('the consumer type-checks, including its expected type errors', async () => {
    const result = await run(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.'], consumerDir);
    assertSucceeded('tsc in the consumer', result);
  });

  for (const mode of [[], ['--parallel', '2']]) {
    test(`the consumer's suite passes ${mode.length ? 'with ' + mode.join(' ') : 'serially'} and exits by itself`, async () => {
      const cli = join('node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
      const result = await run(process.execPath, [cli, ...mode], consumerDir);
      assertSucceeded(`cucumber-js ${mode.join(' ')}`.trim(), result);
      assert.doesNotMatch(result.output, /isn't running|invalid installation/i, 'Cucumber saw two copies of itself');
      assert.match(result.output, /^3 scenarios \(3 passed\)$/m);
      assert.match(result.output, /^20 steps \(20 passed\)$/m);
      if (mode.length === 0) {
        const printed = readmeBlocks().find((block) => block.language === 'text' && block.file === undefined);
        assert.ok(printed, 'the README shows no output of the run');
        const stable = printed.text.split('\n').filter((line) => line.trim() !== '' && !/^\d+m\d+\.\d+s/.test(line));
        const actual = new Set(result.output.split('\n').map((line) => line.trimEnd()));
        for (const line of stable) assert.ok(actual.has(line), `the README says the run prints "${line}"; it printed:\n${result.output}`);
      }
    });
  }

  test("the README's consumer files are the fixture's, and its install line installs what the fixture uses", () => {
    const blocks = readmeBlocks();
    const shown = blocks.filter((block) => block.file !== undefined);
    assert.ok(shown.length >= 4, 'the README shows too few of the consumer files');
    for (const { file, text } of shown) {
      const path = join(fixtureDir, file!);
      assert.ok(existsSync(path), `the README shows ${file}, which the fixture does not have`);
      assert.equal(text, readFileSync(path, 'utf8'), `the README's ${file} differs from test/fixtures/consumer/${file}`);
    }
    const installed = blocks
      .filter((block) => block.language === 'sh')
      .flatMap((block) => [...block.text.matchAll(/^npm install -D ([^#\n]+)/gm)])
      .flatMap((match) => match[1]!.trim().split(/\s+/));
    const fixtureDevDependencies = Object.keys(readJson(join(fixtureDir, 'package.json')).devDependencies ?? {});
    assert.deepEqual([...installed].sort(), [packageName, ...fixtureDevDependencies].sort());
  });
});
