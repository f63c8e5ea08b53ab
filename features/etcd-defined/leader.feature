Feature: One leader that every member follows, and a steady state (definitions only)
  The twin of features/etcd/leader.feature. Three etcd members run as processes; the "etcd" observation reads, every
  250 ms, each member's raft status (etcdctl endpoint status), its /metrics, its /health and its keys.

  Background:
    Given the processes "e1, e2, e3" are started
    And the "etcd" observation is started

  Scenario: Every member follows the same leader, and it is one of them
    Then within 5s every observed "sources.*.*.up" should be true
    And the observed "sources.*.status.value.0.Status.leader" should all be equal
    And the observed "sources.*.status.value.0.Status.raftTerm" should all be equal
    And the observed "derived.leader" should not be null
    And every observed "sources.*.health.value.health" should be "true"
    And exactly 1 of the observed "sources.*.metrics.value.etcd_server_is_leader" should be 1
    And every observed "sources.*.metrics.value.etcd_server_has_leader" should be 1
    And the observation should have no failure

  Scenario: Steady state: the leader does not change for 2 s
    Then within 5s the observed "sources.*.status.value.0.Status.leader" should all be equal
    And the observed "derived.leader" should not change for 2s
    And every observed "sources.*.metrics.value.etcd_server_leader_changes_seen_total" should not change for 2s
    And no event should match for 500ms:
      """
      { "type": "leader-changed" }
      """
