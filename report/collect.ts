// Reads one run's message stream (live, or saved with --format message) into its scenario attempts and their records.
import { messageOf } from '../lib/format.js';
import { epochMs, type Envelope, type GherkinChild } from './messages.js';
import { parseScenarioRecord, RECORD_MEDIA_TYPE, type ScenarioRecord } from './record.js';

/** A step of an attempt, located in its feature file. */
interface CollectedStep {
  readonly text: string;
  readonly line: number | undefined;
  status: string;
  message: string | undefined;
}

/** One attempt at one scenario (a scenario retried with --retry has several). */
export interface CollectedAttempt {
  readonly uri: string;
  readonly feature: string;
  readonly scenario: string;
  /** The scenario's line, or its example row's for an outline. */
  readonly line: number | undefined;
  /** 1 for the first attempt. */
  readonly attempt: number;
  status: string;
  willBeRetried: boolean;
  /** Pickle steps by id, in order. */
  readonly steps: ReadonlyMap<string, CollectedStep>;
  record: ScenarioRecord | undefined;
}

/** What one run's messages said. */
export interface CollectedRun {
  readonly attempts: readonly CollectedAttempt[];
  readonly success: boolean | undefined;
  readonly durationMs: number | undefined;
  /** Records that could not be read, and similar trouble worth showing in the report. */
  readonly problems: readonly string[];
}

// Cucumber's order of badness, as in its own summary: an attempt has the worst status of its steps.
const STATUS_RANK = ['UNKNOWN', 'PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];

/** Feed it every envelope of one run, in order; `result()` then gives the run's attempts. */
export class RunCollector {
  readonly #lines = new Map<string, number>();
  readonly #features = new Map<string, string>();
  readonly #pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  readonly #testCases = new Map<string, { pickleId: string; pickleSteps: Map<string, string> }>();
  readonly #attempts = new Map<string, CollectedAttempt & { testCaseId: string }>();
  readonly #problems: string[] = [];
  #startedAt: number | undefined;
  #finishedAt: number | undefined;
  #success: boolean | undefined;

  add(envelope: Envelope): void {
    if (envelope.gherkinDocument) this.#document(envelope.gherkinDocument);
    else if (envelope.pickle) this.#pickles.set(envelope.pickle.id, envelope.pickle);
    else if (envelope.testCase) {
      const pickleSteps = new Map<string, string>();
      for (const step of envelope.testCase.testSteps) if (step.pickleStepId) pickleSteps.set(step.id, step.pickleStepId);
      this.#testCases.set(envelope.testCase.id, { pickleId: envelope.testCase.pickleId, pickleSteps });
    } else if (envelope.testCaseStarted) this.#started(envelope.testCaseStarted);
    else if (envelope.testStepFinished) this.#stepFinished(envelope.testStepFinished);
    else if (envelope.attachment) this.#attachment(envelope.attachment);
    else if (envelope.testCaseFinished) {
      const attempt = this.#attempts.get(envelope.testCaseFinished.testCaseStartedId);
      if (attempt) attempt.willBeRetried = envelope.testCaseFinished.willBeRetried;
    } else if (envelope.testRunStarted) this.#startedAt = epochMs(envelope.testRunStarted.timestamp);
    else if (envelope.testRunFinished) {
      this.#finishedAt = epochMs(envelope.testRunFinished.timestamp);
      this.#success = envelope.testRunFinished.success;
    }
  }

  result(): CollectedRun {
    const durationMs = this.#startedAt !== undefined && this.#finishedAt !== undefined ? this.#finishedAt - this.#startedAt : undefined;
    const attempts = [...this.#attempts.values()].map(({ testCaseId: _testCaseId, ...attempt }) => attempt);
    return { attempts, success: this.#success, durationMs, problems: this.#problems };
  }

  #document(document: NonNullable<Envelope['gherkinDocument']>): void {
    const feature = document.feature;
    if (!feature) return;
    if (document.uri !== undefined) this.#features.set(document.uri, feature.name);
    const visit = (children: readonly GherkinChild[]): void => {
      for (const child of children) {
        for (const step of child.background?.steps ?? []) this.#lines.set(step.id, step.location.line);
        const scenario = child.scenario;
        if (scenario) {
          this.#lines.set(scenario.id, scenario.location.line);
          for (const step of scenario.steps) this.#lines.set(step.id, step.location.line);
          for (const examples of scenario.examples) for (const row of examples.tableBody) this.#lines.set(row.id, row.location.line);
        }
        if (child.rule) visit(child.rule.children);
      }
    };
    visit(feature.children);
  }

  #started(started: NonNullable<Envelope['testCaseStarted']>): void {
    const testCase = this.#testCases.get(started.testCaseId);
    const pickle = testCase && this.#pickles.get(testCase.pickleId);
    if (!pickle) {
      this.#problems.push(`test case ${started.testCaseId} started without its pickle in the messages`);
      return;
    }
    const steps = new Map<string, CollectedStep>();
    for (const step of pickle.steps) {
      steps.set(step.id, { text: step.text, line: this.#lines.get(step.astNodeIds[0] ?? ''), status: 'UNKNOWN', message: undefined });
    }
    this.#attempts.set(started.id, {
      testCaseId: started.testCaseId,
      uri: pickle.uri,
      feature: this.#features.get(pickle.uri) ?? pickle.uri,
      scenario: pickle.name,
      line: this.#lines.get(pickle.astNodeIds[pickle.astNodeIds.length - 1] ?? ''),
      attempt: started.attempt + 1,
      status: 'UNKNOWN',
      willBeRetried: false,
      steps,
      record: undefined,
    });
  }

  #stepFinished(finished: NonNullable<Envelope['testStepFinished']>): void {
    const attempt = this.#attempts.get(finished.testCaseStartedId);
    if (!attempt) return;
    const status = String(finished.testStepResult.status);
    if (STATUS_RANK.indexOf(status) > STATUS_RANK.indexOf(attempt.status)) attempt.status = status;
    const pickleStepId = this.#testCases.get(attempt.testCaseId)?.pickleSteps.get(finished.testStepId);
    const step = pickleStepId === undefined ? undefined : attempt.steps.get(pickleStepId);
    if (!step) return;
    step.status = status;
    step.message = finished.testStepResult.message;
  }

  #attachment(attachment: NonNullable<Envelope['attachment']>): void {
    if (attachment.mediaType !== RECORD_MEDIA_TYPE || attachment.testCaseStartedId === undefined) return;
    const attempt = this.#attempts.get(attachment.testCaseStartedId);
    if (!attempt) return;
    const body = String(attachment.contentEncoding) === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
    try {
      attempt.record = parseScenarioRecord(body);
    } catch (error) {
      this.#problems.push(`${attempt.uri}:${attempt.line ?? '?'} (${attempt.scenario}): ${messageOf(error)}`);
    }
  }
}

/** Reads a saved message stream (NDJSON); `source` names it in errors. */
export function collectNdjson(text: string, source: string): CollectedRun {
  const collector = new RunCollector();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(line) as Envelope;
    } catch (error) {
      throw new Error(`${source}, line ${index + 1}: not a Cucumber message (${messageOf(error)}); expected the NDJSON that --format message:<file> writes`);
    }
    collector.add(envelope);
  });
  const run = collector.result();
  if (run.attempts.length === 0 && !lines.some((line) => line.includes('"testRunStarted"'))) {
    throw new Error(`${source}: holds no Cucumber run; expected the NDJSON that --format message:<file> writes`);
  }
  return run;
}
