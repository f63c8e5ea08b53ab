// The bounded memory of a process's output: its last lines of stdout and stderr, interleaved as they came.

/** One line a process printed. */
export interface LogLine {
  readonly process: string;
  readonly stream: 'stdout' | 'stderr';
  readonly line: string;
}

/** Longest line kept, in characters; a longer one is cut and marked, so one huge line cannot fill the memory. */
const MAX_LINE_CHARS = 4096;

/** The last `capacity` lines, oldest dropped first. */
export class LogBuffer {
  readonly #capacity: number;
  readonly #lines: LogLine[] = [];

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Keeps a line (cut to {@link MAX_LINE_CHARS}) and returns what was kept. */
  push(process: string, stream: LogLine['stream'], text: string): LogLine {
    const line: LogLine = { process, stream, line: text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… (cut)` : text };
    this.#lines.push(line);
    if (this.#lines.length > this.#capacity) this.#lines.splice(0, this.#lines.length - this.#capacity);
    return line;
  }

  /** The last `count` lines (default all kept). */
  tail(count = this.#capacity): readonly LogLine[] {
    return count <= 0 ? [] : this.#lines.slice(-count);
  }
}
