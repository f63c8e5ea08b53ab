// The lines under an observation's rows: its failure messages and source messages, counted, and what was not kept.
import type { CycleReport, ObservationFailureStage } from '../../lib/index.js';
import { STAGE_WORDS } from '../parse.js';
import { plural } from './format.js';
import { MessageGroups, mostFrequent, type MessageGroup } from './groups.js';
import {
  FONT_SIZES,
  INK,
  LEFT,
  LINE_HEIGHT,
  MAX_FAILURE_GROUPS,
  MAX_SOURCE_NOTES,
  NOTE_SQUARE_PX,
  NOTE_TEXT_INDENT,
  PLOT_WIDTH,
  TIMELINE_COLORS,
} from './layout.js';
import type { Sheet } from './sheet.js';
import type { CycleCounts, SourceFailureSpan, TimelineObservation } from './types.js';

/** Failed cycles grouped by stage and message, in cycle order. */
export function failureGroups(cycles: readonly CycleReport[]): readonly MessageGroup<ObservationFailureStage>[] {
  const groups = new MessageGroups<ObservationFailureStage>();
  for (const { cycle, failure } of cycles) if (failure) groups.add(failure.stage, failure.message, cycle, cycle);
  return groups.groups;
}

/** Source trouble spans grouped by source and message, in the order each first came. */
export function sourceGroups(spans: readonly SourceFailureSpan[]): readonly MessageGroup<string>[] {
  const groups = new MessageGroups<string>();
  for (const span of spans) groups.add(span.source, span.message, span.firstCycle, span.lastCycle);
  return groups.groups;
}

/** Draws the notes of an observation, one line each with a square of its colour, and moves the pen under them. */
export function drawNotes(sheet: Sheet, observation: TimelineObservation, counts: CycleCounts): void {
  const lines: { text: string; color: string }[] = [];
  const failures = failureGroups(observation.cycles);
  for (const group of mostFrequent(failures, MAX_FAILURE_GROUPS)) {
    lines.push({
      text: `${STAGE_WORDS[group.subject]} failure ×${group.count} (${cycleSpan(group)}): ${group.message}`,
      color: TIMELINE_COLORS[group.subject],
    });
  }
  const groupsLeft = failures.length - MAX_FAILURE_GROUPS;
  if (groupsLeft > 0) lines.push({ text: `… ${plural(groupsLeft, 'other failure message')}`, color: INK.muted });
  const sources = sourceGroups(observation.sourceFailures);
  for (const group of sources.slice(0, MAX_SOURCE_NOTES)) {
    const times = group.count > 1 ? `, ${group.count} times` : '';
    lines.push({ text: `source ${group.subject}${times} (${cycleSpan(group)}): ${group.message}`, color: TIMELINE_COLORS.sourceTrouble });
  }
  if (sources.length > MAX_SOURCE_NOTES) lines.push({ text: `… ${plural(sources.length - MAX_SOURCE_NOTES, 'other source message')}`, color: INK.muted });
  if (observation.droppedSourceFailures > 0) {
    lines.push({ text: `${plural(observation.droppedSourceFailures, 'older source trouble span')} not kept`, color: INK.muted });
  }
  if (counts.ok === observation.cycles.length && observation.sourceFailures.length === 0 && observation.cycles.length > 0) {
    lines.push({ text: 'every cycle succeeded', color: TIMELINE_COLORS.ok });
  }
  for (const line of lines) {
    sheet.shapes.push(`<rect x="${LEFT}" y="${sheet.y + 3}" width="${NOTE_SQUARE_PX}" height="${NOTE_SQUARE_PX}" fill="${line.color}"/>`);
    sheet.text(LEFT + NOTE_TEXT_INDENT, sheet.y + 11, line.text, { size: FONT_SIZES.note, fill: INK.label, width: PLOT_WIDTH - NOTE_TEXT_INDENT });
    sheet.y += LINE_HEIGHT;
  }
}

function cycleSpan(group: MessageGroup<string>): string {
  return group.firstCycle === group.lastCycle ? `cycle ${group.firstCycle}` : `cycles ${group.firstCycle}–${group.lastCycle}`;
}
