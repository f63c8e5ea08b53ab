Feature: Quorum lost and regained
  With two of three members down the survivor cannot reach a majority: it knows no leader, says so, and appends
  nothing. One member back makes a majority again.

  Scenario: Two members down: the survivor has no leader and refuses writes; then the cluster recovers
    Given an etcd cluster of 3 members
    And the "etcd" observation is started
    When member "e2" is killed with SIGKILL
    And member "e3" is killed with SIGKILL
    Then within 10s the observed "members.e1.leader" should be null
    And the observed "members.e1.errors" should contain "etcdserver: no leader"
    And at least 2 of the observed "members.*.up" should be false
    And the observation should have no failure
    When I remember the observed "members.e1.raftIndex" as "index without quorum"
    And a client tries to write "colour" = "red" through member "e1"
    Then the observed "members.e1.data.colour" should not exist
    And the observed "members.e1.raftIndex" should not change for 1s
    When member "e2" is restarted
    Then within 15s the observed values should be:
      | members.e1.leader | not | null |
      | members.e1.errors | be  | empty |
    And within 5s at least 2 of the observed "members.*.leader" should agree
    When member "e3" is restarted
    And a client writes "colour" = "green" through member "e1"
    Then within 10s every observed "members.*.data.colour" should be "green"
    And within 5s every observed "members.*.raftIndex" should be greater than the remembered "index without quorum"
