// The report from hand-made message streams: options and their errors, classification, escaping, unreadable records.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collectNdjson, RunCollector } from './collect.js';
import type { Envelope } from './messages.js';
import { buildReport } from './model.js';
import { DEFAULT_REPORT_OPTIONS, resolveReportOptions } from './options.js';
import { RECORD_MEDIA_TYPE, type RecordedWait } from './record.js';
import { renderReport } from './render.js';

const URI = 'features/pipes.feature';

/** A one-scenario run whose only step ran `waits`, with the step's status. */
function stream(waits: Partial<RecordedWait>[], stepStatus = 'PASSED', stepText = 'the value | should be `x` <b>'): Envelope[] {
  const wait = (partial: Partial<RecordedWait>): RecordedWait => ({
    observation: 'system',
    step: 'ps1',
    awaited: 'a value',
    timeoutMs: 1000,
    usedMs: 100,
    outcome: 'resolved',
    cycles: 5,
    failedCycles: 0,
    ...partial,
  });
  const record = {
    version: 1,
    observations: [{ name: 'system', runs: 1, intervalMs: 20, cycles: 50, failedCycles: 0, stages: {}, droppedCycles: 0 }],
    waits: waits.map(wait),
    droppedWaits: 0,
  };
  return [
    { testRunStarted: { timestamp: { seconds: 10, nanos: 0 } } },
    {
      gherkinDocument: {
        uri: URI,
        feature: {
          name: 'Pipes',
          children: [{ scenario: { id: 'sc', name: 'one', location: { line: 3 }, steps: [{ id: 'st', location: { line: 4 } }], examples: [] } }],
        },
      },
    },
    { pickle: { id: 'p', uri: URI, name: 'one', astNodeIds: ['sc'], steps: [{ id: 'ps1', text: stepText, astNodeIds: ['st'] }] } },
    { testCase: { id: 'tc', pickleId: 'p', testSteps: [{ id: 'ts1', pickleStepId: 'ps1' }, { id: 'hook' }] } },
    { testCaseStarted: { id: 'tcs', testCaseId: 'tc', attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 'tcs', testStepId: 'ts1', testStepResult: { status: stepStatus } } },
    { attachment: { testCaseStartedId: 'tcs', mediaType: RECORD_MEDIA_TYPE, body: JSON.stringify(record), contentEncoding: 'IDENTITY' } },
    { testCaseFinished: { testCaseStartedId: 'tcs', willBeRetried: false } },
    { testRunFinished: { success: stepStatus === 'PASSED', timestamp: { seconds: 12, nanos: 500_000_000 } } },
  ];
}

function reportOf(envelopes: Envelope[], options = DEFAULT_REPORT_OPTIONS) {
  const collector = new RunCollector();
  for (const envelope of envelopes) collector.add(envelope);
  return buildReport([collector.result()], options);
}

describe('options', () => {
  test('defaults, and a share given as a number or a percentage', () => {
    assert.deepEqual(resolveReportOptions(undefined), DEFAULT_REPORT_OPTIONS);
    assert.equal(resolveReportOptions({ nearMiss: 0.9 }).nearMiss, 0.9);
    assert.equal(resolveReportOptions({ nearMiss: '80%' }).nearMiss, 0.8);
  });

  test('a bad option is refused by name, saying what it accepts', () => {
    assert.throws(() => resolveReportOptions({ nearmiss: 0.5 }), {
      name: 'TypeError',
      message: /unknown observationReport option "nearmiss"; accepted: nearMiss, slowest/,
    });
    assert.throws(() => resolveReportOptions({ nearMiss: 75 }), {
      name: 'TypeError',
      message: /observationReport\.nearMiss must be a share of the timeout above 0 and below 1 \(0\.8\) or a percentage \("80%"\), got 75/,
    });
    assert.throws(() => resolveReportOptions({ slowest: -1 }), /observationReport\.slowest must be a whole number of 0 or more, got -1/);
    assert.throws(() => resolveReportOptions({ console: 'yes' }), /observationReport\.console must be true or false, got "yes"/);
    assert.throws(() => resolveReportOptions('fast'), /observationReport must be an object of options/);
  });
});

