Feature: A killed member restarts and catches up
  Scenario: The restarted member comes back with its data and catches up
    Given an etcd cluster of 3 members
    And the "etcd" observation is started
    When member "e3" is killed with SIGKILL
    Then within 5s the freshly observed "members.e3.up" should be false
    When a client writes "colour" = "blue" through member "e1"
    And member "e3" is restarted
    Then within 10s an event should match:
      """
      { "type": "member-up", "member": "e3" }
      """
    And within 10s the observed "members.e3.data.colour" should be "blue"
