// The plugin's hooks: start a scenario's observations before it, stop them and report after it, whatever its outcome.
import { After, AfterAll, AfterStep, Before, Status, type ITestCaseHookParameter } from '@cucumber/cucumber';
import { RECORD_MEDIA_TYPE } from '../report/record.js';
import { unreportedGuardHits } from '../support/guard-report.js';
import { abandonObservations, stopLiveRuntimes, type ObservationRun, type ScenarioObservations } from '../support/scenario.js';
import { listenerWarning, summarizeRun } from '../support/summary.js';
import { renderTimeline, timelineInput } from '../support/timeline/index.js';
import { beginScenario, findScenario } from '../support/world.js';

// Start-up and stop are bounded by the runtime (startupTimeoutMs, stopTimeoutMs), so these hooks need no
// Cucumber timeout of their own, and a slow start fails with the runtime's message rather than a generic one.
// The hooks return a promise only when there is something to wait for: Cucumber charges more for one that does.
Before({ name: 'cucumber-observation: start observations', timeout: -1 }, function (this: object, { pickle }) {
  const scenario = beginScenario(this, {
    tags: pickle.tags.map((tag) => tag.name),
    parameters: (this as { parameters?: unknown }).parameters,
    scenarioName: pickle.name,
  });
  return scenario.startAutomatic();
});

// Once the scenario's last step has run, or a step did not pass (so none will run after it), the observations stop
// here, before any After hook: Cucumber runs After hooks last-defined first, so a user's teardown defined after the
// steps import would otherwise run while they still watch, and its effects would show up as observed failures.
// Synchronous on every other step, so that it costs little there. It also records the step (which began its duration
// ago), so that no BeforeStep hook is needed: Cucumber charges each step hook on every step of every scenario.
AfterStep({ timeout: -1 }, function (this: object, { pickle, pickleStep, result }) {
  const scenario = findScenario(this);
  if (!scenario) return;
  const duration = result.duration;
  const durationMs = duration === undefined ? 0 : duration.seconds * 1000 + duration.nanos / 1e6;
  scenario.recorder.stepRan(pickleStep, durationMs, result.status, result.exception?.type === 'ObservationTimeoutError');
  if (result.status !== Status.PASSED || pickleStep.id === pickle.steps.at(-1)?.id) return scenario.stopAll('after-hook');
});

// Stops what the last step's AfterStep did not (a failed Before hook skips every step), then reports.
After({ name: 'cucumber-observation: stop observations and report', timeout: -1 }, function (this: object, { result }) {
  const scenario = findScenario(this);
  if (!scenario) return;
  if (scenario.endIfIdle()) return report(this, scenario, result);
  return scenario.stopAll('after-hook').then(() => report(this, scenario, result));
});

// Warns of throwing listeners, attaches the record, the summaries and the timeline, and throws a guard hit no step reported.
function report(world: object, scenario: ScenarioObservations, result: ITestCaseHookParameter['result']): void {
  const runs = scenario.runs();
  warn(world, listenerWarning(runs));
  // Thrown once the report is attached: a guard hit while no step waited fails the scenario here.
  const guardHit = unreportedGuardHits(scenario);
  const failed = guardHit !== undefined || (result !== undefined && result.status !== Status.PASSED && result.status !== Status.SKIPPED);
  const attach = (world as { attach?: (data: string | Buffer, options: { mediaType: string; fileName?: string }) => void }).attach;
  if (typeof attach !== 'function') {
    if (guardHit) throw guardHit;
    return;
  }
  const record = scenario.waits.record(runs);
  if (record) attach.call(world, JSON.stringify(record), { mediaType: RECORD_MEDIA_TYPE });
  const reported: ObservationRun[] = [];
  for (const run of runs) {
    const policy = run.options.report;
    if (policy === 'never' || (policy === 'on-failure' && !failed)) continue;
    reported.push(run);
    attach.call(world, JSON.stringify(summarizeRun(run), null, 2), {
      mediaType: 'application/json',
      fileName: `observation-${run.name}.json`,
    });
  }
  // A Buffer, so Cucumber sends it base64-encoded: the HTML report shows only base64 images, not identity-encoded text.
  if (reported.length > 0) {
    attach.call(world, Buffer.from(renderTimeline(timelineInput(scenario.context.scenarioName, reported, scenario.spans)), 'utf8'), {
      mediaType: 'image/svg+xml',
      fileName: 'observation-timeline.svg',
    });
  }
  if (guardHit) throw guardHit;
}

// Whatever the report policy: a listener that threw is a bug in the suite, and the default logger is silent. Through
// the World's log when it has one (Cucumber's World does), else as a text attachment, else as a process warning.
function warn(world: object, warning: string | undefined): void {
  if (warning === undefined) return;
  const { log, attach } = world as { log?: (text: string) => void; attach?: (data: string, mediaType: string) => void };
  if (typeof log === 'function') return log.call(world, warning);
  if (typeof attach === 'function') return attach.call(world, warning, 'text/plain');
  process.emitWarning(warning, { code: 'CUCUMBER_OBSERVATION_LISTENER_FAILURES' });
}

// A --parallel worker whose coordinator died gets no more work, but its observations' timers and waits would keep it
// alive until they ran out: once its IPC channel closes, stop them all (their waits reject) so that it exits at once.
if (typeof process.send === 'function') {
  process.once('disconnect', () => void abandonObservations('the Cucumber coordinator of this worker process disconnected'));
}

// A safety net: After hooks stop every runtime, but a runtime must never keep a run alive if one did not.
AfterAll(async function () {
  await stopLiveRuntimes();
});
