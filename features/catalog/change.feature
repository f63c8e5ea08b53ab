Feature: Change and progress, relative to what was observed when the step began
  "not change" and "never decrease" hold over time; "change", "increase by" and "decrease by" are waited for.

  Background:
    Given the test system has the nodes "n1, n2"
    And the test system sets "height" to 10
    And the test system sets "backlog" to 100
    And the test system reports "leader" as "n1"
    And within 2s the observed "nodes.n2.backlog" should be 100

  Scenario: values that do not change, for a duration and for cycles
    Then the observed "leader" should not change for 100ms
    And every observed "nodes.*.height" should not change for 3 cycles
    And the observed "nodes.n1" should not change for 2 cycles

  Scenario: progress: increase, decrease, never decrease
    When every node's "height" grows by 1 at each poll
    Then every observed "nodes.*.height" should never decrease for 100ms
    And the observed "nodes.n1.height" should never decrease for 3 cycles
    And within 2s every observed "nodes.*.height" should increase by at least 3
    And within 2s the freshly observed "nodes.n2.height" should increase by at least 2
    And within 2s the observed "nodes.n1.height" should change
    When every node's "backlog" grows by -5 at each poll
    Then within 2s every observed "nodes.*.backlog" should decrease by at least 10
    And within 2s some freshly observed "nodes.*.backlog" should change

  Scenario: remembered values, wherever a JSON value is taken
    When I remember the observed "leader" as "old leader"
    And I remember the observed "nodes.n1.height" as "start height"
    And I remember the observed "$" as "whole snapshot"
    And the test system reports "leader" as "n2"
    Then within 1s the observed "leader" should not be the remembered "old leader"
    And the observed "nodes.n1.height" should be the remembered "start height"
    And the observed "nodes.n2.height" should be at least the remembered "start height"
    And the observed "nodes.n1.height" should stay equal to the remembered "start height" for 2 cycles
    And the observed values should be:
      | path            | check    | value                            |
      | nodes.n1.height | at least | the remembered "start height"    |
      | leader          | not      | the remembered "old leader"      |
    And the observed snapshot should match:
      """
      { "nodes": { "n1": { "height": { "$remembered": "start height" } } }, "leader": { "$ne": "n1" } }
      """
