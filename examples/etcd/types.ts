// Types of the etcd cluster control: its options and what it says about each member.

/** Options of `EtcdCluster.start`. */
export interface EtcdClusterOptions {
  /** Number of members, named `e1`..`eN`. Default 3. */
  readonly size?: number;
  /** The etcd executable. Default: `ETCD_BIN`, else `etcd` on PATH (see `findEtcd`). */
  readonly binary?: string;
  /** Raft heartbeat interval, in ms. Default 100 (etcd's own default). */
  readonly heartbeatMs?: number;
  /** Raft election timeout, in ms. Default 1000 (etcd's own default): lower ones elect spuriously on a loaded machine. */
  readonly electionTimeoutMs?: number;
  /** Bound for the cluster to form (or a restarted member to answer), in ms. Default 30000. */
  readonly readyTimeoutMs?: number;
  /** Where the data dirs go. Default: the OS's temporary directory. */
  readonly tmpDir?: string;
}

/**
 * What the control knows of a member's process: `running`, `frozen` (SIGSTOPped), `killed` (by this control) or
 * `exited` (by itself, or never started).
 */
export type MemberState = 'running' | 'frozen' | 'killed' | 'exited';

/** One member as the control sees it. */
export interface MemberInfo {
  /** `e1`, `e2`, ... */
  readonly name: string;
  /** etcd's member id (a uint64 as a decimal string), known once the cluster formed. */
  readonly id: string;
  /** Pid of its latest process. */
  readonly pid: number;
  readonly state: MemberState;
  readonly clientUrl: string;
  readonly peerUrl: string;
  readonly dataDir: string;
}
