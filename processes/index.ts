// The process module: definitions, one scenario's ProcessSet, log events and placeholders; no Cucumber here.
export { DEFAULT_READY_TIMEOUT_MS, DEFAULT_STOP_GRACE_MS, type ProcessDefinition, type Readiness } from './definition.js';
export type { LogLine } from './log-buffer.js';
export { logEventOf, onLogMatch, type LogEvent } from './log-events.js';
export { HOST } from './placeholders.js';
export { DEFAULT_LOG_LINES, ProcessSet, type ProcessSetOptions, type ProcessStatus } from './process-set.js';
