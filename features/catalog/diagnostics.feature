Feature: Diagnostics collected on failure
  A scenario declares what the report should collect if it fails: a command's output, a file's tail, an HTTP response.
  When the scenario passes, as here, none of them runs.

  Scenario: diagnostics declared for a scenario that passes
    Given on failure the report collects the output of "echo the cluster's status"
    And on failure the report collects the output of "date" within 2s
    And on failure the report collects the last 50 lines of the file "package.json"
    And on failure the report collects the last 1 line of the file "package.json" within 1s
    And on failure the report collects the response to GET "http://127.0.0.1:9/health"
    And on failure the report collects the response to GET "http://127.0.0.1:9/health" within 500ms
    Given the test system reports "leader" as "n1"
    Then within 2s the observed "leader" should be "n1"
