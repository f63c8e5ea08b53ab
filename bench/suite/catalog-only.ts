// Support file of the suite with the plugin's step catalog but not its hooks: what Cucumber charges per scenario for
// matching and finding steps among the plugin's step definitions, apart from any hook.
import { setWorldConstructor } from '@cucumber/cucumber';
import '../../steps/lifecycle.js';
import '../../steps/sentence.js';
import '../../steps/remember.js';
import '../../steps/events.js';
import '../../steps/event-counts.js';
import '../../steps/event-order.js';
import '../../steps/failures.js';
import '../../steps/guards.js';
import { CounterWorld } from './steps.js';

setWorldConstructor(CounterWorld);
