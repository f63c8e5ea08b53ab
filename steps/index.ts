// The steps entry point: importing it registers the plugin's hooks and step language on your Cucumber (no parameter types).
import './hooks.js';
import './lifecycle.js';
import './sentence.js';
import './remember.js';
import './events.js';
import './event-counts.js';
import './event-order.js';
import './failures.js';
import './guards.js';
