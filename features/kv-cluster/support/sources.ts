// The cluster observation's source provider: the membership registry, read before every cycle, plus last known addresses.
import { observedSource, type ObservedSource, type SourceProvider } from '../../../index.js';
import { NodeClient, type KvCluster } from '../../../examples/kv-cluster/index.js';

/**
 * Lists one client per node, from the current cluster's `registry.members()` asked on every call: a cluster started
 * again (new ports) is followed at the next cycle, and an unavailable registry fails the cycle at the source refresh stage.
 *
 * The registry lists running nodes only, so a node that dies drops out of it. A watcher that forgot it would never
 * see the outage; this one keeps polling every node it has seen at its last known address, where the failure shows.
 */
export class ClusterMembership implements SourceProvider<NodeClient> {
  readonly #cluster: () => KvCluster | undefined;
  readonly #clients = new Map<string, NodeClient>();

  /** @param cluster the cluster to observe now; read on every call, so a cluster started again is followed. */
  constructor(cluster: () => KvCluster | undefined) {
    this.#cluster = cluster;
  }

  sources(): readonly ObservedSource<NodeClient>[] {
    const cluster = this.#cluster();
    if (!cluster) throw new Error('there is no cluster to observe: start one first (Given a cluster of 3 nodes)');
    for (const member of cluster.registry.members()) {
      if (this.#clients.get(member.id)?.url !== member.url) this.#clients.set(member.id, new NodeClient(member));
    }
    return [...this.#clients.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })).map((client) => observedSource(client.id, client));
  }
}
