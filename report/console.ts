// The few lines the formatter prints on stderr at the end of a run when asked (console: true).
import { percent } from './chart.js';
import { duration } from './document.js';
import type { ObservationReport } from './model.js';

/** Most near misses named on the console; the report has them all. */
const CONSOLE_NEAR_MISSES = 3;

export function consoleLines(report: ObservationReport): string[] {
  const { totals } = report;
  const lines = [
    `cucumber-observation: ${totals.bounded} bounded waits in ${totals.scenarios} scenarios: ` +
      `${totals.nearMisses} near ${totals.nearMisses === 1 ? 'miss' : 'misses'} (≥ ${percent(report.options.nearMiss)} of the timeout), ` +
      `${totals.timedOut} timed out, ${totals.retriedScenarios} retried`,
  ];
  for (const wait of report.nearMisses.slice(0, CONSOLE_NEAR_MISSES)) {
    const where = wait.step ? `${wait.step.text} (${wait.step.location})` : `${wait.scenario} (${wait.scenarioLocation})`;
    lines.push(`  ${percent(wait.share)} of ${duration(wait.timeoutMs)}: ${where}`);
  }
  if (report.nearMisses.length > CONSOLE_NEAR_MISSES) lines.push(`  … and ${report.nearMisses.length - CONSOLE_NEAR_MISSES} more in the report`);
  return lines;
}
