// One replicated key-value node: an HTTP server on loopback that converges with its peers by pull anti-entropy.
// @ts-check
// Plain JavaScript on purpose: every node is its own process, and none should pay a TypeScript compile to start.
//
// Usage: node node.js --id n1 [--port 0] [--anti-entropy-ms 50] [--peer-timeout-ms 250] [--state-delay-ms 0]
// (or the env vars KV_NODE_ID, KV_PORT, KV_ANTI_ENTROPY_MS, KV_PEER_TIMEOUT_MS, KV_STATE_DELAY_MS).
// Prints one JSON line `{"ready":true,"id","port","pid"}` once listening on 127.0.0.1 (port 0: one the OS picks).
// Exits on SIGTERM/SIGINT; whoever starts it makes sure it does not outlive them (the process module's watchdog).

import http from 'node:http';
import { parseArgs } from 'node:util';

/**
 * One stored value with its last-writer-wins metadata.
 * @typedef {{ value: unknown, version: number, writer: string }} Entry
 */

/** Request bodies above this are refused; the node is a test fixture, not a blob store. */
const MAX_BODY_BYTES = 1024 * 1024;

const { values: args } = parseArgs({
  options: {
    id: { type: 'string' },
    port: { type: 'string' },
    'anti-entropy-ms': { type: 'string' },
    'peer-timeout-ms': { type: 'string' },
    'state-delay-ms': { type: 'string' },
  },
});

const id = args.id ?? process.env.KV_NODE_ID;
if (!id) fail('missing node id (--id or KV_NODE_ID)');
const nodeId = /** @type {string} */ (id);
const listenPort = Number(args.port ?? process.env.KV_PORT ?? 0);
if (!Number.isInteger(listenPort) || listenPort < 0 || listenPort > 65535) fail(`--port must be a TCP port (0-65535), got ${args.port ?? process.env.KV_PORT}`);
const antiEntropyMs = readMs('anti-entropy-ms', 'KV_ANTI_ENTROPY_MS', 50);
const peerTimeoutMs = readMs('peer-timeout-ms', 'KV_PEER_TIMEOUT_MS', 250);
const stateDelayMs = readMs('state-delay-ms', 'KV_STATE_DELAY_MS', 0);

/** @type {Map<string, Entry>} */
const entries = new Map();
/** @type {string[]} */
let peers = [];
/** Lamport clock: never behind any version this node has seen, so a local write always supersedes what it knows. */
let clock = 0;
const startedAt = Date.now();
let shuttingDown = false;
// Keep-alive: a round runs every few tens of ms, and fresh connections each time would only churn loopback ports.
const peerAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Deterministic last-writer-wins order: higher version wins, and a tie goes to the greater writer id.
 * @param {Entry} a
 * @param {Entry} b
 */
function newer(a, b) {
  return a.version !== b.version ? a.version > b.version : a.writer > b.writer;
}

/**
 * @param {string} key
 * @param {Entry} incoming
 */
function merge(key, incoming) {
  const current = entries.get(key);
  if (!current || newer(incoming, current)) entries.set(key, incoming);
  if (incoming.version > clock) clock = incoming.version;
}

/**
 * @param {unknown} e
 * @returns {e is Entry}
 */
function isEntry(e) {
  if (typeof e !== 'object' || e === null) return false;
  const r = /** @type {Record<string, unknown>} */ (e);
  return 'value' in r && Number.isSafeInteger(r.version) && typeof r.writer === 'string';
}

/**
 * GETs a peer's raw entries; any failure rejects and is ignored by the caller.
 * @param {string} peer
 * @returns {Promise<Record<string, unknown>>}
 */
function pull(peer) {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL('/dump', peer), { agent: peerAgent, timeout: peerTimeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${peer} answered ${res.statusCode}`));
        return;
      }
      readBody(res).then((text) => resolve(JSON.parse(text).entries), reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${peer} timed out`)));
    req.on('error', reject);
  });
}

async function antiEntropyRound() {
  const results = await Promise.allSettled(peers.map(pull));
  for (const result of results) {
    if (result.status !== 'fulfilled' || typeof result.value !== 'object' || result.value === null) continue;
    for (const [key, entry] of Object.entries(result.value)) if (isEntry(entry)) merge(key, entry);
  }
}

// The next round is scheduled only after the previous one settled, so slow or dead peers can never pile rounds up.
function scheduleAntiEntropy() {
  setTimeout(() => {
    antiEntropyRound().finally(scheduleAntiEntropy);
  }, antiEntropyMs);
}

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function stateBody() {
  /** @type {Record<string, unknown>} */
  const data = {};
  /** @type {Record<string, number>} */
  const versions = {};
  for (const [key, entry] of entries) {
    data[key] = entry.value;
    versions[key] = entry.version;
  }
  return {
    id: nodeId,
    pid: process.pid,
    data,
    versions,
    version: clock,
    peers,
    uptimeMs: Date.now() - startedAt,
    startedAt,
  };
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
async function handle(req, res) {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const method = req.method ?? 'GET';

  if (method === 'GET' && path === '/state') {
    if (stateDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, stateDelayMs));
    return send(res, 200, stateBody());
  }
  if (method === 'GET' && path === '/dump') {
    return send(res, 200, { id: nodeId, entries: Object.fromEntries(entries) });
  }
  if (method === 'PUT' && path === '/peers') {
    const body = parseJson(await readBody(req));
    if (!Array.isArray(body) || !body.every(isHttpUrl)) {
      return send(res, 400, { error: 'body must be a JSON array of http URLs' });
    }
    peers = body;
    return send(res, 200, { peers });
  }
  if (path.startsWith('/kv/') && path.length > 4) {
    const key = decodeURIComponent(path.slice(4));
    if (method === 'GET') {
      const entry = entries.get(key);
      return entry ? send(res, 200, entry) : send(res, 404, { error: `no key ${key}` });
    }
    if (method === 'PUT') {
      const body = parseJson(await readBody(req));
      if (typeof body !== 'object' || body === null || Array.isArray(body) || !('value' in body)) {
        return send(res, 400, { error: 'body must be a JSON object with a "value" property' });
      }
      clock += 1;
      const entry = { value: /** @type {{ value: unknown }} */ (body).value, version: clock, writer: nodeId };
      entries.set(key, entry);
      return send(res, 200, entry);
    }
  }
  return send(res, 404, { error: `no route ${method} ${path}` });
}

/**
 * @param {string} text
 * @returns {unknown} the parsed value, or undefined for invalid JSON (callers answer 400)
 */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** @param {unknown} u */
function isHttpUrl(u) {
  if (typeof u !== 'string') return false;
  try {
    return new URL(u).protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * @param {string} flag
 * @param {string} envName
 * @param {number} fallback
 */
function readMs(flag, envName, fallback) {
  const raw = /** @type {Record<string, string | undefined>} */ (args)[flag] ?? process.env[envName];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) fail(`--${flag} must be a non-negative number of ms, got ${raw}`);
  return n;
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  process.stderr.write(`kv-node: ${message}\n`);
  process.exit(2);
}

function shutdown() {
  if (shuttingDown) return;
  shuttingDown = true;
  // Nothing is persisted, so there is nothing to flush: leave at once rather than wait for open connections.
  process.exit(0);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((/** @type {unknown} */ err) => {
    if (!res.headersSent) send(res, 500, { error: String(err) });
    else res.destroy();
  });
});

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.stdout.on('error', shutdown);

server.listen(listenPort, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ ready: true, id: nodeId, port, pid: process.pid })}\n`);
  scheduleAntiEntropy();
});
