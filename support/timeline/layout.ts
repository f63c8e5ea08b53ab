// The timeline's sizes, limits and colours: every number the drawing places things by.
import type { ObservationFailureStage } from '../../lib/index.js';
import type { StepOutcome } from './types.js';

/** Width of every timeline, in SVG pixels; its height grows with the rows. */
export const TIMELINE_WIDTH = 1000;
/** Most cycles a row draws one by one; above this, cycles are counted per column of pixels. */
export const SPARSE_CYCLE_LIMIT = 130;
/** Most per-source rows an observation shows; further sources are counted in a note. */
export const MAX_SOURCE_ROWS = 12;
/** Most steps listed under the chart; further ones are counted in a note. */
export const MAX_LISTED_STEPS = 40;

/** The timeline's colours, by what they mean; shared by the rows and the legend. */
export const TIMELINE_COLORS = {
  ok: '#4caf50',
  poll: '#d62728',
  'source-refresh': '#8e44ad',
  events: '#1f77b4',
  sourceTrouble: '#f0a202',
  passed: '#a5d6a7',
  failed: '#ef9a9a',
  timedOut: '#ffcc80',
  otherStep: '#cfd8dc',
} as const;

/** A colour of the rows and the legend, by its meaning. */
export type TimelineColor = keyof typeof TIMELINE_COLORS;

/** Outline of a step span, a darker shade of its fill. */
export const STEP_STROKES: Readonly<Record<StepOutcome, string>> = { passed: '#2e7d32', failed: '#b71c1c', timedOut: '#e65100', otherStep: '#78909c' };
export const STEP_STROKE_WIDTH = 0.8;

/** Colours of the text and the frame, by role. */
export const INK = {
  background: '#fff',
  rowBackground: '#f4f5f7',
  axis: '#999',
  grid: '#e1e4e8',
  swatchOutline: '#0003',
  label: '#222',
  summary: '#333',
  stepStatus: '#444',
  muted: '#555',
  detail: '#777',
  stepText: '#111',
  onStep: '#1a1a1a',
  eventCount: '#0d3c61',
  onTrouble: '#3b2600',
} as const;

/** Colours of the value tracks: the line of numbers and its bound, the bands of other values, the wait's own span. */
export const TRACK_INK = {
  title: '#4a148c',
  line: '#6a1b9a',
  bound: '#c2185b',
  bandA: '#e1f5fe',
  bandB: '#fff3e0',
  bandEdge: '#90a4ae',
  waitSpan: '#ede7f6',
} as const;

/** Font sizes, in SVG pixels, by role. */
export const FONT_SIZES = {
  title: 15,
  observationName: 13,
  subtitle: 12,
  rowLabel: 12,
  smallRowLabel: 11,
  placeholder: 11,
  note: 11,
  legend: 11,
  list: 11,
  stepNumber: 10,
  troubleMessage: 10,
  axis: 10,
  legendNote: 10,
  moreSources: 10,
  rowDetail: 9,
  cycleNumber: 9,
  eventCount: 9,
  numberBelow: 9,
} as const;

export const FONT = 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif';
// Wide enough for DejaVu Sans, the usual fallback font, so cut text never overflows its box.
export const CHAR_WIDTH_EM = 0.58;

/** Left and right margin of the page's texts. */
export const MARGIN = 12;
/** Where the plot starts: the row labels sit left of it. */
export const LEFT = 170;
const RIGHT_MARGIN = 20;
export const PLOT_WIDTH = TIMELINE_WIDTH - LEFT - RIGHT_MARGIN;
export const ROW_HEIGHT = 18;
export const SOURCE_ROW_HEIGHT = 14;
/** Space under a cycles, events or steps row, and under a source row. */
export const ROW_GAP = 6;
export const SOURCE_ROW_GAP = 4;
/** Space under an observation's last line. */
export const OBSERVATION_GAP = 8;
/** Height of one line of notes, of the step list and of the "… more" lines. */
export const LINE_HEIGHT = 15;
/** Indent of a row's placeholder ("no cycle completed", "no batch") from the plot's start. */
export const PLACEHOLDER_INDENT = 6;
/** Height of the "no observation ran" line, and of the "… more sources" line. */
export const NO_OBSERVATION_HEIGHT = 24;
export const MORE_SOURCES_HEIGHT = 14;
/** Space under the chart before the legend, and under the page's last line. */
export const CHART_GAP = 6;
export const BOTTOM_MARGIN = 10;
/** Space between an observation's name and its summary line, and the height of that line. */
export const NAME_GAP = 12;
export const NAME_LINE_HEIGHT = 22;

