Feature: Wildcards, quantifiers and agreement
  A "*" in a path selects every value there; a quantifier says how many must pass; agreement compares them.

  Background:
    Given the test system has the nodes "n1, n2, n3"
    And node "n1" sets "height" to 12
    And node "n2" sets "height" to 15
    And node "n3" sets "height" to 9
    And the test system reports "members" as [{"up": true, "leader": "n1", "id": "e1"}, {"up": true, "leader": "n1", "id": "e2"}, {"up": false, "leader": "n1", "id": "e3"}]
    And the test system reports "shards" as {"s1": {"replicas": {"r1": {"lag": 0}, "r2": {"lag": 2}}}, "s2": {"replicas": {"r1": {"lag": 1}}}}
    And within 2s the observed "nodes.n3.height" should be 9

  Scenario: every quantifier, now
    Then every observed "nodes.*.height" should be at least 9
    And some observed "nodes.*.height" should be greater than 14
    And no observed "nodes.*.height" should be greater than 20
    And no observed "nodes.*.error" should exist
    And at least 2 of the observed "nodes.*.height" should be at least 12
    And at most 1 of the observed "nodes.*.height" should be less than 10
    And exactly 2 of the observed "members[*].up" should be true
    And every observed "shards.*.replicas.*.lag" should be at most 2
    And exactly 1 of the observed "shards.*.replicas.*.lag" should be 0
    And every observed "members[*].id" should match /^e[0-9]$/
    And every observed "members.*.leader" should be one of ["n1", "n2"]

  Scenario: quantifiers waited for, freshly, and held
    When node "n3" sets "height" to 11
    Then within 1s every observed "nodes.*.height" should be at least 10
    And within 1s the freshly observed "nodes.n3.height" should be 11
    And within 1s every freshly observed "nodes.*.height" should be a number
    And within 1s at least 3 of the freshly observed "nodes.*.height" should be greater than 10
    And every observed "nodes.*.height" should stay at least 10 for 100ms
    And no observed "nodes.*.height" should stay greater than 20 for 2 cycles
    And at least 2 of the observed "members.*.up" should stay true for 100ms

  Scenario: agreement: all equal, all distinct, a quorum agreeing
    Then the observed "members.*.leader" should all be equal
    And the observed "members[*].id" should all be distinct
    And the observed "nodes.*.height" should all be distinct
    And at least 2 of the observed "members.*.up" should agree
    When node "n2" sets "height" to 12
    And node "n3" sets "height" to 12
    Then within 1s the observed "nodes.*.height" should all be equal
    And within 1s the freshly observed "nodes.*.height" should all be equal

  Scenario: agreement held: all equal, all distinct and a quorum, for a duration or a number of cycles
    Then the observed "members.*.leader" should all stay equal for 100ms
    And the observed "members.*.leader" should all stay equal for 2 cycles
    And the observed "members[*].id" should all stay distinct for 100ms
    And the observed "members[*].id" should all stay distinct for 1 cycle
    And at least 2 of the observed "members.*.up" should agree for 100ms
    And at least 2 of the observed "members.*.up" should agree for 2 cycles
