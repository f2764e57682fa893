/** A command line that cannot be understood: an unknown command, a missing or bad option. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** A required option is absent: the command line shows the usage of the command with it. */
export class MissingOptionError extends UsageError {
  override readonly name = 'MissingOptionError';
}
