Feature: The membership registry goes down and comes back
  The sources are read from the cluster's membership registry before every cycle; while it does not answer, the
  cycle fails at the source refresh stage.

  Scenario: An unavailable registry fails the cycle at the source refresh stage, and the failure clears
    Given a cluster of 2 nodes
    And the "cluster" observation is started
    When the membership registry becomes unavailable
    Then within 2s the observation should fail at the source refresh stage
    And the last observation failure message should contain "membership registry unavailable"
    And in the last snapshot, every observed "nodes.*.up" should be true
    When the membership registry becomes available again
    Then within 2s the observation should recover
    And the observation should have no failure
    And within 2s the freshly observed source count should be 2
