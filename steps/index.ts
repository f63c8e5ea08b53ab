// The steps entry point: importing it registers the plugin's hooks and step language on your Cucumber (no parameter types).
// Before the plugin's hooks: the processes are allocated before observations start, and stopped after they stop.
import './processes.js';
import './hooks.js';
import './lifecycle.js';
import './sentence.js';
import './remember.js';
import './events.js';
import './event-counts.js';
import './event-order.js';
import './failures.js';
import './guards.js';
import './watches.js';
import './diagnostics.js';
