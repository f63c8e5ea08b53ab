Feature: The check vocabulary's example lines, exactly as the issue gives them
  A three-node system that reports its leader, term, version and members; heights grow once the chain "advances".

  Background:
    Given the test system has the nodes "n1, n2, n3"
    And the test system sets "height" to 12
    And the test system reports "leader" as "n1"
    And the test system reports "raftTerm" as 2
    And the test system reports "version" as "v3.4.2"
    And the test system reports "members" as {"e1": {"healthy": true, "leader": "n1"}, "e2": {"healthy": true, "leader": "n1"}, "e3": {"healthy": false, "leader": "n1"}}

  Scenario: every example line
    Then within 30s every observed "nodes.*.height" should be at least 10
    Then at least 2 of the observed "members.*.healthy" should be true
    Then no observed "nodes.*.error" should exist
    Then the observed "members.*.leader" should all be equal
    Then the observed "leader" should not be null
    Then the observed "raftTerm" should be greater than 1
    Then the observed "leader" should be one of ["n1", "n2", "n3"]
    Then the observed "version" should match /^v3\.4\./
    Then the observed "nodes" should have length 3
    Then the observed "nodes.n1.height" should be a number
    Then within 5s the observed "nodes.n1.height" should be between 10 and 20
    Then the observed "leader" should not change for 2s
    When every node's "height" grows by 1 at each poll
    Then within 10s every observed "nodes.*.height" should increase by at least 5
    When I remember the observed "leader" as "old leader"
    And I remember the observed "raftTerm" as "old term"
    And the test system reports "leader" as "n2"
    And the test system reports "raftTerm" as 3
    Then within 10s the observed "leader" should not be the remembered "old leader"
    Then the observed "raftTerm" should be greater than the remembered "old term"
    Then within 5s the observed values should be:
      | nodes.*.height | at least | 10 |
      | leader         | not      | null |
    Then within 5s the observed snapshot should match:
      """
      { "nodes": { "n1": { "height": { "$gte": 10 } } }, "leader": { "$regex": "^n[0-9]$" }, "error": { "$exists": false } }
      """
