/** A command line that cannot be understood: an unknown command, a missing or bad option. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
