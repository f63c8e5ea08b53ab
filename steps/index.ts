// The steps entry point: importing it registers the plugin's hooks, parameter types and step catalog on your Cucumber.
import './parameters.js';
// Before the plugin's hooks: the processes are allocated before observations start, and stopped after they stop.
import './processes.js';
import './hooks.js';
import './lifecycle.js';
import './snapshot.js';
import './checks.js';
import './remember.js';
import './events.js';
import './event-counts.js';
import './event-order.js';
import './event-unless.js';
import './failures.js';
import './guards.js';
import './snapshot-bounds.js';
import './watches.js';
import './diagnostics.js';
