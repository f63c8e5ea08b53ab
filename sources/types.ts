// Public types of the built-in sources: what a definition declares, and what each cycle's snapshot and events hold.
import type { ProcessSet } from '../processes/index.js';

/** Options every source kind takes. */
interface SourceOptions {
  /** Bound on one reading, in ms: a source slower than this is down for that cycle. Default: the definition's `timeoutMs`. */
  readonly timeoutMs?: number;
}

/** An HTTP endpoint: GET (or POST with a body); a JSON body is parsed, anything else kept as text. */
export interface HttpSourceSpec extends SourceOptions {
  readonly kind: 'http';
  /** The URL, placeholders allowed (`http://{host}:{port:e1.client}/health`). */
  readonly target: string;
  /** Default GET; POST when a body is given. */
  readonly method?: 'GET' | 'POST';
  /** A POST body: a string as is, anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** The one status that counts as up; any other is down, with the status in the error. Default: any answer is up. */
  readonly expectStatus?: number;
}

/** A Prometheus text-format endpoint (`/metrics`), parsed into metric → labels → value. */
export interface PrometheusSourceSpec extends SourceOptions {
  readonly kind: 'prometheus';
  readonly target: string;
  /** Metric names to keep (a name ending in `*` keeps every name it starts); default all. */
  readonly metrics?: readonly string[];
}

/** How a command's stdout becomes the reading's value. */
export type CommandOutput = 'json' | 'lines' | 'text' | 'auto';

/** A command run every cycle (no shell), bounded by its timeout. */
export interface CommandSourceSpec extends SourceOptions {
  readonly kind: 'command';
  /** The command line: words split on spaces, quotes group them; placeholders allowed. Or the words themselves. */
  readonly target: string | readonly string[];
  /** `json`, `lines` (`key: value` per line), `text`, or `auto` (the default): JSON, else lines, else text. */
  readonly output?: CommandOutput;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

/** A TCP address (`host:port`): up when a connection opens. */
export interface TcpSourceSpec extends SourceOptions {
  readonly kind: 'tcp';
  readonly target: string;
}

/** A process of the scenario's process set: its state, pid, exit code or signal, restarts. */
export interface ProcessSourceSpec {
  readonly kind: 'process';
  /** The process name, as defined with the processes. */
  readonly target: string;
}

/** One source of a definition. */
export type SourceSpec = HttpSourceSpec | PrometheusSourceSpec | CommandSourceSpec | TcpSourceSpec | ProcessSourceSpec;

/** Every source kind. */
export const SOURCE_KINDS = ['http', 'prometheus', 'command', 'tcp', 'process'] as const;

/** The name of a source kind. */
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The options each source kind takes, `kind` and `target` included: any other key is a mistake the definition check names. */
export const SOURCE_OPTIONS: Readonly<Record<SourceKind, readonly string[]>> = {
  http: ['kind', 'target', 'timeoutMs', 'method', 'body', 'headers', 'expectStatus'],
  prometheus: ['kind', 'target', 'timeoutMs', 'metrics'],
  command: ['kind', 'target', 'timeoutMs', 'output', 'env', 'cwd'],
  tcp: ['kind', 'target', 'timeoutMs'],
  process: ['kind', 'target'],
};

/** An event published when the value at a path of the snapshot changes: `{ type, path, from, to }`. */
export interface ChangeEventSpec {
  /** A dotted path into the snapshot, such as `derived.leader` or `sources.e1.value.health`. */
  readonly changed: string;
  /** Treat a value that becomes null or undefined as no change: the next value is compared with the last one present. */
  readonly ignoreMissing?: boolean;
}

/** An event published for each process log line that matches: `{ type, process, stream, line, match }`. */
export interface LogEventSpec {
  /** A pattern (a string is a literal substring); named groups become `match`. */
  readonly log: string | RegExp;
  /** The processes whose lines count; default all. */
  readonly processes?: readonly string[];
}

/** One declared event. */
export type EventSpec = ChangeEventSpec | LogEventSpec;

/** When a cycle fails rather than recording the sources' outcomes: never (default), when none is up, when any is down. */
export type FailWhen = 'never' | 'none-up' | 'any-down';

/** A built-in observation: sources, and the events and derived values made from them. */
export interface SourcesDefinition {
  readonly sources: Readonly<Record<string, SourceSpec>>;
  /** Events by type name. Source and process events are always published (see {@link SourcesEvent}). */
  readonly events?: Readonly<Record<string, EventSpec>>;
  /** Small values computed from each snapshot, shown under `derived`; change events can watch them. */
  readonly derive?: Readonly<Record<string, (snapshot: SourcesSnapshot) => unknown>>;
  /** Bound on each reading unless a source sets its own, in ms. Default 1000. */
  readonly timeoutMs?: number;
  readonly failWhen?: FailWhen;
}

/** One source's outcome in a cycle: data, whether it answered or not. */
export interface SourceReading {
  readonly kind: SourceKind;
  /** Whether it answered as expected this cycle. */
  readonly up: boolean;
  /** What it answered: parsed JSON, metrics, command output, a process status; null when nothing usable came. */
  readonly value: unknown;
  /** Why it is down (or what it said on stderr), else null. */
  readonly error: string | null;
  /** How long the reading took, in ms. */
  readonly ms: number;
  /** HTTP and Prometheus: the response status; command: the exit code. */
  readonly status?: number | null;
}

/** What a built-in observation's snapshot holds. */
export interface SourcesSnapshot {
  /** Each source's reading by name; a dotted name nests (`e1.metrics` is `sources.e1.metrics`). */
  readonly sources: Readonly<Record<string, SourceReading>>;
  /** The names of the sources that are up, in definition order. */
  readonly up: readonly string[];
  /** The names of the sources that are down, in definition order. */
  readonly down: readonly string[];
  /** The definition's derived values by name. */
  readonly derived: Readonly<Record<string, unknown>>;
}

/** The events a built-in observation publishes. */
export type SourcesEvent =
  | { readonly type: 'source-down'; readonly source: string; readonly error: string }
  | { readonly type: 'source-up'; readonly source: string }
  | { readonly type: 'process-exited'; readonly source: string; readonly process: string; readonly code: number | null; readonly signal: string | null }
  | { readonly type: string; readonly path: string; readonly from: unknown; readonly to: unknown }
  | {
      readonly type: string;
      readonly process: string;
      readonly stream: 'stdout' | 'stderr';
      readonly line: string;
      readonly match: Readonly<Record<string, string>>;
    };

/** What the sources need of a scenario's processes: placeholders, statuses and log lines (a ProcessSet has them). */
export type ProcessesView = Pick<ProcessSet, 'resolve' | 'names' | 'status' | 'onLogLine'>;
