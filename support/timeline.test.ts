// The report's SVG timeline: rows, legend and time range; dense aggregation and size; escaping; stage colours; steps.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CycleReport, ObservationFailureStage } from '../lib/index.js';
import { defineObservation } from './registry.js';
import { ScenarioObservations, type SourceFailureSpan, type StepSpan } from './scenario.js';
import {
  MAX_LISTED_STEPS,
  MAX_SOURCE_ROWS,
  renderTimeline,
  SPARSE_CYCLE_LIMIT,
  TIMELINE_COLORS,
  timelineInput,
  type TimelineInput,
  type TimelineObservation,
} from './timeline/index.js';

const START = Date.UTC(2025, 0, 2, 3, 4, 5, 600);

/** `count` cycles every `intervalMs` from START, each taking 2 ms; `failAt` picks the failing ones and their stage. */
function cycles(
  count: number,
  intervalMs: number,
  failAt: (cycle: number) => ObservationFailureStage | undefined = () => undefined,
  eventsAt: (cycle: number) => number = () => 0,
): CycleReport[] {
  return Array.from({ length: count }, (_, index) => {
    const cycle = index + 1;
    const startedAt = START + cycle * intervalMs;
    const stage = failAt(cycle);
    return {
      cycle,
      startedAt,
      endedAt: startedAt + 2,
      sourceCount: 3,
      eventCount: stage ? 0 : eventsAt(cycle),
      failure: stage
        ? { cycle, observedAt: new Date(startedAt + 2), sourceCount: 3, stage, message: `${stage} broke at ${cycle}`, cause: undefined }
        : undefined,
    };
  });
}

function observation(overrides: Partial<TimelineObservation> = {}): TimelineObservation {
  return {
    name: 'cluster',
    intervalsMs: [25],
    startedAt: START,
    cycles: [],
    droppedCycles: 0,
    sourceFailures: [],
    droppedSourceFailures: 0,
    trackedWaits: [],
    ...overrides,
  };
}

function step(text: string, from: number, to: number, status = 'PASSED', timedOut = false): StepSpan {
  return { observation: 'cluster', text, startedAt: START + from, endedAt: START + to, status, timedOut };
}

function render(input: Partial<TimelineInput>): string {
  return renderTimeline({ scenario: 'a scenario', observations: [], steps: [], ...input });
}

/** Checks that the document is well-formed XML as far as the timeline uses it: balanced tags, no raw < or & in text or attributes. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z][\w:-]*="[^"<]*")*)\s*(\/?)>/y;
  let index = 0;
  while (index < svg.length) {
    const next = svg.indexOf('<', index);
    const text = svg.slice(index, next < 0 ? svg.length : next);
    assert.doesNotMatch(text, /[<>]|&(?!(amp|lt|gt|quot|#39);)/, `raw markup in text ${JSON.stringify(text.slice(0, 80))}`);
    if (next < 0) break;
    tag.lastIndex = next;
    const match = tag.exec(svg);
    assert.ok(match, `malformed tag at ${next}: ${svg.slice(next, next + 80)}`);
    const [whole, closing, name, attributes, selfClosing] = match;
    assert.doesNotMatch(attributes!, /&(?!(amp|lt|gt|quot|#39);)/, `raw & in attributes of <${name}>`);
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes another element`);
    else if (!selfClosing) stack.push(name!);
    index = next + whole.length;
  }
  assert.deepEqual(stack, [], 'every element is closed');
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
}

function textsOf(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, ''));
}

/** The "M x y h w v h ..." rectangles of the paths filled with `color`. */
function rectsOf(svg: string, color: string): { x: number; y: number; width: number; height: number }[] {
  const paths = [...svg.matchAll(new RegExp(`<path fill="${color}" d="([^"]*)"`, 'g'))].map((match) => match[1]!);
  return paths.flatMap((d) =>
    [...d.matchAll(/M([\d.-]+) ([\d.-]+)h([\d.-]+)v([\d.-]+)/g)].map(([, x, y, width, height]) => ({
      x: Number(x),
      y: Number(y),
      width: Number(width),
      height: Number(height),
    })),
  );
}

