// docs/sources.md against the code: each kind's documented options are its accepted ones, the reading's fields are a
// real reading's, the definition example passes the definition check, and the etcd twin shown is the one that runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import {
  checkSourceSpec,
  checkSourcesDefinition,
  SOURCE_KINDS,
  SOURCE_OPTIONS,
  type SourceSpec,
  type SourcesDefinition,
  SourcesObserver,
} from '../sources/index.js';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const page = read('docs/sources.md');

/** The first column of the first table after `heading`, backticks removed. */
function firstColumn(heading: string): string[] {
  const start = page.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `docs/sources.md has the heading ${heading}`);
  const lines = page.slice(start).split('\n');
  const table = lines.slice(lines.findIndex((line) => line.startsWith('|')));
  return table
    .slice(
      2,
      table.findIndex((line) => !line.startsWith('|')),
    )
    .map((line) => line.split('|')[1]!.trim().replaceAll('`', ''));
}

/** The fenced blocks of `language`, in page order; `file` names the file a block quotes (```ts path/to/file). */
const blocks = (language: string, file?: string): string[] =>
  [...page.matchAll(new RegExp(`\`\`\`${language}${file === undefined ? '' : ` ${file.replaceAll('.', '\\.')}`}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (found) => found[1]!,
  );

test('each kind documents exactly the options it accepts', () => {
  for (const kind of SOURCE_KINDS) {
    const documented = firstColumn(`### \`${kind}\``);
    assert.deepEqual(new Set(documented), new Set(SOURCE_OPTIONS[kind].filter((option) => option !== 'kind')), `the options of ${kind}`);
  }
});

test('an option a kind does not take is refused, naming it and the options there are', () => {
  const spec = { kind: 'http', target: 'http://127.0.0.1:1/', timeout: 500 } as unknown as SourceSpec;
  assert.throws(() => checkSourceSpec('e1', spec, 'docs'), {
    name: 'SourceDefinitionError',
    message: 'docs: source "e1" (http) has unknown option timeout; its options are kind, target, timeoutMs, method, body, headers, expectStatus',
  });
  assert.throws(() => checkSourceSpec('e1', { kind: 'process', target: 'e1', timeoutMs: 5 } as SourceSpec, 'docs'), /unknown option timeoutMs/);
});

test('the definition example passes the definition check', () => {
  const example = blocks('ts')[0]!;
  const start = example.indexOf('{', example.indexOf("defineObservation('cluster',"));
  const literal = example.slice(start, example.indexOf('\n});', start) + 2);
  const definition = new Function(`return (${literal});`)() as SourcesDefinition;
  checkSourcesDefinition(definition, 'docs example');
  assert.deepEqual(Object.keys(definition.sources), ['e1', 'e1-metrics', 'e1-status']);
});

test('a reading has the fields the page lists, up and down', async () => {
  const server = createServer((_request, response) => response.end('{"health":"true"}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const observer = new SourcesObserver({
    sources: { up: { kind: 'http', target: `http://127.0.0.1:${port}/` }, down: { kind: 'http', target: `http://127.0.0.1:${port}/`, expectStatus: 204 } },
  });
  try {
    const snapshot = observer.snapshot(await observer.init(observer.sources(), new AbortController().signal));
    assert.deepEqual(new Set(Object.keys(snapshot)), new Set(firstColumn('## Failures are data').map((field) => field.split('.')[0])));
    const fields = new Set(firstColumn('A reading:'));
    for (const reading of Object.values(snapshot.sources)) assert.deepEqual(new Set(Object.keys(reading)), fields);
    assert.deepEqual(snapshot.sources['down'], { ...snapshot.sources['down']!, up: false, error: 'status 200, expected 204', value: { health: 'true' } });
  } finally {
    await observer.close();
    server.close();
  }
});

test('the etcd twin shown is the one that runs', () => {
  const shown = blocks('ts', 'features/etcd-defined/support/cluster.ts');
  assert.equal(shown.length, 1, 'the page quotes features/etcd-defined/support/cluster.ts once');
  assert.equal(shown[0], read('features/etcd-defined/support/cluster.ts'));
  const [scenario] = blocks('gherkin');
  assert.ok(read('features/etcd-defined/watches.feature').includes(scenario!.trimEnd()), 'the watches scenario is quoted from watches.feature');
});
