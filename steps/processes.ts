// Steps that start and signal the scenario's processes (support/processes.ts), each naming its instant ("the kill of e1").
import { After, Before, Given, Status, When } from '@cucumber/cucumber';
import type { ProcessSet } from '../processes/index.js';
import { noteInstant } from '../support/instants.js';
import { StepInputError } from '../support/parse.js';
import { beginProcesses, endProcesses, processesOf } from '../support/processes.js';

// Defined before the observation hooks (steps/index.ts imports this file first): the processes exist and have their
// ports before any observation starts, and Cucumber runs this After hook after the one that stops the observations.
Before({ name: 'cucumber-observation: allocate the processes of the scenario', timeout: -1 }, function (this: object) {
  return beginProcesses(this);
});

// Stopping is bounded: every group is SIGKILLed, then reaped.
After({ name: 'cucumber-observation: stop the processes of the scenario', timeout: 30_000 }, async function (this: object, { result }) {
  const failed = result !== undefined && result.status !== Status.PASSED && result.status !== Status.SKIPPED;
  const tails = await endProcesses(this, failed);
  const attach = (this as { attach?: (data: string, options: { mediaType: string; fileName?: string }) => void }).attach;
  if (typeof attach !== 'function') return;
  for (const { name, text } of tails) attach.call(this, text, { mediaType: 'text/plain', fileName: `process ${name}.log` });
});

const SIGNALS = ['SIGKILL', 'SIGTERM'] as const;

/** The names of a list such as "e1, e2 and e3", each one defined; a StepInputError before anything acts. */
function namesOf(set: ProcessSet, text: string): string[] {
  const names = text
    .split(/\s*,\s*|\s+and\s+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new StepInputError(`expected process names such as "e1, e2", got "${text}" (defined: ${set.names().join(', ')})`);
  const unknown = names.filter((name) => !set.names().includes(name));
  if (unknown.length > 0) {
    throw new StepInputError(
      `unknown process${unknown.length > 1 ? 'es' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}; defined: ${set.names().join(', ')}`,
    );
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new StepInputError(`process "${repeated}" is named twice in "${text}"`);
  return names;
}

function signalOf(text: string): NodeJS.Signals {
  if ((SIGNALS as readonly string[]).includes(text)) return text as NodeJS.Signals;
  throw new StepInputError(`unknown signal "${text}"; expected ${SIGNALS.join(' or ')}`);
}

/** Runs `action` on each named process at once, noting "the <what> of <name>" for each at the same moment. */
async function act(world: object, text: string, what: string, action: (set: ProcessSet, name: string) => Promise<void> | void): Promise<void> {
  const set = processesOf(world);
  const names = namesOf(set, text);
  const at = performance.now();
  const outcomes = await Promise.allSettled(names.map(async (name) => action(set, name)));
  for (const name of names) noteInstant(world, `the ${what} of ${name}`, at);
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

// Starting is bounded by each definition's readyTimeoutMs, killing by its stopGraceMs: no Cucumber timeout on top.
Given('the process(es) {string} is/are started', { timeout: -1 }, function (this: object, names: string) {
  const set = processesOf(this);
  const chosen = namesOf(set, names);
  const at = performance.now();
  return set.start(chosen).then(() => {
    for (const name of chosen) noteInstant(this, `the start of ${name}`, at);
  });
});

Given('all processes are started', { timeout: -1 }, function (this: object) {
  const set = processesOf(this);
  const at = performance.now();
  const chosen = set.names().filter((name) => set.status(name).state === 'not-started' || set.status(name).state === 'exited');
  return set.start(chosen.length > 0 ? chosen : undefined).then(() => {
    for (const name of chosen) noteInstant(this, `the start of ${name}`, at);
  });
});

When('the process(es) {string} is/are killed with {word}', { timeout: -1 }, function (this: object, names: string, signal: string) {
  const chosen = signalOf(signal);
  return act(this, names, 'kill', (set, name) => set.kill(name, chosen));
});

When('the process(es) {string} is/are paused', function (this: object, names: string) {
  return act(this, names, 'pause', (set, name) => set.pause(name));
});

When('the process(es) {string} is/are resumed', function (this: object, names: string) {
  return act(this, names, 'resume', (set, name) => set.resume(name));
});

When('the process(es) {string} is/are restarted', { timeout: -1 }, function (this: object, names: string) {
  return act(this, names, 'restart', (set, name) => set.restart(name));
});
