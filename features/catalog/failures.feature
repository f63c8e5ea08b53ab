Feature: Failed cycles and recovery
  A cycle fails at the source refresh stage when the source list cannot be had, and at the poll stage when the
  observer cannot read the sources. The observation keeps going and recovers by itself.

  Scenario: the source list fails, then works again
    Then the observation should have no failure
    When the test system source list fails with "registry down"
    Then within 1s the observation should fail at the source refresh stage
    And the last observation failure should be at the source refresh stage
    And the last observation failure message should contain "registry down"
    When the test system source list works again
    Then within 1s the observation should recover
    And the observation should have no failure

  Scenario: a node fails to answer, then answers again
    When node "a" fails to answer with "connection refused"
    Then within 1s the observation should fail at the poll stage
    And the last observation failure should be at the poll stage
    And the last observation failure message should contain "connection refused"
    When node "a" answers again
    Then within 1s the observation should recover
