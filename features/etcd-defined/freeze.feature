Feature: A frozen member hangs rather than refuses (definitions only)
  The twin of features/etcd/freeze.feature. A SIGSTOPped process keeps its sockets open, so requests to it are
  accepted and never answered: each source's own timeout (1 s) reports it, for that member only, while every cycle
  goes on.

  Scenario: SIGSTOP: the member is reported as timed out while the cycles go on; SIGCONT: it is back
    Given the processes "e1, e2, e3" are started
    And the "etcd" observation is started
    When the process "e3" is paused
    Then within 5s the observed "sources.e3.health.up" should be false
    And the observed "sources.e3.health.error" should match /timed out after 1000 ms/
    And the observed "sources.e3.process.value.state" should be "paused"
    And the observed "sources.e3.metrics.up" should stay false for 1s
    And the observation should not fail for 1s
    And within 3s every freshly observed "sources.e1.*.up" should be true
    When the process "e3" is resumed
    Then within 5s a new event should match:
      """
      { "type": "source-up", "source": "e3.health" }
      """
    And the observed "sources.e3.health.error" should be null
