Feature: Quorum lost and regained
  Scenario: Two members down: the survivor has no leader and refuses writes; restarted, they elect one again
    Given an etcd cluster of 3 members
    And the "etcd" observation is started
    When member "e2" is killed with SIGKILL
    And member "e3" is killed with SIGKILL
    Then within 10s the observed "members.e1.errors" should contain "etcdserver: no leader"
    And the observed "members.e1.leader" should be null
    When a client tries to write "colour" = "red" through member "e1"
    Then the observed "members.e1.leader" should stay null for 1s
    When member "e2" is restarted
    And member "e3" is restarted
    Then within 15s the observed "members.e1.errors" should be []
    When a client writes "colour" = "green" through member "e1"
    Then within 5s the observed values should be:
      | members.e1.data.colour | "green" |
      | members.e2.data.colour | "green" |
      | members.e3.data.colour | "green" |
