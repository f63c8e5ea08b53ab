Feature: One step language
  Every example line of issue 21, as written, against a cluster of three members (e1 leads), three nodes (r1 is the
  master, r2 and r3 replicate it) and three sentinels that agree on the primary.

  Background:
    Given the test system has the nodes "r1, r2, r3"
    And node "r1" sets "role" to "master"
    And node "r2" sets "role" to "slave"
    And node "r3" sets "role" to "slave"
    And node "r1" sets "offset" to 100
    And node "r2" sets "offset" to 90
    And node "r3" sets "offset" to 95
    And every node's "offset" grows by 1 at each poll
    And the test system reports "members" as {"e1": {"up": true, "leader": "e1", "term": 2, "healthy": true, "errors": []}, "e2": {"up": true, "leader": "e1", "term": 2, "healthy": true, "errors": []}, "e3": {"up": true, "leader": "e1", "term": 2, "healthy": true, "errors": []}}
    And the test system reports "leader" as "e1"
    And the test system reports "term" as 2
    And the test system reports "primary" as "r1"
    And the test system reports "sentinels" as {"s1": {"master": "r1"}, "s2": {"master": "r1"}, "s3": {"master": "r1"}}

  Scenario: a steady cluster, checked with every part of a sentence
    Given the scenario fails as soon as at least 2 of the observed "nodes.*.role" are "master"
    Given the scenario fails as soon as some observed "members.*.errors" contains "etcdserver: no leader"
    Then within 5s the observed "$.members[?@.up == true].leader" should all be equal
    Then every observed "$.nodes[?@.role == 'slave'].offset" should never decrease for 10 cycles
    Then every observed "sentinels.*.master" should be the observed "primary"
    Then the observed "leader" should be "e1" for 5 cycles
    Then every observed "members.*.term" should not be null and be at least 2 for 200ms
    Then within 10s the observed "leader" should not be null unless some observed "members.*.healthy" is false
    Then within 5s the observed values should be:
      | members.*.leader | all equal |   |
      | members.*.term   | at least  | 2 |
      | leader           | not       | null |
    Then the observed "members.e1" should match the schema "schemas/member.json"
    Then in the last snapshot the observed "leader" should be "e1"

  Scenario: a failover, measured from the moment of the kill
    When I remember the observed "leader" as "old leader"
    And I remember the observed "term" as "old term"
    And after 40 more polls the test system reports "members" as {"e1": {"up": false, "leader": null, "term": 2, "healthy": false, "errors": ["connection refused"]}, "e2": {"up": true, "leader": "e2", "term": 3, "healthy": true, "errors": []}, "e3": {"up": true, "leader": "e2", "term": 3, "healthy": true, "errors": []}}
    And after 40 more polls the test system reports "leader" as "e2"
    And after 40 more polls the test system reports "term" as 3
    And after 40 more polls the test system reports "primary" as "r2"
    And after 40 more polls the test system reports "sentinels" as {"s1": {"master": "r2"}, "s2": {"master": "r2"}, "s3": {"master": "r2"}}
    And after 40 more polls the test system emits the event:
      """
      { "type": "leader-changed", "from": "e1", "term": 3 }
      """
    When I note the time as "kill"
    Then within 10s but not before 500ms of "kill" every observed "$.members[?@.up == true].leader" should not be "e1"
    Then within 3s of "kill" the observed "leader" should not be "e1"
    Then within 2s of "kill" the observed "$.members[?@.up == true].leader" should all be equal and not be "e1" and stay so for 5 cycles
    Then within 30s the observed "sentinels.*.master" should all be equal and not be "r1"
    Then every observed "sentinels.*.master" should be the observed "primary"
    Then within 10s an event should match:
      """
      { "type": "leader-changed", "from": { "$remembered": "old leader" }, "term": { "$gt": { "$remembered": "old term" } } }
      """
