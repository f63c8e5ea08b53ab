Feature: kill -9 the leader
  Scenario: The leader is killed: the member is reported down and the others elect a new leader at a higher term
    Given an etcd cluster of 3 members
    And leadership is handed to member "e1"
    And the "etcd" observation is started
    When member "e1" is killed with SIGKILL
    Then within 5s an event should match:
      """
      { "type": "member-down", "member": "e1" }
      """
    And the observed "members.e1.up" should be false
    And within 10s an event should match:
      """
      { "type": "leader-changed" }
      """
