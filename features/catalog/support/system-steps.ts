// App steps that act on the catalog's test system; every check is made with the library's generic steps.
import { Given, When } from '@cucumber/cucumber';
import { parseJsonDocString } from '../../../support/parse.js';
import type { CatalogWorld } from './world.js';

Given('the test system has the nodes {string}', function (this: CatalogWorld, names: string) {
  for (const existing of this.system.nodes()) this.system.removeNode(existing);
  for (const name of names.split(',').map((part) => part.trim())) this.system.addNode(name);
});

When('node {string} joins the test system', function (this: CatalogWorld, name: string) {
  this.system.addNode(name);
});

When('node {string} leaves the test system', function (this: CatalogWorld, name: string) {
  this.system.removeNode(name);
});

When('the test system sets {string} to {json}', function (this: CatalogWorld, key: string, value: unknown) {
  this.system.setEverywhere(key, value);
});

When('node {string} sets {string} to {json}', function (this: CatalogWorld, name: string, key: string, value: unknown) {
  this.system.node(name).values[key] = value;
});

When('the test system emits the event:', function (this: CatalogWorld, docString: string) {
  this.system.emit(parseJsonDocString(docString) as { type: string });
});

When('the test system source list fails with {string}', function (this: CatalogWorld, message: string) {
  this.system.refreshFailure = message;
});

When('the test system source list works again', function (this: CatalogWorld) {
  this.system.refreshFailure = undefined;
});

When('node {string} fails to answer with {string}', function (this: CatalogWorld, name: string, message: string) {
  this.system.node(name).failure = message;
});

When('node {string} answers again', function (this: CatalogWorld, name: string) {
  this.system.node(name).failure = undefined;
});

When('the test system reports {string} as {json}', function (this: CatalogWorld, fact: string, value: unknown) {
  // Defined, not assigned, so that any name stays a plain own key.
  Object.defineProperty(this.system.facts, fact, { value, enumerable: true, writable: true, configurable: true });
});

When("every node's {string} grows by {int} at each poll", function (this: CatalogWorld, key: string, amount: number) {
  this.system.growth.set(key, amount);
});

When('after {int} more polls the test system reports {string} as {json}', function (this: CatalogWorld, polls: number, key: string, value: unknown) {
  this.system.afterPolls(polls, () => {
    Object.defineProperty(this.system.facts, key, { value, enumerable: true, writable: true, configurable: true });
  });
});

When('after {int} more polls the test system emits the event:', function (this: CatalogWorld, polls: number, docString: string) {
  const event = parseJsonDocString(docString) as { type: string };
  this.system.afterPolls(polls, () => this.system.emit(event));
});
