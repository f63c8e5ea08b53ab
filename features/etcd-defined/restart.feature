Feature: A killed member restarts and catches up (definitions only)
  The twin of features/etcd/restart.feature. A member restarted from its data dir replays what it had and receives
  from the leader what it missed.

  Scenario: The restarted member comes back, its raft index grows and reaches the others'
    Given the processes "e1, e2, e3" are started
    And leadership is handed to member "e1"
    And the "etcd" observation is started
    When the process "e3" is killed with SIGKILL
    Then within 5s the freshly observed "sources.e3.status.up" should be false
    When a client writes "colour" = "blue" through member "e1"
    And a client writes "size" = "42" through member "e2"
    Then within 5s the observed "derived.data.e1.size" should be "42"
    When I remember the observed "sources.e1.status.value.0.Status.raftIndex" as "index while e3 was down"
    And the process "e3" is restarted
    Then within 10s events should have been observed in this order:
      """
      [ { "type": "process-exited", "process": "e3" }, { "type": "source-down", "source": "e3.status" }, { "type": "source-up", "source": "e3.status" } ]
      """
    And within 10s the observed "sources.e3.status.value.0.Status.raftIndex" should be at least the remembered "index while e3 was down"
    And the observed "derived.data.e3" should be {"colour": "blue", "size": "42"}
    And within 5s the observed "sources.*.status.value.0.Status.header.revision" should all be equal
    When a client writes "colour" = "green" through member "e3"
    Then within 5s the observed "sources.e3.status.value.0.Status.header.revision" should increase by at least 1
    And within 5s every observed "derived.data.*.colour" should be "green"
