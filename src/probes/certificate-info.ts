/**
 * One certificate as plain data (issue #11 item 1: total, never throwing). Each field is read on its own; one that
 * throws or is malformed is left empty (dates null) and named in the problems list, which the core turns into a
 * TLS finding instead of a crashed run.
 */
import type { X509Certificate } from 'node:crypto';
import type { CertificateInfo } from '../core/types.js';

/** A certificate as plain data, and the fields that could not be read (`field: why`). */
export interface DescribedCertificate {
  readonly certificate: CertificateInfo;
  readonly problems: string[];
}

/**
 * Plain data about one certificate; `subject` is the CN when there is one, else the whole subject, else `''`
 * (an empty subject is legal when the names are in a subjectAltName, RFC 5280 §4.1.2.6). Total: each field is
 * read on its own, and one that throws or is malformed is left empty (dates null) and named in `problems`.
 */
export function describeCertificate(x509: X509Certificate): DescribedCertificate {
  const problems: string[] = [];
  const subject = attempt('subject', problems, () => textOrEmpty(x509.subject), '');
  return {
    certificate: {
      subject: commonName(subject) ?? oneLine(subject),
      dnsNames: attempt('subjectAltName', problems, () => parseDnsNames(x509.subjectAltName), []),
      issuer: attempt('issuer', problems, () => oneLine(textOrEmpty(x509.issuer)), ''),
      notBefore: readDate(
        'notBefore',
        problems,
        () => x509.validFromDate,
        () => x509.validFrom,
      ),
      notAfter: readDate(
        'notAfter',
        problems,
        () => x509.validToDate,
        () => x509.validTo,
      ),
      fingerprint256: attempt('fingerprint256', problems, () => textOrEmpty(x509.fingerprint256), ''),
    },
    problems,
  };
}

/** Runs `read`; if it throws, records `field: message` and returns `fallback`. */
export function attempt<T>(field: string, problems: string[], read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    problems.push(`${field}: ${error instanceof Error ? error.message : String(error)}`);
    return fallback;
  }
}

/** Node gives `undefined` for an absent subject or issuer (an empty sequence), not `''`. */
function textOrEmpty(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * A validity date as ISO 8601, or null when the certificate's time field is malformed. OpenSSL's text form is the
 * witness: it reads "Bad time value" then, while `validToDate` is undefined, an Invalid Date (whose toISOString()
 * throws a RangeError) or, on some Node releases, a date made from uninitialised memory.
 */
function readDate(
  field: string,
  problems: string[],
  date: () => Date | undefined,
  text: () => string | undefined,
): string | null {
  const raw = attempt(field, problems, text, undefined);
  // OpenSSL's usual form is parsed exactly here; validFromDate/validToDate come from the same ASN1_TIME to the
  // second, so the native call and V8's legacy Date.parse are spared (issue #9 item 4: about 10 ms a 1,000-domain run).
  const fastMs = typeof raw === 'string' ? parseOpenSslTime(raw) : NaN;
  if (Number.isFinite(fastMs)) return new Date(fastMs).toISOString();
  const textMs = typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (!Number.isFinite(textMs)) {
    if (!problems.some((p) => p.startsWith(`${field}:`))) {
      problems.push(`${field}: not a valid date (${JSON.stringify(String(raw ?? '')).slice(0, 80)})`);
    }
    return null;
  }
  const value = attempt(field, problems, date, undefined);
  if (value instanceof Date && Number.isFinite(value.getTime())) return value.toISOString();
  return new Date(textMs).toISOString();
}

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/** OpenSSL's ASN1_TIME_print form with whole seconds, e.g. `Jan  2 03:04:05 2030 GMT` (day padded with a space). */
const OPENSSL_TIME =
  /^([A-Z][a-z]{2}) ( [1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) ([1-9]\d{3}) GMT$/;

/**
 * Milliseconds for OpenSSL's usual time text, exactly as Date.parse reads it, or NaN for any other text (which
 * then takes the general path: fractional seconds, leap seconds, odd years, "Bad time value").
 */
export function parseOpenSslTime(text: string): number {
  const m = OPENSSL_TIME.exec(text);
  if (m === null) return NaN;
  const month = MONTHS[m[1] ?? ''];
  const day = Number(m[2]);
  if (month === undefined) return NaN;
  const ms = Date.UTC(Number(m[6]), month, day, Number(m[3]), Number(m[4]), Number(m[5]));
  // A day past the month's end (Feb 30) rolls over in Date.UTC; leave such text to the general path.
  return new Date(ms).getUTCDate() === day ? ms : NaN;
}

/**
 * The `DNS:` entries of Node's `subjectAltName` string, e.g. `DNS:a.example, IP Address:192.0.2.1`. Node quotes
 * a value that contains a separator as a JSON string, so the split honours quotes (a `URI:"x, DNS:evil"` entry
 * must not yield a name).
 */
export function parseDnsNames(subjectAltName: string | undefined): string[] {
  if (subjectAltName === undefined) return [];
  const names: string[] = [];
  for (const entry of splitOutsideQuotes(subjectAltName)) {
    if (!entry.startsWith('DNS:')) continue;
    const value = entry.slice('DNS:'.length);
    names.push(value.startsWith('"') ? unquote(value) : value);
  }
  return names;
}

/** Splits on `, ` outside double-quoted strings (backslash escapes respected inside quotes). */
function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quoted && ch === '\\') {
      current += ch + (text[i + 1] ?? '');
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (!quoted && ch === ',' && text[i + 1] === ' ') {
      parts.push(current);
      current = '';
      i++;
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

/** `X509Certificate.subject` is one `KEY=value` per line; the last CN is the most specific one. */
function commonName(distinguishedName: string): string | undefined {
  const cns = distinguishedName
    .split('\n')
    .filter((line) => line.startsWith('CN='))
    .map((line) => line.slice('CN='.length));
  return cns.at(-1);
}

function oneLine(distinguishedName: string): string {
  return distinguishedName.split('\n').join(', ');
}
