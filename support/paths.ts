// Paths into snapshot values: the runtime's path reader, re-exported where the Cucumber layer has always found it.
export { formatPath, parsePath, parsePattern, PathError, readPath, selectPath, WILDCARD } from '../lib/checks/paths.js';
export type { PathLookup, PathSegment, PatternSegment, Selected } from '../lib/checks/paths.js';
