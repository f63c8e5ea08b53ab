// A new user's path through the README alone: a fresh `npm init -y` project, the README's shell lines for the tsx setup
// run as written (the packed tarball in place of the registry's package), the README's files written from the README
// itself, then the README's command; it passes and prints what the README says it prints.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pageSection, readPage } from './helpers/docs-pages.js';
import { assertSucceeded, packageName, packLibrary, run, type RunResult } from './helpers/packed.js';

const README_COMMAND = "NODE_OPTIONS='--import tsx' npx cucumber-js";

interface ReadmeBlock {
  readonly language: string;
  readonly info: string | undefined;
  readonly text: string;
}

function readmeBlocks(): ReadmeBlock[] {
  return [...pageSection('README.md', 'consumer').matchAll(/^```(\w+)(?: +(\S+))?\n([\s\S]*?)^```$/gm)].map((match) => ({
    language: match[1]!,
    info: match[2],
    text: match[3]!,
  }));
}

/**
 * The README's shell lines for the tsx setup, comments dropped, as argument lists for npm: every line but the other
 * setups' installs; on Node 20 Cucumber pinned to 12, as the README's comment says; the tarball in place of the package.
 */
function shellLines(tarball: string): string[][] {
  const lines = readmeBlocks()
    .filter((block) => block.language === 'sh')
    .flatMap((block) => block.text.split('\n'))
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('npm install -D ts-node'));
  for (const first of [packageName, 'tsx']) {
    assert.ok(
      lines.some((line) => line.startsWith(`npm install -D ${first} `)),
      `the README's consumer section has no line \`npm install -D ${first} …\``,
    );
  }
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  return lines.map((line) => {
    const words = line.split(/\s+/);
    assert.equal(words[0], 'npm', `the README's line "${line}" is not an npm command`);
    return words.slice(1).map((word) => {
      if (word === packageName) return tarball;
      if (word === '@cucumber/cucumber' && nodeMajor === 20) return '@cucumber/cucumber@12';
      return word;
    });
  });
}

/** What the README says a passing run prints with that Cucumber major, the timing line left out. */
function printedWith(cucumberMajor: number): string[] {
  const block = readmeBlocks().find((candidate) => candidate.info === `output:cucumber-${cucumberMajor}`);
  assert.ok(block, `the README shows no run with Cucumber ${cucumberMajor}`);
  return block.text.split('\n').filter((line) => line.trim() !== '' && !/^\d+m ?\d+\.\d+s/.test(line));
}

let workDir: string;
let project: string;
let written: string[];
let suite: RunResult;

before(
  async () => {
    workDir = mkdtempSync(join(tmpdir(), 'cucumber-observation-readme-'));
    const tarball = await packLibrary(workDir);
    project = join(workDir, 'my-suite');
    mkdirSync(project);
    assertSucceeded('npm init -y', await run('npm', ['init', '-y'], project));
    for (const args of shellLines(tarball)) {
      const npmArgs = args[0] === 'install' ? [...args, '--no-audit', '--no-fund', '--prefer-offline'] : args;
      assertSucceeded(`npm ${args.join(' ')}`, await run('npm', npmArgs, project, { timeoutMs: 600_000 }));
    }
    written = [];
    for (const block of readmeBlocks()) {
      if (block.info === undefined || block.info.startsWith('output:')) continue;
      mkdirSync(dirname(join(project, block.info)), { recursive: true });
      writeFileSync(join(project, block.info), block.text);
      written.push(block.info);
    }
    suite = await run('npx', ['cucumber-js'], project, { env: { NODE_OPTIONS: '--import tsx' } });
  },
  { timeout: 900_000 },
);

after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("the README's suite in a fresh project", () => {
  test('is five files: the config, the system, the World with its observer, the steps and the feature', () => {
    assert.deepEqual(written.sort(), [
      'cucumber.js',
      'features/services.feature',
      'features/support/services.ts',
      'features/support/steps.ts',
      'features/support/world.ts',
    ]);
  });

  test(`passes with the README's command (${README_COMMAND}) and prints what the README shows`, () => {
    assert.ok(readPage('README.md').includes(`\`${README_COMMAND}\` prints`), `the README no longer says to run ${README_COMMAND}`);
    assertSucceeded(README_COMMAND, suite);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', '@cucumber', 'cucumber', 'package.json'), 'utf8')) as { version: string };
    const cucumberMajor = Number(installed.version.split('.')[0]);
    const printed = suite.output.split('\n').map((line) => line.trim());
    for (const line of printedWith(cucumberMajor))
      assert.ok(printed.includes(line.trim()), `the README says Cucumber ${cucumberMajor} prints "${line}"; it printed:\n${suite.output}`);
  });
});
