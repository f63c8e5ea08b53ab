Feature: Quorum lost and regained (definitions only)
  The twin of features/etcd/quorum.feature. With two of three members down the survivor cannot reach a majority: it
  knows no leader, says so in its metrics and its status, and appends nothing. One member back makes a majority again.

  Scenario: Two members down: the survivor has no leader and refuses writes; then the cluster recovers
    Given the processes "e1, e2, e3" are started
    And the "etcd" observation is started
    When the processes "e2, e3" are killed with SIGKILL
    Then within 10s the observed "sources.e1.metrics.value.etcd_server_has_leader" should be 0
    And the observed "sources.e1.status.value.0.Status.errors" should contain "etcdserver: no leader"
    And at least 2 of the observed "sources.*.status.up" should be false
    And the observation should have no failure
    When I remember the observed "sources.e1.status.value.0.Status.raftIndex" as "index without quorum"
    And a client tries to write "colour" = "red" through member "e1"
    Then the observed "derived.data.e1.colour" should not exist
    And the observed "sources.e1.status.value.0.Status.raftIndex" should not change for 1s
    When the process "e2" is restarted
    Then within 15s the observed values should be:
      | sources.e1.metrics.value.etcd_server_has_leader | be  | 1    |
      | derived.leader                                  | not | null |
    And within 5s at least 2 of the observed "sources.*.status.value.0.Status.leader" should agree
    When the process "e3" is restarted
    And a client writes "colour" = "green" through member "e1"
    Then within 10s every observed "derived.data.*.colour" should be "green"
    And within 5s every observed "sources.*.status.value.0.Status.raftIndex" should be greater than the remembered "index without quorum"
