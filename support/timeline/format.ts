// How the timeline writes durations, clock times, axis offsets and counts.

/** A duration in the unit that reads best: "750 ms", "1.25 s", "2 min 5 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 120_000) return `${Math.round(ms / 10) / 100} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** An axis label: the offset from the start, in the unit of the axis step. */
export function formatOffset(offset: number, step: number): string {
  if (step < 1000) return `${Math.round(offset)} ms`;
  if (step < 60_000) return `${Math.round(offset / 100) / 10} s`;
  return `${Math.round(offset / 6000) / 10} min`;
}

/** A UTC clock time to the millisecond, with its date when asked: "2025-01-02 03:04:05.600". */
export function formatClock(epochMs: number, withDate: boolean): string {
  const iso = new Date(epochMs).toISOString();
  return withDate ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}` : iso.slice(11, 23);
}

// One formatter for every count: Number#toLocaleString builds a new one on each call.
let counts: Intl.NumberFormat | undefined;

/** A count with thousands separators: "10,000". */
export function formatCount(count: number): string {
  counts ??= new Intl.NumberFormat('en-US');
  return counts.format(count);
}

/** A count and its noun: "1 cycle", "2,000 cycles". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
