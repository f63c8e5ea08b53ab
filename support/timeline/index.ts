// The report's SVG timeline of a scenario's observations: its input, how it is built and drawn, and its layout limits.
export { renderTimeline } from './drawing.js';
export { MAX_LISTED_STEPS, MAX_SOURCE_ROWS, SPARSE_CYCLE_LIMIT, TIMELINE_COLORS, TIMELINE_WIDTH } from './layout.js';
export { timelineInput } from './model.js';
export type { TimelineInput, TimelineObservation } from './types.js';
