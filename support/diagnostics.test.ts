// Diagnostics: bounds on size and time, and the errors that name a bad declaration before any scenario runs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bounded, collectDiagnostics, commandDiagnostic, diagnosticOf, fileTailDiagnostic, httpDiagnostic } from './diagnostics.js';

describe('diagnostics', () => {
  test('a text past the byte bound keeps its end, saying how much was cut', () => {
    assert.equal(bounded('abcdef', 10), 'abcdef');
    assert.equal(bounded('line 1\nline 2\n', 7), '[… first 7 bytes cut]\nline 2\n');
  });

  test('each diagnostic is bounded in size; one that ignores its signal still ends at its time bound', async () => {
    const collected = await collectDiagnostics([
      commandDiagnostic('printf "%0100d" 0', { maxBytes: 10, name: 'long' }),
      { name: 'stuck', timeoutMs: 50, collect: () => new Promise<string>(() => undefined) },
      { name: 'not text', collect: async () => 42 as unknown as string },
    ]);
    const [long, ...others] = collected;
    assert.equal(long!.ok, false);
    assert.match(long!.body, /^diagnostic failed: its output passed 10 bytes\n\n(\[… first \d+ bytes cut\]\n)?0{10}$/);
    assert.deepEqual(others, [
      { name: 'stuck', ok: false, body: 'diagnostic failed: it did not finish within 50 ms' },
      { name: 'not text', ok: false, body: 'diagnostic failed: it returned 42 instead of a string or a Buffer' },
    ]);
  });

  test('a file tail past the byte bound drops its cut first line', async () => {
    const [tail] = await collectDiagnostics([fileTailDiagnostic('support/diagnostics.test.ts', { lines: 500, maxBytes: 40 })]);
    assert.equal(tail!.ok, true);
    assert.ok(tail!.body.length <= 40 && !tail!.body.startsWith('[…'), tail!.body);
    const [missing] = await collectDiagnostics([fileTailDiagnostic('no/such/file.log')]);
    assert.match(missing!.body, /^diagnostic failed: ENOENT/);
  });

  test('bad declarations are refused with what was expected', () => {
    assert.throws(() => httpDiagnostic('ftp://host/x'), /a diagnostic's URL must be an http:\/\/ or https:\/\/ URL, got "ftp:\/\/host\/x"/);
    assert.throws(() => commandDiagnostic('  '), /a diagnostic's command must be a shell command line/);
    assert.throws(() => fileTailDiagnostic('x.log', { lines: 0 }), /lines must be a whole number of 1 or more, got 0/);
    assert.throws(
      () => diagnosticOf({ name: 'x' } as never, 'defineObservation("a"): diagnostics'),
      /defineObservation\("a"\): diagnostics: diagnostic "x" needs collect/,
    );
    assert.throws(() => diagnosticOf({ command: 'true', timeoutMs: -1 }, 'here'), /here: diagnostic "true": timeoutMs must be a whole number above 0, got -1/);
    assert.throws(() => diagnosticOf(null as never, 'here'), /here: a diagnostic is an object with command, fileTail, httpGet or name and collect, got null/);
  });
});
