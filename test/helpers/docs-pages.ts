// The documentation pages this repository checks, and how their code blocks and sections are read.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './packed.js';

/** The README and the docs pages whose examples, excerpts and links the tests check. */
export const DOCS_PAGES = [
  'README.md',
  'docs/README.md',
  'docs/setup.md',
  'docs/tutorial.md',
  'docs/observations.md',
  'docs/api.md',
  'docs/reports.md',
  'docs/examples.md',
  'docs/guarantees.md',
  'docs/benchmarks.md',
  'docs/steps.md',
  'docs/checks.md',
  'docs/processes.md',
  'docs/sources.md',
  'docs/diagnostics.md',
  'docs/calibration.md',
  'docs/contributing.md',
] as const;

/**
 * The page that holds the step catalog, between `<!-- catalog:start -->` and `<!-- catalog:end -->`, which
 * test/catalog.test.ts checks against the registered steps.
 */
export const STEP_CATALOG_PAGE: string = 'docs/steps.md';

/**
 * Pages that other pieces of work write: links to them may miss until they land, and only to them. When one lands,
 * move it from here to DOCS_PAGES, so that its links, excerpts and examples are checked too.
 */
export const PENDING_PAGES: ReadonlySet<string> = new Set<string>([]);

export function readPage(page: string): string {
  return readFileSync(join(repoRoot, page), 'utf8');
}

export interface CodeBlock {
  readonly language: string;
  /** The word after the language: a file the block shows, or `output:…`. */
  readonly info: string | undefined;
  readonly text: string;
  /** The line of the opening fence, counted from 1. */
  readonly line: number;
}

/** The fenced blocks of a page (three backticks at the start of a line), in order. */
export function codeBlocks(page: string): CodeBlock[] {
  const text = readPage(page);
  return [...text.matchAll(/^```(\w+)(?: +(\S+))?\n([\s\S]*?)^```$/gm)].map((match) => ({
    language: match[1]!,
    info: match[2],
    text: match[3]!,
    line: text.slice(0, match.index).split('\n').length,
  }));
}

/** The text between `<!-- name:start -->` and `<!-- name:end -->` of a page. */
export function pageSection(page: string, name: string): string {
  const section = new RegExp(`<!-- ${name}:start -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(readPage(page))?.[1];
  assert.ok(section, `${page} has no ${name}:start / ${name}:end section`);
  return section;
}

/** The cells of a marked table's rows (header and separator left out), backticks removed, trimmed. */
export function tableRows(page: string, name: string): string[][] {
  return pageSection(page, name)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.replaceAll('`', '').trim()),
    );
}
