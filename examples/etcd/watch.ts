// etcd's watch over the JSON gateway (POST /v3/watch): a stream of messages, one per change, until the signal aborts.
import http from 'node:http';
import { base64, EtcdRequestError, prefixEnd } from './client.js';

/** Where to watch: a member's name (for messages) and its client URL. */
export interface WatchTarget {
  readonly member: string;
  readonly url: string;
}

/**
 * Watches the keys under `prefix` ('' for all) on one member and calls `onChange` once per message that carries events
 * (a put or a delete). Resolves when `signal` aborts; rejects with an {@link EtcdRequestError} when the member refuses,
 * answers with an error, or ends the stream. The socket is gone once it settles.
 */
export function watchKeys(target: WatchTarget, prefix: string, onChange: () => void, signal: AbortSignal): Promise<void> {
  const what = `member ${target.member} (${target.url}): POST /v3/watch`;
  const key = prefix === '' ? '\0' : prefix;
  const body = JSON.stringify({ create_request: { key: base64(key), range_end: prefix === '' ? base64('\0') : prefixEnd(prefix) } });
  return new Promise((resolve, reject) => {
    let failure: EtcdRequestError | undefined;
    const fail = (kind: 'refused' | 'network' | 'http' | 'bad-response', message: string, cause?: unknown): void => {
      failure ??= new EtcdRequestError(target.member, kind, `${what} ${message}`, { cause });
    };
    const request = http.request(new URL('/v3/watch', target.url), {
      method: 'POST',
      signal,
      agent: false,
      headers: { connection: 'close', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        fail('http', `answered HTTP ${response.statusCode}`);
        response.resume();
        return;
      }
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        // The gateway writes one JSON object per line.
        let newline = pending.indexOf('\n');
        while (newline >= 0) {
          const line = pending.slice(0, newline).trim();
          pending = pending.slice(newline + 1);
          newline = pending.indexOf('\n');
          if (line === '') continue;
          let message: { result?: { events?: unknown[]; canceled?: boolean }; error?: { message?: string } };
          try {
            message = JSON.parse(line) as typeof message;
          } catch (cause) {
            fail('bad-response', `sent invalid JSON: ${line.slice(0, 200)}`, cause);
            request.destroy();
            return;
          }
          if (message.error || message.result?.canceled) {
            fail('http', `ended the watch: ${message.error?.message ?? 'canceled'}`);
            request.destroy();
            return;
          }
          if ((message.result?.events?.length ?? 0) > 0) onChange();
        }
      });
      response.on('end', () => fail('network', 'ended the stream'));
    });
    request.on('error', (cause: NodeJS.ErrnoException) => {
      if (signal.aborted) return;
      if (cause.code === 'ECONNREFUSED') fail('refused', 'refused: nothing listens there (member down?)', cause);
      else fail('network', `failed: ${cause.message}`, cause);
    });
    request.on('close', () => {
      if (signal.aborted) resolve();
      else reject(failure ?? new EtcdRequestError(target.member, 'network', `${what}: connection closed`));
    });
    request.end(body);
  });
}
