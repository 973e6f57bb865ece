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
 * Records protocol, trust verdict, name match and the leaf certificate of a connected TLS socket.
 *
 * `chainTrusted` is OpenSSL's verdict at handshake time against the socket's trusted roots: it reflects the real
 * clock, not a pinned one, because OpenSSL verifies during the handshake.
 */
export function inspectTls(socket: TLSSocket, expectedName: string): TlsObservation {
  // One call, one object: on Node 24, getPeerCertificate() returns {} once getPeerX509Certificate() has been
  // called on the same socket, so the X509Certificate is built from the legacy object's DER instead.
  const peer = socket.getPeerCertificate();
  // An empty object means the server sent no certificate at all.
  const present = Object.keys(peer).length > 0;
  const verifyError = socket.authorized ? null : verifyErrorCode(socket.authorizationError);
  // tls.connect() runs its name check only after the chain verified, and reports a mismatch through the same
  // `authorized` flag; the name is judged separately below, so that verdict still means "chain trusted".
  const chainTrusted = socket.authorized || verifyError === NAME_MISMATCH;
  return {
    protocol: socket.getProtocol(),
    chainTrusted,
    verifyError: chainTrusted ? null : verifyError,
    nameMatches: present && matchesName(expectedName, peer),
    certificate: present ? describeCertificate(new X509Certificate(peer.raw)) : null,
  };
}

/** Plain data about one certificate; `subject` is the CN when there is one, else the whole subject. */
export function describeCertificate(x509: X509Certificate): CertificateInfo {
  return {
    subject: commonName(x509.subject) ?? oneLine(x509.subject),
    dnsNames: parseDnsNames(x509.subjectAltName),
    issuer: oneLine(x509.issuer),
    notBefore: x509.validFromDate.toISOString(),
    notAfter: x509.validToDate.toISOString(),
    fingerprint256: x509.fingerprint256,
  };
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

/** RFC 6125 matching as a verifying client does it (wildcard only as the whole left-most label). */
function matchesName(expectedName: string, peer: PeerCertificate): boolean {
  return checkServerIdentity(expectedName, peer) === undefined;
}

/** Node's typings say `Error`, but the runtime value is OpenSSL's code string, e.g. `CERT_HAS_EXPIRED`. */
function verifyErrorCode(error: unknown): string | null {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return null;
}
