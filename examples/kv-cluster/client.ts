// HTTP client for one kv-cluster node: typed state reads and writes with bounded, cancellable, leak-free requests.
import http from 'node:http';
import { RequestError, type RequestErrorKind } from '../shared/request-error.js';

/** What `GET /state` of a node answers. */
export interface NodeState {
  /** Node id, e.g. `n1`. */
  readonly id: string;
  /** Process id of the node process that answered. */
  readonly pid: number;
  /** Current value of every key. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Last-writer-wins version of every key (a Lamport timestamp). */
  readonly versions: Readonly<Record<string, number>>;
  /** The node's Lamport clock: the highest version it has written or seen; 0 while it holds nothing. */
  readonly version: number;
  /** Peer URLs the node pulls from. */
  readonly peers: readonly string[];
  /** Milliseconds since the node process started. */
  readonly uptimeMs: number;
  /** Start time of the node process, epoch milliseconds. */
  readonly startedAt: number;
}

/** One stored value with its last-writer-wins metadata, as `PUT /kv/:key` answers it. */
export interface Entry {
  readonly value: unknown;
  readonly version: number;
  readonly writer: string;
}

/** Per-request options. */
export interface RequestOptions {
  /** Cancels the request; the rejection is a {@link NodeRequestError} of kind `aborted`. */
  readonly signal?: AbortSignal;
  /** Upper bound for the whole request, in ms. Default {@link DEFAULT_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
}

/** Why a request to a node failed. */
export type NodeRequestErrorKind = RequestErrorKind;

/** A failed request to a node; the message names the node, the request and the reason. */
export class NodeRequestError extends RequestError {
  override readonly name = 'NodeRequestError';
  /** The node asked. */
  readonly nodeId: string;

  constructor(nodeId: string, kind: NodeRequestErrorKind, message: string, options?: { cause?: unknown; status?: number }) {
    super(kind, message, options);
    this.nodeId = nodeId;
  }
}

/** Default bound for one request, in ms. */
export const DEFAULT_TIMEOUT_MS = 1000;

/**
 * Talks to one node at a fixed address. A restarted node has a new address, so get a fresh client for it
 * (see `KvCluster.client`).
 *
 * Requests use `node:http` without keep-alive and settle only once their socket is closed, so a settled request leaves
 * no handle behind (`fetch` leaves its socket closing, or idle in a pool, after the response is read).
 */
export class NodeClient {
  /** Node id, used in error messages. */
  readonly id: string;
  /** Base URL, e.g. `http://127.0.0.1:12345`. */
  readonly url: string;

  constructor(node: { readonly id: string; readonly url: string }) {
    this.id = node.id;
    this.url = node.url;
  }

  /** Reads the node's full state (`GET /state`). */
  async state(options: RequestOptions = {}): Promise<NodeState> {
    return (await this.#request('GET', '/state', undefined, options)) as NodeState;
  }

  /** Writes `key` on this node (`PUT /kv/:key`); `value` must be JSON-serializable. Resolves to the stored entry. */
  async write(key: string, value: unknown, options: RequestOptions = {}): Promise<Entry> {
    if (value === undefined) throw new TypeError(`cannot write undefined to key ${key} on node ${this.id}`);
    return (await this.#request('PUT', `/kv/${encodeURIComponent(key)}`, { value }, options)) as Entry;
  }

  /** Replaces the node's peer list (`PUT /peers`). */
  async setPeers(peerUrls: readonly string[], options: RequestOptions = {}): Promise<void> {
    await this.#request('PUT', '/peers', peerUrls, options);
  }

  #request(method: string, path: string, body: unknown, options: RequestOptions): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const what = `node ${this.id} (${this.url}): ${method} ${path}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);

    return new Promise((resolve, reject) => {
      let outcome: { ok: true; value: unknown } | { ok: false; error: NodeRequestError } | undefined;
      const settle = (o: NonNullable<typeof outcome>) => {
        outcome ??= o;
      };
      const fail = (err: unknown) => {
        if (options.signal?.aborted) settle({ ok: false, error: new NodeRequestError(this.id, 'aborted', `${what} aborted`, { cause: err }) });
        else if (timeout.aborted) {
          settle({ ok: false, error: new NodeRequestError(this.id, 'timeout', `${what} timed out after ${timeoutMs} ms`, { cause: err }) });
        } else if ((err as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED') {
          settle({ ok: false, error: new NodeRequestError(this.id, 'refused', `${what} refused: nothing listens there (node down?)`, { cause: err }) });
        } else settle({ ok: false, error: new NodeRequestError(this.id, 'network', `${what} failed: ${String(err)}`, { cause: err }) });
      };

      const req = http.request(new URL(path, this.url), {
        method,
        signal,
        // No pooling: the request owns its socket and settles after the socket closed (see the class comment).
        agent: false,
        headers: {
          connection: 'close',
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) {
            const status = res.statusCode ?? 0;
            settle({ ok: false, error: new NodeRequestError(this.id, 'http', `${what} answered HTTP ${status}: ${text.slice(0, 200)}`, { status }) });
            return;
          }
          try {
            settle({ ok: true, value: JSON.parse(text) });
          } catch (err) {
            settle({ ok: false, error: new NodeRequestError(this.id, 'bad-response', `${what} answered invalid JSON`, { cause: err }) });
          }
        });
      });
      req.on('error', fail);
      // 'close' comes after the socket closed, whether the request succeeded, failed or was aborted.
      req.on('close', () => {
        if (!outcome) fail(new Error('connection closed before a complete response'));
        if (outcome!.ok) resolve(outcome!.value);
        else reject(outcome!.error);
      });
      req.end(payload);
    });
  }
}
