// The etcd suite's World and its "etcd" observation: a real 3-member cluster per scenario, watched while steps act on it.
import { After, setWorldConstructor, World } from '@cucumber/cucumber';
// The steps first, then the suite's own After: the library stops the observations before any After hook runs.
import '../../../steps/index.js';
import { defineObservation, withObservation } from '../../../index.js';
import { ClusterStartError, EtcdCluster, EtcdRequestError } from '../../../examples/etcd/index.js';
import { EtcdObserver, memberFailures } from './observer.js';
import { etcdProcesses, trackCluster } from './processes.js';
import { ClusterMembers } from './sources.js';

/**
 * Bound for each request to a member. A frozen member never answers, so this is how long it takes to be reported;
 * a loaded machine can stall a healthy member for hundreds of ms, which is no outage.
 */
const REQUEST_TIMEOUT_MS = 1000;
/**
 * Bound for a write or a leadership transfer that should succeed: each needs a majority to fsync, which a loaded
 * machine can make take seconds. etcd itself gives up on a proposal after about 7 s.
 */
export const WRITE_TIMEOUT_MS = 10_000;
/** Bound for a write expected to be refused: without quorum etcd would hold it until its own timeout. */
const TRY_WRITE_TIMEOUT_MS = 2000;

/** One scenario's World: the cluster it started and the actions its steps take. Checks are the library's steps. */
export class EtcdWorld extends withObservation(World) {
  /** The source provider of the "etcd" observation. */
  readonly members = new ClusterMembers(() => this.#cluster);
  #cluster: EtcdCluster | undefined;
  #starting: Promise<EtcdCluster | undefined> | undefined;

  /** The scenario's cluster. */
  get cluster(): EtcdCluster {
    if (!this.#cluster) throw new Error('no etcd cluster was started in this scenario: start one with "Given an etcd cluster of 3 members"');
    return this.#cluster;
  }

  /** Starts the scenario's cluster and resolves once its members agree on a leader. */
  async startCluster(size: number): Promise<void> {
    if (this.#starting) throw new Error('an etcd cluster was already started in this scenario');
    const startedAt = performance.now();
    const starting = EtcdCluster.start({ size });
    this.#starting = starting.catch(() => undefined);
    try {
      this.#cluster = await starting;
    } catch (error) {
      if (error instanceof ClusterStartError) etcdProcesses.track(error.pids);
      throw error;
    }
    trackCluster(this.#cluster);
    this.log(`etcd cluster of ${size} members formed in ${Math.round(performance.now() - startedAt)} ms`);
  }

  /** Makes `name` the leader: asks the current leader to hand over, unless `name` leads already. */
  async handLeadershipTo(name: string): Promise<void> {
    const target = this.cluster.member(name);
    const leader = await this.#currentLeader();
    if (leader === target.id) return;
    const leaderName = this.cluster.members().find((member) => member.id === leader)?.name;
    if (!leaderName) throw new Error(`the leader ${leader} is not a member of this cluster`);
    await this.cluster.client(leaderName).transferLeadership(target.id, { timeoutMs: WRITE_TIMEOUT_MS });
  }

  /** kill -9 the member's process. */
  kill(name: string): Promise<void> {
    return this.cluster.kill(name);
  }

  /** SIGSTOP the member's process. */
  freeze(name: string): void {
    this.cluster.freeze(name);
  }

  /** SIGCONT the member's process. */
  thaw(name: string): void {
    this.cluster.thaw(name);
  }

  /** Starts a killed member again, with its data. */
  async restart(name: string): Promise<void> {
    try {
      await this.cluster.restart(name);
    } finally {
      trackCluster(this.cluster);
    }
  }

  /** Writes through one member; fails when etcd refuses or does not answer in time. */
  write(name: string, key: string, value: string, timeoutMs = WRITE_TIMEOUT_MS): Promise<void> {
    return this.cluster.client(name).put(key, value, { timeoutMs });
  }

  /** Tries a write through one member and logs what etcd answered; whether it took effect is for the checks to say. */
  async tryWrite(name: string, key: string, value: string): Promise<void> {
    try {
      await this.write(name, key, value, TRY_WRITE_TIMEOUT_MS);
      this.log(`write ${key}=${value} through ${name}: acknowledged`);
    } catch (error) {
      if (!(error instanceof EtcdRequestError)) throw error;
      this.log(`write ${key}=${value} through ${name}: ${error.kind}: ${error.message}`);
    }
  }

  /** Stops the scenario's cluster, including one whose start is still under way. */
  async stopCluster(): Promise<void> {
    await (await this.#starting)?.stop();
  }

  async #currentLeader(): Promise<string> {
    const running = this.cluster.members().filter((member) => member.state === 'running');
    const statuses = await Promise.allSettled(running.map((member) => this.cluster.client(member.name).status()));
    for (const result of statuses) if (result.status === 'fulfilled' && result.value.leader) return result.value.leader;
    throw new Error(`no running member knows a leader (${running.map((member) => member.name).join(', ')} asked)`);
  }
}

setWorldConstructor(EtcdWorld);

/** The etcd observation: started by a step once the cluster runs, every 200 ms, its summary always in the report. */
export const etcdObservation = defineObservation('etcd', {
  observer: () => new EtcdObserver({ requestTimeoutMs: REQUEST_TIMEOUT_MS }),
  sources: (world: EtcdWorld) => world.members.sources(),
  config: { intervalMs: 200 },
  autoStart: false,
  report: 'always',
  sourceFailures: memberFailures,
});

// Defined after the steps were imported, as a user writes it: it runs after the observation has stopped all the same.
After({ name: 'etcd example: stop the cluster', timeout: 30_000 }, async function (this: EtcdWorld) {
  await this.stopCluster();
});
