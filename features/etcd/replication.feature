Feature: A write through one member is readable on all
  Each member's keys are read from its own store (a serializable read), so they show what reached that member.

  Scenario: A write through a follower reaches every member
    Given an etcd cluster of 3 members
    And leadership is handed to member "e1"
    And the "etcd" observation is started
    When a client writes "colour" = "blue" through member "e2"
    Then within 5s every observed "members.*.data.colour" should be "blue"
    And within 5s the observed "members.*.raftIndex" should all be equal
    And no observed "members.*.data.size" should exist
