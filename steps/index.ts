// The steps entry point: importing it registers the plugin's hooks, parameter types and step catalog on your Cucumber.
import './parameters.js';
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
import './diagnostics.js';