describe('renderTimeline, a few cycles', () => {
  const svg = render({
    scenario: 'node b goes quiet',
    observations: [
      observation({
        cycles: cycles(
          5,
          25,
          (cycle) => (cycle === 3 ? 'poll' : cycle === 4 ? 'source-refresh' : undefined),
          (cycle) => (cycle === 2 ? 4 : 0),
        ),
        sourceFailures: [{ source: 'node-b', message: 'no answer', firstCycle: 2, lastCycle: 5, startedAt: START + 50, endedAt: START + 127 }],
      }),
    ],
    steps: [step('within 1s the observed "leader" should be "a"', 10, 60), step('within 50ms the observation should recover', 70, 125, 'FAILED', true)],
  });

  test('is a well-formed standalone SVG with no script or external reference', () => {
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<script|on[a-z]+=|href=|<foreignObject|<image/i);
  });

  test('has the rows, the legend, the interval and the time range', () => {
    const texts = textsOf(svg);
    for (const label of ['cycles', 'events', 'steps', 'source node-b', 'Legend', 'Cycles:', 'Events:', 'Sources:', 'Steps:']) {
      assert.ok(
        texts.some((text) => text.includes(label)),
        `a text "${label}" in ${JSON.stringify(texts)}`,
      );
    }
    assert.ok(
      texts.some((text) => text.includes('2025-01-02 03:04:05.600 → 03:04:05.727 UTC (127 ms)')),
      'the time range',
    );
    assert.ok(
      texts.some((text) => text.includes('interval 25 ms')),
      'the interval',
    );
    assert.ok(texts.some((text) => text.startsWith('interval 25 ms · 5 cycles (3 ok, 1 failed at poll, 1 failed at source refresh) · 1 batch, 4 events')));
    assert.ok(texts.includes('time from start'));
  });

  test('draws every cycle, numbered, coloured by outcome and failure stage', () => {
    assert.equal(rectsOf(svg, TIMELINE_COLORS.ok).length, 3);
    assert.equal(rectsOf(svg, TIMELINE_COLORS.poll).length, 1);
    assert.equal(rectsOf(svg, TIMELINE_COLORS['source-refresh']).length, 1);
    assert.ok(
      rectsOf(svg, TIMELINE_COLORS.poll)[0]!.x < rectsOf(svg, TIMELINE_COLORS['source-refresh'])[0]!.x,
      'poll failure (cycle 3) before the refresh failure (cycle 4)',
    );
    const texts = textsOf(svg);
    for (const cycle of ['1', '2', '3', '4', '5']) assert.ok(texts.includes(cycle), `cycle ${cycle} is labelled`);
    assert.ok(texts.includes('poll failure ×1 (cycle 3): poll broke at 3'));
    assert.ok(texts.includes('source refresh failure ×1 (cycle 4): source-refresh broke at 4'));
  });

  test('draws the batch with its event count and the source trouble as a sub-row', () => {
    assert.equal(rectsOf(svg, TIMELINE_COLORS.events).length, 1);
    assert.ok(textsOf(svg).includes('4'));
    const trouble = rectsOf(svg, TIMELINE_COLORS.sourceTrouble);
    assert.equal(trouble.length, 1);
    assert.ok(trouble[0]!.width > 200, 'the span covers cycles 2 to 5');
    assert.ok(textsOf(svg).includes('source node-b (cycles 2–5): no answer'));
  });

  test('labels step spans with their text, status and duration', () => {
    const texts = textsOf(svg);
    assert.ok(texts.includes('within 1s the observed &quot;leader&quot; should be &quot;a&quot;'));
    assert.ok(texts.includes('within 50ms the observation should recover'));
    assert.ok(texts.includes('passed · 50 ms · cluster'));
    assert.ok(texts.includes('timed out · 55 ms · cluster'));
    assert.match(svg, new RegExp(`<rect [^>]*fill="${TIMELINE_COLORS.timedOut}" stroke=`), 'the timed-out span has its colour');
    assert.match(svg, new RegExp(`<rect [^>]*fill="${TIMELINE_COLORS.passed}" stroke=`));
  });
});

