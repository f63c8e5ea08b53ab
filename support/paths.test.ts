// The paths steps read snapshots and events with, without a Cucumber run: what they find, and what they refuse.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PathError, parsePath, readPath } from './paths.js';

const PATH_HELP = 'expected dot and bracket notation such as leader.id, nodes[0].up or data["a.b"]';
const snapshot = { nodes: { a: { role: 'leader', list: [1, 2], 'x.y': true } }, leader: null };

/** Asserts that `read` throws a PathError with exactly `message`. */
function refuses(read: () => unknown, message: string): void {
  assert.throws(read, (error: unknown) => {
    assert.ok(error instanceof PathError, `not a PathError: ${String(error)}`);
    assert.equal(error.name, 'PathError');
    assert.equal(error.message, message);
    return true;
  });
}

describe('parsePath', () => {
  test('dots, indexes and quoted keys; the empty path is the whole value', () => {
    assert.deepEqual(parsePath('nodes.a.list[1]'), ['nodes', 'a', 'list', 1]);
    assert.deepEqual(parsePath('nodes.a["x.y"]'), ['nodes', 'a', 'x.y']);
    assert.deepEqual(parsePath("nodes['a']"), ['nodes', 'a']);
    assert.deepEqual(parsePath(''), []);
  });

  test('a malformed path is refused, saying where and how paths are written', () => {
    refuses(() => parsePath('nodes..a'), `invalid path "nodes..a": empty segment at character 7; ${PATH_HELP}`);
  });

  test('a segment that could reach a prototype is refused, in dots or brackets', () => {
    const refusal = (path: string, segment: string) => `path "${path}" is refused: the segment "${segment}" could reach an object's prototype`;
    refuses(() => parsePath('__proto__.polluted'), refusal('__proto__.polluted', '__proto__'));
    refuses(() => parsePath('nodes.constructor.name'), refusal('nodes.constructor.name', 'constructor'));
    refuses(() => parsePath("nodes['prototype']"), refusal("nodes['prototype']", 'prototype'));
    refuses(() => readPath(snapshot, 'constructor.prototype.polluted'), refusal('constructor.prototype.polluted', 'constructor'));
  });
});

describe('readPath', () => {
  test('a value that is there, null included', () => {
    assert.deepEqual(readPath(snapshot, 'nodes.a.role'), { found: true, value: 'leader' });
    assert.deepEqual(readPath(snapshot, 'nodes.a.list[0]'), { found: true, value: 1 });
    assert.deepEqual(readPath(snapshot, 'leader'), { found: true, value: null });
    assert.deepEqual(readPath(snapshot, ''), { found: true, value: snapshot });
  });

  test('a value that is not there says which segment is missing, and what is there instead', () => {
    assert.deepEqual(readPath(snapshot, 'nodes.a.term'), { found: false, reason: 'path "nodes.a.term": no "term" in "nodes.a" (keys there: role, list, x.y)' });
    assert.deepEqual(readPath(snapshot, 'nodes.a.list[5]'), { found: false, reason: 'path "nodes.a.list[5]": "nodes.a.list" has 2 items, so there is no [5]' });
    assert.deepEqual(readPath(snapshot, 'nodes.a.role.name'), {
      found: false,
      reason: 'path "nodes.a.role.name": "nodes.a.role" is string "leader", so it has no "name"',
    });
  });

  test('an event is named as such', () => {
    assert.deepEqual(readPath({ type: 'elected' }, 'leader', 'the event'), {
      found: false,
      reason: 'path "leader": no "leader" in the event (keys there: type)',
    });
  });

  test('a "__proto__" key held as data is not reachable by a path', () => {
    const hostile = JSON.parse('{"nodes": {"__proto__": {"polluted": true}}}') as unknown;
    refuses(
      () => readPath(hostile, 'nodes.__proto__.polluted'),
      `path "nodes.__proto__.polluted" is refused: the segment "__proto__" could reach an object's prototype`,
    );
  });
});
