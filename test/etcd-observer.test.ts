// Unit tests of the etcd suite's observer, against scripted members: the cases a live cluster cannot force on demand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { observedSource, type ObservedSource } from '../index.js';
import { EtcdRequestError, type MemberStatus, type RequestOptions } from '../examples/etcd/index.js';
import { EtcdObserver, memberFailures, type MemberSource } from '../features/etcd/support/observer.js';

/** A member whose next answers a test sets: a status (or a request error) and its keys (or an error). */
class ScriptedMember implements MemberSource {
  readonly member: string;
  readonly id: string;
  status_: Partial<MemberStatus> | EtcdRequestError;
  keys: Record<string, string> | EtcdRequestError = {};
  readonly seen: RequestOptions[] = [];

  constructor(member: string, id: string, leader: string, term = 2) {
    this.member = member;
    this.id = id;
    this.status_ = { leader, raftTerm: term, raftIndex: 8 };
  }

  async status(options: RequestOptions = {}): Promise<MemberStatus> {
    this.seen.push(options);
    if (this.status_ instanceof Error) throw this.status_;
    return { memberId: this.id, leader: null, raftTerm: 0, raftIndex: 0, raftAppliedIndex: 0, version: '3.4.23', errors: [], ...this.status_ };
  }

  async range(_prefix: string, options: RequestOptions = {}): Promise<Record<string, string>> {
    this.seen.push(options);
    if (this.keys instanceof Error) throw this.keys;
    return this.keys;
  }

  fail(kind: 'refused' | 'timeout'): void {
    this.status_ = new EtcdRequestError(this.member, kind, `member ${this.member}: POST /v3/maintenance/status ${kind}`);
  }
}

const signal = new AbortController().signal;

function sources(...members: ScriptedMember[]): ObservedSource<MemberSource>[] {
  return members.map((member) => observedSource(member.member, member));
}

test('a member that stops answering is reported down with its error while the others are still read', async () => {
  const observer = new EtcdObserver({ requestTimeoutMs: 250 });
  const e1 = new ScriptedMember('e1', '11', '11');
  const e2 = new ScriptedMember('e2', '22', '11');
  e1.keys = { colour: 'blue' };
  const state = await observer.init(sources(e1, e2), signal);
  assert.deepEqual(
    e1.seen,
    [
      { signal, timeoutMs: 250 },
      { signal, timeoutMs: 250 },
    ],
    'status and keys, bounded and cancellable',
  );
  assert.deepEqual(observer.snapshot(state).members.e1, { up: true, id: '11', leader: '11', term: 2, raftIndex: 8, errors: [], data: { colour: 'blue' } });

  e2.fail('timeout');
  assert.deepEqual(await observer.poll(sources(e1, e2), state, signal), [
    { type: 'member-down', member: 'e2', error: 'member e2: POST /v3/maintenance/status timeout' },
  ]);
  // Its id is what it last said; what it would say now is unknown.
  assert.deepEqual(observer.snapshot(state).members.e2, {
    up: false,
    id: '22',
    leader: null,
    term: null,
    raftIndex: null,
    errors: ['member e2: POST /v3/maintenance/status timeout'],
    data: null,
  });
  assert.deepEqual(memberFailures(observer.snapshot(state)), { e2: 'member e2: POST /v3/maintenance/status timeout' });
  assert.deepEqual(await observer.poll(sources(e1, e2), state, signal), [], 'no event while nothing changes');

  e2.status_ = { leader: '11', raftTerm: 2, raftIndex: 9 };
  assert.deepEqual(await observer.poll(sources(e1, e2), state, signal), [{ type: 'member-up', member: 'e2' }]);
});

test('leader-changed names the old and new leader and the term, once, when a member claims leadership', async () => {
  const observer = new EtcdObserver({ requestTimeoutMs: 250 });
  const e1 = new ScriptedMember('e1', '11', '11', 2);
  const e2 = new ScriptedMember('e2', '22', '11', 2);
  const e3 = new ScriptedMember('e3', '33', '11', 2);
  const state = await observer.init(sources(e1, e2, e3), signal);

  e1.fail('refused');
  // Until the election ends the others still follow the dead leader, then know none: no leader-changed yet.
  e2.status_ = { leader: null, raftTerm: 2, errors: ['etcdserver: no leader'] };
  const down = await observer.poll(sources(e1, e2, e3), state, signal);
  assert.deepEqual(
    down.map((event) => event.type),
    ['member-down'],
  );
  assert.deepEqual(observer.snapshot(state).members.e2?.errors, ['etcdserver: no leader']);

  e2.status_ = { leader: '33', raftTerm: 3 };
  e3.status_ = { leader: '33', raftTerm: 3 };
  assert.deepEqual(await observer.poll(sources(e1, e2, e3), state, signal), [{ type: 'leader-changed', from: '11', to: '33', term: 3 }]);
  assert.deepEqual(await observer.poll(sources(e1, e2, e3), state, signal), []);
});

test('keys that cannot be read are an error of that member; no member answering fails the cycle, naming each', async () => {
  const observer = new EtcdObserver({ requestTimeoutMs: 250 });
  const e1 = new ScriptedMember('e1', '11', '11');
  const e2 = new ScriptedMember('e2', '22', '11');
  const state = await observer.init(sources(e1, e2), signal);
  e2.keys = new EtcdRequestError('e2', 'http', 'member e2: POST /v3/kv/range answered HTTP 503: etcdserver: too many requests');
  await observer.poll(sources(e1, e2), state, signal);
  assert.deepEqual(observer.snapshot(state).members.e2, {
    up: true,
    id: '22',
    leader: '11',
    term: 2,
    raftIndex: 8,
    errors: ['member e2: POST /v3/kv/range answered HTTP 503: etcdserver: too many requests'],
    data: null,
  });

  e1.fail('refused');
  e2.fail('timeout');
  await assert.rejects(observer.poll(sources(e1, e2), state, signal), {
    message: 'no member answered (2 asked): e1: member e1: POST /v3/maintenance/status refused; e2: member e2: POST /v3/maintenance/status timeout',
  });
  assert.equal(observer.snapshot(state).members.e1?.up, true, 'a failed cycle leaves the last good state');
  await assert.rejects(observer.poll([], state, signal), /no member to ask/);
});

test('a stopped observation: aborted answers say nothing of the cluster', async () => {
  const observer = new EtcdObserver({ requestTimeoutMs: 250 });
  const e1 = new ScriptedMember('e1', '11', '11');
  const state = await observer.init(sources(e1), signal);
  const aborter = new AbortController();
  aborter.abort(new Error('stopped'));
  e1.status_ = new EtcdRequestError('e1', 'aborted', 'member e1: POST /v3/maintenance/status aborted');
  await assert.rejects(observer.poll(sources(e1), state, aborter.signal), /stopped/);
  assert.equal(observer.snapshot(state).members.e1?.up, true);
});

test('requestTimeoutMs must be a positive number of ms', () => {
  for (const bad of [0, -1, Number.NaN, Infinity]) {
    assert.throws(() => new EtcdObserver({ requestTimeoutMs: bad }), /EtcdObserver: requestTimeoutMs must be a positive number of ms/);
  }
});