describe('classification', () => {
  test('a passing wait at the share is a near miss, one just below is not; the share is configurable', () => {
    const envelopes = stream([{ usedMs: 750 }, { usedMs: 749 }]);
    assert.deepEqual(
      reportOf(envelopes).waits.map((wait) => wait.nearMiss),
      [true, false],
    );
    assert.deepEqual(
      reportOf(envelopes, { ...DEFAULT_REPORT_OPTIONS, nearMiss: 0.5 }).waits.map((wait) => wait.nearMiss),
      [true, true],
    );
  });

  test('a timeout in a passing step is a hold; in a failing step it is a timeout; neither is a near miss', () => {
    const passing = reportOf(stream([{ usedMs: 1001, outcome: 'timed-out' }]));
    assert.deepEqual([passing.totals.holds, passing.totals.timedOut, passing.totals.nearMisses], [1, 0, 0]);
    const failing = reportOf(stream([{ usedMs: 1001, outcome: 'timed-out' }], 'FAILED'));
    assert.deepEqual([failing.totals.holds, failing.totals.timedOut, failing.totals.nearMisses], [0, 1, 0]);
    assert.equal(failing.timedOut[0]!.step?.location, `${URI}:4`);
    assert.equal(failing.runs.success, false);
    assert.equal(failing.runs.durationMs, 2500);
  });

  test('a broken hold or a wait stopped with its runtime is neither a near miss nor a timeout', () => {
    const report = reportOf(
      stream([
        { outcome: 'failed', usedMs: 900 },
        { outcome: 'stopped', usedMs: 950 },
      ]),
    );
    assert.deepEqual([report.totals.nearMisses, report.totals.timedOut, report.totals.otherwiseFailed], [0, 0, 1]);
  });
});

describe('rendering', () => {
  test('user text cannot break a Markdown table or inject HTML', () => {
    const markdown = renderReport(reportOf(stream([{ usedMs: 900, awaited: 'x | <script>' }])), 'markdown', DEFAULT_REPORT_OPTIONS);
    const row = markdown.split('\n').find((line) => line.startsWith('| 900 ms'))!;
    assert.equal(row.split(/(?<!\\)\|/).length, 9, row);
    assert.ok(row.includes('``the value \\| should be `x` <b>``'), row);
    assert.ok(!markdown.includes('<script>'), 'HTML in user text is escaped');
    const html = renderReport(reportOf(stream([{ usedMs: 900, awaited: 'x | <script>' }])), 'html', DEFAULT_REPORT_OPTIONS);
    assert.ok(html.includes('x | &#60;script&#62;') && !html.includes('<script>'));
  });

  test('svg: false leaves the image out of the Markdown, not the text histogram', () => {
    const markdown = renderReport(reportOf(stream([{ usedMs: 900 }])), 'markdown', { ...DEFAULT_REPORT_OPTIONS, svg: false });
    assert.ok(!markdown.includes('<img'));
    assert.match(markdown, /90–100 % │█+ 1/);
  });

  test('maxWaitRows bounds the table of every wait and says how many more the JSON has', () => {
    const markdown = renderReport(reportOf(stream([{}, {}, {}])), 'markdown', { ...DEFAULT_REPORT_OPTIONS, maxWaitRows: 1 });
    assert.match(markdown, /<summary>Every wait \(3\)<\/summary>[\s\S]*2 more waits in the JSON report \(maxWaitRows is 1\)\./);
  });
});

describe('reading message streams', () => {
  test('an unreadable record is named in the report, not fatal', () => {
    const envelopes = stream([{}]).map((envelope) =>
      envelope.attachment ? { attachment: { ...envelope.attachment, body: JSON.stringify({ version: 99, observations: [], waits: [] }) } } : envelope,
    );
    const report = reportOf(envelopes);
    assert.equal(report.totals.waits, 0);
    assert.match(
      report.problems[0]!,
      /^features\/pipes\.feature:3 \(one\): a application\/vnd\.cucumber-observation\.record\+json attachment has version 99; this report reads version 1/,
    );
  });

  test('a base64 attachment reads like an identity one; NDJSON that is not messages is refused with its line', () => {
    const envelopes = stream([{ usedMs: 800 }]).map((envelope) =>
      envelope.attachment
        ? { attachment: { ...envelope.attachment, body: Buffer.from(envelope.attachment.body).toString('base64'), contentEncoding: 'BASE64' } }
        : envelope,
    );
    assert.equal(reportOf(envelopes).totals.nearMisses, 1);
    const ndjson = envelopes.map((envelope) => JSON.stringify(envelope)).join('\n');
    assert.equal(buildReport([collectNdjson(ndjson, 'run.ndjson')], DEFAULT_REPORT_OPTIONS).totals.nearMisses, 1);
    assert.throws(() => collectNdjson(`${ndjson}\n{oops`, 'run.ndjson'), /^Error: run\.ndjson, line 10: not a Cucumber message/);
    assert.throws(() => collectNdjson('{"meta": {}}\n', 'empty.ndjson'), /empty\.ndjson: holds no Cucumber run/);
  });
});
