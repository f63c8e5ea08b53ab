// lib's barrel for the rest of the repository: the runtime, its errors and types, and the checks. Free of side effects and of Cucumber;
// the package's public surface is what index.ts and checks.ts pick from it.
export { ObservationRuntime } from './runtime.js';
export { ObservationHandle } from './handle.js';
export { ObservationGuard } from './guards.js';
export { BatchIterator } from './batches.js';
export { observedSource, StaticSourceProvider } from './sources.js';
export { systemClock } from './clock.js';
export { DEFAULT_CONFIG } from './config.js';
export { DEFAULT_WAIT_TIMEOUT_MS } from './wait.js';
export { cyclesTimeoutMs } from './validate.js';
export * from './checks/index.js';
export {
  ObservationRuntimeError,
  ObservationTimeoutError,
  ObservationStoppedError,
  ObservationHoldError,
  ObservationLagError,
  ObservationGuardError,
  ObservationTooEarlyError,
  ObservationCycleTimeoutError,
  ObservationStartupTimeoutError,
  type ObservationRuntimeErrorCode,
  type WaitReport,
} from './errors.js';
export type {
  AnyObserver,
  BatchesOptions,
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
  ObservationLogger,
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
  WaitAndHoldOptions,
  WaitCondition,
  WaitOptions,
  WaitOutcome,
  TrackedValue,
  WaitTrack,
  WaitTrackOptions,
  WatchContext,
} from './types.js';
