// Runs Cucumber on fixture features in a child process (fresh module state, hang detection) and returns what happened.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { runCucumber } from '@cucumber/cucumber/api';

type Envelope = Parameters<NonNullable<Parameters<typeof runCucumber>[2]>>[0];

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD_SCRIPT = fileURLToPath(new URL('./cucumber-child.ts', import.meta.url));

/** The support entry of the fixture suites: the plugin, a fixture World and system, leak checks. */
export const FIXTURE_SUPPORT: readonly string[] = ['test/fixtures/support/index.ts'];

/** What to run; paths are relative to the repository root. */
export interface CucumberRunOptions {
  readonly features: readonly string[];
  /** Support files to import; default {@link FIXTURE_SUPPORT}. */
  readonly support?: readonly string[];
  readonly tags?: string;
  readonly names?: readonly string[];
  readonly worldParameters?: Record<string, unknown>;
  readonly parallel?: number;
  readonly retry?: number;
  readonly shard?: string;
  readonly dryRun?: boolean;
  /** Formats beside `progress`, as `--format` takes them (`message:run.ndjson`); and formatOptions. */
  readonly formats?: readonly string[];
  readonly formatOptions?: Record<string, unknown>;
  /** How long the whole run may take before the child is killed; default 120 s. */
  readonly runTimeoutMs?: number;
  /** How long the child may take to exit once it reported its result; default 15 s. */
  readonly exitTimeoutMs?: number;
}

export interface StepOutcome {
  /** The step's text, or `Before: <hook name>` / `After: <hook name>` for a hook. */
  readonly text: string;
  readonly status: string;
  /** The error as Cucumber reports it (message, diff and stack), when the step failed. */
  readonly message: string | undefined;
  /** Expressions of the step definitions its text matched (none for a hook or an undefined step). */
  readonly definitions: readonly string[];
  readonly isHook: boolean;
}

interface AttachmentOutcome {
  readonly mediaType: string;
  readonly body: string;
  readonly fileName: string | undefined;
}

export interface AttemptOutcome {
  readonly status: string;
  readonly steps: readonly StepOutcome[];
  readonly attachments: readonly AttachmentOutcome[];
  readonly willBeRetried: boolean;
}

export interface TestCaseOutcome {
  readonly name: string;
  readonly uri: string;
  /** Status of the last attempt: the worst status of its steps. */
  readonly status: string;
  readonly attempts: readonly AttemptOutcome[];
  /** Steps and attachments of the last attempt. */
  readonly steps: readonly StepOutcome[];
  readonly attachments: readonly AttachmentOutcome[];
}

interface StepDefinitionOutcome {
  readonly pattern: string;
  readonly type: string;
  readonly uri: string;
}

