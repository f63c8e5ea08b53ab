// The package's runtime API: everything here is free of side effects and knows nothing of Cucumber.
export { ObservationRuntime } from './runtime.js';
export { ObservationHandle, type ObservedEvent } from './handle.js';
export { BatchIterator } from './batches.js';
export { observedSource, StaticSourceProvider } from './sources.js';
export { systemClock } from './clock.js';
export { DEFAULT_CONFIG } from './config.js';
export { DEFAULT_WAIT_TIMEOUT_MS } from './wait.js';
export {
  ObservationRuntimeError,
  ObservationTimeoutError,
  ObservationStoppedError,
  ObservationHoldError,
  ObservationLagError,
  type ObservationRuntimeErrorCode,
  type WaitReport,
} from './errors.js';
export type {
  AnyObserver,
  BatchesOptions,
  Clock,
  CycleReport,
  EventOf,
  EventPredicate,
  EventWaitOptions,
  FailurePredicate,
  FailureWaitOptions,
  HoldOptions,
  ObservationBatch,
  ObservationConfig,
  ObservationFailure,
  ObservationFailureStage,
  ObservationLogger,
  ObservationSnapshot,
  ObservationStatus,
  ObservedSource,
  Observer,
  SnapshotOf,
  SnapshotPredicate,
  SnapshotWaitOptions,
  SourceOf,
  SourceProvider,
  SourceProviderLike,
  StateOf,
  TimerHandle,
  WaitOptions,
  WatchContext,
} from './types.js';
