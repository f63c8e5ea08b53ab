Feature: Checking that something stays true
  "stay ... for" holds on the latest snapshot and on every new one, for a duration or a number of cycles.

  Background:
    Given the test system sets "leader" to "a"
    And within 1s the observed "nodes.a.leader" should be "a"

  Scenario: a value that stays for a duration and for cycles
    Then the observed "nodes.a.leader" should stay "a" for 200ms
    And the observed "nodes.a.leader" should stay "a" for 3 cycles
    And the observed snapshot should keep matching for 150ms:
      """
      { "nodes": { "a": { "leader": "a" } }, "nodeCount": 1 }
      """
    And the observed snapshot should keep matching for 1 cycle:
      """
      { "nodeCount": 1 }
      """
