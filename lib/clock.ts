// The real clock: monotonic milliseconds since the epoch and the platform's timers.
import type { Clock } from './types.js';

/** The default {@link Clock}: `performance` time (never goes backwards) and the global timers. */
export const systemClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
