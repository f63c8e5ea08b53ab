// Public API of the kv-cluster example: the system under test of the example Cucumber suite.
export {
  KvCluster,
  MembershipRegistry,
  ClusterStartError,
  type KvClusterOptions,
  type NodeInfo,
  type Member,
} from './cluster.js';
export {
  NodeClient,
  NodeRequestError,
  DEFAULT_TIMEOUT_MS,
  type NodeState,
  type Entry,
  type RequestOptions,
  type NodeRequestErrorKind,
} from './client.js';
