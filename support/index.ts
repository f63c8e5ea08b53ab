// The Cucumber layer's public API: the World mixin, observation definitions and their types. Registers nothing.
export { withObservation } from './world.js';
export { defineObservation } from './registry.js';
export { StepInputError } from './parse.js';
export { PathError } from './paths.js';
export { remember, rememberedNames, rememberedValue } from './remembered.js';
export { instantAt, instantNames, noteInstant } from './instants.js';
export type { ObservationDefinition, ObservationRef, ObservationWorld, ReportPolicy, ScenarioObservationConfig } from './types.js';
export type { ObservationSummary } from './summary.js';
