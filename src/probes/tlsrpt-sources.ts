/**
 * Read every `--from` source (a folder, a file, or an IMAP mailbox) into one list of reports, in the order given
 * (issue #10 item 1). Sources are read one after the other: a mailbox and a folder do not compete for anything.
 */
import { DEFAULT_WINDOW_DAYS } from '../core/tlsrpt-window.js';
import { emptyCollected, mergeCollected, type Collected } from './tlsrpt-decode.js';
import { collectFolder } from './tlsrpt-folder.js';
import { collectImap, isImapUrl, parseImapUrl } from './tlsrpt-imap.js';

export interface SourceOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** The window start: IMAP searches messages received since then. */
  readonly since: Date;
  readonly ca?: string;
}

/** Validate the source specs before any I/O (a bad IMAP URL is a usage error, not a late surprise). */
export function checkSources(specs: readonly string[]): void {
  for (const spec of specs) if (isImapUrl(spec)) parseImapUrl(spec);
}

/** Collect all sources; throws SourceError when a whole source cannot be read. */
export async function collectSources(specs: readonly string[], options: SourceOptions): Promise<Collected> {
  checkSources(specs);
  const all = emptyCollected();
  for (const spec of specs) {
    const one = isImapUrl(spec)
      ? await collectImap(parseImapUrl(spec), {
          env: options.env,
          timeoutMs: options.timeoutMs,
          since: options.since,
          ...(options.ca === undefined ? {} : { ca: options.ca }),
        })
      : await collectFolder(spec);
    mergeCollected(all, one);
  }
  return all;
}

/** Reports read for `check --tlsrpt` / the `tlsrpt-source` input, with the run notice that says what was read. */
export interface TlsRptRun {
  readonly reports: Collected['reports'];
  readonly window: { readonly start: Date; readonly end: Date };
  readonly notice: string;
}

/** Read the sources over the default window (DEFAULT_WINDOW_DAYS before now) for a check run. */
export async function readTlsRptForCheck(
  specs: readonly string[],
  options: Omit<SourceOptions, 'since'> & { readonly now: Date },
): Promise<TlsRptRun> {
  const window = {
    start: new Date(options.now.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000),
    end: options.now,
  };
  const collected = await collectSources(specs, { ...options, since: window.start });
  const problems = collected.rejected.slice(0, 3).map((r) => `${r.source}: ${r.reason}`);
  const more = collected.rejected.length > 3 ? `; and ${collected.rejected.length - 3} more` : '';
  const notice =
    `TLS-RPT: read ${collected.reports.length} report(s) from ${specs.length} source(s) for the last ${DEFAULT_WINDOW_DAYS} days` +
    `, ${collected.rejected.length} rejected, ${collected.ignored.length} ignored` +
    (problems.length > 0 ? ` (rejected: ${problems.join('; ')}${more})` : '') +
    '.';
  return { reports: collected.reports, window, notice };
}
