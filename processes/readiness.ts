// Readiness checks of a starting process: an HTTP status, an accepted TCP connection, or a log line, probed until they hold.
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

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
  const probeOnce = 'http' in check ? () => probeHttp(check.http, check.status, signal) : () => probeTcp(check.tcp, signal);
  const ready = (async () => {
    for (;;) {
      signal.throwIfAborted();
      problem = await probeOnce();
      if (problem === undefined) return;
      await sleep(PROBE_INTERVAL_MS, undefined, { signal });
    }
  })();
  return { ready, lastProblem: () => problem };
}

/** One GET; undefined when it answered with the status, else what happened instead. */
function probeHttp(url: string, status: number, signal: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    // No agent: the connection closes with the answer, so no socket outlives the check.
    const request = http.get(url, { agent: false, signal, timeout: PROBE_TIMEOUT_MS }, (response) => {
      response.resume();
      const got = response.statusCode;
      resolve(got === status ? undefined : `answered HTTP ${got}`);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'connection refused' : error.message));
  });
}

/** One connection attempt; undefined when accepted, else why not. */
function probeTcp(address: string, signal: AbortSignal): Promise<string | undefined> {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon) || '127.0.0.1';
  const port = Number(address.slice(colon + 1));
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, signal, timeout: PROBE_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => socket.destroy(new Error(`no connection within ${PROBE_TIMEOUT_MS} ms`)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'connection refused' : error.message));
  });
}
