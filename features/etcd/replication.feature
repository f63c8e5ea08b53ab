Feature: A write through one member is readable on all
  Scenario: A write through a follower reaches every member
    Given an etcd cluster of 3 members
    And the "etcd" observation is started
    When a client writes "colour" = "blue" through member "e2"
    Then within 5s the observed values should be:
      | members.e1.data.colour | "blue" |
      | members.e2.data.colour | "blue" |
      | members.e3.data.colour | "blue" |
