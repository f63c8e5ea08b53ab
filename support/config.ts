// Layers an observation's options: runtime defaults < definition < --world-parameters < scenario tags < steps.
import { resolveConfig } from '../lib/config.js';
import { CONFIG_OPTIONS } from '../lib/config.js';
import { cut, messageOf, summarize } from '../lib/format.js';
import { parseCount, parseDuration, StepInputError } from './parse.js';
import { isReportPolicy, REPORT_POLICIES, type ReportPolicy } from './report-policy.js';
import type { ScenarioObservationConfig } from './types.js';

/** The plugin bounds start-up unless told otherwise, so a Before hook can never hang. */
const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;

/** Tag that turns every observation off for a scenario. */
export const NO_OBSERVATION_TAG = '@no-observation';

const TAG_PREFIX = '@observation.';

type OptionKey = keyof ScenarioObservationConfig | 'report';

interface OptionSpec {
  readonly key: OptionKey;
  readonly parse: (text: string) => unknown;
  readonly example: string;
}

/** The option words tags and step tables use, with the config key each sets. */
export const OPTION_WORDS: Readonly<Record<string, OptionSpec>> = {
  interval: { key: 'intervalMs', parse: (text) => parseDuration(text), example: '50ms' },
  history: { key: 'historyLimit', parse: (text) => parseCount(text, 'history limit'), example: '16' },
  'cycle-timeout': { key: 'cycleTimeoutMs', parse: (text) => parseDuration(text), example: '500ms' },
  'startup-timeout': { key: 'startupTimeoutMs', parse: (text) => parseDuration(text), example: '5s' },
  'startup-retries': { key: 'startupRetries', parse: (text) => parseCount(text, 'startup retries'), example: '2' },
  'stop-timeout': { key: 'stopTimeoutMs', parse: (text) => parseDuration(text, { allowZero: true }), example: '1s' },
  'min-cycle-gap': { key: 'minCycleGapMs', parse: (text) => parseDuration(text, { allowZero: true }), example: '10ms' },
  report: { key: 'report', parse: parseReportPolicy, example: 'always' },
};

// The runtime's options a suite may set: the signal and the clock belong to the plugin.
const CONFIG_KEYS: ReadonlySet<string> = new Set([...CONFIG_OPTIONS].filter((key) => key !== 'signal' && key !== 'clock'));

/** Options for one observation in one scenario, after every layer is applied. */
export interface LayeredOptions {
  readonly config: ScenarioObservationConfig;
  readonly report: ReportPolicy;
}

/** Options a layer sets: runtime options plus the report policy. */
export type OptionLayer = ScenarioObservationConfig & { report?: ReportPolicy };

/** Applies the layers in order; later ones win key by key. */
export function layerOptions(...layers: readonly (OptionLayer | undefined)[]): LayeredOptions {
  const merged: OptionLayer = { startupTimeoutMs: DEFAULT_STARTUP_TIMEOUT_MS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
    }
  }
  const { report = REPORT_POLICIES[0], ...config } = merged;
  return { config, report };
}

/**
 * The layer `--world-parameters` gives one observation: `{"observation": {...options, "<name>": {...options}}}`.
 * Options at the top apply to every observation; those under a name to that one only, and win.
 */
export function worldParameterLayer(parameters: unknown, name: string, definedNames: readonly string[]): OptionLayer | undefined {
  if (typeof parameters !== 'object' || parameters === null || !('observation' in parameters)) return undefined;
  const section = (parameters as { observation: unknown }).observation;
  if (section === undefined) return undefined;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    throw new StepInputError(`world parameter "observation" must be an object of options, got ${summarize(section, 120)}`);
  }
  // No prototype: a "__proto__" key must stay a key (and be refused as unknown), not replace the prototype.
  const shared: Record<string, unknown> = Object.create(null);
  let own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    if (definedNames.includes(key)) {
      if (key === name) own = checkParameterOptions(value, `observation.${key}`);
      continue;
    }
    shared[key] = value;
  }
  return { ...checkParameterOptions(shared, 'observation', definedNames), ...own };
}

