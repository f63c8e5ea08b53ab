// The check vocabulary: checks on one value, path quantifiers, agreement and change, for custom steps and the runtime API.
export type { CheckContext, Mismatch, QuantifierOptions, RelativeCheck, SnapshotCheck, ValueCheck, ValueType } from './types.js';
export { equalTo, oneOf, contains } from './values.js';
export { allOf, not } from './combinators.js';
export { explainHold } from './snapshot-check.js';
export { Operand, observedAt, remembered, isOperand, type Resolved } from './operands.js';
export { greaterThan, atLeast, lessThan, atMost, between } from './numbers.js';
export { matches } from './text.js';
export { exists, isEmpty, hasLength, isA, lengthOf } from './shape.js';
export { changed, unchanged, increasedBy, decreasedBy, neverDecreases, neverIncreases } from './change.js';
export { that, every, some, none, atLeastOf, atMostOf, exactlyOf, quantified, type Quantity } from './quantifiers.js';
export { allEqual, allDistinct, agree } from './agreement.js';
export { compilePattern, matchesPattern, OPERATOR_NAMES, type PatternOptions } from './operators.js';
export { matchesSchema } from './schema.js';
export { MAX_JSONPATH_LENGTH } from './jsonpath.js';
export { checkPattern, hasWildcard, MAX_PATH_SEGMENTS, PathError, selectPath, ValueReadError, WILDCARD, type Selected, type Selection } from './paths.js';
