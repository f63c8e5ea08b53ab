// The built-in observer against real servers: snapshot shapes, failures as data, timeouts, events, bad input, no leaks.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ObservationRuntime } from '../lib/index.js';
import { descendantsOf } from '../test/helpers/process-list.js';
import { census, growth } from '../test/helpers/resources.js';
import { SourceDefinitionError, type SourcesDefinition, type SourcesEvent, SourcesObserver, type SourcesSnapshot } from './index.js';

const METRICS = '# TYPE up gauge\netcd_server_is_leader 1\netcd_server_has_leader 1\nhttp_requests_total{code="200",method="GET"} 7\nother 3\n';

/** One local HTTP server: /json, /echo (POST), /metrics, /hang (never answers), /status/<n>; `leader` is served at /leader. */
class TestServer {
  readonly server: Server;
  leader = 'e1';
  #hanging = new Set<import('node:http').ServerResponse>();

  constructor() {
    this.server = createServer((request, response) => {
      const url = request.url ?? '/';
      if (url === '/json') return void response.setHeader('content-type', 'application/json').end(JSON.stringify({ health: 'true', n: 1 }));
      if (url === '/leader') return void response.end(JSON.stringify({ leader: this.leader }));
      if (url === '/text') return void response.end('plain words');
      if (url === '/metrics') return void response.end(METRICS);
      if (url === '/hang') return void this.#hanging.add(response);
      if (url.startsWith('/status/')) return void response.writeHead(Number(url.slice(8))).end('{"health":"false"}');
      if (url === '/echo') {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => response.end(JSON.stringify({ method: request.method, body: JSON.parse(body) })));
        return;
      }
      response.writeHead(404).end('no such page');
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as import('node:net').AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    for (const response of this.#hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs one observation of `definition` for the test: a cycle every 50 ms; stopped by the returned function. */
async function observe(definition: SourcesDefinition) {
  const observer = new SourcesObserver(definition);
  const runtime = await ObservationRuntime.start(() => observer.sources(), observer, { intervalMs: 50 });
  return { handle: runtime.handle(), stop: () => runtime.stop() };
}

function snapshotOf(handle: { latestSnapshot(): { value: unknown } }): SourcesSnapshot {
  return handle.latestSnapshot().value as SourcesSnapshot;
}

describe('SourcesObserver', () => {
  const server = new TestServer();
  let base = '';
  const baseline = census();

  before(async () => {
    base = await server.listen();
  });
  after(async () => {
    await server.close();
  });

  test('http: the status, the time and the body (JSON parsed, text kept); POST sends a JSON body', async () => {
    const { handle, stop } = await observe({
      sources: {
        json: { kind: 'http', target: `${base}/json` },
        text: { kind: 'http', target: `${base}/text` },
        echo: { kind: 'http', target: `${base}/echo`, body: { put: 'colour' } },
      },
    });
    try {
      const { sources, up, down } = snapshotOf(handle);
      assert.deepEqual(up, ['json', 'text', 'echo']);
      assert.deepEqual(down, []);
      assert.deepEqual({ ...sources['json'], ms: 0 }, { kind: 'http', up: true, value: { health: 'true', n: 1 }, error: null, ms: 0, status: 200 });
      assert.ok(typeof sources['json']!.ms === 'number' && sources['json']!.ms >= 0);
      assert.equal(sources['text']!.value, 'plain words');
      assert.deepEqual(sources['echo']!.value, { method: 'POST', body: { put: 'colour' } });
    } finally {
      await stop();
    }
  });

  test('failures are data: a refused connection, a wrong status and a hung endpoint are down while the others are up', async () => {
    const closedPort = await freePort();
    const { handle, stop } = await observe({
      timeoutMs: 300,
      sources: {
        good: { kind: 'http', target: `${base}/json` },
        refused: { kind: 'http', target: `http://127.0.0.1:${closedPort}/` },
        unhealthy: { kind: 'http', target: `${base}/status/503`, expectStatus: 200 },
        hung: { kind: 'http', target: `${base}/hang`, timeoutMs: 150 },
        answered: { kind: 'http', target: `${base}/status/503` },
      },
    });
    try {
      const { sources, up, down } = snapshotOf(handle);
      assert.deepEqual(up, ['good', 'answered']);
      assert.deepEqual(down, ['refused', 'unhealthy', 'hung']);
      assert.match(sources['refused']!.error!, /ECONNREFUSED/);
      assert.equal(sources['unhealthy']!.error, 'status 503, expected 200');
      assert.deepEqual(sources['unhealthy']!.value, { health: 'false' }, 'the body of a wrong status is kept');
      assert.equal(sources['hung']!.error, 'timed out after 150 ms');
      assert.ok(sources['hung']!.ms >= 140 && sources['hung']!.ms < 2000, `the hung source took ${sources['hung']!.ms} ms`);
      assert.equal(sources['answered']!.status, 503);
      await handle.waitForCycle(handle.status().cyclesStarted + 2, { timeoutMs: 5000 });
      assert.equal(handle.status().cyclesFailed, 0, 'no cycle failed');
    } finally {
      await stop();
    }
  });

  test('prometheus: metric → labels → value, filtered by name', async () => {
    const { handle, stop } = await observe({
      sources: { m: { kind: 'prometheus', target: `${base}/metrics`, metrics: ['etcd_server_*', 'http_requests_total'] } },
    });
    try {
      const reading = snapshotOf(handle).sources['m']!;
      assert.equal(reading.up, true);
      assert.deepEqual(
        { ...(reading.value as object) },
        { etcd_server_is_leader: 1, etcd_server_has_leader: 1, http_requests_total: { 'code="200",method="GET"': 7 } },
      );
    } finally {
      await stop();
    }
  });

  test('prometheus: a status other than 200 is down, with the status', async () => {
    const { handle, stop } = await observe({ sources: { m: { kind: 'prometheus', target: `${base}/nowhere` } } });
    try {
      const reading = snapshotOf(handle).sources['m']!;
      assert.deepEqual({ ...reading, ms: 0 }, { kind: 'prometheus', up: false, value: null, error: 'status 404, expected 200', ms: 0, status: 404 });
    } finally {
      await stop();
    }
  });

  test('command: JSON, key: value lines, text; a failing command is down with its stderr; a slow one times out', async () => {
    const node = process.execPath;
    const { handle, stop } = await observe({
      // Six Node processes at once on a busy machine: a generous bound for all but the one meant to time out.
      timeoutMs: 15_000,
      sources: {
        json: { kind: 'command', target: [node, '-e', 'console.log(JSON.stringify({ role: "leader", term: 3 }))'] },
        lines: { kind: 'command', target: [node, '-e', 'console.log("role: leader\\nconnected_slaves:2\\nok=true")'] },
        text: { kind: 'command', target: [node, '-e', 'console.log("just words")'], output: 'text' },
        failing: { kind: 'command', target: [node, '-e', 'console.error("no such key"); process.exit(3)'] },
        slow: { kind: 'command', target: [node, '-e', 'setTimeout(() => {}, 30000)'], timeoutMs: 300 },
        split: { kind: 'command', target: `"${node}" -e 'console.log(1 + 1)'` },
      },
    });
    try {
      const { sources } = snapshotOf(handle);
      assert.deepEqual(sources['json']!.value, { role: 'leader', term: 3 });
      assert.deepEqual(sources['lines']!.value, { role: 'leader', connected_slaves: 2, ok: true });
      assert.equal(sources['text']!.value, 'just words\n');
      assert.deepEqual(
        { ...sources['failing']!, ms: 0 },
        { kind: 'command', up: false, value: '', error: 'exited with code 3: no such key', ms: 0, status: 3 },
      );
      assert.equal(sources['slow']!.up, false);
      assert.equal(sources['slow']!.error, 'timed out after 300 ms');
      assert.equal(sources['split']!.value, 2);
    } finally {
      await stop();
    }
  });

  test('tcp: up while a port listens, down with the reason when nothing does', async () => {
    const closedPort = await freePort();
    const { handle, stop } = await observe({
      sources: { open: { kind: 'tcp', target: base.slice('http://'.length) }, closed: { kind: 'tcp', target: `127.0.0.1:${closedPort}` } },
    });
    try {
      const { sources } = snapshotOf(handle);
      assert.equal(sources['open']!.up, true);
      assert.equal(sources['closed']!.up, false);
      assert.match(sources['closed']!.error!, /ECONNREFUSED/);
    } finally {
      await stop();
    }
  });

  test('events: a source going down and coming back, and a derived value changing', async () => {
    const flaky = new TestServer();
    const flakyBase = await flaky.listen();
    const port = new URL(flakyBase).port;
    const { handle, stop } = await observe({
      timeoutMs: 300,
      sources: { steady: { kind: 'http', target: `${base}/leader` }, flaky: { kind: 'http', target: `${flakyBase}/json` } },
      derive: { leader: ({ sources }) => (sources['steady']?.value as { leader?: string } | null)?.leader ?? null },
      events: { 'leader-changed': { changed: 'derived.leader', ignoreMissing: true } },
    });
    try {
      assert.equal(snapshotOf(handle).derived['leader'], 'e1');
      await flaky.close();
      const down = await handle.waitForEvent((event: SourcesEvent) => event.type === 'source-down', { timeoutMs: 5000 });
      assert.deepEqual({ ...down.event, error: 'x' }, { type: 'source-down', source: 'flaky', error: 'x' });
      assert.deepEqual(snapshotOf(handle).down, ['flaky']);
      flaky.server.listen(Number(port), '127.0.0.1');
      await handle.waitForEvent((event: SourcesEvent) => event.type === 'source-up', { timeoutMs: 5000 });
      server.leader = 'e2';
      const changed = await handle.waitForEvent((event: SourcesEvent) => event.type === 'leader-changed', { timeoutMs: 5000 });
      assert.deepEqual(changed.event, { type: 'leader-changed', path: 'derived.leader', from: 'e1', to: 'e2' });
    } finally {
      server.leader = 'e1';
      await stop();
      await flaky.close();
    }
  });

  test('failWhen none-up: the cycle fails only when no source answers, naming each one', async () => {
    const closedPort = await freePort();
    const observer = new SourcesObserver({ failWhen: 'none-up', sources: { a: { kind: 'tcp', target: `127.0.0.1:${closedPort}` } } });
    await assert.rejects(
      ObservationRuntime.start(() => observer.sources(), observer, { intervalMs: 50 }).then((runtime) => runtime.stop()),
      { message: /no source answered \(failWhen: none-up\): a: .*ECONNREFUSED/ },
    );
    const some = await observe({
      failWhen: 'none-up',
      sources: { a: { kind: 'tcp', target: `127.0.0.1:${closedPort}` }, b: { kind: 'http', target: `${base}/json` } },
    });
    await some.stop();
  });

  test('bad input is refused before any reading, naming the source and what was expected', () => {
    const cases: [SourcesDefinition, RegExp][] = [
      [{ sources: { a: { kind: 'ftp', target: 'x' } as never } }, /source "a" has unknown kind "ftp"; expected one of http, prometheus, command, tcp, process/],
      [{ sources: { a: { kind: 'http', target: 'not a url' } } }, /source "a" \(http\): target "not a url" is not a URL; expected http:\/\/host:port\/path/],
      [{ sources: { a: { kind: 'http', target: '' } } }, /source "a" \(http\) needs a target: a URL such as/],
      [{ sources: { a: { kind: 'tcp', target: 'localhost' } } }, /source "a" \(tcp\): target "localhost" is not an address; expected host:port/],
      [
        { sources: { a: { kind: 'command', target: 'no-such-command-here --flag' } } },
        /source "a" \(command\): command "no-such-command-here" is not found on PATH; expected an executable file/,
      ],
      [{ sources: { a: { kind: 'command', target: './missing.sh' } } }, /command "\.\/missing\.sh" is not found at /],
      [
        { sources: { a: { kind: 'http', target: 'http://{host}:{port:e1.client}/health' } } },
        /uses \{host\}, but no processes were given \(define them with defineProcesses\)/,
      ],
      [{ sources: { a: { kind: 'process', target: 'e1' } } }, /source "a" \(process\) watches process "e1", but no processes were given/],
      [{ sources: { a: { kind: 'http', target: 'http://x/', timeoutMs: -1 } } }, /source "a": timeoutMs must be a positive number of ms, got -1/],
      [{ sources: {}, failWhen: 'sometimes' as never }, /failWhen must be one of never, none-up, any-down, got "sometimes"/],
      [{ sources: {}, events: { x: { when: 'y' } as never } }, /event "x" must be \{ changed: "path" \} or \{ log: \/pattern\/ \}/],
      [{ sources: {}, events: { x: { log: 'elected' } } }, /event "x" matches process log lines, but no processes were given/],
    ];
    for (const [definition, message] of cases) {
      assert.throws(() => new SourcesObserver(definition), { message }, `for ${JSON.stringify(definition)}`);
    }
    assert.throws(() => new SourcesObserver({ sources: { a: { kind: 'nope', target: 'x' } as never } }), SourceDefinitionError);
  });

  test('the processes resolve placeholders; an unknown one fails with the processes message', () => {
    const processes = {
      resolve: (text: string) => {
        if (text.includes('{port:e9.client}')) throw new Error('unknown placeholder {port:e9.client}: there is no process "e9" (defined: e1)');
        return text.replace('{host}', '127.0.0.1').replace('{port:e1.client}', '2379');
      },
      names: () => ['e1'],
      status: () => ({ state: 'running' as const, restarts: 0 }),
      onLogLine: () => () => undefined,
    };
    const observer = new SourcesObserver({ sources: { a: { kind: 'http', target: 'http://{host}:{port:e1.client}/health' } } }, { processes });
    assert.deepEqual(
      observer.sources().map(({ name }) => name),
      ['a'],
    );
    void observer.close();
    assert.throws(
      () => new SourcesObserver({ sources: { a: { kind: 'tcp', target: '{host}:{port:e9.client}' } } }, { processes, where: 'observation "cluster"' }),
      {
        message: 'observation "cluster": source "a" (tcp): unknown placeholder {port:e9.client}: there is no process "e9" (defined: e1)',
      },
    );
  });

  test('nothing is left once the observations stop: no socket, timer or child process', async () => {
    // The servers of this suite stay up until after(); what must not grow is what the observations held.
    await sleep(50);
    const left = growth(baseline).filter((line) => !line.endsWith('TCPServerWrap'));
    assert.deepEqual(left, []);
    // The process list too: a command killed at its timeout (the "slow" source) left nothing running.
    assert.deepEqual(descendantsOf(process.pid), []);
  });
});