describe('renderTimeline, dense', () => {
  const failing = (cycle: number): ObservationFailureStage | undefined => (cycle % 500 === 0 ? 'poll' : cycle % 777 === 0 ? 'source-refresh' : undefined);
  const dense = render({
    observations: [
      observation({
        intervalsMs: [20],
        cycles: cycles(5000, 20, failing, (cycle) => (cycle % 9 === 0 ? 3 : 0)),
        sourceFailures: Array.from(
          { length: 40 },
          (_, index): SourceFailureSpan => ({
            source: 'node-c',
            message: `lagging ${index}`,
            firstCycle: index * 100 + 1,
            lastCycle: index * 100 + 30,
            startedAt: START + index * 2000,
            endedAt: START + index * 2000 + 600,
          }),
        ),
      }),
    ],
    steps: [step('within 120s the observed cycle should be at least 5000', 5, 100_010)],
  });

  test('aggregates into columns past the sparse limit and stays small', () => {
    assertWellFormed(dense);
    const texts = textsOf(dense);
    assert.ok(
      texts.some((text) => text.startsWith('Dense rows: one column = ')),
      'the legend says how columns are counted',
    );
    assert.ok(!texts.includes('2500'), 'no per-cycle numbers');
    assert.ok(texts.some((text) => text.includes('5,000 cycles (4,984 ok, 10 failed at poll, 6 failed at source refresh)')));
    const shapes = (dense.match(/M[\d.]+ /g) ?? []).length;
    assert.ok(shapes < 500, `${shapes} shapes for 5,000 cycles`);
    const bytes = Buffer.byteLength(dense);
    assert.ok(bytes < 25_000, `${bytes} bytes for 5,000 cycles`);
  });

  test('keeps every failure visible in its colour', () => {
    assert.equal(rectsOf(dense, TIMELINE_COLORS.poll).length, 10);
    assert.equal(rectsOf(dense, TIMELINE_COLORS['source-refresh']).length, 6);
    for (const rect of rectsOf(dense, TIMELINE_COLORS.poll)) assert.ok(rect.height >= 6, 'a lone failure in a column is at least 6 px high');
  });

  test('stays bounded in the worst case: 50,000 cycles failing and publishing at random, every message distinct', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const outcomes = Array.from({ length: 50_001 }, () => random());
    const noisy = render({
      observations: [
        observation({
          intervalsMs: [2],
          cycles: cycles(
            50_000,
            2,
            (cycle) => (outcomes[cycle]! < 0.3 ? 'poll' : outcomes[cycle]! < 0.45 ? 'source-refresh' : undefined),
            (cycle) => Math.floor(outcomes[cycle]! * 40),
          ),
        }),
      ],
    });
    assertWellFormed(noisy);
    const bytes = Buffer.byteLength(noisy);
    assert.ok(bytes < 60_000, `${bytes} bytes`);
  });

  test('switches at the sparse limit', () => {
    const atLimit = render({ observations: [observation({ cycles: cycles(SPARSE_CYCLE_LIMIT, 25) })] });
    const pastLimit = render({ observations: [observation({ cycles: cycles(SPARSE_CYCLE_LIMIT + 1, 25) })] });
    assert.equal(rectsOf(atLimit, TIMELINE_COLORS.ok).length, SPARSE_CYCLE_LIMIT);
    assert.ok(rectsOf(pastLimit, TIMELINE_COLORS.ok).length < 10, 'a steady run is one band (or a few)');
  });
});

