Feature: The whole cluster goes down and comes back
  When no node answers, the cycle fails at the poll stage with each node's error; the last good snapshot stays.

  Scenario: With every node down the cycle fails at the poll stage; a new cluster is observed again
    Given a cluster of 3 nodes
    And the "cluster" observation is started
    When the whole cluster is stopped
    Then within 2s the observation should fail at the poll stage
    And the last observation failure should be at the poll stage
    And the last observation failure message should contain "no node answered (3 polled)"
    And the last observation failure message should contain "refused"
    When the cluster is started again
    Then within 5s the observation should recover
    And within 3s the freshly observed values should be:
      | nodes.*.up        | true |
      | nodes.n1.restarts | 1    |
      | nodes.n3.restarts | 1    |
    And the observation should have no failure
