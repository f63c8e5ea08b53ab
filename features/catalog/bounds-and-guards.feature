Feature: Waits with bounds and guards
  A lower bound ("but not before"), "and stay so for" after "within", a step's own "unless", scenario guards that fail
  fast, and failure-free windows.

  Background:
    Given the test system reports "leader" as "n1"

  Scenario: a leader elected neither too soon nor too late, that then stays
    When after 30 more polls the test system reports "leader" as "n2"
    Then within 5s but not before 500ms the observed "leader" should be "n2"
    And within 5s the observed "leader" should be "n2" and stay so for 1s
    And within 1s the observed "leader" should be "n2" and stay so for 3 cycles

  Scenario: snapshot docstrings with a lower bound and a stay
    When after 10 more polls the test system reports "leader" as "n2"
    Then within 5s but not before 100ms the observed snapshot should match:
      """
      { "leader": "n2" }
      """
    And within 1s the observed snapshot should match and stay so for 100ms:
      """
      { "leader": "n2", "nodeCount": 1 }
      """

  Scenario: a wait with an unless that does not come
    When after 3 more polls the test system reports "leader" as "n2"
    Then within 5s the observed "leader" should be "n2" unless an event matches:
      """
      { "type": "quorum-lost" }
      """
    And within 1s the observed "leader" should be "n2" unless the observed "leader" is null

  Scenario: scenario guards that are never hit, then lifted
    Given the scenario fails as soon as an event matches:
      """
      { "type": "quorum-lost" }
      """
    And the scenario fails as soon as the observed "leader" is null
    And the scenario fails as soon as the observation fails at the poll stage
    When after 3 more polls the test system reports "leader" as "n2"
    Then within 5s the observed "leader" should be "n2"
    When the scenario guards are lifted
    And the test system emits the event:
      """
      { "type": "quorum-lost" }
      """
    Then within 1s a new event should match:
      """
      { "type": "quorum-lost" }
      """

  Scenario: no failure over a window
    Then the observation should not fail for 1s
    And the observation should not fail for 3 cycles

  Scenario: failures counted and their message checked with the check words
    Then the number of failed observation cycles should be 0
    When node "a" fails to answer with "connection refused"
    Then within 1s the observation should fail at the poll stage
    And the last observation failure message should match /refused$/
    And the last observation failure message should not contain "timeout"
    And the number of failed observation cycles should be at least 1
    When node "a" answers again
    Then within 1s the observation should recover

  Scenario: check words in guards, unless and bounded forms
    Given the scenario fails as soon as the observed "nodeCount" is greater than 1
    When after 5 more polls the test system reports "leader" as "n2"
    Then within 5s but not before 50ms the observed "leader" should not be "n1"
    And within 1s every observed "nodes.*" should be an object and stay so for 3 cycles
    And within 5s the observed "leader" should match /^n2$/ unless the observed "leader" does not exist
    And within 5s the observed "leader" should be one of ["n2", "n3"] and stay so for 100ms

  Scenario: every other within step with an unless that does not come
    When after 3 more polls the test system reports "leader" as "n2"
    Then within 5s the observed snapshot should match unless the observed "leader" is null:
      """
      { "leader": "n2" }
      """
    And within 1s the freshly observed snapshot should match unless the observed "leader" does not exist:
      """
      { "leader": "n2", "nodeCount": 1 }
      """
    And within 1s the observed values should be unless the observed "leader" is null:
      | leader | "n2" |
    And within 1s the freshly observed values should be unless the observed "nodeCount" is greater than 1:
      | nodeCount | 1 |
    And within 1s the observed source count should be 1 unless an event matches:
      """
      { "type": "quorum-lost" }
      """
    And within 1s the observed source count should be 1 unless the observed "leader" is null
    And within 1s the freshly observed source count should be 1 unless an event matches:
      """
      { "type": "quorum-lost" }
      """
    And within 1s the freshly observed source count should be 1 unless the observed "leader" is null
    And within 1s the observed cycle should be at least 2 unless an event matches:
      """
      { "type": "quorum-lost" }
      """
    And within 1s the observed cycle should be at least 2 unless the observed "leader" is null

  Scenario: event counts and order with an unless that does not come
    When the test system emits the event:
      """
      { "type": "node-down", "node": "n1" }
      """
    And the test system emits the event:
      """
      { "type": "leader-changed", "to": "n2" }
      """
    And the test system emits the event:
      """
      { "type": "leader-changed", "to": "n3" }
      """
    Then within 5s at least 2 events should match unless the observed "leader" is null:
      """
      { "type": "leader-changed" }
      """
    And within 5s events should have been observed in this order unless the observed "leader" is null:
      """
      [ { "type": "node-down", "node": "n1" }, { "type": "leader-changed", "to": "n2" } ]
      """

  Scenario: a failure and a recovery with an unless that does not come
    When node "a" fails to answer with "connection refused"
    Then within 1s the observation should fail at the poll stage unless an event matches:
      """
      { "type": "quorum-lost" }
      """
    When node "a" answers again
    Then within 1s the observation should recover unless the observed "leader" is null
    When node "a" fails to answer with "connection refused"
    Then within 1s the observation should fail at the poll stage unless the observed "leader" is null

  Scenario: fresh values and new events with an unless that does not come
    When after 3 more polls the test system reports "leader" as "n2"
    Then within 5s the freshly observed "leader" should be "n2" unless an event matches:
      """
      { "type": "quorum-lost" }
      """
    And within 1s the freshly observed "leader" should be "n2" unless the observed "leader" is null
    When the test system emits the event:
      """
      { "type": "leader-changed", "to": "n2", "term": 2 }
      """
    Then within 1s a new event should match unless the observed "leader" is null:
      """
      { "type": "leader-changed" }
      """
    When the test system emits the event:
      """
      { "type": "leader-changed", "to": "n3", "term": 3 }
      """
    Then within 1s a new event should have "term" greater than 2 unless an event matches:
      """
      { "type": "quorum-lost" }
      """
    When the test system emits the event:
      """
      { "type": "leader-changed", "to": "n2", "term": 4 }
      """
    Then within 1s a new event should have "term" greater than 3 unless the observed "leader" is null
