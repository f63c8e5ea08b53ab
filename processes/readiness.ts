// Readiness checks of a starting process: an HTTP status, an accepted TCP connection, or a log line, probed until they hold.
import http from 'node:http';
import net from 'node:net';

/** A readiness check with its placeholders already resolved. */
export type ResolvedReadiness = { readonly http: string; readonly status: number } | { readonly tcp: string } | { readonly log: string | RegExp };

/** Pause between two probes of an HTTP or TCP check. */
const PROBE_INTERVAL_MS = 50;
/** Bound of one probe, so that a peer that accepts and never answers cannot hold the check past its own bound. */
const PROBE_TIMEOUT_MS = 1000;

/** A readiness check under way: `ready` resolves once it holds; `lastProblem` says why it does not hold yet. */
export interface ReadinessProbe {
  readonly ready: Promise<void>;
  lastProblem(): string | undefined;
}

/** What was awaited, in words, for an error message: `HTTP 200 from http://…`, `a TCP connection to …`, `a log line matching …`. */
export function describeReadiness(check: ResolvedReadiness): string {
  if ('http' in check) return `HTTP ${check.status} from ${check.http}`;
  if ('tcp' in check) return `a TCP connection to ${check.tcp}`;
  return typeof check.log === 'string' ? `a log line containing ${JSON.stringify(check.log)}` : `a log line matching ${String(check.log)}`;
}

/**
 * Probes until the check holds or `signal` aborts (then `ready` rejects with the abort reason). A log check listens
 * through `subscribe`, which returns its own unsubscribe.
 */
export function probeReadiness(check: ResolvedReadiness, signal: AbortSignal, subscribe: (listener: (line: string) => void) => () => void): ReadinessProbe {
  let problem: string | undefined;
  if ('log' in check) {
    const matches = typeof check.log === 'string' ? (line: string) => line.includes(check.log as string) : (line: string) => (check.log as RegExp).test(line);
    const ready = new Promise<void>((resolve, reject) => {
      const finish = (error?: unknown) => {
        unsubscribe();
        signal.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onAbort = () => finish(signal.reason);
      const unsubscribe = subscribe((line) => {
        if (matches(line)) finish();
      });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    return { ready, lastProblem: () => 'no such line yet' };
  }
  const probeOnce = 'http' in check ? (done: Done) => probeHttp(check.http, check.status, done) : (done: Done) => probeTcp(check.tcp, done);
  // One abort listener for the whole check: it ends the probe in flight or the pause between two.
  const ready = new Promise<void>((resolve, reject) => {
    let inFlight: { destroy(): void } | undefined;
    let pause: NodeJS.Timeout | undefined;
    const onAbort = () => {
      clearTimeout(pause);
      inFlight?.destroy();
      reject(signal.reason);
    };
    const attempt = () => {
      inFlight = probeOnce((outcome) => {
        inFlight = undefined;
        if (signal.aborted) return;
        problem = outcome;
        if (outcome !== undefined) {
          pause = setTimeout(attempt, PROBE_INTERVAL_MS);
          return;
        }
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    };
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    attempt();
  });
  return { ready, lastProblem: () => problem };
}

/** Called once with undefined when the probe succeeded, else with what happened instead. */
type Done = (problem: string | undefined) => void;

/** One GET: done(undefined) when it answered with the status. */
function probeHttp(url: string, status: number, done: Done): { destroy(): void } {
  let settled = false;
  const finish = (problem: string | undefined) => {
    if (settled) return;
    settled = true;
    done(problem);
  };
  // No agent: the connection closes with the answer, so no socket outlives the check.
  const request = http.get(url, { agent: false, timeout: PROBE_TIMEOUT_MS }, (response) => {
    response.resume();
    const got = response.statusCode;
    finish(got === status ? undefined : `answered HTTP ${got}`);
  });
  request.on('timeout', () => request.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)));
  request.on('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ECONNREFUSED' ? 'connection refused' : error.message));
  return request;
}

/** One connection attempt: done(undefined) when accepted. */
function probeTcp(address: string, done: Done): { destroy(): void } {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon) || '127.0.0.1';
  const port = Number(address.slice(colon + 1));
  let settled = false;
  const finish = (problem: string | undefined) => {
    if (settled) return;
    settled = true;
    done(problem);
  };
  const socket = net.connect({ host, port, timeout: PROBE_TIMEOUT_MS });
  socket.once('connect', () => {
    socket.destroy();
    finish(undefined);
  });
  socket.once('timeout', () => socket.destroy(new Error(`no connection within ${PROBE_TIMEOUT_MS} ms`)));
  socket.once('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ECONNREFUSED' ? 'connection refused' : error.message));
  return socket;
}
