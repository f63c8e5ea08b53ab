// Paths into snapshot values: the runtime's path reader, re-exported where the Cucumber layer has always found it.
export { parsePath, PathError, readPath } from '../lib/checks/paths.js';
