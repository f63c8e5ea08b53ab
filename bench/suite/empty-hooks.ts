// Support file of the suite with empty hooks where the plugin has its own: Cucumber's cost of running hooks at all.
import { After, AfterStep, Before, BeforeStep, setWorldConstructor } from '@cucumber/cucumber';
import { CounterWorld } from './steps.js';

setWorldConstructor(CounterWorld);

Before({ timeout: -1 }, function () {});
BeforeStep(function () {});
AfterStep(function () {});
After({ timeout: -1 }, function () {});
