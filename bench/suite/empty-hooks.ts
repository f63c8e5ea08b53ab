// Support file of the suite with empty hooks where the plugin has its own: Cucumber's cost of running hooks at all.
import { After, AfterStep, Before, setWorldConstructor } from '@cucumber/cucumber';
import { CounterWorld } from './steps.js';

setWorldConstructor(CounterWorld);

Before({ timeout: -1 }, function () {});
AfterStep(function () {});
After({ timeout: -1 }, function () {});