function checkParameterOptions(value: unknown, where: string, names: readonly string[] = []): OptionLayer {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StepInputError(`world parameter "${where}" must be an object of options, got ${summarize(value, 120)}`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'report' && !CONFIG_KEYS.has(key)) {
      const accepted = [...CONFIG_KEYS, 'report', ...names.map((name) => `${name} (an observation)`)].join(', ');
      throw new StepInputError(`unknown key "${key}" in world parameter "${where}"; accepted: ${accepted}`);
    }
  }
  // Values are checked here too, so that a bad one is reported as the world parameter's, not as a failed start.
  const { report, ...config } = value as Record<string, unknown>;
  try {
    if (report !== undefined) parseReportPolicy(String(report));
    resolveConfig(config as ScenarioObservationConfig);
  } catch (error) {
    throw new StepInputError(`world parameter "${where}": ${messageOf(error)}`);
  }
  return value as OptionLayer;
}

/**
 * The layer a scenario's tags give one observation: `@observation.interval=50ms` for all of them,
 * `@observation.<name>.history=10` for one (which wins). Malformed tags throw, naming the tag.
 */
export function tagLayer(tags: readonly string[], name: string, definedNames: readonly string[]): OptionLayer | undefined {
  const shared: Record<string, unknown> = {};
  const own: Record<string, unknown> = {};
  for (const tag of tags) {
    if (!tag.startsWith(TAG_PREFIX)) continue;
    const body = tag.slice(TAG_PREFIX.length);
    const equals = body.indexOf('=');
    if (equals < 0) throw tagError(tag, 'the "=" and a value are missing');
    const words = body.slice(0, equals).split('.');
    const value = body.slice(equals + 1);
    let target = shared;
    if (words.length === 2) {
      const [observation] = words;
      if (!definedNames.includes(observation!)) {
        throw tagError(tag, `there is no observation named "${observation}" (defined: ${listNames(definedNames)})`);
      }
      if (observation !== name) continue;
      target = own;
    } else if (words.length !== 1) {
      throw tagError(tag, 'too many dots');
    }
    const word = words[words.length - 1]!;
    const spec = optionSpec(word);
    if (!spec) throw tagError(tag, `unknown option "${word}"`);
    try {
      target[spec.key] = spec.parse(value);
    } catch (error) {
      throw tagError(tag, messageOf(error));
    }
  }
  const layer = { ...shared, ...own };
  return Object.keys(layer).length === 0 ? undefined : (layer as OptionLayer);
}

/** The layer a step's option table gives: rows of option word | value. */
export function tableLayer(rows: readonly (readonly string[])[]): OptionLayer {
  const layer: Record<string, unknown> = {};
  for (const row of rows) {
    const [word = '', value = ''] = row.map((cell) => cell.trim());
    const spec = optionSpec(word);
    if (!spec) {
      throw new StepInputError(`unknown observation option "${cut(word, 60)}"; accepted: ${describeOptionWords()}`);
    }
    try {
      layer[spec.key] = spec.parse(value);
    } catch (error) {
      throw new StepInputError(`observation option "${word}": ${messageOf(error)}`);
    }
  }
  return layer as OptionLayer;
}

// Own keys only: "constructor" or "toString" must be unknown options, not lookups on Object.prototype.
function optionSpec(word: string): OptionSpec | undefined {
  return Object.hasOwn(OPTION_WORDS, word) ? OPTION_WORDS[word] : undefined;
}

function tagError(tag: string, why: string): StepInputError {
  return new StepInputError(
    `invalid observation tag ${tag}: ${why}; expected @observation.<option>=<value> or ` +
      `@observation.<name>.<option>=<value> with options ${describeOptionWords()}`,
  );
}

function describeOptionWords(): string {
  return Object.entries(OPTION_WORDS)
    .map(([word, spec]) => `${word} (e.g. ${spec.example})`)
    .join(', ');
}

function parseReportPolicy(text: string): ReportPolicy {
  if (isReportPolicy(text)) return text;
  throw new StepInputError(`invalid report policy "${cut(text, 60)}": expected ${REPORT_POLICIES.join(', ')}`);
}

export function listNames(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}
