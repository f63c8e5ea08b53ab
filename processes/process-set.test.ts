// ProcessSet against real processes: a node child, its HTTP server and TCP port, log lines, signals, and what is left afterwards.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { census, growth } from '../test/helpers/resources.js';
import { logEventOf, onLogMatch, ProcessSet, type LogEvent, type ProcessDefinition } from './index.js';

const CHILD = fileURLToPath(new URL('../test/fixtures/processes/child.mjs', import.meta.url));
const node = process.execPath;
let baseline = census();
const started = new Set<number>();

/** Alive and not a zombie (an orphan reparented to a pid 1 that never reaps shows as one). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function remember(set: ProcessSet): void {
  for (const name of set.names()) {
    const pid = set.status(name).pid;
    if (pid !== undefined) started.add(pid);
    for (const line of set.logTail(name)) {
      const grandchild = /^grandchild (\d+)$/.exec(line);
      if (grandchild) started.add(Number(grandchild[1]));
    }
  }
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

before(() => {
  baseline = census();
});

after(() => {
  const left = [...started].filter(alive);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  assert.deepEqual(left, [], 'no process the tests started is alive');
  assert.deepEqual(growth(baseline), [], 'no timer, socket, pipe, child handle or process listener is left');
});

test('start with HTTP readiness, placeholders, data directory; pause, resume, SIGTERM, restart; all stopped and cleaned', async () => {
  const set = new ProcessSet({
    web: {
      command: node,
      args: [CHILD, '--port', '{port:web.http}', '--say', 'dir {dir:web}', '--ready-after-ms', '200'],
      ports: ['http'],
      ready: { http: 'http://{host}:{port:web.http}/health' },
    },
    peer: { command: node, args: [CHILD, '--say', 'peer of {port:web.http}'], env: { PEER_DIR: '{dir:web}' }, ready: { log: /^ready$/ } },
  });
  await set.allocate();
  const url = set.resolve('http://{host}:{port:web.http}/x');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/x$/);
  const dir = set.resolve('{dir:web}');
  assert.ok(existsSync(dir), 'the data directory exists once allocated');
  assert.equal(set.status('web').state, 'not-started');
  await set.start();
  remember(set);
  assert.equal(set.status('web').state, 'running');
  assert.equal(JSON.parse((await get(url)).body).pid, set.status('web').pid);
  assert.ok(set.logTail('web').includes(`dir ${dir}`));
  assert.ok(set.logTail('peer').includes(`peer of ${set.resolve('{port:web.http}')}`));
  assert.deepEqual(set.logTail('web', 1).length, 1);

  set.pause('web');
  assert.equal(set.status('web').state, 'paused');
  const answer = get(url);
  const early = await Promise.race([answer.then(() => 'answered'), new Promise((resolve) => setTimeout(resolve, 300, 'silent'))]);
  assert.equal(early, 'silent', 'a paused process does not answer');
  set.resume('web');
  assert.equal((await answer).status, 200, 'it answers once resumed');

  const firstPid = set.status('web').pid;
  await set.restart('web');
  remember(set);
  assert.equal(set.status('web').restarts, 1);
  assert.notEqual(set.status('web').pid, firstPid);
  assert.equal(set.resolve('{dir:web}'), dir, 'same data directory');
  assert.equal(JSON.parse((await get(url)).body).pid, set.status('web').pid, 'same port');

  await set.kill('peer', 'SIGTERM');
  assert.deepEqual(
    { state: set.status('peer').state, code: set.status('peer').code, signal: set.status('peer').signal },
    { state: 'exited', code: 0, signal: null },
  );
  await set.stopAll();
  await set.stopAll();
  assert.equal(set.status('web').state, 'exited');
  assert.equal(existsSync(dir), false, 'the data directory is removed');
  await assert.rejects(set.start(['web']), /the set is stopped/);
});

test('TCP readiness; the kill of a group takes the process it spawned; SIGTERM ignored is followed by SIGKILL after the grace', async () => {
  const set = new ProcessSet({
    tcp: { command: node, args: [CHILD, '--port', '{port:tcp.main}', '--grandchild'], ports: ['main'], ready: { tcp: '{host}:{port:tcp.main}' } },
    stubborn: { command: node, args: [CHILD, '--ignore-term'], ready: { log: 'ready' }, stopGraceMs: 300 },
  });
  await set.start();
  remember(set);
  const grandchild = Number(/^grandchild (\d+)$/m.exec(set.logTail('tcp').join('\n'))?.[1]);
  assert.ok(alive(grandchild));
  await set.kill('tcp', 'SIGKILL');
  assert.equal(set.status('tcp').signal, 'SIGKILL');
  const deadline = Date.now() + 5000;
  while (alive(grandchild) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(alive(grandchild), false, 'the grandchild went with its group');

  const before = performance.now();
  await set.kill('stubborn', 'SIGTERM');
  assert.ok(performance.now() - before >= 250, 'waited the grace');
  assert.equal(set.status('stubborn').signal, 'SIGKILL');
  assert.ok(set.logTail('stubborn').includes('SIGTERM ignored'));
  await set.stopAll();
});

test('start-up failures name the process, what was awaited and its last lines, and leave nothing running', async () => {
  const definitions: Record<string, ProcessDefinition> = {
    ok: { command: node, args: [CHILD], ready: { log: 'ready' } },
    early: {
      command: node,
      args: [CHILD, '--say', 'bad config', '--exit-code', '3'],
      ready: { http: 'http://{host}:{port:early.http}/', status: 204 },
      ports: ['http'],
    },
    slow: { command: node, args: [CHILD, '--say', 'thinking'], ready: { tcp: '{host}:{port:slow.p}' }, ports: ['p'], readyTimeoutMs: 2500 },
    missing: { command: 'no-such-command-anywhere' },
  };
  const set = new ProcessSet(definitions);
  await assert.rejects(set.start(['ok', 'early']), (error: Error) => {
    assert.match(error.message, /process "early" exited during start-up \(exit code 3\), before HTTP 204 from http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(error.message, /bad config/);
    return true;
  });
  remember(set);
  assert.equal(set.status('ok').state, 'exited', 'the process started beside it is killed');
  await assert.rejects(set.start(['slow']), (error: Error) => {
    assert.match(
      error.message,
      /process "slow" did not become ready within 2500 ms; awaited a TCP connection to 127\.0\.0\.1:\d+ \(last probe: connection refused\)/,
    );
    assert.match(error.message, /thinking/);
    return true;
  });
  remember(set);
  await assert.rejects(set.start(['ok', 'missing']), /command "no-such-command-anywhere" is not found on PATH/);
  assert.equal(set.status('ok').state, 'exited', 'nothing was spawned: ok is still the exited one');
  await assert.rejects(set.start(['nope']), /unknown process "nope"; expected one of: ok, early, slow, missing/);
  assert.throws(() => set.pause('ok'), /cannot pause process "ok": it is not running \(exited \(killed by SIGKILL\)\)/);
  await assert.rejects(set.kill('ok', 'SIGFOO' as NodeJS.Signals), /unknown signal "SIGFOO"/);
  await set.stopAll();
});

test('definitions and placeholders are checked when the set is made', () => {
  assert.throws(() => new ProcessSet({}), /no process is defined/);
  assert.throws(() => new ProcessSet({ e1: { command: '' } }), /process "e1": "command" must be a non-empty string/);
  assert.throws(() => new ProcessSet({ e1: { command: 'x', args: ['{port:e2.client}'] } }), /placeholder \{port:e2\.client\} names no process \(defined: e1\)/);
  assert.throws(
    () => new ProcessSet({ e1: { command: 'x', ports: ['peer'], args: ['{port:e1.client}'] } }),
    /names no port of process "e1" \(its ports: peer\)/,
  );
  assert.throws(() => new ProcessSet({ e1: { command: 'x', args: ['{nope}'] } }), /unknown placeholder \{nope\}/);
  assert.throws(() => new ProcessSet({ e1: { command: 'x', ready: { http: 'u', tcp: 'h:1' } as never } }), /"ready" must name exactly one check/);
  assert.throws(() => new ProcessSet({ e1: { command: 'x', readyTimeoutMs: 0 } }), /"readyTimeoutMs" must be a positive number of ms, got 0/);
  assert.throws(() => new ProcessSet({ e1: { command: 'x', colour: 'red' } as never }), /unknown option "colour"/);
  const set = new ProcessSet({ e1: { command: 'x', ports: ['client'] } });
  assert.throws(() => set.resolve('{port:e1.client}'), /before the ports are allocated/);
  assert.equal(set.resolve('{host} and {json}'.replace(' and {json}', '')), '127.0.0.1');
});

test('log lines as events: named groups, one process or all', async () => {
  const line = { process: 'e1', stream: 'stdout' as const, line: 'elected leader 8e9 at term 2' };
  assert.deepEqual(logEventOf(line, /elected leader (?<leader>\w+) at term (?<term>\d+)/g), {
    type: 'log',
    process: 'e1',
    line: line.line,
    match: { leader: '8e9', term: '2' },
  });
  assert.equal(logEventOf(line, /became follower/), undefined);
  const set = new ProcessSet({
    a: { command: node, args: [CHILD, '--say', 'term 7 begins'], ready: { log: 'ready' } },
    b: { command: node, args: [CHILD, '--say', 'term 8 begins'], ready: { log: 'ready' } },
  });
  const events: LogEvent[] = [];
  const stop = onLogMatch(set, /term (?<term>\d+)/, (event) => events.push(event), ['b']);
  await set.start();
  remember(set);
  stop();
  assert.deepEqual(events, [{ type: 'log', process: 'b', line: 'term 8 begins', match: { term: '8' } }]);
  await set.stopAll();
});
