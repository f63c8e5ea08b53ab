// Packs the library, installs the tarball into fresh consumer suites on every Node and Cucumber pair of the README's
// supported-versions table, and checks, type-checks and runs each README setup there; then checks the package itself.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setUpPair, setupDir, setupEnv, type ConsumerPair } from './helpers/consumer-pairs.js';
import { consumerBlocks, fixtureDir, installLines, printedBy, supportedVersions } from './helpers/consumer-setups.js';
import { assertSucceeded, filesUnder, importGraph, importsOf, packageName, packageOf, packLibrary, readJson, repoRoot, run } from './helpers/packed.js';
import { indexedSteps } from './helpers/step-index.js';
import ts from 'typescript';

const SUITE_TIMEOUT_MS = 1_500_000;
const versions = supportedVersions();
const cucumberCli = (pair: ConsumerPair): string => join(pair.root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');

// The pairs run at once, each pair's tests one after another (subtests would inherit `concurrency: true`).
describe('the packed package', { timeout: SUITE_TIMEOUT_MS, concurrency: true }, () => {
  let workDir = '';
  let tarball = '';
  // Every pair sets up at once (npm and the downloads mostly wait); a pair that cannot fails its own tests, saying why.
  const pairs = new Map<string, Promise<ConsumerPair>>();

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'cucumber-observation-package-'));
    tarball = await packLibrary(workDir);
    for (const version of versions) {
      const pair = setUpPair(version, tarball, workDir);
      pair.catch(() => {});
      pairs.set(version.node, pair);
    }
    await Promise.allSettled(pairs.values());
  });

  after(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  // The package's own checks use the first pair's install: the machine's Node with the oldest Cucumber.
  const first = (): Promise<ConsumerPair> => pairs.get(versions[0]!.node)!;
  const packageDir = (pair: ConsumerPair): string => join(pair.root, 'node_modules', packageName);

  describe('its files and manifest', { concurrency: false }, () => {
    test('ships the built entry points with their types, a LICENSE, and no tests or sources', async () => {
      const dir = packageDir(await first());
      const files = filesUnder(dir);
      for (const file of files) {
        assert.ok(['package.json', 'README.md', 'LICENSE'].includes(file) || file.startsWith('dist/'), `unexpected file in the package: ${file}`);
        assert.doesNotMatch(file, /\.test\.|(^|\/)(features|examples|test|bench)\//, `test or example code in the package: ${file}`);
        assert.doesNotMatch(file, /(?<!\.d)\.ts$/, `TypeScript source in the package: ${file}`);
        if (file.endsWith('.js')) assert.ok(files.includes(file.replace(/\.js$/, '.d.ts')), `${file} has no .d.ts beside it`);
      }
      assert.match(readFileSync(join(dir, 'LICENSE'), 'utf8'), /^MIT License/);
      const manifest = readJson(join(dir, 'package.json'));
      assert.deepEqual(manifest.exports, {
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './checks': { types: './dist/checks.d.ts', default: './dist/checks.js' },
        './steps': { types: './dist/steps/index.d.ts', default: './dist/steps/index.js' },
        './processes': { types: './dist/processes/index.d.ts', default: './dist/processes/index.js' },
        './sources': { types: './dist/sources/index.d.ts', default: './dist/sources/index.js' },
        './report': { types: './dist/report/formatters/markdown.d.ts', default: './dist/report/formatters/markdown.js' },
        './report/json': { types: './dist/report/formatters/json.d.ts', default: './dist/report/formatters/json.js' },
        './report/html': { types: './dist/report/formatters/html.d.ts', default: './dist/report/formatters/html.js' },
        './package.json': './package.json',
      });
      assert.deepEqual(manifest.bin, { 'cucumber-observation': './dist/report/cli.js' });
      const targets = Object.values(manifest.exports as Record<string, { types?: string; default?: string } | string>).flatMap((target) =>
        typeof target === 'string' ? [target] : [target.types!, target.default!],
      );
      for (const target of [manifest.main, manifest.types, manifest.bin['cucumber-observation'], ...targets]) {
        assert.ok(existsSync(join(dir, target)), `${target} is named by package.json but missing from the package`);
      }
    });

    test('reads right on a registry page: license, repository, homepage, bugs, keywords, and only absolute links', async () => {
      const dir = packageDir(await first());
      const manifest = readJson(join(dir, 'package.json'));
      assert.equal(manifest.license, 'MIT');
      assert.match(manifest.repository?.url ?? '', /^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
      assert.match(manifest.homepage ?? '', /^https:\/\//);
      assert.match(manifest.bugs?.url ?? '', /^https:\/\/.*\/issues$/);
      assert.ok(Array.isArray(manifest.keywords) && manifest.keywords.includes('cucumber'), 'package.json has no keywords');
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g), ...readme.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
      assert.ok(targets.length > 0, 'the README has no links');
      for (const target of targets) assert.match(target, /^(https:\/\/|#)/, `the README links to "${target}", which breaks on a registry page`);
      // The consumer's setup comes before this repository's own commands.
      assert.ok(readme.indexOf('<!-- consumer:start -->') < readme.indexOf('npm ci && npm start'), 'the README opens with the repository quick start');
    });

    test('states the supported versions: engines and the Cucumber peer range are those of the README table', async () => {
      const manifest = readJson(join(packageDir(await first()), 'package.json'));
      const majors = [...new Set(versions.map((version) => version.cucumberMajor))].sort((a, b) => a - b);
      assert.equal(manifest.peerDependencies?.['@cucumber/cucumber'], majors.map((major) => `^${major}`).join(' || '));
      const bounded = versions.filter((version) => version.nodeMinimum !== undefined).map((version) => `^${version.nodeMinimum}`);
      const open = Math.min(...versions.filter((version) => version.nodeMinimum === undefined).map((version) => version.nodeMajor));
      assert.equal(manifest.engines?.node, [...bounded, `>=${open}`].join(' || '));
    });

    test('its types pass @arethetypeswrong/cli for an ES module package', async () => {
      await first();
      const attw = await run(
        process.execPath,
        [join(repoRoot, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js'), tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color'],
        workDir,
      );
      assertSucceeded('attw', attw);
      // Its verdict is the exit code; these say that it looked at every entry point, and how a consumer resolves them.
      const entries = ['', '/checks', '/steps', '/processes', '/sources', '/report', '/report/json', '/report/html'].map(
        (subpath) => `${packageName}${subpath}`,
      );
      for (const entry of entries) assert.ok(attw.output.includes(`"${entry}"`), `attw did not check ${entry}`);
      assert.equal(attw.output.match(/^node16 \(from ESM\): 🟢 \(ESM\)$/gm)?.length, entries.length, attw.output);
    });

    test('every runtime import in dist resolves to a dependency or the Cucumber peer, and every dependency is used', async () => {
      const dir = packageDir(await first());
      const manifest = readJson(join(dir, 'package.json'));
      const runtime = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
      assert.deepEqual(Object.keys(manifest.peerDependencies ?? {}), ['@cucumber/cucumber']);
      const used = new Set<string>();
      for (const file of filesUnder(dir).filter((name) => name.endsWith('.js') || name.endsWith('.d.ts'))) {
        for (const specifier of importsOf(join(dir, file))) {
          if (specifier.startsWith('.')) {
            assert.ok(existsSync(resolve(dir, dirname(file), specifier)), `${file} imports ${specifier}, which is not in the package`);
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
    test("the entry points' declarations only reach packages that ship their types", async () => {
      const dir = packageDir(await first());
      const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
      for (const entry of ['dist/index.d.ts', 'dist/checks.d.ts', 'dist/steps/index.d.ts']) {
        for (const specifier of importGraph(dir, entry).bare) {
          if (isBuiltin(specifier)) continue;
          const resolved = ts.resolveModuleName(specifier, join(dir, entry), options, ts.sys, undefined, undefined, ts.ModuleKind.ESNext);
          const extension = resolved.resolvedModule?.extension ?? 'nothing';
          assert.ok(
            [ts.Extension.Dts, ts.Extension.Dmts, ts.Extension.Dcts].includes(extension as ts.Extension),
            `${entry}'s types import "${specifier}", which resolves to ${extension} in a consumer, not to declarations`,
          );
        }
      }
    });

    test('the root entry neither imports Cucumber nor loads the steps', async () => {
      const { files, bare } = importGraph(packageDir(await first()), 'dist/index.js');
      assert.ok(![...bare].some((specifier) => packageOf(specifier) === '@cucumber/cucumber'), `the root entry imports Cucumber: ${[...bare].join(', ')}`);
      assert.deepEqual(
        [...files].filter((file) => file.startsWith('dist/steps/')),
        [],
      );
    });

    test("the README's consumer files are the fixture's, and its install lines install what the fixture imports", () => {
      const shown = consumerBlocks().filter((block) => block.info !== undefined && !block.info.startsWith('output:'));
      for (const { info, text, page } of shown) {
        const path = join(fixtureDir, info!);
        assert.ok(existsSync(path), `${page} shows ${info}, which the fixture does not have`);
        assert.equal(text, readFileSync(path, 'utf8'), `${page}'s ${info} differs from test/fixtures/consumer/${info}`);
      }
      // The suite runs from the README alone: its config, World, observer, steps and feature are all there.
      const inReadme = new Set(shown.filter((block) => block.page === 'README.md').map((block) => block.info));
      const needed = filesUnder(fixtureDir).filter((file) => file === 'cucumber.js' || file.startsWith('features/'));
      assert.deepEqual(
        needed.filter((file) => !inReadme.has(file)),
        [],
        'the README does not show every file the suite runs with',
      );
      const shownFiles = new Set(shown.map((block) => block.info));
      const unshown = filesUnder(fixtureDir).filter((file) => !shownFiles.has(file) && !['package.json', 'type-checks.ts'].includes(file));
      assert.deepEqual(unshown, [], 'the fixture has files that neither the README nor docs/setup.md shows');
      const lines = installLines();
      const installed = new Set([...(lines.get(packageName) ?? []), ...(lines.get('tsx') ?? [])].map((spec) => spec.replace(/(?<=.)@.*$/, '')));
      const sources = filesUnder(fixtureDir).filter((file) => file.endsWith('.ts'));
      for (const specifier of sources.flatMap((file) => importsOf(join(fixtureDir, file)))) {
        if (!specifier.startsWith('.') && !isBuiltin(specifier))
          assert.ok(installed.has(packageOf(specifier)), `the fixture imports ${specifier}, which the README does not install`);
      }
      for (const needed of ['typescript', '@types/node', 'tsx']) assert.ok(installed.has(needed), `the README's TypeScript line does not install ${needed}`);
      // ts-node 10 cannot load TypeScript 7 ("reading 'fileExists'"): its line must pin the last TypeScript it runs with.
      assert.deepEqual(lines.get('ts-node'), ['ts-node', 'typescript@~5.9']);
    });
  });

  describe('in the first pair', { concurrency: false }, () => {
    let registered: { steps: string[]; hooks: number; parameterTypes: string[] } | undefined;

    test('importing the root or the checks registers nothing on Cucumber; importing the steps entry registers the catalog', async () => {
      const pair = await first();
      const script = `
        import { supportCodeLibraryBuilder } from '@cucumber/cucumber';
        import { randomUUID } from 'node:crypto';
        function registered() {
          const library = supportCodeLibraryBuilder.finalize();
          const hookLists = Object.entries(library).filter(([key]) => key.endsWith('HookDefinitions'));
          return {
            steps: library.stepDefinitions.map((definition) => String(definition.pattern)),
            hooks: hookLists.reduce((sum, [, list]) => sum + list.length, 0),
            parameterTypes: ['duration', 'json', 'stage', 'check', 'comparison', 'quantifier', 'state'].filter((name) => library.parameterTypeRegistry.lookupByTypeName(name)),
          };
        }
        supportCodeLibraryBuilder.reset(process.cwd(), randomUUID);
        const root = await import('${packageName}');
        const checks = await import('${packageName}/checks');
        const afterRoot = registered();
        supportCodeLibraryBuilder.reset(process.cwd(), randomUUID);
        await import('${packageName}/steps');
        console.log(JSON.stringify({ exports: Object.keys(root), checks: Object.keys(checks), afterRoot, afterSteps: registered() }));
      `;
      const result = await run(pair.node, ['--input-type=module', '--eval', script], pair.root);
      assertSucceeded('the import check', result);
      const report = JSON.parse(result.output.trim().split('\n').at(-1)!) as {
        exports: string[];
        checks: string[];
        afterRoot: { steps: string[]; hooks: number; parameterTypes: string[] };
        afterSteps: { steps: string[]; hooks: number; parameterTypes: string[] };
      };
      for (const name of [
        'withObservation',
        'defineObservation',
        'ObservationRuntime',
        'observedSource',
        'rememberedValue',
        'ObservationGuardError',
        'ObservationTooEarlyError',
      ]) {
        assert.ok(report.exports.includes(name), `the root entry does not export ${name}`);
      }
      // The root stays small enough to document; the check vocabulary has its own entry.
      assert.ok(report.exports.length <= 45, `the root entry exports ${report.exports.length} runtime values: ${report.exports.join(', ')}`);
      for (const name of ['every', 'atLeast', 'that', 'allEqual', 'not', 'matchesPattern']) {
        assert.ok(report.checks.includes(name), `cucumber-observation/checks does not export ${name}`);
        assert.ok(!report.exports.includes(name), `the root entry still exports the check ${name}`);
      }
      assert.deepEqual(report.afterRoot, { steps: [], hooks: 0, parameterTypes: [] });
      assert.ok(report.afterSteps.steps.length > 20, `the steps entry registered ${report.afterSteps.steps.length} steps`);
      assert.ok(report.afterSteps.hooks >= 4, `the steps entry registered ${report.afterSteps.hooks} hooks`);
      assert.deepEqual(report.afterSteps.parameterTypes, [], "the steps entry registers no parameter type: the names stay the suite's own");
      registered = report.afterSteps;
    });

    test("Cucumber's language service, with the README's cucumber.glue, indexes every registered step and every step of the features", async () => {
      assert.ok(registered, 'the registration check above did not pass');
      const pair = await first();
      const dir = setupDir(pair.root, 'tsx');
      const { expressions, parameterTypes, errors } = await indexedSteps(dir);
      assert.deepEqual(errors, []);
      const fromPackage = expressions.filter((link) => link.file.includes(`node_modules/${packageName}/`)).map((link) => link.source);
      // The editor gives a regular expression's source without its slashes.
      const asIndexed = registered.steps.map((step) => (step.startsWith('/^') && step.endsWith('/') ? step.slice(1, -1) : step));
      assert.deepEqual([...fromPackage].sort(), asIndexed.sort(), 'the editor indexes other steps than the package registers');
      for (const name of registered.parameterTypes) assert.ok(parameterTypes.includes(name), `the editor does not know the {${name}} parameter type`);
      const features = filesUnder(join(dir, 'features')).filter((file) => file.endsWith('.feature'));
      for (const feature of features) {
        for (const [, text] of readFileSync(join(dir, 'features', feature), 'utf8').matchAll(/^\s*(?:Given|When|Then|And|But) (.+)$/gm)) {
          assert.ok(
            expressions.some((link) => link.matches(text!)),
            `${feature}: the editor finds no step definition for "${text}"`,
          );
        }
      }
    });

    test('the report formatter and the bin work as the README shows them', async () => {
      const pair = await first();
      const dir = setupDir(pair.root, 'tsx');
      const result = await run(
        pair.node,
        [
          cucumberCli(pair),
          '--format',
          'cucumber-observation/report:reports/observation.md',
          '--format',
          'cucumber-observation/report/json:reports/observation.json',
          '--format',
          'message:reports/run.ndjson',
        ],
        dir,
        { node: pair.node, env: setupEnv('tsx') },
      );
      assertSucceeded('cucumber-js with the report formatters', result);
      const markdown = readFileSync(join(dir, 'reports', 'observation.md'), 'utf8');
      assert.match(markdown, /^## Observation report\n\n\*\*0 near misses\*\* .* in 3 scenarios on 1 observation\. Cucumber run: passed, /);
      const report = readJson(join(dir, 'reports', 'observation.json'));
      assert.equal(report.totals.scenarios, 3);
      assert.ok(report.totals.bounded >= 6, `bounded waits: ${report.totals.bounded}`);
      assert.deepEqual(
        report.observations.map((row: { observation: string }) => row.observation),
        ['services'],
      );
      const merged = await run(
        pair.node,
        [join(packageDir(pair), 'dist', 'report', 'cli.js'), 'report', '--format', 'json', '-o', 'reports/merged.json', 'reports/run.ndjson'],
        dir,
        { node: pair.node },
      );
      assertSucceeded('cucumber-observation report', merged);
      assert.deepEqual(readJson(join(dir, 'reports', 'merged.json')).totals, report.totals);
    });

    test('the consumer resolves one copy of Cucumber, its own', async () => {
      const pair = await first();
      const own = realpathSync(join(pair.root, 'node_modules', '@cucumber', 'cucumber', 'package.json'));
      const fromLibrary = createRequire(join(packageDir(pair), 'package.json')).resolve('@cucumber/cucumber/package.json');
      assert.equal(realpathSync(fromLibrary), own);
      const lock = readJson(join(pair.root, 'package-lock.json'));
      assert.deepEqual(
        Object.keys(lock.packages).filter((path) => path.endsWith('node_modules/@cucumber/cucumber')),
        ['node_modules/@cucumber/cucumber'],
      );
    });
  });

  for (const version of versions) {
    describe(`on Node ${version.node} with Cucumber ${version.cucumberMajor}`, { concurrency: false }, () => {
      const pair = (): Promise<ConsumerPair> => pairs.get(version.node)!;

      test("installs from the README's lines with no peer or engine conflict", async () => {
        const { installOutput, root } = await pair();
        assert.doesNotMatch(installOutput, /ERESOLVE|EBADENGINE|peer dep/i);
        const installed = readJson(join(root, 'node_modules', '@cucumber', 'cucumber', 'package.json')).version as string;
        assert.equal(installed.split('.')[0], String(version.cucumberMajor));
      });

      // With the TypeScript of the README's line (7) on every pair, since the Cucumber types differ between 12 and 13.
      test('the TypeScript suite type-checks with the TypeScript that the README installs', async () => {
        const current = await pair();
        const tsc = join(current.root, 'node_modules', 'typescript', 'bin', 'tsc');
        assertSucceeded('tsc --noEmit in the consumer', await run(current.node, [tsc, '--noEmit', '-p', '.'], current.root, { node: current.node }));
        // The README's tsconfig skips other packages' declarations; this package's own must still check without it.
        const strict = await run(current.node, [tsc, '--noEmit', '-p', '.', '--skipLibCheck', 'false'], current.root, { node: current.node });
        const ours = strict.output.split('\n').filter((line) => line.includes(`node_modules/${packageName}/`));
        assert.deepEqual(ours, [], `the package's declarations fail a type check without skipLibCheck:\n${strict.output}`);
        const installed = readJson(join(current.root, 'node_modules', 'typescript', 'package.json')).version as string;
        assert.ok(Number(installed.split('.')[0]) >= 7, `the README's line installed TypeScript ${installed}, not the latest`);
      });

      for (const setup of version.setups) {
        // Workers load the support code again: that is where a loader goes missing. The other setups are plain Node there.
        const modes = setup === 'tsx' || setup === 'ts-node' ? [[], ['--parallel', '2']] : [[]];
        for (const mode of modes) {
          test(`the ${setup} suite passes ${mode.length ? 'with ' + mode.join(' ') : 'serially'} and exits by itself`, async () => {
            const current = await pair();
            const result = await run(current.node, [cucumberCli(current), ...mode], setupDir(current.root, setup), {
              node: current.node,
              env: setupEnv(setup),
            });
            assertSucceeded(`cucumber-js ${mode.join(' ')} (${setup}, Node ${current.nodeVersion})`.trim(), result);
            assert.doesNotMatch(result.output, /isn't running|invalid installation/i, 'Cucumber saw two copies of itself');
            const printed = printedBy(version.cucumberMajor);
            // A parallel run counts its hooks per worker; the scenarios and steps are the same.
            const expected = mode.length === 0 ? printed : printed.filter((line) => /^\d+ (scenarios|steps) /.test(line));
            const actual = new Set(result.output.split('\n').map((line) => line.trimEnd()));
            for (const line of expected)
              assert.ok(actual.has(line), `the README says Cucumber ${version.cucumberMajor} prints "${line}"; it printed:\n${result.output}`);
          });
        }
      }
    });
  }
});
