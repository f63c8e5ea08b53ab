// The example suite's World and its "cluster" observation: a real kv cluster per scenario, watched while steps act on it.
import { setWorldConstructor, World } from '@cucumber/cucumber';
// The steps first, then the suite's own hooks, as a user writes it: the plugin stops the observation before any After
// hook runs, so the cluster's teardown (hooks.ts) never shows up in it.
import '../../../steps/index.js';
import './hooks.js';
import { defineObservation, withObservation } from '../../../index.js';
import { ClusterStartError, KvCluster, type Entry, type NodeInfo } from '../../../examples/kv-cluster/index.js';
import { ClusterObserver, nodeFailures } from './observer.js';
import { nodeProcesses, trackNodes } from './processes.js';
import { ClusterMembership } from './sources.js';

/** Anti-entropy period of every node: short, so that a write converges within a few cycles of the observation. */
const ANTI_ENTROPY_MS = 50;
/**
 * Bound for one node's state request; a node slower than this is reported down with reason "timeout". Loopback
 * answers take milliseconds, but a loaded machine can stall a process for hundreds of them, which is no outage.
 */
const REQUEST_TIMEOUT_MS = 1000;

/** How a scenario's cluster is started. */
export interface ClusterSpec {
  readonly size: number;
  /** Delay of `GET /state` per node id, in ms, to make a node slow. */
  readonly stateDelayMs?: Readonly<Record<string, number>>;
}

/**
 * One scenario's World: the cluster it started (one at a time; started again after a full stop), the source provider
 * of the "cluster" observation, and the actions the app steps take. Checks are the library's generic steps.
 */
export class ClusterWorld extends withObservation(World) {
  /** The source provider of the "cluster" observation: follows whatever cluster the scenario runs now. */
  readonly membership = new ClusterMembership(() => this.#cluster);
  #cluster: KvCluster | undefined;
  #spec: ClusterSpec | undefined;
  /** Every start of the scenario, settled or not, so that the After hook can stop what a timed-out step left starting. */
  readonly #starts: Promise<KvCluster | undefined>[] = [];

  /** The scenario's current cluster (possibly stopped). */
  get cluster(): KvCluster {
    if (!this.#cluster) throw new Error('no cluster was started in this scenario: start one with "Given a cluster of 3 nodes"');
    return this.#cluster;
  }

  /** Starts the scenario's cluster; refused while one is running. */
  async startCluster(spec: ClusterSpec): Promise<void> {
    if (this.#cluster?.nodes().some((node) => node.running)) {
      throw new Error('a cluster is already running in this scenario: stop it first ("When the whole cluster is stopped")');
    }
    const starting = KvCluster.start({ size: spec.size, antiEntropyMs: ANTI_ENTROPY_MS, stateDelayMs: spec.stateDelayMs });
    this.#starts.push(starting.catch(() => undefined));
    let cluster: KvCluster;
    try {
      cluster = await starting;
    } catch (error) {
      if (error instanceof ClusterStartError) nodeProcesses.track(error.pids);
      throw error;
    }
    trackNodes(cluster);
    this.#cluster = cluster;
    this.#spec = spec;
  }

  /** Starts a new cluster like the last one: same size and options, new processes and ports, no data. */
  async startClusterAgain(): Promise<void> {
    if (!this.#spec) throw new Error('no cluster was started in this scenario, so none can be started again');
    await this.startCluster(this.#spec);
  }

  /** Writes through the node's HTTP API. */
  write(nodeId: string, key: string, value: unknown): Promise<Entry> {
    return this.cluster.write(nodeId, key, value);
  }

  /** SIGKILLs a node's process. */
  async stopNode(nodeId: string): Promise<void> {
    await this.cluster.stopNode(nodeId);
  }

  /** Replaces a node's process by a new one, on the same port and with no data. */
  async restartNode(nodeId: string): Promise<NodeInfo> {
    const cluster = this.cluster;
    try {
      return await cluster.restartNode(nodeId);
    } finally {
      trackNodes(cluster);
    }
  }

  /** Stops every process of the current cluster; it stays the observed one, now with no node answering. */
  async stopCluster(): Promise<void> {
    await this.cluster.stop();
  }

  /** Stops every cluster the scenario started, including one whose start is still under way. */
  async stopClusters(): Promise<void> {
    const clusters = await Promise.all(this.#starts);
    await Promise.all(clusters.map((cluster) => cluster?.stop()));
  }
}

setWorldConstructor(ClusterWorld);

/** The cluster observation: started by a step once the cluster runs, every 100 ms, its summary always in the report. */
export const clusterObservation = defineObservation('cluster', {
  observer: () => new ClusterObserver({ requestTimeoutMs: REQUEST_TIMEOUT_MS }),
  sources: (world: ClusterWorld) => world.membership.sources(),
  config: { intervalMs: 100 },
  autoStart: false,
  report: 'always',
  sourceFailures: nodeFailures,
});
