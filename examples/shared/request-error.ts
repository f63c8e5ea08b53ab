// The error of a failed request to one of the examples' loopback servers: why it failed, and the HTTP status if one came.

/** Why a request failed: `refused` means nothing listens there (the process is down), `timeout` that no answer came in time. */
export type RequestErrorKind = 'timeout' | 'refused' | 'aborted' | 'http' | 'network' | 'bad-response';

/** A failed request; each example's subclass names whom it asked. */
export class RequestError extends Error {
  /** Why it failed. */
  readonly kind: RequestErrorKind;
  /** HTTP status, for kind `http`. */
  readonly status: number | undefined;

  constructor(kind: RequestErrorKind, message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options?.status;
  }
}
