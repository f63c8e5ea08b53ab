Feature: Check words in values tables and JSON docstrings
  A values table takes a check column (two-column rows still mean equality); a docstring takes the operator form.

  Background:
    Given the test system has the nodes "n1, n2"
    And the test system sets "height" to 12
    And node "n1" sets "role" to "leader"
    And node "n2" sets "role" to "follower"
    And the test system reports "leader" as "n1"
    And the test system reports "version" as "v3.4.2"
    And the test system reports "peers" as ["n2"]
    And the test system reports "labels" as {}
    And within 2s the observed "nodes.n2.role" should be "follower"

  Scenario: a values table with every check word, now, within, freshly and held
    Then the observed values should be:
      | path           | check            | value          |
      | leader         | equal to         | "n1"           |
      | leader         | not              | null           |
      | nodes.*.height | greater than     | 11             |
      | nodes.*.height | at least         | 12             |
      | nodes.*.height | less than        | 13             |
      | nodes.*.height | at most          | 12             |
      | nodes.n1.height | between         | 10 and 20      |
      | version        | matching         | /^v3\.4\./     |
      | version        | not matching     | /^v2/          |
      | leader         | present          |                |
      | nodes.n1.error | not present      |                |
      | labels         | empty            |                |
      | peers          | not empty        |                |
      | peers          | of length        | 1              |
      | version        | a string         |                |
      | leader         | one of           | ["n1", "n2"]   |
      | peers          | containing       | "n2"           |
      | version        | match            | /^v3/          |
    And the observed values should be:
      | nodes.n1.role | "leader" |
      | nodeCount     | 2        |
    And within 1s the observed values should be:
      | nodes.*.height | at least | 10 |
      | leader         | not      | null |
    When node "n2" sets "height" to 13
    Then within 1s the freshly observed values should be:
      | path            | check    | value |
      | nodes.n2.height | at least | 13    |
    And the observed values should stay for 100ms:
      | nodes.*.height | at least | 12   |
      | leader         | "n1"     |      |
    And the observed values should stay for 2 cycles:
      | leader | not | null |

  Scenario: a docstring with every operator, now, within, freshly and held
    Then the observed snapshot should match:
      """
      {
        "leader": { "$eq": "n1", "$ne": "n2", "$in": ["n1", "n2"], "$nin": ["n3"], "$type": "string", "$regex": "^N[0-9]$", "$flags": "i" },
        "nodes": { "n1": { "height": { "$gt": 11, "$gte": 12, "$lt": 13, "$lte": 12, "$between": [10, 20] }, "error": { "$exists": false } } },
        "peers": { "$contains": "n2", "$length": 1, "$empty": false, "$not": { "$length": { "$gte": 2 } } },
        "labels": { "$empty": true, "$exists": true }
      }
      """
    And within 1s the observed snapshot should match:
      """
      { "nodes": { "n1": { "height": { "$gte": 10 } } }, "leader": { "$regex": "^n[0-9]$" }, "error": { "$exists": false } }
      """
    When node "n2" sets "height" to 14
    Then within 1s the freshly observed snapshot should match:
      """
      { "nodes": { "n2": { "height": { "$gt": 13 } } } }
      """
    And the observed snapshot should keep matching for 100ms:
      """
      { "nodes": { "n1": { "height": { "$between": [12, 12] } } } }
      """
    And the observed snapshot should keep matching for 2 cycles:
      """
      { "version": { "$regex": "^v3" } }
      """
