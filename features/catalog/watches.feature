Feature: Sources named in a table
  `Given the "<name>" observation watches:` reads, every cycle, the sources its table names (name | kind | target,
  and optionally timeout), placeholders resolved against the scenario's processes. Each outcome is data: a source
  that is down is a reading with up false and its error, not a failed cycle.

  Scenario: an HTTP server watched three ways, and a process that was never started
    Given the process "web" is started
    And the "web-watch" observation watches:
      | name        | kind    | target                         | timeout |
      | web         | http    | http://{host}:{port:web.http}/ | 500ms   |
      | web-port    | tcp     | {host}:{port:web.http}         |         |
      | web-process | process | web                            |         |
      | worker      | process | worker                         |         |
    And the "web-watch" observation is selected
    Then within 5s the observed "up" should be ["web", "web-port", "web-process"]
    And the observed "sources.web.value" should be "ok"
    And the observed "sources.web.status" should be 200
    And the observed "sources.web-process.value.state" should be "running"
    And the observed "down" should be ["worker"]
    And the observed "sources.worker.error" should be "not-started"
    And the observation should have no failure

  Scenario: a server killed while it is watched is down in the snapshot, and its readings leave no socket behind
    Given the process "web" is started
    And the "killed-web" observation watches:
      | name        | kind    | target                         |
      | web         | http    | http://{host}:{port:web.http}/ |
      | web-port    | tcp     | {host}:{port:web.http}         |
      | web-process | process | web                            |
    And the "killed-web" observation is selected
    Then within 5s every observed "sources.*.up" should be true
    When the process "web" is killed with SIGKILL
    Then within 5s the observed "down" should have length 3
    And within 5s the observed "sources.web.error" should match /ECONNREFUSED/
    And the observed "sources.web-port.error" should match /ECONNREFUSED/
    And the observed "sources.web-process.value.signal" should be "SIGKILL"
    And the observation should have no failure
