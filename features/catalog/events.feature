Feature: Events between cycles
  Waiting for an event looks through the retained history first, then at live batches; "no event" watches live
  batches for the whole duration.

  Scenario: an event that already happened, and one that happens later
    When the test system emits the event:
      """
      { "type": "elected", "leader": "a", "term": 1 }
      """
    Then within 1s an event should match:
      """
      { "type": "elected", "term": 1 }
      """
    And within 1s an event should have "leader" equal to "a"
    And the event history should hold 1 batch
    And no event should be observed for 100ms
    When node "a" sets "term" to 2
    Then within 1s an event should match:
      """
      { "type": "changed", "node": "a", "key": "term", "to": 2 }
      """
    And the event history should hold 2 batches

  Scenario: events that do not come
    Then no event should match for 150ms:
      """
      { "type": "elected" }
      """
    And no event should have "leader" equal to "b" for 100ms
