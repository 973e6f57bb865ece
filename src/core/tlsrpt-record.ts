/**
 * The TLS-RPT TXT record at `_smtp._tls.<domain>`, RFC 8460 §3:
 *
 *   tlsrpt-record = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
 *   field-delim   = *WSP ";" *WSP
 *   tlsrpt-rua    = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
 *
 * Only `mailto:` and `https:` URIs are defined; `,`, `!` and `;` inside a URI must be percent-encoded.
 */
import { type ParseOutcome, type Position, ProblemList, quote } from './problems.js';
import { splitFields } from './split-fields.js';

export const TLSRPT_RECORD_PREFIX = 'v=TLSRPTv1';
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

export interface TlsRptRecord {
  readonly rua: readonly string[];
}

/**
 * RFC 8460 §3: "Records that do not begin with "v=TLSRPTv1;" are discarded." The semicolon is part of the prefix,
 * so a bare `v=TLSRPTv1` (or `v=TLSRPTv1 ;`) is discarded too and is not a second record (issue #11 item 10).
 */
export function selectTlsRptRecords(txt: readonly string[]): string[] {
  return txt.filter((record) => record.startsWith(`${TLSRPT_RECORD_PREFIX};`));
}

/** Discarded records that were probably meant as TLS-RPT records, for a hint in the "missing" message. */
export function nearTlsRptRecords(txt: readonly string[]): string[] {
  return txt.filter((r) => /^\s*v\s*=\s*tlsrptv1/i.test(r) && !r.startsWith(`${TLSRPT_RECORD_PREFIX};`));
}

function checkUri(uri: string, problems: ProblemList, pos: Position): void {
  // RFC 8460 §3: "!" inside a URI MUST be percent-encoded (`,` and `;` already split the record).
  const bang = uri.includes('!');
  if (!bang && /^mailto:[^@\s]+@[^@\s]+$/i.test(uri)) return;
  if (!bang && /^https:\/\/[^\s/]+/i.test(uri)) {
    try {
      new URL(uri);
      return;
    } catch {
      // fall through to the error below
    }
  }
  problems.error(
    'tlsrpt-rua-invalid',
    `rua URI ${quote(uri)} is not a mailto: address or an https: URL (RFC 8460 §3); "!" and "," must be percent-encoded.`,
    pos,
  );
}

/** Parse one TLS-RPT TXT record value (the record's strings already joined). */
export function parseTlsRptRecord(text: string): ParseOutcome<TlsRptRecord> {
  const problems = new ProblemList();
  // Linear split: the regular expression "blanks ; blanks" is quadratic on a long run of blanks (issue #11 item 8).
  const fields = splitFields(text.trimEnd(), ';');
  if (fields[0] !== TLSRPT_RECORD_PREFIX) {
    problems.error('tlsrpt-record-invalid', `The record must begin with "v=TLSRPTv1", found ${quote(text)}.`);
    return problems.outcome({ rua: [] });
  }
  if (fields.at(-1) === '') fields.pop();
  let rua: string[] | null = null;
  let cursor = fields[0]?.length ?? 0;
  for (const field of fields.slice(1)) {
    // Where the field starts, for `lint` (issue #11 item 12); found by search so any way of splitting works.
    const start = text.indexOf(field, cursor);
    cursor = start + field.length;
    const pos = { line: 1, column: start + 1 };
    const eq = field.indexOf('=');
    const name = eq < 0 ? field : field.slice(0, eq);
    if (eq < 0 || !EXT_NAME.test(name)) {
      problems.error(
        'tlsrpt-record-invalid',
        `The field ${quote(field)} is not of the form name=value (RFC 8460 §3).`,
        pos,
      );
    } else if (name === 'rua') {
      if (rua !== null) {
        problems.warn(
          'tlsrpt-duplicate-rua',
          'The record has more than one rua field; the first is used.',
          pos,
        );
        continue;
      }
      rua = splitFields(field.slice(eq + 1), ',').filter((uri) => uri !== '');
      rua.forEach((uri) => checkUri(uri, problems, pos));
      if (rua.length === 0) problems.error('tlsrpt-rua-missing', 'The rua field is empty.', pos);
    }
  }
  if (rua === null)
    problems.error('tlsrpt-rua-missing', 'The record has no rua field (RFC 8460 §3 requires one).');
  return problems.outcome({ rua: rua ?? [] });
}
