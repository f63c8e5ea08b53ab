// Support file of the suite without observation: the trivial steps and a plain World.
import { setWorldConstructor } from '@cucumber/cucumber';
import { CounterWorld } from './steps.js';

setWorldConstructor(CounterWorld);
