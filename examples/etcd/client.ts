// A client for one etcd member's JSON gateway (/v3/...): status, put, range and leadership transfer, each bounded and cancellable.
import http from 'node:http';
import { watchKeys } from './watch.js';
import { RequestError, type RequestErrorKind } from '../shared/request-error.js';

/** Per-request options. */
export interface RequestOptions {
  /** Cancels the request; the rejection is an {@link EtcdRequestError} of kind `aborted`. */
  readonly signal?: AbortSignal;
  /** Upper bound for the whole request, in ms. Default {@link DEFAULT_REQUEST_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
}

/** Default bound for one request, in ms. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 2000;

/** Why a request to a member failed. */
export type EtcdRequestErrorKind = RequestErrorKind;

/** A failed request to a member; the message names the member, the request and the reason. */
export class EtcdRequestError extends RequestError {
  override readonly name = 'EtcdRequestError';
  /** The member asked. */
  readonly member: string;

  constructor(member: string, kind: EtcdRequestErrorKind, message: string, options?: { cause?: unknown; status?: number }) {
    super(kind, message, options);
    this.member = member;
  }
}

/** What `POST /v3/maintenance/status` says, with etcd's uint64 strings turned into what they mean. */
export interface MemberStatus {
  /** The member's own id (a uint64, kept as its decimal string). */
  readonly memberId: string;
  /** The id of the leader the member follows, or null when it knows none (etcd answers 0 or leaves it out). */
  readonly leader: string | null;
  readonly raftTerm: number;
  readonly raftIndex: number;
  readonly raftAppliedIndex: number;
  readonly version: string;
  /** What the member reports as wrong, such as `etcdserver: no leader`. */
  readonly errors: readonly string[];
}

interface RawStatus {
  header?: { member_id?: string };
  leader?: string;
  raftTerm?: string;
  raftIndex?: string;
  raftAppliedIndex?: string;
  version?: string;
  errors?: string[];
}

interface RawRange {
  kvs?: { key: string; value?: string }[];
}

/**
 * Talks to one member at its client URL. Requests use `node:http` without keep-alive and settle once their socket
 * closed, so that a settled request leaves no socket behind (a pooled `fetch` would keep one open).
 */
export class EtcdClient {
  /** The member's name (`e1`), used in messages. */
  readonly member: string;
  /** The member's client URL, such as `http://127.0.0.1:40123`. */
  readonly url: string;

  constructor(member: string, url: string) {
    this.member = member;
    this.url = url;
  }

  /** The member's raft status. */
  async status(options: RequestOptions = {}): Promise<MemberStatus> {
    const raw = (await this.#post('/v3/maintenance/status', {}, options)) as RawStatus;
    const memberId = raw.header?.member_id;
    if (typeof memberId !== 'string') throw this.#badResponse('/v3/maintenance/status', 'no header.member_id');
    return {
      memberId,
      leader: raw.leader === undefined || raw.leader === '0' ? null : raw.leader,
      raftTerm: Number(raw.raftTerm ?? 0),
      raftIndex: Number(raw.raftIndex ?? 0),
      raftAppliedIndex: Number(raw.raftAppliedIndex ?? 0),
      version: raw.version ?? '',
      errors: raw.errors ?? [],
    };
  }

  /** Writes `key` = `value` (UTF-8 strings). */
  async put(key: string, value: string, options: RequestOptions = {}): Promise<void> {
    await this.#post('/v3/kv/put', { key: base64(key), value: base64(value) }, options);
  }

  /**
   * The keys under `prefix` ('' for all) and their values, as this member holds them: a serializable read, answered
   * from the member's own store, so it shows what reached this member.
   */
  async range(prefix: string, options: RequestOptions = {}): Promise<Record<string, string>> {
    const request = prefix === '' ? { key: base64('\0'), range_end: base64('\0') } : { key: base64(prefix), range_end: prefixEnd(prefix) };
    const raw = (await this.#post('/v3/kv/range', { ...request, serializable: true }, options)) as RawRange;
    const entries: Record<string, string> = {};
    for (const kv of raw.kvs ?? []) entries[fromBase64(kv.key)] = fromBase64(kv.value ?? '');
    return entries;
  }

  /**
   * Watches the keys under `prefix` ('' for all) and calls `onChange` once per change message; resolves when `signal`
   * aborts, rejects when the member refuses or ends the watch (see {@link watchKeys}).
   */
  watch(prefix: string, onChange: () => void, signal: AbortSignal): Promise<void> {
    return watchKeys(this, prefix, onChange, signal);
  }

  /** Asks this member, which must be the leader, to hand leadership to the member with id `targetId`; resolves once done. */
  async transferLeadership(targetId: string, options: RequestOptions = {}): Promise<void> {
    await this.#post('/v3/maintenance/transfer-leadership', { targetID: targetId }, options);
  }

  #badResponse(path: string, why: string, cause?: unknown): EtcdRequestError {
    return new EtcdRequestError(this.member, 'bad-response', `member ${this.member} (${this.url}): POST ${path} answered ${why}`, { cause });
  }

  #post(path: string, body: unknown, options: RequestOptions): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const what = `member ${this.member} (${this.url}): POST ${path}`;
    const payload = JSON.stringify(body);

    return new Promise((resolve, reject) => {
      let outcome: { value: unknown } | { error: EtcdRequestError } | undefined;
      const fail = (cause: unknown) => {
        if (outcome) return;
        const error = options.signal?.aborted
          ? new EtcdRequestError(this.member, 'aborted', `${what} aborted`, { cause })
          : timeout.aborted
            ? new EtcdRequestError(this.member, 'timeout', `${what} timed out after ${timeoutMs} ms`, { cause })
            : (cause as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED'
              ? new EtcdRequestError(this.member, 'refused', `${what} refused: nothing listens there (member down?)`, { cause })
              : new EtcdRequestError(this.member, 'network', `${what} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
        outcome = { error };
      };
      const request = http.request(new URL(path, this.url), {
        method: 'POST',
        signal,
        agent: false,
        headers: { connection: 'close', 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      });
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          if (outcome) return;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch (cause) {
            outcome = { error: this.#badResponse(path, `invalid JSON (HTTP ${response.statusCode}): ${text.slice(0, 200)}`, cause) };
            return;
          }
          if (response.statusCode === 200) outcome = { value: parsed };
          else {
            const status = response.statusCode ?? 0;
            // The gateway's error body: { "error": "etcdserver: not leader", "code": 9, ... }.
            const reason = (parsed as { error?: unknown } | null)?.error;
            const message = `${what} answered HTTP ${status}: ${typeof reason === 'string' ? reason : text.slice(0, 200)}`;
            outcome = { error: new EtcdRequestError(this.member, 'http', message, { status }) };
          }
        });
      });
      request.on('error', fail);
      // 'close' comes once the socket is closed, whatever happened before.
      request.on('close', () => {
        if (!outcome) fail(new Error('connection closed before a complete response'));
        if ('value' in outcome!) resolve(outcome.value);
        else reject(outcome!.error);
      });
      request.end(payload);
    });
  }
}

/** UTF-8 text as the gateway's base64 bytes. */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function fromBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}

/** The smallest key after every key that starts with `prefix` (etcd's range_end for a prefix), base64-encoded. */
export function prefixEnd(prefix: string): string {
  const bytes = Buffer.from(prefix, 'utf8');
  for (let i = bytes.length - 1; i >= 0; i -= 1) {
    if (bytes[i]! < 0xff) {
      const end = Buffer.from(bytes.subarray(0, i + 1));
      end[i] = bytes[i]! + 1;
      return end.toString('base64');
    }
  }
  return base64('\0');
}
