Feature: Waiting until the snapshot shows something
  "within <duration>" waits resolve in the cycle that satisfies them; "freshly observed" only accepts cycles that
  started after the step began, for checks right after an action.

  Background:
    Given the test system has the nodes "a, b"

  Scenario: values that become true
    When the test system sets "term" to 3
    Then within 1s the observed "nodes.b.term" should be 3
    And within 1s the observed "nodes" should contain {"b": {"term": 3}}
    And within 1 s the observed snapshot should match:
      """
      { "nodes": { "a": { "term": 3 } } }
      """
    And within 1.5s the observed values should be:
      | nodes.a.term | 3 |
      | nodes.b.term | 3 |
    When node "c" joins the test system
    Then within 1s the observed source count should be 3
    And within 2000ms the observed cycle should be at least 3

  Scenario: fresh snapshots after an action
    Given the test system sets "x" to 1
    And within 1s the observed "nodes.a.x" should be 1
    When the test system sets "x" to 2
    Then within 1s the freshly observed "nodes.a.x" should be 2
    And within 1s the freshly observed "nodes.b" should contain {"x": 2}
    And within 1s the freshly observed snapshot should match:
      """
      { "nodes": { "b": { "x": 2 } } }
      """
    And within 1s the freshly observed values should be:
      | path      | value |
      | nodes.b.x | 2     |
    When node "b" leaves the test system
    Then within 1s the freshly observed source count should be 1
