// Check phrases of feature files: parseChecks (after "should"), parseFieldCheck (the "have" form of events), table rows.
export { parseCheck, parseChecks, parseFieldCheck, type ParsedCheck } from './words.js';
export { parsePatternDocString } from './docstring.js';
export { parseTable, tableVerdict } from './table.js';
export { awaitedFor, heldFor, snapshotCheckFor } from './build.js';
export { parseCondition, parseHold, parseTail, parseTiming, type Tail, type Timing } from './sentence.js';
export { parseQuantifier, type Quantifier } from './quantifier.js';
