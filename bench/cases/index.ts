// The benchmark cases in the order of the issues, each with its full-size and tiny-size run.
import type { CaseResult } from '../report.js';
import { CLUSTER_START_FULL, CLUSTER_START_TINY, runClusterStart } from './cluster-start.js';
import { CYCLE_COST_FULL, CYCLE_COST_TINY, runCycleCost } from './cycle-cost.js';
import { FRESH_CHECK_FULL, FRESH_CHECK_TINY, runFreshCheck } from './fresh-check.js';
import { INTERVAL_FULL, INTERVAL_TINY, runInterval } from './interval.js';
import { LATENCY_FULL, LATENCY_TINY, runLatency } from './latency.js';
import { MEMORY_FULL, MEMORY_TINY, runMemory } from './memory.js';
import { PUSH_LATENCY_FULL, PUSH_LATENCY_TINY, runPushLatency } from './push-latency.js';
import { runScaling, SCALING_FULL, SCALING_TINY } from './scaling.js';
import { runScenarioCost, SCENARIO_COST_FULL, SCENARIO_COST_TINY } from './scenario-cost.js';
import { HTTP_SOURCES_FULL, HTTP_SOURCES_TINY, METRICS_PARSE_FULL, METRICS_PARSE_TINY, runHttpSources, runMetricsParse } from './sources.js';

/** A benchmark case: `full` is what `npm run bench` runs; `tiny` only proves the harness works. */
export interface BenchCase {
  readonly id: string;
  readonly full: () => Promise<CaseResult>;
  readonly tiny: () => Promise<CaseResult>;
}

export const CASES: readonly BenchCase[] = [
  { id: 'latency', full: () => runLatency(LATENCY_FULL), tiny: () => runLatency(LATENCY_TINY) },
  { id: 'cycle-cost', full: () => runCycleCost(CYCLE_COST_FULL), tiny: () => runCycleCost(CYCLE_COST_TINY) },
  { id: 'scenario-cost', full: () => runScenarioCost(SCENARIO_COST_FULL), tiny: () => runScenarioCost(SCENARIO_COST_TINY) },
  { id: 'memory', full: () => runMemory(MEMORY_FULL), tiny: () => runMemory(MEMORY_TINY) },
  { id: 'interval', full: () => runInterval(INTERVAL_FULL), tiny: () => runInterval(INTERVAL_TINY) },
  { id: 'push-latency', full: () => runPushLatency(PUSH_LATENCY_FULL), tiny: () => runPushLatency(PUSH_LATENCY_TINY) },
  { id: 'scaling', full: () => runScaling(SCALING_FULL), tiny: () => runScaling(SCALING_TINY) },
  { id: 'cluster-start', full: () => runClusterStart(CLUSTER_START_FULL), tiny: () => runClusterStart(CLUSTER_START_TINY) },
  { id: 'http-sources', full: () => runHttpSources(HTTP_SOURCES_FULL), tiny: () => runHttpSources(HTTP_SOURCES_TINY) },
  { id: 'metrics-parse', full: () => runMetricsParse(METRICS_PARSE_FULL), tiny: () => runMetricsParse(METRICS_PARSE_TINY) },
  { id: 'fresh-check', full: () => runFreshCheck(FRESH_CHECK_FULL), tiny: () => runFreshCheck(FRESH_CHECK_TINY) },
];