export interface CucumberRunResult {
  readonly success: boolean | undefined;
  readonly testCases: readonly TestCaseOutcome[];
  readonly stepDefinitions: readonly StepDefinitionOutcome[];
  /** Names of the parameter types the support code defined. */
  readonly parameterTypes: readonly string[];
  /** Failed BeforeAll/AfterAll hooks, and an error that stopped the run itself. */
  readonly runErrors: readonly string[];
  /** Whether the child exited by itself (false: it was killed after a time bound). */
  readonly exitedByItself: boolean;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/** Runs Cucumber once in a child process; never rejects for a failing run, only for a child that cannot start. */
export async function runFixtureCucumber(options: CucumberRunOptions): Promise<CucumberRunResult> {
  const startedAt = Date.now();
  const input = { ...options, support: options.support ?? FIXTURE_SUPPORT };
  const child = spawn(process.execPath, ['--import', './register-ts-node.mjs', CHILD_SCRIPT, JSON.stringify(input)], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let lines = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const results = child.stdio[3] as NodeJS.ReadableStream;
  results.setEncoding('utf8');
  results.on('data', (chunk: string) => (lines += chunk));

  let killed = false;
  // Kills the whole process group: parallel runs have worker processes of their own.
  const kill = (): void => {
    killed = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const runTimer = setTimeout(kill, options.runTimeoutMs ?? 120_000);
  let exitTimer: ReturnType<typeof setTimeout> | undefined;
  results.on('end', () => {
    exitTimer = setTimeout(kill, options.exitTimeoutMs ?? 15_000);
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => {
    clearTimeout(runTimer);
    clearTimeout(exitTimer);
  });

  // Every complete line; a child killed mid-write leaves an incomplete last one, which is dropped.
  const parsed = lines
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as { envelope?: Envelope; success?: boolean; error?: string });
  const envelopes = parsed.flatMap((line) => (line.envelope ? [line.envelope] : []));
  const runErrors = parsed.flatMap((line) => (line.error ? [line.error] : []));
  return {
    ...collect(envelopes),
    success: parsed.find((line) => line.success !== undefined)?.success,
    runErrors: [...runErrors, ...runHookFailures(envelopes)],
    exitedByItself: !killed,
    exitCode,
    stdout: stdout.join(''),
    stderr: stderr.join(''),
    durationMs: Date.now() - startedAt,
  };
}

/** Runs several Cucumber runs, at most `concurrency` child processes at a time; results in the order given. */
export async function runFixtureCucumbers<const R extends readonly CucumberRunOptions[]>(
  runs: R,
  concurrency = 2,
): Promise<{ -readonly [K in keyof R]: CucumberRunResult }> {
  const results: CucumberRunResult[] = new Array(runs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < runs.length) {
      const index = next++;
      results[index] = await runFixtureCucumber(runs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, runs.length) }, lane));
  return results as { -readonly [K in keyof R]: CucumberRunResult };
}

// Cucumber's order of badness, as in its own summary.
const STATUS_RANK = ['UNKNOWN', 'PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED'];

function worst(statuses: readonly string[]): string {
  return statuses.reduce((a, b) => (STATUS_RANK.indexOf(b) > STATUS_RANK.indexOf(a) ? b : a), 'UNKNOWN');
}

interface MutableAttempt {
  status: string;
  steps: Map<string, StepOutcome>;
  attachments: AttachmentOutcome[];
  willBeRetried: boolean;
  testCaseId: string;
}

/** Builds per-test-case outcomes from Cucumber's messages. */
function collect(envelopes: readonly Envelope[]): Pick<CucumberRunResult, 'testCases' | 'stepDefinitions' | 'parameterTypes'> {
  const pickles = new Map<string, { name: string; uri: string; steps: Map<string, string> }>();
  const hooks = new Map<string, string>();
  const testCases = new Map<
    string,
    { pickleId: string; stepTexts: Map<string, string>; definitions: Map<string, string[]>; hookSteps: Set<string>; order: string[] }
  >();
  const patterns = new Map<string, string>();
  const attempts = new Map<string, MutableAttempt>();
  const attemptsByCase = new Map<string, MutableAttempt[]>();
  const stepDefinitions: StepDefinitionOutcome[] = [];
  const parameterTypes: string[] = [];
  const beforeHookIds = new Set<string>();

  for (const envelope of envelopes) {
    if (envelope.pickle) {
      const { id, name, uri, steps } = envelope.pickle;
      pickles.set(id, { name, uri, steps: new Map(steps.map((step) => [step.id, step.text])) });
    } else if (envelope.hook) {
      hooks.set(envelope.hook.id, envelope.hook.name ?? '(unnamed hook)');
      if (String(envelope.hook.type) === 'BEFORE_TEST_CASE') beforeHookIds.add(envelope.hook.id);
    } else if (envelope.parameterType) {
      parameterTypes.push(envelope.parameterType.name);
    } else if (envelope.stepDefinition) {
      const { pattern, sourceReference } = envelope.stepDefinition;
      stepDefinitions.push({ pattern: pattern.source, type: String(pattern.type), uri: sourceReference.uri ?? '' });
      patterns.set(envelope.stepDefinition.id, pattern.source);
    } else if (envelope.testCase) {
      const pickle = pickles.get(envelope.testCase.pickleId);
      const stepTexts = new Map<string, string>();
      const definitions = new Map<string, string[]>();
      const hookSteps = new Set<string>();
      for (const step of envelope.testCase.testSteps) {
        definitions.set(
          step.id,
          (step.stepDefinitionIds ?? []).map((id) => patterns.get(id) ?? '?'),
        );
        if (step.pickleStepId) stepTexts.set(step.id, pickle?.steps.get(step.pickleStepId) ?? '?');
        else if (step.hookId) {
          hookSteps.add(step.id);
          const kind = beforeHookIds.has(step.hookId) ? 'Before' : 'After';
          stepTexts.set(step.id, `${kind}: ${hooks.get(step.hookId) ?? '?'}`);
        }
      }
      testCases.set(envelope.testCase.id, {
        pickleId: envelope.testCase.pickleId,
        stepTexts,
        definitions,
        hookSteps,
        order: envelope.testCase.testSteps.map((step) => step.id),
      });
    } else if (envelope.testCaseStarted) {
      const attempt: MutableAttempt = {
        status: 'UNKNOWN',
        steps: new Map(),
        attachments: [],
        willBeRetried: false,
        testCaseId: envelope.testCaseStarted.testCaseId,
      };
      attempts.set(envelope.testCaseStarted.id, attempt);
      const list = attemptsByCase.get(attempt.testCaseId) ?? [];
      list.push(attempt);
      attemptsByCase.set(attempt.testCaseId, list);
    } else if (envelope.testStepFinished) {
      const { testCaseStartedId, testStepId, testStepResult } = envelope.testStepFinished;
      const attempt = attempts.get(testCaseStartedId);
      if (!attempt) continue;
      const testCase = testCases.get(attempt.testCaseId);
      attempt.steps.set(testStepId, {
        text: testCase?.stepTexts.get(testStepId) ?? '?',
        status: String(testStepResult.status),
        message: testStepResult.message,
        definitions: testCase?.definitions.get(testStepId) ?? [],
        isHook: testCase?.hookSteps.has(testStepId) ?? false,
      });
    } else if (envelope.attachment) {
      const attempt = envelope.attachment.testCaseStartedId ? attempts.get(envelope.attachment.testCaseStartedId) : undefined;
      const { mediaType, body, fileName, contentEncoding } = envelope.attachment;
      attempt?.attachments.push({
        mediaType,
        body: String(contentEncoding) === 'BASE64' ? Buffer.from(body, 'base64').toString('utf8') : body,
        fileName,
      });
    } else if (envelope.testCaseFinished) {
      const attempt = attempts.get(envelope.testCaseFinished.testCaseStartedId);
      if (attempt) attempt.willBeRetried = envelope.testCaseFinished.willBeRetried;
    }
  }

  const outcomes: TestCaseOutcome[] = [];
  for (const [testCaseId, list] of attemptsByCase) {
    const testCase = testCases.get(testCaseId)!;
    const pickle = pickles.get(testCase.pickleId);
    const finished = list.map((attempt): AttemptOutcome => {
      const steps = testCase.order.flatMap((id) => {
        const step = attempt.steps.get(id);
        return step ? [step] : [];
      });
      return { status: worst(steps.map((step) => step.status)), steps, attachments: attempt.attachments, willBeRetried: attempt.willBeRetried };
    });
    const last = finished[finished.length - 1]!;
    outcomes.push({
      name: pickle?.name ?? '?',
      uri: pickle?.uri ?? '?',
      status: last.status,
      attempts: finished,
      steps: last.steps,
      attachments: last.attachments,
    });
  }
  return { testCases: outcomes, stepDefinitions, parameterTypes };
}

function runHookFailures(envelopes: readonly Envelope[]): string[] {
  return envelopes.flatMap((envelope) => {
    const result = envelope.testRunHookFinished?.result;
    return result && String(result.status) !== 'PASSED' ? [`${result.status}: ${result.message ?? ''}`] : [];
  });
}

/** The test case of that name; the error lists the names there are. */
export function testCase(result: CucumberRunResult, name: string): TestCaseOutcome {
  const found = result.testCases.filter((candidate) => candidate.name === name);
  if (found.length !== 1) {
    throw new Error(
      `expected one test case named "${name}", found ${found.length}; test cases: ${result.testCases.map((c) => c.name).join(' | ')}\n` +
        `stderr: ${result.stderr.slice(-2000)}`,
    );
  }
  return found[0]!;
}

/** The step of a test case whose text starts with `prefix`; the error lists its steps. */
export function step(outcome: TestCaseOutcome, prefix: string): StepOutcome {
  const found = outcome.steps.filter((candidate) => candidate.text.startsWith(prefix));
  if (found.length !== 1) {
    throw new Error(
      `expected one step of "${outcome.name}" starting with "${prefix}", found ${found.length}; steps:\n` +
        outcome.steps.map((s) => `  ${s.status} ${s.text}`).join('\n'),
    );
  }
  return found[0]!;
}

/** The only failed step of a test case (hooks included), with its message. */
export function failedStep(outcome: TestCaseOutcome): StepOutcome & { message: string } {
  const failed = outcome.steps.filter((candidate) => candidate.status === 'FAILED');
  if (failed.length !== 1 || failed[0]!.message === undefined) {
    throw new Error(
      `expected exactly one failed step in "${outcome.name}", found ${failed.length}; steps:\n` +
        outcome.steps.map((s) => `  ${s.status} ${s.text}${s.message ? `\n    ${s.message.split('\n').join('\n    ')}` : ''}`).join('\n'),
    );
  }
  return failed[0] as StepOutcome & { message: string };
}
