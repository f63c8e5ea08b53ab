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
    # Should a second member go down, quorum is lost and no leader can come: fail at once rather than wait 10 s.
    And the scenario fails as soon as the observed "members.e2.up" is false
    And the scenario fails as soon as the observed "members.e3.up" is false
    And member "e1" is killed with SIGKILL
    Then within 10s events should have been observed in this order:
      """
      [ { "type": "member-down", "member": "e1" }, { "type": "leader-changed" } ]
      """
    And within 1s an event should have "from" equal to the remembered "old leader"
    And the event history should hold exactly 1 event matching:
      """
      { "type": "leader-changed" }
      """
    And within 5s the observed values should be:
      | members.e1.up     | be           | false                       |
      | members.e2.leader | not          | null                        |
      | members.e2.leader | not          | the remembered "old leader" |
      | members.e2.term   | greater than | the remembered "old term"   |
    And within 5s at least 2 of the observed "members.*.leader" should agree
    And the scenario guards are lifted
