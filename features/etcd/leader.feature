Feature: One leader that every member follows, and a steady state
  Three etcd members elect a leader by Raft. The "etcd" observation asks each member for its raft status and its
  keys every 200 ms: whether it answers, its member id, the leader it follows, its term and raft index, its errors.

  Background:
    Given an etcd cluster of 3 members
    And the "etcd" observation is started

  Scenario: Every member follows the same leader, and it is one of them
    Then within 5s every observed "members.*.up" should be true
    And the observed "members.*.leader" should all be equal
    And the observed "members.*.term" should all be equal
    And the observed "members.e1.leader" should not be null
    And every observed "members.*.errors" should be empty
    When I remember the observed "members.e1.leader" as "leader"
    Then exactly 1 of the observed "members.*.id" should be the remembered "leader"
    And the observation should have no failure

  Scenario: Steady state: the leader does not change for 2 s
    Then within 5s the observed "members.*.leader" should all be equal
    And every observed "members.*.leader" should not change for 2s
    And no event should match for 500ms:
      """
      { "type": "leader-changed" }
      """
