/**
 * The `_mta-sts` TXT record, RFC 8461 §3.1:
 *
 *   sts-text-record = sts-version 1*(sts-sep sts-field) [sts-sep]
 *   sts-version     = %s"v=STSv1"
 *   sts-sep         = *WSP %x3B *WSP
 *   sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
 *   sts-extension   = sts-ext-name "=" sts-ext-value
 */
import { type ParseOutcome, ProblemList, quote } from './problems.js';
import { splitFields } from './split-fields.js';

export const STS_RECORD_PREFIX = 'v=STSv1';
/** RFC 8461 §3.1: `1*32(ALPHA / DIGIT)`. */
export const STS_ID_PATTERN = /^[A-Za-z0-9]{1,32}$/;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** Printable US-ASCII except `;` and `=` (RFC 8461 §3.1 sts-ext-value). */
const EXT_VALUE = /^[\x21-\x3A\x3C\x3E-\x7E]+$/;

export interface StsRecord {
  readonly id: string;
  /** Extension fields, which senders ignore. */
  readonly extensions: Readonly<Record<string, string>>;
}

/**
 * RFC 8461 §3.1: "Records that do not begin with 'v=STSv1;' are discarded." Unrelated TXT records at the same
 * name are therefore not errors.
 */
export function selectStsRecords(txt: readonly string[]): string[] {
  // `v=STSv10; ...` does not begin with the version term; a bare `v=STSv1` is kept so its missing id is reported.
  return txt.filter((record) => /^v=STSv1[ \t]*(;|$)/.test(record));
}

/** Parse one `_mta-sts` TXT record value (the record's strings already joined). */
export function parseStsRecord(text: string): ParseOutcome<StsRecord> {
  const problems = new ProblemList();
  if (!/^[\x20-\x7E\t]*$/.test(text)) {
    problems.error(
      'sts-record-invalid',
      `The record contains characters outside printable US-ASCII: ${quote(text)}.`,
    );
    return problems.outcome({ id: '', extensions: {} });
  }
  // sts-sep = *WSP ";" *WSP, split in linear time (issue #11 item 8).
  const fields = splitFields(text.trimEnd(), ';');
  if (fields[0] !== STS_RECORD_PREFIX) {
    problems.error('sts-record-invalid', `The record must begin with "v=STSv1", found ${quote(text)}.`);
    return problems.outcome({ id: '', extensions: {} });
  }
  if (fields.at(-1) === '') fields.pop(); // optional trailing separator
  let id: string | null = null;
  const extensions: Record<string, string> = {};
  let cursor = fields[0]?.length ?? 0;
  for (const field of fields.slice(1)) {
    // Where the field starts, for `lint` (issue #11 item 12); found by search so any way of splitting works.
    const start = text.indexOf(field, cursor);
    cursor = start + field.length;
    const pos = { line: 1, column: start + 1 };
    const eq = field.indexOf('=');
    const name = eq < 0 ? field : field.slice(0, eq);
    const value = eq < 0 ? '' : field.slice(eq + 1);
    if (name === 'id') {
      if (id !== null) {
        problems.warn(
          'sts-record-duplicate-id',
          `The record has more than one id field; the first (${quote(id)}) is used.`,
          pos,
        );
      } else if (STS_ID_PATTERN.test(value)) {
        id = value;
      } else {
        problems.error(
          'sts-id-invalid',
          `The id ${quote(value)} is not 1 to 32 letters and digits (RFC 8461 §3.1); "-", "_", ".", ":" are not allowed.`,
          pos,
        );
        id = value;
      }
    } else if (eq < 0 || !EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
      problems.error(
        'sts-record-invalid',
        `The field ${quote(field)} is not of the form name=value (RFC 8461 §3.1).`,
        pos,
      );
    } else {
      extensions[name] = value;
    }
  }
  if (id === null)
    problems.error('sts-id-missing', 'The record has no id field (RFC 8461 §3.1 requires one).');
  return problems.outcome({ id: id ?? '', extensions });
}
