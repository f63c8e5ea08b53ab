// Diagnostics on failure: the Gherkin steps that declare them, and the hook that collects and attaches them when a scenario fails.
import { After, Given, Status } from '@cucumber/cucumber';
import { messageOf } from '../lib/format.js';
import {
  addDiagnostic,
  addedDiagnostics,
  collectDiagnostics,
  commandDiagnostic,
  diagnosticOf,
  fileTailDiagnostic,
  httpDiagnostic,
  type Diagnostic,
} from '../support/diagnostics.js';
import { parseDuration, StepInputError } from '../support/parse.js';
import { findScenario } from '../support/world.js';

/** Media type of every diagnostic attachment. */
const DIAGNOSTIC_MEDIA_TYPE = 'text/plain';

// An optional " within 2s" after each form bounds its time; without it, the default bound applies. The patterns are
// literals so that the Cucumber language server (editors) reads them as written.

Given(/^on failure the report collects the output of "([^"]*)"(?: within (\S+))?$/, function (this: object, command: string, within?: string | null) {
  addDiagnostic(
    this,
    inputChecked(() => commandDiagnostic(command, { timeoutMs: timeBound(within) })),
  );
});

Given(
  /^on failure the report collects the last (\d+) lines? of the file "([^"]*)"(?: within (\S+))?$/,
  function (this: object, lines: string, path: string, within?: string | null) {
    addDiagnostic(
      this,
      inputChecked(() => fileTailDiagnostic(path, { lines: Number(lines), timeoutMs: timeBound(within) })),
    );
  },
);

Given(/^on failure the report collects the response to GET "([^"]*)"(?: within (\S+))?$/, function (this: object, url: string, within?: string | null) {
  addDiagnostic(
    this,
    inputChecked(() => httpDiagnostic(url, { timeoutMs: timeBound(within) })),
  );
});

// Runs before the plugin's report hook (Cucumber runs After hooks last-defined first); never throws, so the scenario's
// own error stays the one reported. Returns a promise only when the scenario failed and something is to be collected.
After({ name: 'cucumber-observation: collect diagnostics on failure', timeout: -1 }, function (this: object, { result }) {
  if (result === undefined || result.status === Status.PASSED || result.status === Status.SKIPPED) return;
  const { diagnostics, broken } = scenarioDiagnostics(this);
  if (diagnostics.length === 0 && broken.length === 0) return;
  const attach = (this as { attach?: (data: string, options: { mediaType: string; fileName: string }) => void }).attach;
  if (typeof attach !== 'function') return;
  return collectDiagnostics(diagnostics).then((collected) => {
    for (const { name, ok, body } of [...broken, ...collected]) {
      attach.call(this, body, { mediaType: DIAGNOSTIC_MEDIA_TYPE, fileName: `diagnostic ${name}${ok ? '' : ' (failed)'}.txt` });
    }
  });
});

// What the scenario declared (its steps and support code) and what the definitions of its observations declare; a
// definition whose diagnostics function throws shows up as a failed diagnostic of its own.
function scenarioDiagnostics(world: object): { diagnostics: Diagnostic[]; broken: { name: string; ok: false; body: string }[] } {
  const byName = new Map<string, Diagnostic>();
  const broken: { name: string; ok: false; body: string }[] = [];
  for (const registered of findScenario(world)?.applicable() ?? []) {
    const declared = registered.definition.diagnostics;
    if (declared === undefined) continue;
    const where = `the diagnostics of observation "${registered.name}"`;
    try {
      const list = typeof declared === 'function' ? declared(world) : declared;
      if (!Array.isArray(list)) throw new TypeError(`expected a list of diagnostics, got ${typeof list}`);
      for (const declaration of list) {
        const diagnostic = diagnosticOf(declaration, where);
        byName.set(diagnostic.name, diagnostic);
      }
    } catch (error) {
      broken.push({ name: where, ok: false, body: `diagnostic failed: ${messageOf(error)}` });
    }
  }
  for (const diagnostic of addedDiagnostics(world)) byName.set(diagnostic.name, diagnostic);
  return { diagnostics: [...byName.values()], broken };
}

// Cucumber passes null for an optional group that did not match.
function timeBound(within: string | null | undefined): number | undefined {
  return within === undefined || within === null ? undefined : parseDuration(within);
}

// A step's text that makes no diagnostic fails the step at once, as bad input.
function inputChecked(make: () => Diagnostic): Diagnostic {
  try {
    return make();
  } catch (error) {
    if (error instanceof StepInputError) throw error;
    throw new StepInputError(messageOf(error));
  }
}
