// The etcd example's push path: the gateway watch stream, and the observer asking for a cycle on every change.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { EtcdRequestError, watchKeys, type MemberStatus } from '../examples/etcd/index.js';
import { EtcdObserver, type MemberSource } from '../features/etcd/support/observer.js';
import { ObservationRuntime, observedSource } from '../index.js';

/** A loopback server that answers POST /v3/watch with `script(response)`; records the request bodies. */
async function gateway(script: (response: http.ServerResponse) => void): Promise<{ url: string; bodies: unknown[]; close(): Promise<void> }> {
  const bodies: unknown[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      bodies.push(JSON.parse(body));
      script(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const sockets = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPSocketWrap').length;

test('watchKeys calls onChange once per message with events, across chunk boundaries, and ends cleanly on abort', async () => {
  const before = sockets();
  const server = await gateway((response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"result":{"header":{"revision":"5"},"created":true}}\n');
    response.write('{"result":{"events":[{"kv":{"key":"YQ=="}}]}}\n{"result":{"ev');
    setTimeout(() => response.write('ents":[{"kv":{"key":"Yg=="}},{"kv":{"key":"Yw=="}}]}}\n'), 20);
  });
  const controller = new AbortController();
  let changes = 0;
  const watching = watchKeys(
    { member: 'e1', url: server.url },
    'app/',
    () => {
      changes += 1;
      if (changes === 2) controller.abort();
    },
    controller.signal,
  );
  await watching;
  assert.equal(changes, 2, 'the created message is no change; each events message is one');
  assert.deepEqual(server.bodies, [{ create_request: { key: Buffer.from('app/').toString('base64'), range_end: Buffer.from('app0').toString('base64') } }]);
  await server.close();
  // The server's end of the connection closes a turn or two after the client's.
  for (let turn = 0; turn < 50 && sockets() > before; turn += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(sockets(), before, 'no socket left');
});

test('watchKeys rejects with a named error when the member refuses or ends the stream', async () => {
  const server = await gateway((response) => {
    response.writeHead(200);
    response.end('{"result":{"created":true}}\n');
  });
  await assert.rejects(
    watchKeys({ member: 'e2', url: server.url }, '', () => {}, new AbortController().signal),
    (error: unknown) => {
      assert.ok(error instanceof EtcdRequestError);
      assert.match(error.message, /member e2 .*POST \/v3\/watch ended the stream/);
      return true;
    },
  );
  await server.close();
  await assert.rejects(
    watchKeys({ member: 'e3', url: server.url }, '', () => {}, new AbortController().signal),
    (error: unknown) => {
      assert.ok(error instanceof EtcdRequestError && error.kind === 'refused', String(error));
      return true;
    },
  );
});

/** A scripted member whose watch reports changes when the test says so, or fails. */
class WatchedMember implements MemberSource {
  readonly member: string;
  keys: Record<string, string> = {};
  watches = 0;
  failWatch = false;
  #notify: (() => void) | undefined;

  constructor(member: string) {
    this.member = member;
  }

  async status(): Promise<MemberStatus> {
    return { memberId: this.member, leader: 'e1', raftTerm: 2, raftIndex: 1, raftAppliedIndex: 1, version: '3.4.23', errors: [] };
  }

  async range(): Promise<Record<string, string>> {
    return { ...this.keys };
  }

  async watch(_prefix: string, onChange: () => void, signal: AbortSignal): Promise<void> {
    this.watches += 1;
    if (this.failWatch) throw new EtcdRequestError(this.member, 'refused', `member ${this.member}: POST /v3/watch refused`);
    this.#notify = onChange;
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  put(key: string, value: string): void {
    this.keys[key] = value;
    this.#notify?.();
  }
}

test('the etcd observer turns a watched write into a cycle at once, long before the interval', async () => {
  const e1 = new WatchedMember('e1');
  const e2 = new WatchedMember('e2');
  e1.failWatch = true;
  const runtime = await ObservationRuntime.start(() => [observedSource('e1', e1), observedSource('e2', e2)], new EtcdObserver({ requestTimeoutMs: 500 }), {
    intervalMs: 60_000,
  });
  const handle = runtime.handle();
  try {
    // e1 refuses the watch, so the observer moves on to e2 after its pause.
    const deadline = Date.now() + 5_000;
    while (e2.watches === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(e2.watches, 1);
    const began = performance.now();
    e1.keys.colour = 'blue';
    e2.put('colour', 'blue');
    // Any bound well under the 60 s interval proves the watch; a loaded machine may take seconds, never a minute.
    const snapshot = await handle.waitForSnapshot((value) => value.members.e2?.data?.colour === 'blue', { timeoutMs: 20_000 });
    assert.ok(performance.now() - began < 20_000, 'seen through the watch, not at the 60 s interval');
    assert.equal(snapshot.cycle, 1);
  } finally {
    await runtime.stop();
  }
  assert.ok(e1.watches >= 1 && e2.watches === 1);
});
