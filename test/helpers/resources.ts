// Counts the timers, sockets, child processes and process listeners a process holds, for leak checks to compare.

/** Active handle and request kinds that code of ours could leave behind (files and terminals are the runner's). */
const WATCHED_RESOURCES: ReadonlySet<string> = new Set([
  'Timeout',
  'Immediate',
  'ProcessWrap',
  'PipeWrap',
  'TCPWrap',
  'TCPSocketWrap',
  'TCPServerWrap',
  'UDPWrap',
]);

/** Process events a library might listen to and forget. */
const WATCHED_PROCESS_EVENTS = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection', 'warning'] as const;

/** How many of each watched kind the process holds, by kind. */
export type Census = ReadonlyMap<string, number>;

/** Counts the watched resources and process listeners right now. */
export function census(): Census {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) {
    if (WATCHED_RESOURCES.has(kind)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  for (const event of WATCHED_PROCESS_EVENTS) {
    const listeners = process.listenerCount(event);
    if (listeners > 0) counts.set(`process '${event}' listener`, listeners);
  }
  return counts;
}

/** What `now` holds beyond `baseline`, one "2 × Timeout" line per kind; empty when nothing grew. */
export function growth(baseline: Census, now: Census = census()): string[] {
  return [...now].filter(([kind, count]) => count > (baseline.get(kind) ?? 0)).map(([kind, count]) => `${count - (baseline.get(kind) ?? 0)} × ${kind}`);
}
