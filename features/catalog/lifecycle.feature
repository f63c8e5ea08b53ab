Feature: Choosing, starting and stopping observations
  Observations defined with autoStart: false are started by a step; several can run at once, and steps act on the
  selected one.

  @audit
  Scenario: a second observation started, selected and stopped by steps
    Then the observation should be running
    And the "system" observation should be running
    When the "audit" observation is started
    Then the "audit" observation should be running
    Given the "audit" observation is selected
    When I wait for 2 more observation cycles
    Then the observed source count should be 1
    When the "audit" observation is stopped
    Then the "audit" observation should be stopped

  @audit
  Scenario: an observation started with options of its own
    Given the "audit" observation is started with:
      | interval | 10ms |
      | history  | 2    |
    And the "audit" observation is selected
    When node "a" sets "n" to 1
    And node "a" sets "m" to 1
    Then within 1s the observed "nodes.a.n" should be 1
    When I wait for 3 more observation cycles
    Then the observed cycle should be at least 3

  @observation.interval=5ms
  Scenario: options set by a tag
    When I wait for 10 more observation cycles
    Then within 1s the observed cycle should be at least 10
