Feature: Sources named from Gherkin: the watches table (definitions only)
  The "cluster" observation is defined with no source of its own; a table in the scenario names what it reads. Each
  source's outcome is data, sources.e1 = { up, value, error, ms }: the member that answers and the one that is down
  are both observable, and the cycle goes on. Log lines that match are events: { "type": "log", "process", "match" }.

  Scenario: A member stopped with SIGTERM is down in the snapshot while the others answer; restarted, it is up again
    Given the processes "e1, e2, e3" are started
    And the "cluster" observation watches:
      | name       | kind       | target                                  |
      | e1         | http       | http://{host}:{port:e1.client}/health   |
      | e2         | http       | http://{host}:{port:e2.client}/health   |
      | e3         | http       | http://{host}:{port:e3.client}/health   |
      | e1-peer    | tcp        | {host}:{port:e1.peer}                   |
      | e1-metrics | prometheus | http://{host}:{port:e1.client}/metrics  |
      | e1-process | process    | e1                                      |
      | e1-members | command    | etcdctl --endpoints=http://{host}:{port:e1.client} member list -w json |
    Then within 5s every observed "sources.*.up" should be true
    And the observed "sources.e1.value.health" should be "true"
    And the observed "sources.e1.error" should be null
    And the observed "sources.e1.ms" should be at least 0
    And the observed "sources.e1-metrics.value.etcd_server_has_leader" should be 1
    And the observed "sources.e1-process.value.state" should be "running"
    And the observed "sources.e1-members.value.members" should have length 3
    When the process "e1" is killed with SIGTERM
    Then within 5s the observed "sources.e1.up" should be false
    And within 5s the observed "sources.e1-process.value.state" should be "exited"
    And within 5s the observed "sources.e1.error" should match /ECONNREFUSED/
    And the observed "sources.e1.value" should be null
    And within 5s an event should match:
      """
      { "type": "source-down", "source": "e1" }
      """
    And within 5s every observed "sources.e2.up" should be true
    And within 5s the observed "sources.e3.up" should be true
    And the observation should have no failure
    When the process "e1" is restarted
    Then within 10s an event should match:
      """
      { "type": "log", "process": "e1", "match": { "role": "follower" } }
      """
    And within 5s the observed "sources.e1.up" should be true
    And within 5s an event should match:
      """
      { "type": "source-up", "source": "e1" }
      """
