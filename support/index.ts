// The Cucumber layer's public API: the World mixin, observation definitions and their types. Registers nothing.
export { withObservation } from './world.js';
export { defineObservation } from './registry.js';
export { StepInputError } from './parse.js';
export { PathError } from './paths.js';
export { remember, rememberedNames, rememberedValue } from './remembered.js';
export type {
  ObservationDefinition,
  ObservationDefinitionOptions,
  ObservationRef,
  ObservationWorld,
  ReportPolicy,
  ScenarioObservationConfig,
  SourcesObservationDefinition,
} from './types.js';
export type { ObservationSummary } from './summary.js';
export { defineProcesses, processesOf } from './processes.js';
export type { LogEvent, ProcessDefinition, ProcessSet, ProcessStatus, Readiness } from '../processes/index.js';
