Feature: Processes the scenario runs
  Processes defined with defineProcesses start on free ports of their own, take signals by name, and are stopped
  after the scenario whatever its outcome. Each action names its instant, such as "the kill of web".

  Scenario: one process started, paused, resumed, restarted and stopped with SIGTERM
    Given the process "web" is started
    When the process "web" is paused
    And the process "web" is resumed
    And the process "web" is restarted
    And the process "web" is killed with SIGTERM

  Scenario: several processes at once
    Given the processes "web, worker" are started
    When the processes "web, worker" are killed with SIGKILL
    And all processes are started
    And the processes "web, worker" are paused
    And the processes "web, worker" are resumed
    And the processes "web, worker" are restarted