describe('renderTimeline, text', () => {
  const nasty = `a <b> & "c" 'd' \u0007 ]]> </text><script>alert(1)</script>`;

  test('escapes the scenario name, step text, failure messages and source names', () => {
    const svg = render({
      scenario: nasty,
      observations: [
        observation({
          cycles: cycles(3, 25, (cycle) => (cycle === 2 ? 'poll' : undefined)).map((cycle) =>
            cycle.failure ? { ...cycle, failure: { ...cycle.failure, message: nasty } } : cycle,
          ),
          sourceFailures: [{ source: nasty, message: nasty, firstCycle: 1, lastCycle: 3, startedAt: START, endedAt: START + 80 }],
        }),
      ],
      steps: [step(nasty, 0, 70, 'FAILED')],
    });
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<script|<b>/);
    assert.ok(svg.includes('a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; \ufffd ]]&gt; &lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  test('cuts long texts to their room with an ellipsis', () => {
    const long = 'the observed snapshot should keep matching for a very long while '.repeat(10);
    const svg = render({ observations: [observation({ cycles: cycles(2, 25) })], steps: [step(long, 0, 40)] });
    const listed = textsOf(svg).find((text) => text.startsWith('the observed snapshot'));
    assert.ok(listed?.endsWith('…') && listed.length < 140, listed);
  });

  test('lists at most MAX_LISTED_STEPS steps and MAX_SOURCE_ROWS source rows, and says how many more', () => {
    const steps = Array.from({ length: MAX_LISTED_STEPS + 5 }, (_, index) => step(`step ${index}`, index * 2, index * 2 + 1));
    const sourceFailures = Array.from(
      { length: MAX_SOURCE_ROWS + 3 },
      (_, index): SourceFailureSpan => ({
        source: `node-${index}`,
        message: 'down',
        firstCycle: 1,
        lastCycle: 2,
        startedAt: START,
        endedAt: START + 50,
      }),
    );
    const svg = render({ observations: [observation({ cycles: cycles(3, 25), sourceFailures })], steps });
    const texts = textsOf(svg);
    assert.ok(texts.includes('… 5 more steps'));
    assert.ok(texts.includes('… 3 more sources with trouble not drawn'));
    assert.equal(texts.filter((text) => /^source node-\d+$/.test(text)).length, MAX_SOURCE_ROWS);
  });

  test('says so when an observation completed no cycle, or none ran', () => {
    assert.ok(textsOf(render({ observations: [observation()] })).includes('no cycle completed'));
    const empty = render({});
    assertWellFormed(empty);
    assert.ok(textsOf(empty).includes('no observation ran in this scenario'));
  });
});

describe('timelineInput and the sourceFailures recording', () => {
  test('records per-source trouble per cycle, merged into spans, and feeds the timeline', async () => {
    let polls = 0;
    defineObservation('timeline-unit', {
      observer: () => ({
        init: () => ({ polls: 0 }),
        poll: (_sources: unknown, state: { polls: number }) => {
          state.polls = ++polls;
          return [];
        },
        snapshot: (state: { polls: number }) => ({ polls: state.polls }),
      }),
      sources: () => [{ name: 'only', source: 1 }],
      config: { intervalMs: 5 },
      sourceFailures: (snapshot): Record<string, string> => {
        const { polls: seen } = snapshot as { polls: number };
        if (seen >= 3 && seen <= 5) return { b: 'no answer' };
        if (seen === 6) throw new Error('hook broke');
        return seen >= 7 ? { b: `slow ${seen < 9 ? 'a bit' : 'a lot'}` } : {};
      },
    });
    const scenario = new ScenarioObservations({ world: {}, tags: [], parameters: {}, scenarioName: 'recording' });
    const handle = await scenario.start('timeline-unit');
    try {
      scenario.beginStep('within 5s the observed cycle should be at least 10');
      scenario.touch('timeline-unit');
      await handle.waitForCycle(10, { timeoutMs: 5000 });
      scenario.endStep('PASSED');
    } finally {
      await scenario.stopAll('after-hook');
    }
    const run = scenario.run('timeline-unit')!;
    const spans = run.sourceFailures.map(({ source, message, firstCycle, lastCycle }) => ({ source, message, firstCycle, lastCycle }));
    assert.deepEqual(spans.slice(0, 4), [
      { source: 'b', message: 'no answer', firstCycle: 3, lastCycle: 5 },
      { source: 'sourceFailures()', message: 'threw: hook broke', firstCycle: 6, lastCycle: 6 },
      { source: 'b', message: 'slow a bit', firstCycle: 7, lastCycle: 8 },
      { source: 'b', message: 'slow a lot', firstCycle: 9, lastCycle: spans[3]!.lastCycle },
    ]);
    assert.ok(spans[3]!.lastCycle >= 10);

    const input = timelineInput('recording', [run], scenario.spans);
    assert.equal(input.observations.length, 1);
    assert.deepEqual(input.observations[0]!.intervalsMs, [5]);
    assert.equal(input.observations[0]!.cycles.length, run.cycles.length);
    assert.equal(input.steps.length, 1);
    const texts = textsOf(renderTimeline(input));
    assert.ok(texts.includes('source b') && texts.includes('source sourceFailures()'));
    assert.ok(texts.includes('within 5s the observed cycle should be at least 10'));
  });
});
