// Check phrases of feature files: parseCheck (after "should"), parseFieldCheck (the "have"/"stay" form), table rows.
export { CHECK_WORDS, COMPARISON_WORDS, parseCheck, parseComparison, parseFieldCheck, type ParsedCheck } from './words.js';
export { parseOperand, parseRegexLiteral, rememberedName, type CheckParseOptions } from './operands.js';
export { parsePatternDocString } from './docstring.js';
export { parseTable, tableVerdict, type TableRow } from './table.js';
export { awaitedFor, snapshotCheckFor, type CheckUse } from './build.js';
export { parseQuantifier, type Quantifier } from './quantifier.js';
