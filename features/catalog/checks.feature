Feature: Check words on a path, in every form
  Every check word after "should" (now, within, freshly) and in its "stay … for" form, on one path.

  Background:
    Given the test system has the nodes "n1, n2, n3"
    And the test system sets "height" to 12
    And node "n1" sets "role" to "leader"
    And node "n2" sets "role" to "follower"
    And node "n3" sets "role" to "follower"
    And the test system reports "leader" as "n1"
    And the test system reports "term" as 4
    And the test system reports "version" as "v3.4.2"
    And the test system reports "peers" as ["n2", "n3"]
    And the test system reports "labels" as {}
    And the test system reports "notes" as ""
    And the test system reports "paused" as false
    And the test system reports "lastError" as null
    And within 2s the observed "nodes.n3.role" should be "follower"

  Scenario: each word read now
    Then the observed "leader" should be "n1"
    And the observed "leader" should be equal to "n1"
    And the observed "leader" should not be "n2"
    And the observed "term" should be greater than 3
    And the observed "term" should be at least 4
    And the observed "term" should be less than 5
    And the observed "term" should be at most 4
    And the observed "term" should be between 4 and 10
    And the observed "term" should not be between 5 and 10
    And the observed "version" should match /^v3\.4\./
    And the observed "version" should match /^V3/i
    And the observed "version" should not match /^v2/
    And the observed "leader" should exist
    And the observed "lastError" should exist
    And the observed "nodes.n1.error" should not exist
    And the observed "labels" should be empty
    And the observed "notes" should be empty
    And the observed "peers" should not be empty
    And the observed "peers" should have length 2
    And the observed "nodes" should have length 3
    And the observed "version" should have length at least 5
    And the observed "peers" should not have length 3
    And the observed "version" should be a string
    And the observed "term" should be a number
    And the observed "term" should be an integer
    And the observed "paused" should be a boolean
    And the observed "peers" should be an array
    And the observed "labels" should be an object
    And the observed "lastError" should be null
    And the observed "leader" should not be null
    And the observed "leader" should not be a number
    And the observed "leader" should be one of ["n1", "n2", "n3"]
    And the observed "leader" should not be one of ["n4"]
    And the observed "peers" should contain "n3"
    And the observed "version" should contain "3.4"
    And the observed "nodes" should contain {"n1": {"role": "leader"}}
    And the observed "peers" should not contain "n1"

  Scenario: each word waited for, and waited for in a fresh snapshot
    When the test system reports "term" as 5
    Then within 1s the observed "term" should be greater than 4
    And within 1s the observed "term" should be at least 5
    And within 1s the observed "term" should be less than 6
    And within 1s the observed "term" should be at most 5
    And within 1s the observed "term" should be between 5 and 6
    And within 1s the observed "version" should match /^v3/
    And within 1s the observed "leader" should exist
    And within 1s the observed "labels" should be empty
    And within 1s the observed "peers" should have length 2
    And within 1s the observed "term" should be an integer
    And within 1s the observed "leader" should be one of ["n1", "n2"]
    And within 1s the observed "peers" should contain "n2"
    And within 1s the observed "leader" should not be null
    When the test system reports "version" as "v3.5.0"
    Then within 1s the freshly observed "version" should not match /^v3\.4/
    And within 1s the freshly observed "version" should be "v3.5.0"
    And within 1s the freshly observed "term" should be at least 5
    And within 1s the freshly observed "nodes.n1.error" should not exist

  Scenario: each word in its "stay … for" form, for a duration and for cycles
    Then the observed "leader" should stay "n1" for 100ms
    And the observed "leader" should stay equal to "n1" for 2 cycles
    And the observed "leader" should stay not null for 100ms
    And the observed "term" should stay greater than 3 for 2 cycles
    And the observed "term" should stay at least 4 for 100ms
    And the observed "term" should stay less than 5 for 2 cycles
    And the observed "term" should stay at most 4 for 100ms
    And the observed "term" should stay between 1 and 9 for 1 cycle
    And the observed "version" should stay matching /^v3\./ for 100ms
    And the observed "version" should stay not matching /^v2/ for 2 cycles
    And the observed "leader" should stay present for 100ms
    And the observed "nodes.n1.error" should stay not present for 2 cycles
    And the observed "labels" should stay empty for 100ms
    And the observed "peers" should stay not empty for 2 cycles
    And the observed "peers" should stay of length 2 for 100ms
    And the observed "peers" should stay of length at most 2 for 2 cycles
    And the observed "term" should stay a number for 100ms
    And the observed "lastError" should stay null for 2 cycles
    And the observed "leader" should stay one of ["n1", "n2"] for 100ms
    And the observed "peers" should stay containing "n2" for 2 cycles
    And the observed "peers" should stay not containing "n1" for 100ms
