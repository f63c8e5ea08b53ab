// What the timeline shows, derived from the scenario: observations merged by name, the time range, counts, step numbers.
import { groupBy } from '../../lib/group-by.js';
import type { CycleReport } from '../../lib/index.js';
import type { CycleCounts, NumberedStep, RunRecord, StepOutcome, StepSpan, TimeRange, TimelineInput, TimelineObservation } from './types.js';

/** The timeline input of a scenario: the recorded runs to show, grouped by name, and the steps that touched them. */
export function timelineInput(scenario: string, runs: readonly RunRecord[], steps: readonly StepSpan[]): TimelineInput {
  const byName = groupBy(runs, (run) => run.name);
  const observations = [...byName].map(
    ([name, named]): TimelineObservation => ({
      name,
      intervalsMs: [...new Set(named.map((run) => run.intervalMs))],
      startedAt: Math.min(...named.map((run) => run.startedAt)),
      cycles: named.length === 1 ? named[0]!.cycles : named.flatMap((run) => run.cycles),
      droppedCycles: named.reduce((sum, run) => sum + run.droppedCycles, 0),
      sourceFailures: named.flatMap((run) => run.sourceFailures),
      droppedSourceFailures: named.reduce((sum, run) => sum + run.droppedSourceFailures, 0),
      trackedWaits: named.flatMap((run) => run.trackedWaits),
    }),
  );
  return { scenario, observations, steps: steps.filter((step) => byName.has(step.observation)) };
}

/**
 * From the earliest to the latest finite time the input shows (observation starts, first and last cycles, steps);
 * at least 1 ms long, starting at 0 when there is no time at all.
 */
export function timeRange(input: TimelineInput): TimeRange {
  let from = Infinity;
  let to = -Infinity;
  const include = (time: number): void => {
    if (!Number.isFinite(time)) return;
    if (time < from) from = time;
    if (time > to) to = time;
  };
  for (const observation of input.observations) {
    include(observation.startedAt);
    const first = observation.cycles[0];
    const last = observation.cycles[observation.cycles.length - 1];
    if (first && last) {
      include(first.startedAt);
      include(last.endedAt);
    }
  }
  for (const step of input.steps) {
    include(step.startedAt);
    include(step.endedAt);
  }
  if (from === Infinity) from = 0;
  return { from, to: Math.max(from + 1, to) };
}

/** Cycles by outcome, batches (cycles with events) and events, in one pass. */
export function countCycles(cycles: readonly CycleReport[]): CycleCounts {
  const counts: CycleCounts = { ok: 0, poll: 0, 'source-refresh': 0, batches: 0, events: 0 };
  for (const cycle of cycles) {
    counts[cycle.failure ? cycle.failure.stage : 'ok'] += 1;
    if (cycle.eventCount > 0) counts.batches += 1;
    counts.events += cycle.eventCount;
  }
  return counts;
}

/** The steps in start order, numbered from 1; the same text starting at the same time keeps its number. */
export function numberSteps(spans: readonly StepSpan[]): NumberedStep[] {
  const numbers = new Map<string, number>();
  return [...spans]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((span) => {
      const key = `${span.startedAt}\n${span.text}`;
      const number = numbers.get(key) ?? numbers.size + 1;
      numbers.set(key, number);
      return { number, span, outcome: stepOutcome(span) };
    });
}

function stepOutcome(span: StepSpan): StepOutcome {
  if (span.timedOut) return 'timedOut';
  if (span.status === 'PASSED') return 'passed';
  if (span.status === 'FAILED') return 'failed';
  return 'otherStep';
}
