// Value tracks from real Cucumber runs, serial and --parallel 2: drawn for the failing and the near-timeout wait, not the others.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { FIXTURE_SUPPORT, runFixtureCucumbers, type CucumberRunResult, type TestCaseOutcome } from './helpers/run-cucumber.js';

const FEATURE = 'test/fixtures/tracks/tracks.feature';

let serial: CucumberRunResult;
let parallel: CucumberRunResult;

before(async () => {
  const options = { features: [FEATURE], support: FIXTURE_SUPPORT, worldParameters: { observation: { report: 'always' } } };
  [serial, parallel] = await runFixtureCucumbers([options, { ...options, parallel: 2 }]);
});

function timeline(run: CucumberRunResult, name: string): { testCase: TestCaseOutcome; svg: string } {
  const testCase = run.testCases.find((candidate) => candidate.name.startsWith(name));
  assert.ok(testCase, `scenario "${name}" ran:\n${run.stdout}${run.stderr}`);
  const attachment = testCase.attachments.find((candidate) => candidate.fileName === 'observation-timeline.svg');
  assert.ok(attachment, 'the timeline is attached');
  const svg = attachment.body.startsWith('<svg') ? attachment.body : Buffer.from(attachment.body, 'base64').toString('utf8');
  return { testCase, svg };
}

const count = (svg: string, pattern: RegExp): number => (svg.match(pattern) ?? []).length;

for (const [label, result] of [
  ['serial', () => serial],
  ['--parallel 2', () => parallel],
] as const) {
  describe(`value tracks in the timeline (${label})`, () => {
    test('the failing wait shows its numbers as a line against the expected bound', () => {
      const { testCase, svg } = timeline(result(), 'a number that never reaches');
      assert.equal(testCase.status, 'FAILED');
      const message = testCase.steps.find((step) => step.status === 'FAILED')?.message ?? '';
      assert.match(
        message,
        /timed out after 400 ms waiting for "nodes\.a\.n" to be 5 after cycle \d+\n {2}values read at cycle \d+: nodes\.a\.n = 3\n {2}last snapshot:/,
      );
      assert.equal(count(svg, /class="value-track"/g), 1, 'one value track');
      assert.match(svg, /value track 1 · &quot;nodes\.a\.n&quot; to be 5 after cycle \d+ · timed out after 400 ms · expected: be 5/);
      assert.match(svg, /class="track-line" data-path="nodes\.a\.n" d="M[\d.]+ [\d.]+H/);
      assert.match(svg, /class="track-bound"/);
      assert.match(svg, />bound 5<\/text>/);
      assert.match(svg, /text-anchor="end">(<tspan[^>]*>1–5 <\/tspan>)?nodes\.a\.n<\/text>/, 'the row is labelled with the path and its scale');
      assert.match(svg, />3 at cycle \d+<\/text>/, 'the last value read is written at the end of the line');
    });

    test('the wait that came near its timeout shows its states as labelled bands; the quick wait shows none', () => {
      const { testCase, svg } = timeline(result(), 'a state that comes near');
      assert.equal(testCase.status, 'PASSED', result().stdout);
      assert.equal(count(svg, /class="value-track"/g), 1, 'only the near-timeout wait has a track');
      assert.match(svg, /value track 1 · &quot;nodes\.a\.state&quot; to be &quot;ready&quot; after cycle \d+ · passed near its timeout \([\d.]+ ms of 1 s\)/);
      assert.doesNotMatch(svg, /track-line/);
      for (const state of ['starting', 'joining', 'ready']) {
        assert.match(svg, new RegExp(`class="track-band"[^>]*><title>&quot;${state}&quot;</title>`), `a band for "${state}"`);
      }
      assert.equal(count(svg, /class="track-band"/g), 3, 'one band per stretch of equal values');
      assert.match(svg, />&quot;joining&quot;<\/text>/, 'a wide enough band is labelled with its value');
    });
  });
}
