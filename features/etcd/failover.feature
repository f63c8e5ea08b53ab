Feature: kill -9 the leader
  The leader's process is killed outright. Its member stops answering; the other two, a majority, elect a new
  leader at a higher term once their election timeout (1 s) passes.

  Scenario: The leader is killed: it is reported down, and a new leader is elected at a higher term
    Given an etcd cluster of 3 members
    And leadership is handed to member "e1"
    And the "etcd" observation is started
    When I remember the observed "members.e1.id" as "old leader"
    Then within 5s every observed "members.*.leader" should be the remembered "old leader"
    When I remember the observed "members.e2.term" as "old term"
    And member "e1" is killed with SIGKILL
    Then within 5s an event should match:
      """
      { "type": "member-down", "member": "e1" }
      """
    And the observed "members.e1.up" should be false
    And within 10s an event should match:
      """
      { "type": "leader-changed" }
      """
    And within 5s the observed values should be:
      | members.e2.leader | not          | null                        |
      | members.e2.leader | not          | the remembered "old leader" |
      | members.e2.term   | greater than | the remembered "old term"   |
    And within 5s at least 2 of the observed "members.*.leader" should agree
    And the observed "members.e1.leader" should be null
