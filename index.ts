// The package root: the runtime, the World mixin, observation definitions and their types. Registers no step or hook.
export {
  ObservationRuntime,
  observedSource,
  StaticSourceProvider,
  systemClock,
  DEFAULT_CONFIG,
  DEFAULT_WAIT_TIMEOUT_MS,
  cyclesTimeoutMs,
  ObservationRuntimeError,
  ObservationTimeoutError,
  ObservationStoppedError,
  ObservationHoldError,
  ObservationLagError,
  ObservationGuardError,
  ObservationTooEarlyError,
  ObservationCycleTimeoutError,
  ObservationStartupTimeoutError,
} from './lib/index.js';
export type {
  AnyObserver,
  BatchesOptions,
  BatchIterator,
  Clock,
  ConditionHit,
  CycleReport,
  Disposer,
  EventCountOptions,
  EventTally,
  EventWindowOptions,
  EventOf,
  EventPredicate,
  EventWaitOptions,
  FailurePredicate,
  FailureWaitOptions,
  HoldOptions,
  ListenerFailure,
  ListenerFailures,
  ObservationBatch,
  ObservationConfig,
  ObservationFailure,
  ObservationFailureStage,
  ObservationGuard,
  ObservationHandle,
  ObservationLogger,
  ObservationRuntimeErrorCode,
  ObservationSnapshot,
  ObservationStatus,
  ObservedEvent,
  ObservedSource,
  Observer,
  SettledWait,
  SnapshotOf,
  SnapshotPredicate,
  SnapshotWaitOptions,
  SourceOf,
  SourceProvider,
  SourceProviderLike,
  StateOf,
  TimerHandle,
  TrackedValue,
  WaitAndHoldOptions,
  WaitCondition,
  WaitOptions,
  WaitOutcome,
  WaitReport,
  WaitTrack,
  WaitTrackOptions,
  WatchContext,
} from './lib/index.js';
export { withObservation } from './support/world.js';
export { defineObservation } from './support/registry.js';
export { StepInputError } from './support/parse.js';
export { addDiagnostic, commandDiagnostic, fileTailDiagnostic, httpDiagnostic } from './support/diagnostics.js';
export type { Diagnostic, DiagnosticDeclaration } from './support/diagnostics.js';
export { remember, rememberedNames, rememberedValue } from './support/remembered.js';
export { instantAt, instantNames, noteInstant } from './support/instants.js';
export type {
  ObservationDefinition,
  ObservationDefinitionOptions,
  ObservationRef,
  ObservationWorld,
  ReportPolicy,
  ScenarioObservationConfig,
  SourcesObservationDefinition,
} from './support/types.js';
export type { ObservationSummary } from './support/summary.js';
export { defineProcesses, processesOf } from './support/processes.js';
export type { LogEvent, LogLine, ProcessDefinition, ProcessSet, ProcessSetOptions, ProcessStatus, Readiness } from './processes/index.js';
export { SourceDefinitionError } from './sources/index.js';
export type * from './sources/types.js';
