// The observed suite with the run report's recording turned off, so that the benchmark shows what recording costs.
import { WaitLog } from '../../support/wait-log.js';
export { countObserversCreated } from './observed.js';

// Benchmark-only: no wait listener, no step bookkeeping, no record attached; everything else as in the observed suite.
WaitLog.prototype.follow = function follow(): void {};
WaitLog.prototype.stepEnded = function stepEnded(): void {};
WaitLog.prototype.record = function record(): undefined {
  return undefined;
};
