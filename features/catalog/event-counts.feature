Feature: New events only, event counts and their order
  "A new event" counts only batches published after the step began. Counts and orders look at event contents the
  way docstrings match: partially.

  Scenario: a restart is seen although the start-up event is already in the history
    When the test system emits the event:
      """
      { "type": "node-up", "node": "n2" }
      """
    Then within 1s an event should match:
      """
      { "type": "node-up", "node": "n2" }
      """
    When after 3 more polls the test system emits the event:
      """
      { "type": "node-up", "node": "n2", "restart": true }
      """
    Then within 5s a new event should match:
      """
      { "type": "node-up", "node": "n2" }
      """
    When after 3 more polls the test system emits the event:
      """
      { "type": "node-up", "node": "n3" }
      """
    Then within 5s a new event should have "node" matching /^n3$/
    And the event history should hold exactly 3 events matching:
      """
      { "type": "node-up" }
      """

  Scenario: two leader changes, exactly one to n2, in order after a node went down
    When the test system emits the event:
      """
      { "type": "node-down", "node": "n1" }
      """
    And after 2 more polls the test system emits the event:
      """
      { "type": "leader-changed", "to": "n2", "term": 2 }
      """
    And after 4 more polls the test system emits the event:
      """
      { "type": "leader-changed", "to": "n3", "term": 3 }
      """
    Then within 5s at least 2 events should match:
      """
      { "type": "leader-changed" }
      """
    And the event history should hold exactly 1 event matching:
      """
      { "type": "leader-changed", "to": "n2" }
      """
    And within 5s events should have been observed in this order:
      """
      [ { "type": "node-down", "node": "n1" }, { "type": "leader-changed", "to": "n2" } ]
      """
    And within 5s an event should have "term" greater than 1
    And no event should have "term" greater than 3 for 100ms
    And the event history should hold exactly 0 events matching:
      """
      { "type": "quorum-lost" }
      """

  Scenario: exactly so many events during a window
    When after 2 more polls the test system emits the event:
      """
      { "type": "heartbeat" }
      """
    Then exactly 1 event should match for 300ms:
      """
      { "type": "heartbeat" }
      """
    And exactly 0 events should match for 100ms:
      """
      { "type": "heartbeat" }
      """

  Scenario: event waits with their own unless, and operators in event docstrings
    Given the test system reports "quorum" as true
    When after 3 more polls the test system emits the event:
      """
      { "type": "leader-changed", "to": "n2", "term": 5 }
      """
    Then within 5s an event should have "term" at least 5 unless an event matches:
      """
      { "type": "quorum-lost" }
      """
    And within 1s an event should have "to" equal to "n2" unless the observed "quorum" is false
    And within 1s an event should match unless the observed "quorum" is not true:
      """
      { "type": "leader-changed", "term": { "$gte": 5 }, "to": { "$regex": "^n[0-9]$" } }
      """
