/**
 * Read every `--from` source (a folder, a file, or an IMAP mailbox) into one list of reports, in the order given
 * (issue #10 item 1). Sources are read one after the other: a mailbox and a folder do not compete for anything.
 */
import type { SourceNote } from '../core/tlsrpt-aggregate.js';
import { DEFAULT_WINDOW_DAYS } from '../core/tlsrpt-window.js';
import { emptyCollected, mergeCollected, type Collected } from './tlsrpt-decode.js';
import { collectFolder, SourceError } from './tlsrpt-folder.js';
import { collectImap, IMAP_PASSWORD_VAR, IMAP_USER_VAR, isImapUrl, parseImapUrl } from './tlsrpt-imap.js';

export interface SourceOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** The window start: IMAP searches messages received since then. */
  readonly since: Date;
  readonly ca?: string;
}

/**
 * Validate the source specs before any I/O: a bad IMAP URL or missing credentials are configuration mistakes,
 * reported at once rather than as a late surprise. Throws SourceError.
 */
export function checkSources(specs: readonly string[], env: NodeJS.ProcessEnv): void {
  for (const spec of specs) {
    if (!isImapUrl(spec)) continue;
    const source = parseImapUrl(spec);
    if ((env[IMAP_USER_VAR] ?? '') === '' || env[IMAP_PASSWORD_VAR] === undefined) {
      throw new SourceError(
        `${source.label}: set ${IMAP_USER_VAR} and ${IMAP_PASSWORD_VAR} to read this mailbox`,
      );
    }
  }
}

function collectOne(spec: string, options: SourceOptions): Promise<Collected> {
  if (!isImapUrl(spec)) return collectFolder(spec);
  return collectImap(parseImapUrl(spec), {
    env: options.env,
    timeoutMs: options.timeoutMs,
    since: options.since,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
}

/** Collect all sources; throws SourceError when a whole source cannot be read. */
export async function collectSources(specs: readonly string[], options: SourceOptions): Promise<Collected> {
  checkSources(specs, options.env);
  const all = emptyCollected();
  for (const spec of specs) mergeCollected(all, await collectOne(spec, options));
  return all;
}

/** Reports read for `check --tlsrpt` / the `tlsrpt-source` input, with the run notice that says what was read. */
export interface TlsRptRun {
  readonly reports: Collected['reports'];
  readonly window: { readonly start: Date; readonly end: Date };
  /** Sources that could not be read (a mailbox down, a folder missing): their reports are missing from the run. */
  readonly unread: readonly SourceNote[];
  readonly notice: string;
}

/**
 * Read the sources over the default window (DEFAULT_WINDOW_DAYS before now) for a check run. Configuration
 * mistakes throw SourceError; a source that fails while being read is listed in `unread` and the check goes on
 * ("report before failing": a mailbox down for a night must not cost the night's drift check).
 */
export async function readTlsRptForCheck(
  specs: readonly string[],
  options: Omit<SourceOptions, 'since'> & { readonly now: Date },
): Promise<TlsRptRun> {
  checkSources(specs, options.env);
  const window = {
    start: new Date(options.now.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000),
    end: options.now,
  };
  const collected = emptyCollected();
  const unread: SourceNote[] = [];
  for (const spec of specs) {
    try {
      mergeCollected(collected, await collectOne(spec, { ...options, since: window.start }));
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      unread.push({ source: spec, reason: error.message });
    }
  }
  const problems = collected.rejected.slice(0, 3).map((r) => `${r.source}: ${r.reason}`);
  const more = collected.rejected.length > 3 ? `; and ${collected.rejected.length - 3} more` : '';
  const notice =
    `TLS-RPT: read ${collected.reports.length} report(s) from ${specs.length - unread.length} of ${specs.length} source(s) for the last ${DEFAULT_WINDOW_DAYS} days` +
    `, ${collected.rejected.length} rejected, ${collected.ignored.length} ignored` +
    (problems.length > 0 ? ` (rejected: ${problems.join('; ')}${more})` : '') +
    (unread.length > 0 ? `; could not read: ${unread.map((u) => u.reason).join('; ')}` : '') +
    '.';
  return { reports: collected.reports, window, unread, notice };
}
