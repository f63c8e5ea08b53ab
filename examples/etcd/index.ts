// Public API of the etcd example: a local cluster under test control and a client for its members' JSON gateway.
export { EtcdCluster, ClusterStartError } from './cluster.js';
export type { EtcdClusterOptions, MemberInfo, MemberState } from './types.js';
export { EtcdClient, EtcdRequestError, DEFAULT_REQUEST_TIMEOUT_MS, type MemberStatus, type RequestOptions, type EtcdRequestErrorKind } from './client.js';
export { findEtcd, EtcdNotFoundError, INSTALL_HINT } from './binary.js';
export { watchKeys, type WatchTarget } from './watch.js';
