// The per-scenario benchmark's trivial suite: a World holding a counter and three steps that touch it.
import { Given, Then, When, World } from '@cucumber/cucumber';

/** The suite's World: one counter, so that each step does some real (if tiny) work. */
export class CounterWorld extends World {
  counter = 0;
}

Given('a counter at {int}', function (this: CounterWorld, start: number) {
  this.counter = start;
});

When('the counter is incremented', function (this: CounterWorld) {
  this.counter += 1;
});

Then('the counter is {int}', function (this: CounterWorld, expected: number) {
  if (this.counter !== expected) throw new Error(`expected the counter to be ${expected}, it is ${this.counter}`);
});
