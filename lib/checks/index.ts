// The check vocabulary: checks on one value, path quantifiers, agreement and change, for custom steps and the runtime API.
export type { Mismatch, QuantifierOptions, RelativeCheck, SnapshotCheck, ValueCheck, ValueType } from './types.js';
export { equalTo, not, oneOf, contains } from './values.js';
export { greaterThan, atLeast, lessThan, atMost, between } from './numbers.js';
export { matches } from './text.js';
export { exists, isEmpty, hasLength, isA } from './shape.js';
export { changed, unchanged, increasedBy, decreasedBy, neverDecreases, neverIncreases } from './change.js';
export { that, every, some, none, atLeastOf, atMostOf, exactlyOf, quantified, type Quantity } from './quantifiers.js';
export { allEqual, allDistinct, agree } from './agreement.js';
export { compilePattern, matchesPattern } from './operators.js';
export { ValueReadError } from './paths.js';
