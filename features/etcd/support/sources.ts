// The etcd observation's source provider: one client per member of the scenario's cluster, at its fixed address.
import { observedSource, type ObservedSource, type SourceProvider } from '../../../index.js';
import type { EtcdClient, EtcdCluster } from '../../../examples/etcd/index.js';

/**
 * Lists one client per member, down or up: a member keeps its address through kills and restarts, and a member that
 * is down must still be asked, since that is where its outage shows.
 */
export class ClusterMembers implements SourceProvider<EtcdClient> {
  readonly #cluster: () => EtcdCluster | undefined;
  #sources: readonly ObservedSource<EtcdClient>[] = [];
  #of: EtcdCluster | undefined;

  /** @param cluster the cluster to observe now, read on every call. */
  constructor(cluster: () => EtcdCluster | undefined) {
    this.#cluster = cluster;
  }

  sources(): readonly ObservedSource<EtcdClient>[] {
    const cluster = this.#cluster();
    if (!cluster) throw new Error('there is no etcd cluster to observe: start one first (Given an etcd cluster of 3 members)');
    if (cluster !== this.#of) {
      this.#of = cluster;
      this.#sources = cluster.members().map((member) => observedSource(member.name, cluster.client(member.name)));
    }
    return this.#sources;
  }
}
