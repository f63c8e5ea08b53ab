// The etcd suite's twin, by definitions only: three etcd members as processes, and what to read of them each cycle.
import '../../../steps/index.js';
import { defineObservation, defineProcesses, type SourceReading, type SourcesSnapshot } from '../../../index.js';

const MEMBERS = ['e1', 'e2', 'e3'];
const client = (name: string): string => `http://{host}:{port:${name}.client}`;
const peer = (name: string): string => `http://{host}:{port:${name}.peer}`;
const cluster = MEMBERS.map((name) => `${name}=${peer(name)}`).join(',');
const flags = (name: string): string =>
  `--name=${name} --data-dir={dir:${name}} --listen-client-urls=${client(name)} --advertise-client-urls=${client(name)} ` +
  `--listen-peer-urls=${peer(name)} --initial-advertise-peer-urls=${peer(name)} --initial-cluster=${cluster} ` +
  '--initial-cluster-token=etcd-defined --heartbeat-interval=100 --election-timeout=1000 --logger=zap --log-outputs=stderr';

// Started together, each member logs "serving client traffic" once the three have formed a cluster with a leader.
const ready = { log: 'serving client traffic' };
const member = (name: string) => ({ command: 'etcd', args: flags(name).split(' '), ports: ['client', 'peer'], ready, readyTimeoutMs: 30_000 });
defineProcesses(Object.fromEntries(MEMBERS.map((name) => [name, member(name)])));

/** Per member: its raft status (etcdctl), leader metrics, health, process state, and keys as it holds them (a local read). */
const memberSources = (name: string) => ({
  [`${name}.status`]: { kind: 'command', target: `etcdctl --endpoints=${client(name)} --command-timeout=1s endpoint status -w json`, timeoutMs: 3000 },
  [`${name}.metrics`]: {
    kind: 'prometheus',
    target: `${client(name)}/metrics`,
    metrics: ['etcd_server_is_leader', 'etcd_server_has_leader', 'etcd_server_leader_changes_seen_total'],
  },
  [`${name}.health`]: { kind: 'http', target: `${client(name)}/health` },
  [`${name}.process`]: { kind: 'process', target: name },
  [`${name}.data`]: { kind: 'http', target: `${client(name)}/v3/kv/range`, body: { key: 'AA==', range_end: 'AA==', serializable: true } },
});

const reading = (snapshot: SourcesSnapshot, name: string, kind: string) => (snapshot.sources[name] as unknown as Record<string, SourceReading>)[kind]!;
const text = (base64: string): string => Buffer.from(base64, 'base64').toString();
const keys = (range: unknown) => ((range as { kvs?: { key: string; value: string }[] }).kvs ?? []).map((kv) => [text(kv.key), text(kv.value)]);

export const etcd = defineObservation('etcd', {
  sources: Object.assign({}, ...MEMBERS.map(memberSources)),
  derive: {
    /** The member whose metrics say it leads; null while none does. */
    leader: (snapshot) =>
      MEMBERS.find((name) => (reading(snapshot, name, 'metrics').value as Record<string, number> | null)?.etcd_server_is_leader === 1) ?? null,
    /** The keys of each member that answered, decoded. */
    data: (snapshot) =>
      Object.fromEntries(
        MEMBERS.filter((name) => reading(snapshot, name, 'data').up).map((name) => [name, Object.fromEntries(keys(reading(snapshot, name, 'data').value))]),
      ),
  },
  events: {
    'leader-changed': { changed: 'derived.leader', ignoreMissing: true },
    elected: { log: /elected leader (?<leader>\w+) at term (?<term>\d+)/ },
    'became-follower': { log: /became follower at term (?<term>\d+)/ },
  },
  config: { intervalMs: 250 },
  autoStart: false,
  report: 'always',
});

/** The sources of "cluster" come from a `watches:` table in the scenario; its events, from the members' logs. */
defineObservation('cluster', { sources: {}, events: { log: { log: /became (?<role>leader|follower) at term (?<term>\d+)/ } }, autoStart: false });
