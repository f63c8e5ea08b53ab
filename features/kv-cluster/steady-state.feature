Feature: Steady state and slow nodes
  Scenario: Left alone, the cluster stays converged and no node goes down
    Given a cluster of 3 nodes
    And the "cluster" observation is started
    When a client writes "colour" = "blue" to node "n2"
    Then within 3s every observed "nodes.*.data.colour" should be "blue"
    And the observed values should stay for 1s:
      | nodes.*.up          | true   |
      | nodes.*.data.colour | "blue" |
    And every observed "nodes.*.version" should never decrease for 300ms
    And no event should match for 500ms:
      """
      { "type": "node-down" }
      """

  Scenario: A node too slow to answer is down with a timeout while the others are still watched
    Given a cluster of 3 nodes in which node "n3" answers state reads after 5s
    And the "cluster" observation is started
    Then the observed values should be:
      | nodes.n3.up     | false     |
      | nodes.n3.reason | "timeout" |
    And exactly 2 of the observed "nodes.*.up" should be true
    When a client writes "colour" = "blue" to node "n3"
    Then within 5s at least 2 of the freshly observed "nodes.*.data.colour" should be "blue"
    And the observation should have no failure
