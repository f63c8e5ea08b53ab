Feature: Writes converge on every node
  Three node processes replicate by anti-entropy every 50 ms. The "cluster" observation polls each node's /state
  every 100 ms and shows each node as it answered; agreement and quorums are the steps' words, not the observer's fields.

  Background:
    Given a cluster of 3 nodes
    And the "cluster" observation is started

  Scenario: A write to one node reaches all three within a bound
    When a client writes "colour" = {"name": "blue"} to node "n1"
    Then within 3s the freshly observed values should be:
      | nodes.*.up          | true             |
      | nodes.*.data.colour | {"name": "blue"} |
    And the observed "nodes.*.data" should all be equal
    And within 1s an event should match:
      """
      { "type": "key-converged", "key": "colour", "value": { "name": "blue" } }
      """
    And the observed "nodes.n3.data.colour.name" should be "blue"
    And the observation should have no failure

  Scenario: The last write wins everywhere
    When a client writes "leader" = "n1" to node "n1"
    And within 3s every freshly observed "nodes.*.data.leader" should be "n1"
    And a client writes "leader" = "n3" to node "n3"
    Then within 3s every freshly observed "nodes.*.data.leader" should be "n3"
    And within 1s an event should have "value" equal to "n3"
    And the observed source count should be 3
