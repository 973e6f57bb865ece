/**
 * `mta-sts-drift reports --from SOURCE... [--since DAYS|YYYY-MM-DD] [--json]` (issue #10 item 1): read TLS-RPT
 * reports and sum them per policy domain. Kept apart from cli.ts, which only dispatches to it.
 */
import { parseArgs } from 'node:util';
import { aggregateReports } from './core/tlsrpt-aggregate.js';
import { parseSince } from './core/tlsrpt-window.js';
import { collectSources } from './probes/tlsrpt-sources.js';
import { painterFor } from './report/terminal.js';
import { renderReportsText } from './report/tlsrpt-terminal.js';

/** What `reports` needs from the CLI's environment (a subset of CliEnvironment). */
export interface ReportsEnvironment {
  readonly stdout: NodeJS.WritableStream;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  readonly ca?: string;
}

export const REPORTS_USAGE = `  mta-sts-drift reports --from DIR|FILE|imaps://HOST/MAILBOX[?move=FOLDER]... [--since DAYS|YYYY-MM-DD]
                        [--timeout SECONDS] [--json]
`;

/** A bad argument of `reports`; the CLI prints it with the usage and exits 2. */
export class ReportsUsageError extends Error {
  override readonly name = 'ReportsUsageError';
}

const OPTIONS = {
  from: { type: 'string', multiple: true },
  since: { type: 'string' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

export async function reportsCommand(args: string[], io: ReportsEnvironment): Promise<number> {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  const from = values.from ?? [];
  if (from.length === 0) throw new ReportsUsageError('reports needs at least one --from SOURCE');
  const now = io.now?.() ?? new Date();
  const window = parseSince(values.since, now);
  if (typeof window === 'string') throw new ReportsUsageError(window);
  const timeout = values.timeout ?? '10';
  if (!/^[0-9]{1,3}$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > 300) {
    throw new ReportsUsageError(`--timeout ${JSON.stringify(timeout)} is not a whole number from 1 to 300`);
  }
  const collected = await collectSources(from, {
    env: io.env ?? process.env,
    timeoutMs: Number(timeout) * 1000,
    since: window.start,
    ...(io.ca === undefined ? {} : { ca: io.ca }),
  });
  const summary = aggregateReports(collected.reports, collected.rejected, window);
  const full = { ...summary, ignored: [...collected.ignored, ...summary.ignored] };
  io.stdout.write(
    values.json === true
      ? `${JSON.stringify(full, null, 2)}\n`
      : renderReportsText(full, painterFor(io.stdout, io.env)),
  );
  return 0;
}
