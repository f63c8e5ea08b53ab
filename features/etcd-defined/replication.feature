Feature: A write through one member is readable on all (definitions only)
  The twin of features/etcd/replication.feature. Each member's keys are read from its own store (a serializable
  read of /v3/kv/range), so they show what reached that member. Every member has applied the same writes when their
  revisions agree (their raft indexes keep moving: each /health read is a raft request).

  Scenario: A write through a follower reaches every member
    Given the processes "e1, e2, e3" are started
    And leadership is handed to member "e1"
    And the "etcd" observation is started
    When a client writes "colour" = "blue" through member "e2"
    Then within 5s every observed "derived.data.*.colour" should be "blue"
    And within 5s the observed "sources.*.status.value.0.Status.header.revision" should all be equal
    And no observed "derived.data.*.size" should exist
