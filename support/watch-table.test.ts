// The watches table read row by row: the sources it declares, and the message each mistake fails with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourcesOfTable } from './watch-table.js';

const HEADER = ['name', 'kind', 'target', 'timeout'];

test('rows become sources; a timeout cell becomes timeoutMs', () => {
  assert.deepEqual(
    sourcesOfTable([HEADER, ['e1', 'http', 'http://{host}:{port:e1.client}/health', '500ms'], ['e1-peer', 'tcp', '{host}:{port:e1.peer}', '']]),
    { e1: { kind: 'http', target: 'http://{host}:{port:e1.client}/health', timeoutMs: 500 }, 'e1-peer': { kind: 'tcp', target: '{host}:{port:e1.peer}' } },
  );
});

test('each mistake names the row or the header and what was expected', () => {
  const cases: [string[][], string | RegExp][] = [
    [[['name', 'kind']], 'the watches table needs the header | name | kind | target | (and optionally | timeout |); got | name | kind |, missing target'],
    [[['name', 'kind', 'target', 'url']], /unknown url$/],
    [[['name', 'kind', 'target']], 'the watches table lists no source: add rows of name | kind | target'],
    [
      [HEADER, ['e1', 'redis', '127.0.0.1:6379', '']],
      'watches table, row 1: source "e1" has unknown kind "redis"; expected one of http, prometheus, command, tcp, process',
    ],
    [[HEADER, ['e1', 'tcp', '', '']], /^watches table, row 1: source "e1" \(tcp\) needs a target: an address such as "127.0.0.1:6379"; got ""$/],
    [[HEADER, ['e1', 'tcp', 'a:1', ''], ['e1', 'tcp', 'a:2', '']], 'watches table, row 2: source "e1" is listed twice'],
    [[HEADER, ['e1', 'process', 'e1', '2s']], /^watches table, row 1: source "e1" \(process\) has unknown option timeoutMs/],
    [[HEADER, ['e1', 'tcp', 'a:1', 'soon']], /soon/],
  ];
  for (const [rows, message] of cases) {
    assert.throws(() => sourcesOfTable(rows), { name: 'StepInputError', message }, JSON.stringify(rows));
  }
});
