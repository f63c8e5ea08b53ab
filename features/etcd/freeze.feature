Feature: A frozen member hangs rather than refuses
  A SIGSTOPped process keeps its sockets open, so requests to it are accepted and never answered: the observer's
  per-request timeout (1 s) reports it, for that member only, while every cycle goes on.

  Scenario: SIGSTOP: the member is reported as timed out while the cycles go on; SIGCONT: it is back
    Given an etcd cluster of 3 members
    And the "etcd" observation is started
    When member "e3" is frozen with SIGSTOP
    Then within 5s the observed "members.e3.up" should be false
    And some observed "members.e3.errors.*" should match /timed out after 1000 ms/
    And the observed "members.e3.up" should stay false for 1s
    And the observation should not fail for 1s
    And within 3s every freshly observed "members.e1.up" should be true
    When member "e3" is resumed with SIGCONT
    Then within 5s a new event should match:
      """
      { "type": "member-up", "member": "e3" }
      """
    And the observed "members.e3.errors" should be empty
