Feature: Reading the latest snapshot
  The observed snapshot is read as it is now: by path, as a partial match, as a table, and its counters.

  Background:
    Given the test system has the nodes "a, b"

  Scenario: values read now, after the observation has caught up
    When the test system sets "role" to "leader"
    And I wait for 2 more observation cycles
    Then the observed "nodes.a.role" should be "leader"
    And the observed "nodes['b'].role" should be "leader"
    And the observed snapshot should match:
      """
      { "nodes": { "b": { "role": "leader" } }, "nodeCount": 2 }
      """
    And the observed values should be:
      | path         | value    |
      | nodes.a.role | "leader" |
      | nodeCount    | 2        |
    And the observed source count should be 2
    And the observed cycle should be at least 2

  Scenario: JSON literals of every kind
    When node "a" sets "list" to [1, 2, 3]
    And node "a" sets "flag" to true
    And node "a" sets "nothing" to null
    And node "a" sets "object" to {"x": 1.5}
    And node "a" sets "motto" to "observe, do not sleep"
    And I wait for 2 more observation cycles
    Then the observed "nodes.a.list" should be [1, 2, 3]
    And the observed "nodes.a.list[2]" should be 3
    And the observed "nodes.a.list.length" should be 3
    And the observed "nodes.a.list" should contain 2
    And the observed "nodes" should contain {"a": {"flag": true}}
    And the observed "nodes.a.object" should contain {"x": 1.5}
    And the observed "nodes.a.flag" should be true
    And the observed "nodes.a.nothing" should be null
    And the observed "nodes.a.object.x" should be 1.5
    And the observed "nodes.a.motto" should contain "do not sleep"
