/**
 * Read every `--from` source (a folder, a file, or an IMAP mailbox) into one list of reports, in the order given
 * (issue #10 item 1). Sources are read one after the other: a mailbox and a folder do not compete for anything.
 */
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
