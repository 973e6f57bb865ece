/**
 * `mta-sts-drift merge REPORT.json... [--json] [--fail-on LEVEL]` (issue #9 item 3): the shard reports of a
 * GitHub Actions matrix combined into one report, printed like `check` prints its own. Exit codes as `check`.
 */
import { readFile } from 'node:fs/promises';
import { reachesFailLevel, type FailOn } from './check.js';
import { oneOf, parseCommand, renderCommandHelp, UsageError, wantsHelp } from './cli-help.js';
import { MERGE_HELP } from './cli-help-text.js';
import { MergeError, mergeReports, type ReportFile } from './merge.js';
import { painterFor, renderTerminal } from './report/terminal.js';

export const MERGE_OPTIONS = {
  json: { type: 'boolean' },
  'fail-on': { type: 'string' },
} as const;

/** What `merge` needs of the CLI's environment. */
export interface MergeIo {
  readonly stdout: NodeJS.WritableStream;
  readonly env?: NodeJS.ProcessEnv;
}

async function readReport(file: string): Promise<ReportFile> {
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, 'merge');
  }
}

/** Run `merge`; returns the exit status. */
export async function merge(args: string[], io: MergeIo): Promise<number> {
  if (wantsHelp(args)) {
    io.stdout.write(renderCommandHelp(MERGE_HELP));
    return 0;
  }
  const { values, positionals } = parseCommand('merge', args, MERGE_OPTIONS, true);
  const failOn = oneOf<FailOn>('merge', 'fail-on', values['fail-on'] ?? 'error', [
    'error',
    'warning',
    'never',
  ]);
  if (positionals.length === 0) throw new UsageError('needs the JSON reports of check --shard I/N', 'merge');
  const files = await Promise.all(positionals.map(readReport));
  let report;
  try {
    report = mergeReports(files);
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message, 'merge');
    throw error;
  }
  io.stdout.write(
    values.json === true
      ? `${JSON.stringify(report, null, 2)}\n`
      : renderTerminal(report, painterFor(io.stdout, io.env)),
  );
  return reachesFailLevel(report, failOn) ? 1 : 0;
}
