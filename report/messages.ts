// The part of Cucumber's message protocol the report reads (a structural subset of @cucumber/messages' Envelope).

interface Located {
  readonly id: string;
  readonly location: { readonly line: number };
}

interface GherkinScenario extends Located {
  readonly name: string;
  readonly steps: readonly Located[];
  readonly examples: readonly { readonly tableBody: readonly Located[] }[];
}

export interface GherkinChild {
  readonly background?: { readonly steps: readonly Located[] };
  readonly scenario?: GherkinScenario;
  readonly rule?: { readonly children: readonly GherkinChild[] };
}

export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/** One message of a run, as Cucumber emits it and `--format message` saves it (one JSON object per line). */
export interface Envelope {
  readonly gherkinDocument?: { readonly uri?: string; readonly feature?: { readonly name: string; readonly children: readonly GherkinChild[] } };
  readonly pickle?: {
    readonly id: string;
    readonly uri: string;
    readonly name: string;
    readonly astNodeIds: readonly string[];
    readonly steps: readonly { readonly id: string; readonly text: string; readonly astNodeIds: readonly string[] }[];
  };
  readonly testCase?: {
    readonly id: string;
    readonly pickleId: string;
    readonly testSteps: readonly { readonly id: string; readonly pickleStepId?: string }[];
  };
  readonly testCaseStarted?: { readonly id: string; readonly testCaseId: string; readonly attempt: number; readonly workerId?: string };
  readonly testStepFinished?: {
    readonly testCaseStartedId: string;
    readonly testStepId: string;
    readonly testStepResult: { readonly status: string; readonly message?: string };
  };
  readonly attachment?: { readonly testCaseStartedId?: string; readonly mediaType: string; readonly body: string; readonly contentEncoding: string };
  readonly testCaseFinished?: { readonly testCaseStartedId: string; readonly willBeRetried: boolean };
  readonly testRunStarted?: { readonly timestamp: Timestamp };
  readonly testRunFinished?: { readonly success: boolean; readonly timestamp: Timestamp };
}

export function epochMs(timestamp: Timestamp): number {
  return timestamp.seconds * 1000 + timestamp.nanos / 1e6;
}
