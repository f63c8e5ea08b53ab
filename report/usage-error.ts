// The error of a command line that cannot be run: the bin prints its message and exits with code 2.

/** A command line that cannot be run; its message says why. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
