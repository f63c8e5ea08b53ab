Feature: kill -9 the leader (definitions only)
  The twin of features/etcd/failover.feature. The leader's process is killed outright. Its sources go down; the other
  two members, a majority, elect a new leader at a higher term once their election timeout (1 s) passes.

  Scenario: The leader is killed: it is reported down, and a new leader is elected at a higher term
    Given the processes "e1, e2, e3" are started
    And leadership is handed to member "e1"
    And the "etcd" observation is started
    Then within 5s the observed "derived.leader" should be "e1"
    And within 5s every observed "sources.*.*.up" should be true
    When I remember the observed "derived.leader" as "old leader"
    And I remember the observed "sources.e2.status.value.0.Status.raftTerm" as "old term"
    # Should a second member go down, quorum is lost and no leader can come: fail at once rather than wait 10 s.
    And the scenario fails as soon as the observed "sources.e2.metrics.up" is false
    And the scenario fails as soon as the observed "sources.e3.metrics.up" is false
    When the process "e1" is killed with SIGKILL
    Then within 10s events should have been observed in this order:
      """
      [ { "type": "process-exited", "process": "e1", "signal": "SIGKILL" }, { "type": "leader-changed" } ]
      """
    And within 1s an event should have "from" equal to the remembered "old leader"
    And the event history should hold exactly 1 event matching:
      """
      { "type": "leader-changed" }
      """
    And within 5s the observed values should be:
      | sources.e1.status.up                       | be           | false                       |
      | derived.leader                             | not          | null                        |
      | derived.leader                             | not          | the remembered "old leader" |
      | sources.e2.status.value.0.Status.raftTerm  | greater than | the remembered "old term"   |
    And within 5s at least 2 of the observed "sources.*.status.value.0.Status.leader" should agree
    And within 5s an event should match:
      """
      { "type": "elected", "process": "e2" }
      """
    And the scenario guards are lifted
