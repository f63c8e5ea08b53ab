// The package root: the runtime API and the Cucumber World mixin. Importing it registers no step or hook.
export * from './lib/index.js';
export * from './support/index.js';
export * from './sources/index.js';
