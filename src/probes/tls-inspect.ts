/**
 * Turns a completed TLS handshake into plain data. Probes connect with `rejectUnauthorized: false` so the
 * handshake completes whatever the certificate; this module then records what a verifying client would have
 * decided, so the core can name the exact fault (RFC 8461 §4.2: trusted chain, validity period, name).
 */
import { X509Certificate } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { CertificateInfo, TlsObservation } from '../core/types.js';

const NAME_MISMATCH = 'ERR_TLS_CERT_ALTNAME_INVALID';

/**
 * Records protocol, trust verdict, name match and the leaf certificate of a connected TLS socket. Never throws
 * (issue #11 item 1): it runs inside a `secureConnect` handler, where an exception would end the whole run. A
 * field that cannot be read becomes a `certificateProblems` entry, which the core reports as a TLS fault.
 *
 * `chainTrusted` is OpenSSL's verdict at handshake time against the socket's trusted roots: it reflects the real
 * clock, not a pinned one, because OpenSSL verifies during the handshake.
 */
export function inspectTls(socket: TLSSocket, expectedName: string): TlsObservation {
  const problems: string[] = [];
  // One call, one object: on Node 24, getPeerCertificate() returns {} once getPeerX509Certificate() has been
  // called on the same socket, so the X509Certificate is built from the legacy object's DER instead.
  const peer = attempt('certificate', problems, () => socket.getPeerCertificate(), null);
  // An empty object means the server sent no certificate at all.
  const present = peer !== null && typeof peer === 'object' && Object.keys(peer).length > 0;
  const verifyError = socket.authorized ? null : verifyErrorCode(socket.authorizationError);
  // tls.connect() runs its name check only after the chain verified, and reports a mismatch through the same
  // `authorized` flag; the name is judged separately below, so that verdict still means "chain trusted".
  const chainTrusted = socket.authorized || verifyError === NAME_MISMATCH;
  const certificate = present ? readCertificate(peer, problems) : null;
  return {
    protocol: attempt('protocol', problems, () => socket.getProtocol(), null),
    chainTrusted,
    verifyError: chainTrusted ? null : verifyError,
    nameMatches: present && matchesName(expectedName, peer),
    certificate,
    ...(problems.length > 0 ? { certificateProblems: problems } : {}),
  };
}

/** The legacy peer object's DER, parsed; a certificate Node cannot parse is a problem, not an exception. */
function readCertificate(peer: PeerCertificate, problems: string[]): CertificateInfo | null {
  const x509 = attempt('certificate', problems, () => new X509Certificate(peer.raw), null);
  if (x509 === null) return null;
  const described = describeCertificate(x509);
  problems.push(...described.problems);
  return described.certificate;
}

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
function attempt<T>(field: string, problems: string[], read: () => T, fallback: T): T {
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

/**
 * RFC 6125 matching as a verifying client does it (wildcard only as the whole left-most label). A certificate
 * with no subject is judged by its SANs alone: Node reads `subject.CN` as a fallback, so a missing subject object
 * is given as empty rather than let it throw (issue #11 item 1). Anything else that throws is "does not match".
 */
export function matchesName(expectedName: string, peer: PeerCertificate): boolean {
  try {
    const subject: unknown = (peer as Partial<PeerCertificate>).subject;
    const withSubject = typeof subject === 'object' && subject !== null ? peer : { ...peer, subject: {} };
    return checkServerIdentity(expectedName, withSubject) === undefined;
  } catch {
    return false;
  }
}

/** Node's typings say `Error`, but the runtime value is OpenSSL's code string, e.g. `CERT_HAS_EXPIRED`. */
function verifyErrorCode(error: unknown): string | null {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return null;
}
