Feature: One leader that every member follows, and a steady state
  Three etcd members elect a leader by Raft. The "etcd" observation asks each member for its raft status and its
  keys every 200 ms: whether it answers, its member id, the leader it follows, its term and raft index, its errors.

  Background:
    Given an etcd cluster of 3 members
    And the "etcd" observation is started

  Scenario: Every member follows the same leader
    Then within 5s the observed values should be:
      | members.e1.up     | true |
      | members.e2.up     | true |
      | members.e3.up     | true |
      | members.e1.errors | []   |
    And the observation should have no failure

  Scenario: Steady state: the leader does not change for 2 s
    Then no event should match for 2s:
      """
      { "type": "leader-changed" }
      """
