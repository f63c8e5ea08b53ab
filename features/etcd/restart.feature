Feature: A killed member restarts and catches up
  A member restarted from its data dir replays what it had and receives from the leader what it missed.

  Scenario: The restarted member comes back, its raft index grows and reaches the others'
    Given an etcd cluster of 3 members
    And leadership is handed to member "e1"
    And the "etcd" observation is started
    When member "e3" is killed with SIGKILL
    Then within 5s the freshly observed "members.e3.up" should be false
    When a client writes "colour" = "blue" through member "e1"
    And a client writes "size" = "42" through member "e2"
    Then within 5s the observed "members.e1.data.size" should be "42"
    When I remember the observed "members.e1.raftIndex" as "index while e3 was down"
    And member "e3" is restarted
    Then within 10s events should have been observed in this order:
      """
      [ { "type": "member-down", "member": "e3" }, { "type": "member-up", "member": "e3" } ]
      """
    And within 10s the observed "members.e3.raftIndex" should be at least the remembered "index while e3 was down"
    And the observed "members.e3.data" should be {"colour": "blue", "size": "42"}
    And within 5s the observed "members.*.raftIndex" should all be equal
    When a client writes "colour" = "green" through member "e3"
    Then within 5s the observed "members.e3.raftIndex" should increase by at least 1
    And within 5s every observed "members.*.data.colour" should be "green"
