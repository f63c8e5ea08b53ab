// Check phrases of feature files: parseCheck (after "should"), parseFieldCheck (the "have"/"stay" form), table rows.
export { parseCheck, parseComparison, parseFieldCheck, type ParsedCheck } from './words.js';
export { rememberedName, type CheckParseOptions } from './operands.js';
export { parsePatternDocString } from './docstring.js';
export { parseTable, tableVerdict } from './table.js';
export { awaitedFor, heldCheckFor, snapshotCheckFor } from './build.js';
export type { Quantifier } from './quantifier.js';
