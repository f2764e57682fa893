// Runs the command line in-process, as `npx hannop …` would, and keeps what it printed.
import { main, type CliIo } from '../../src/node/cli';

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(
  argv: readonly string[],
  io: Omit<CliIo, 'stdout' | 'stderr'>,
): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    ...io,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}
