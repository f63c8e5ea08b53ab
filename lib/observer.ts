// What the runtime checks of an observer, and the name it logs it by.
import { ObservationRuntimeError } from './errors.js';
import { summarize } from './format.js';

/** Throws an `invalid-config` ObservationRuntimeError naming the methods an observer lacks. */
export function checkObserver(observer: unknown): void {
  const methods = ['init', 'poll', 'snapshot'] as const;
  const missing =
    typeof observer === 'object' && observer !== null
      ? methods.filter((method) => typeof (observer as Record<string, unknown>)[method] !== 'function')
      : methods;
  if (missing.length > 0) {
    throw new ObservationRuntimeError(
      'invalid-config',
      `observer must have init, poll and snapshot methods; ${summarize(observer, 120)} lacks ${missing.join(', ')}`,
    );
  }
}

/** The observer's class name for logs, or 'anonymous observer'. */
export function observerName(observer: object): string {
  try {
    const name: unknown = observer.constructor?.name;
    return typeof name === 'string' && name !== '' && name !== 'Object' ? name : 'anonymous observer';
  } catch {
    return 'anonymous observer';
  }
}
