Feature: A node that dies and comes back
  A node that does not answer is a per-node failure inside the snapshot: the cycle still succeeds and the other
  nodes are still watched. The membership registry lists running nodes only; a restarted node keeps its port (the
  process module gives each node one for the scenario) and comes back as a new process.

  Background:
    Given a cluster of 3 nodes
    And the "cluster" observation is started
    And a client writes "colour" = "blue" to node "n1"
    And within 3s every observed "nodes.*.data.colour" should be "blue"

  Scenario: A stopped node is reported down; restarted, it rejoins as a new process and catches up
    When node "n2" is stopped
    Then within 2s the freshly observed values should be:
      | nodes.n2.up     | false     |
      | nodes.n2.reason | "refused" |
    And exactly 2 of the observed "nodes.*.up" should be true
    And the observation should have no failure
    And within 1s an event should match:
      """
      { "type": "node-down", "node": "n2" }
      """
    When a client writes "size" = 42 to node "n3"
    Then within 3s at least 2 of the freshly observed "nodes.*.data.size" should be 42
    When node "n2" is restarted
    Then within 3s an event should match:
      """
      { "type": "node-up", "node": "n2", "restarted": true }
      """
    And within 3s the freshly observed values should be:
      | nodes.*.up          | true   |
      | nodes.n2.restarts   | 1      |
      | nodes.*.data.colour | "blue" |
      | nodes.*.data.size   | 42     |
    And the observed "nodes.*.data" should all be equal

  Scenario: A node restarted in one go is seen as a new process and converges again
    When node "n3" is restarted
    Then within 3s an event should match:
      """
      { "type": "node-up", "node": "n3", "restarted": true }
      """
    And within 3s the freshly observed snapshot should match:
      """
      { "nodes": { "n3": { "up": true, "restarts": 1, "pid": { "$type": "integer" }, "data": { "colour": "blue" } } } }
      """
    And every observed "nodes.*.up" should be true
    And the observed "nodes.*.data" should all be equal
