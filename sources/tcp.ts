// The tcp kind: up when a connection to host:port opens within the source's timeout.
import { connect } from 'node:net';
import { bounded, downReading, elapsedSince, type SourceReader } from './reading.js';
import type { SourceReading } from './types.js';

/** Opens (and closes at once) a connection each cycle. */
export function tcpReader(name: string, host: string, port: number, timeoutMs: number): SourceReader {
  return {
    name,
    kind: 'tcp',
    async read(signal): Promise<SourceReading> {
      const startedAt = performance.now();
      try {
        await bounded(signal, timeoutMs, (bound) => connectOnce(host, port, bound));
        return { kind: 'tcp', up: true, value: null, error: null, ms: elapsedSince(startedAt) };
      } catch (error) {
        return downReading('tcp', error, startedAt);
      }
    },
  };
}

function connectOnce(host: string, port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    // Settled only once the socket's handle has closed, so that a stopped observation leaves no socket behind.
    let outcome: { error: unknown } | undefined;
    const end = (error: unknown): void => {
      outcome ??= { error };
      socket.destroy();
    };
    const onAbort = (): void => end(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => end(undefined));
    socket.once('error', (error) => end(error));
    socket.once('close', () => {
      signal.removeEventListener('abort', onAbort);
      if (outcome && outcome.error === undefined) resolve();
      else reject(outcome?.error ?? new Error('the connection closed before it opened'));
    });
  });
}