/** Baselines of the title and the time range line. */
export const TITLE_Y = 24;
export const RANGE_Y = 43;
/** The time axis: its line, and the first row's top under it. */
export const AXIS_Y = 66;
export const AXIS_GAP = 12;
/** About this many ticks along the axis. */
export const AXIS_TICKS = 8;
/** Longest observation name before it is cut, in pixels. */
export const NAME_WIDTH = 300;
/** Longest detail ("per 1 s", "max 12") left of a row label, in pixels, and the gap after it. */
export const ROW_DETAIL_WIDTH = 100;
export const DETAIL_GAP = 4;
/** Row labels end this far left of the plot, and keep this much room from the page's left edge. */
export const LABEL_GAP = 6;
export const LABEL_ROOM_MARGIN = 14;
// Rows taller than this (the cycles, events and steps rows, not the source rows) take the larger label font.
export const LARGE_LABEL_ROW = 15;

/** Narrowest drawn cycle and step, in pixels, so a short one still shows. */
export const MIN_CYCLE_PX = 2;
export const MIN_STEP_PX = 3;
/** Most cycles in a sparse row that still get their number. */
export const NUMBERED_CYCLE_LIMIT = 60;
/** Width of an event bar, and the lowest bar in sparse and dense rows. */
export const EVENT_BAR_PX = 3;
export const MIN_EVENT_BAR_PX = 3;
export const MIN_DENSE_EVENT_BAR_PX = 2;
/** Dense columns hold about this many cycles at the observation's interval, within these widths in pixels. */
export const CYCLES_PER_COLUMN = 3;
export const MIN_COLUMN_PX = 3;
export const MAX_COLUMN_PX = 16;
/** Lowest height a failure stage gets in a dense column, so a lone failure stays visible. */
export const MIN_FAILURE_PX = 6;
/** Narrowest drawn trouble span, so a one-cycle trouble still shows, and the narrowest that carries its message. */
export const MIN_TROUBLE_PX = 2;
export const MIN_LABELLED_TROUBLE_PX = 50;
/** Narrowest step span that shows its text after its number. */
export const MIN_STEP_TEXT_PX = 60;

/** Most failure messages and source messages listed under an observation. */
export const MAX_FAILURE_GROUPS = 4;
export const MAX_SOURCE_NOTES = 6;
/** Side of a note's colour square, and where its text starts right of the square. */
export const NOTE_SQUARE_PX = 8;
export const NOTE_TEXT_INDENT = 13;
/** Side of a legend or step list swatch, and the room of a legend entry around its label: swatch and gap, gap after. */
export const SWATCH_PX = 11;
export const SWATCH_ROOM = 15;
export const ENTRY_GAP = 12;
/** Gaps after a legend group's title and after the group; a legend line that wraps, its last line, and the dense rows note. */
export const TITLE_GAP = 8;
export const GROUP_GAP = 10;
export const LEGEND_LINE_HEIGHT = 17;
export const LEGEND_LAST_LINE_HEIGHT = 18;
export const LEGEND_NOTE_HEIGHT = 16;
/** Where the legend's groups start, after its title, and where the step list's columns start. */
export const LEGEND_LEFT = 70;
export const LIST_NUMBER_X = 28;
export const LIST_STATUS_X = 52;
export const LIST_STATUS_WIDTH = 230;
export const LIST_TEXT_X = 290;
/** Space above the step list, and the height of its title line. */
export const LIST_GAP = 4;
export const LIST_TITLE_HEIGHT = 16;
/** Room under a step row for the numbers of spans too narrow to hold theirs. */
export const NUMBERS_BELOW_GAP = 14;

/** The failure stages, in the order a dense column stacks them and the summary lists them. */
export const STAGES: readonly ObservationFailureStage[] = ['poll', 'source-refresh'];
