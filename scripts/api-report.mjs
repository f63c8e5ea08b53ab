// Builds dist/ and checks the API report of every entry point in package.json "exports" (etc/*.api.md) with API Extractor;
// `--update` accepts the current surface by rewriting the reports, so a change of the public API shows as a reviewed diff.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportFolder = join(root, 'etc');
const update = process.argv.includes('--update');
const unknown = process.argv.slice(2).filter((argument) => argument !== '--update');
if (unknown.length > 0) {
  console.error(`api-report: unknown argument ${unknown.join(' ')}; expected nothing (check) or --update (accept the current API)`);
  process.exit(2);
}

/** `.` -> `index`, `./report/json` -> `report-json`: the report's file name for an entry point. */
function reportName(subpath) {
  return subpath === '.' ? 'index' : subpath.slice(2).replaceAll('/', '-');
}

function entryPoints() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.entries(manifest.exports)
    .filter(([, target]) => typeof target === 'object' && target.types)
    .map(([subpath, target]) => ({ subpath, types: join(root, target.types) }));
}

function build() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function extract({ subpath, types }) {
  if (!existsSync(types)) throw new Error(`package.json exports "${subpath}" with types ${relative(root, types)}, which the build did not write`);
  const name = reportName(subpath);
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: types,
      compiler: {
        // The declarations alone, as a consumer's compiler sees them; not the repository's sources and tests.
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            lib: ['ES2023', 'esnext.disposable'],
            types: ['node'],
            strict: true,
          },
          files: [relative(root, types)],
        },
      },
      apiReport: {
        enabled: true,
        reportFolder,
        reportFileName: `${name}.api.md`,
        reportTempFolder: join(root, '.tmp', 'api-report'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' } },
        extractorMessageReporting: {
          default: { logLevel: 'warning' },
          // The package has one release level; release tags would only add noise.
          'ae-missing-release-tag': { logLevel: 'none' },
          // An export without TSDoc shows in the report, where a reviewer sees it.
          'ae-undocumented': { logLevel: 'none', addToApiReportFile: true },
          'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
          'ae-unresolved-link': { logLevel: 'none', addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: join(root, 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, {
    localBuild: update,
    messageCallback(message) {
      // The bundled compiler may be newer than the project's; that note is not a problem of the API.
      if (message.messageId === 'console-compiler-version-notice') message.logLevel = ExtractorLogLevel.None;
    },
  });
  return { subpath, name, result };
}

build();
mkdirSync(reportFolder, { recursive: true });
const outcomes = entryPoints().map(extract);
const changed = outcomes.filter(({ result }) => result.apiReportChanged);
const failed = outcomes.filter(({ result }) => !result.succeeded);
for (const { subpath, name, result } of outcomes) {
  const state = result.apiReportChanged ? (update ? 'updated' : 'CHANGED') : 'unchanged';
  console.log(`${subpath.padEnd(16)} etc/${name}.api.md ${state}${result.warningCount ? ` (${result.warningCount} warnings)` : ''}`);
}
if (!update && changed.length > 0) {
  console.error(
    `\nThe public API differs from its reviewed report: ${changed.map(({ name }) => `etc/${name}.api.md`).join(', ')}.\n` +
      'The new report is in .tmp/api-report/; if the change is meant, run `npm run api:update` and commit etc/ with it.',
  );
}
process.exit(failed.length > 0 || (!update && changed.length > 0) ? 1 : 0);
