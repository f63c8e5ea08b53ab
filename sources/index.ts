// Built-in sources (no Cucumber): http, prometheus, command, tcp and process readings as data, in one observer.
export { SourcesObserver, valueAt } from './observer.js';
export type { SourcesObserverOptions, SourcesState } from './observer.js';
export { checkSourcesDefinition, checkSourceSpec, DEFAULT_READING_TIMEOUT_MS, SourceDefinitionError } from './definition.js';
export { metricFilter, parsePrometheusText } from './prometheus-text.js';
export type { PrometheusMetrics } from './prometheus-text.js';
export type { SourceReader } from './reading.js';
export { SOURCE_KINDS, SOURCE_OPTIONS } from './types.js';
export type * from './types.js';
