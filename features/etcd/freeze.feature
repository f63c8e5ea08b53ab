Feature: A frozen member hangs rather than refuses
  Scenario: SIGSTOP: the member times out while the cycles go on; SIGCONT: it is back
    Given an etcd cluster of 3 members
    And the "etcd" observation is started
    When member "e3" is frozen with SIGSTOP
    Then within 5s the observed "members.e3.up" should be false
    And within 5s the freshly observed "members.e3.up" should be false
    And within 5s the freshly observed "members.e1.up" should be true
    And the observation should have no failure
    When member "e3" is resumed with SIGCONT
    Then within 5s the observed "members.e3.up" should be true
