// Support file of the suite with the plugin's step catalog but not its hooks: what Cucumber charges per scenario for
// matching and finding steps among the plugin's step definitions, apart from any hook.
import { setWorldConstructor } from '@cucumber/cucumber';
import '../../steps/parameters.js';
import '../../steps/lifecycle.js';
import '../../steps/snapshot.js';
import '../../steps/checks.js';
import '../../steps/remember.js';
import '../../steps/events.js';
import '../../steps/event-counts.js';
import '../../steps/event-order.js';
import '../../steps/event-unless.js';
import '../../steps/failures.js';
import '../../steps/guards.js';
import '../../steps/snapshot-bounds.js';
import { CounterWorld } from './steps.js';

setWorldConstructor(CounterWorld);
