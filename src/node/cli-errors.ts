/** A command line that cannot be understood: an unknown command, a missing or bad option. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** A required option is absent: the command line shows the usage of the command with it. */
export class MissingOptionError extends UsageError {
  override readonly name = 'MissingOptionError';
}

/** Real mail refused while `Cấu hình` holds the example contact (a user's mistake: exit 1). */
export class PlaceholderContactError extends UsageError {}

/** `hannop check` found errors: the report is the output, and the exit code is 1. */
export class ConfigCheckFailedError extends Error {
  override readonly name = 'ConfigCheckFailedError';
  constructor(readonly report: string) {
    super(report);
  }
}
