/**
 * From bytes to TLS-RPT reports: `.json`, `.json.gz` and RFC 8460 §5.3 mail messages (issue #10 item 1).
 *
 * Everything here is untrusted and bounded: gzip is inflated with a hard output limit, so a gzip bomb stops at the
 * limit instead of filling memory, and a message's declared sizes are never believed.
 */
import { gunzipSync } from 'node:zlib';
import type { Email } from 'postal-mime';
import type { SourcedReport, SourceNote } from '../core/tlsrpt-aggregate.js';
import { parseTlsRptReport, TLSRPT_LIMITS } from '../core/tlsrpt-report.js';

/** Bounds on what a source hands over (issue #10 item 1: "decompressed size, file size, number of messages"). */
export const SOURCE_LIMITS = {
  /** One file or one mail message, as stored (compressed). Real reports are a few KiB to a few hundred KiB. */
  maxInputBytes: 10 * 1024 * 1024,
  /** Inflated size of one gzip report: the JSON bound of the parser. */
  maxInflatedBytes: TLSRPT_LIMITS.maxJsonBytes,
  /** Report files read from one folder (the first ones by name). */
  maxFiles: 5000,
  /** Messages read from one IMAP mailbox in one run (the newest ones). */
  maxMessages: 2000,
  /** Report parts read from one message (RFC 8460 §5.3 sends one). */
  maxReportsPerMessage: 10,
} as const;

/** What a source yields: reports, and the items it rejected (broken) or ignored (not a report). */
export interface Collected {
  readonly reports: SourcedReport[];
  readonly rejected: SourceNote[];
  readonly ignored: SourceNote[];
}

export function emptyCollected(): Collected {
  return { reports: [], rejected: [], ignored: [] };
}

/** Add b's items to a. */
export function mergeCollected(a: Collected, b: Collected): void {
  a.reports.push(...b.reports);
  a.rejected.push(...b.rejected);
  a.ignored.push(...b.ignored);
}

/** A failure to decode: becomes a `rejected` entry with this reason. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

/** Inflate gzip data with a hard bound on the output; throws DecodeError with a clear reason. */
export function gunzipBounded(data: Uint8Array, limit: number = SOURCE_LIMITS.maxInflatedBytes): string {
  try {
    return gunzipSync(data, { maxOutputLength: limit }).toString('utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new DecodeError(`gzip data inflates to more than ${limit} bytes (a gzip bomb?); not read`);
    }
    throw new DecodeError(`not valid gzip data: ${(error as Error).message}`);
  }
}

/** gzip files start with 1f 8b (RFC 1952 §2.3.1), whatever their name or media type says. */
function isGzip(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/** Decode one report body (JSON or gzip'd JSON) and parse it into `out`. */
export function decodeReport(data: Uint8Array, source: string, out: Collected): void {
  try {
    const text = isGzip(data) ? gunzipBounded(data) : Buffer.from(data).toString('utf8');
    const parsed = parseTlsRptReport(text);
    if (parsed.ok) out.reports.push({ source, report: parsed.report });
    else out.rejected.push({ source, reason: parsed.reason });
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    out.rejected.push({ source, reason: error.message });
  }
}

const REPORT_TYPES = new Set(['application/tlsrpt+gzip', 'application/tlsrpt+json']);
/** Media types some reporters use instead of the RFC 8460 §6.4/§6.5 ones, accepted with a report-like file name. */
const LOOSE_TYPES = new Set([
  'application/gzip',
  'application/x-gzip',
  'application/json',
  'application/octet-stream',
]);

function isReportPart(mimeType: string, filename: string | null): boolean {
  const type = mimeType.toLowerCase();
  if (REPORT_TYPES.has(type)) return true;
  return LOOSE_TYPES.has(type) && filename !== null && /\.json(\.gz)?$/i.test(filename);
}

/**
 * Read the reports of one RFC 8460 §5.3 message: a `multipart/report; report-type=tlsrpt` whose report part is
 * `application/tlsrpt+gzip` or `application/tlsrpt+json`. A message without such a part is ignored, not rejected:
 * a rua mailbox also receives other mail.
 */
export async function decodeMessage(raw: Uint8Array, source: string, out: Collected): Promise<void> {
  if (raw.length > SOURCE_LIMITS.maxInputBytes) {
    out.rejected.push({
      source,
      reason: `message is ${raw.length} bytes; at most ${SOURCE_LIMITS.maxInputBytes} are read`,
    });
    return;
  }
  // Loaded at the first message, not with the CLI: a check without mail reports never needs it (issue #9 item 4).
  const { default: PostalMime } = await import('postal-mime');
  let email: Email;
  try {
    email = await PostalMime.parse(raw, {
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: 20,
      maxHeadersSize: 256 * 1024,
    });
  } catch (error) {
    out.rejected.push({ source, reason: `not a readable mail message: ${(error as Error).message}` });
    return;
  }
  const parts = email.attachments.filter((a) => isReportPart(a.mimeType, a.filename));
  if (parts.length === 0) {
    out.ignored.push({
      source,
      reason: 'no application/tlsrpt+gzip or application/tlsrpt+json part (not a TLS-RPT report)',
    });
    return;
  }
  if (parts.length > SOURCE_LIMITS.maxReportsPerMessage) {
    out.rejected.push({
      source,
      reason: `message has ${parts.length} report parts; at most ${SOURCE_LIMITS.maxReportsPerMessage} are read`,
    });
    return;
  }
  parts.forEach((part, i) => {
    const content =
      typeof part.content === 'string' ? Buffer.from(part.content, 'utf8') : new Uint8Array(part.content);
    decodeReport(content, parts.length === 1 ? source : `${source}#${i + 1}`, out);
  });
}
