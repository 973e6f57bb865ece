/**
 * Runs the CLI in-process with captured output: the one way the CLI tests call `runCli`, instead of each file
 * building its own pair of streams.
 */
import { PassThrough } from 'node:stream';
import { runCli, type CliEnvironment } from '../../src/cli.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `stdin`, when given, is the whole of standard input; `stderrIsTTY` marks stderr as a terminal. */
export async function runCliCaptured(
  args: readonly string[],
  options: Omit<CliEnvironment, 'stdout' | 'stderr' | 'stdin'> & {
    stdin?: string;
    stderrIsTTY?: boolean;
  } = {},
): Promise<CliRun> {
  const { stdin, stderrIsTTY, ...rest } = options;
  const out = new PassThrough();
  const err = Object.assign(new PassThrough(), stderrIsTTY === undefined ? {} : { isTTY: stderrIsTTY });
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const input = stdin === undefined ? {} : { stdin: new PassThrough().end(stdin) };
  const code = await runCli(args, { env: {}, ...rest, ...input, stdout: out, stderr: err });
  return { code, stdout, stderr };
}
