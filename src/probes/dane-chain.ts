/**
 * A presented certificate chain as the DANE core needs it (issue #7 item 2): for each certificate, the DER bytes
 * of the certificate and of its SubjectPublicKeyInfo under the three TLSA matching types (RFC 6698 §2.1), its
 * names and dates, and whether the next certificate's key verifies its signature. node:crypto does the work so
 * the core stays pure.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { AssociationForms, DaneCertificate } from '../core/dane-match.js';
import { attempt, parseDnsNames } from './certificate-info.js';

function forms(der: Buffer): AssociationForms {
  return {
    full: der.toString('hex'),
    sha256: createHash('sha256').update(der).digest('hex'),
    sha512: createHash('sha512').update(der).digest('hex'),
  };
}

/** DNS names from Node's `subjectAltName` text, read as the certificate checks read them (quotes honoured). */
function dnsNamesOf(x509: X509Certificate): string[] {
  return parseDnsNames(x509.subjectAltName);
}

function commonNameOf(x509: X509Certificate): string | null {
  // Node gives `undefined`, despite its typings, for an empty subject (legal with a SAN, RFC 5280 §4.1.2.6).
  const subject: unknown = x509.subject;
  if (typeof subject !== 'string') return null;
  const line = subject.split('\n').find((part) => part.startsWith('CN='));
  return line === undefined ? null : line.slice(3);
}

/** True when `issuer` names and signs `x509` (RFC 5280 §6.1.3). */
function isSignedBy(x509: X509Certificate, issuer: X509Certificate | undefined): boolean {
  try {
    return issuer !== undefined && x509.checkIssued(issuer) && x509.verify(issuer.publicKey);
  } catch {
    return false; // a key type OpenSSL cannot use verifies nothing
  }
}

/** Forms that match no TLSA record: the association data of a record is never empty (RFC 6698 §2.1). */
const UNREADABLE: AssociationForms = { full: '', sha256: '', sha512: '' };

/** A validity date as ISO 8601, or null when the field is malformed (OpenSSL's text form does not parse). */
function dateOf(read: () => string | undefined): string | null {
  const text = read();
  const ms = typeof text === 'string' ? Date.parse(text) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * Describe one certificate; `next` is the certificate above it in the chain, if any. Total: each field is read on
 * its own, as in certificate-info.ts, so a malformed date leaves that date null instead of dropping the chain, and
 * DANE-EE, which ignores dates (RFC 7672 §3.1.1), still matches (issue #7 defect 4).
 */
export function describeDaneCertificate(
  x509: X509Certificate,
  next: X509Certificate | undefined,
): DaneCertificate {
  const ignored: string[] = [];
  return {
    cert: attempt('raw', ignored, () => forms(x509.raw), UNREADABLE),
    spki: attempt(
      'spki',
      ignored,
      () => forms(x509.publicKey.export({ type: 'spki', format: 'der' })),
      UNREADABLE,
    ),
    dnsNames: attempt('subjectAltName', ignored, () => dnsNamesOf(x509), []),
    commonName: attempt('subject', ignored, () => commonNameOf(x509), null),
    notBefore: attempt('notBefore', ignored, () => dateOf(() => x509.validFrom), null),
    notAfter: attempt('notAfter', ignored, () => dateOf(() => x509.validTo), null),
    signedByNext: isSignedBy(x509, next),
  };
}

/** Describe a chain given leaf first (PEM strings, DER buffers or X509Certificate objects). */
export function describeDaneChain(chain: readonly (string | Buffer | X509Certificate)[]): DaneCertificate[] {
  const certificates = chain.map((item) =>
    item instanceof X509Certificate ? item : new X509Certificate(item),
  );
  return certificates.map((x509, index) => describeDaneCertificate(x509, certificates[index + 1]));
}

/** Most certificates read from one chain: real chains have 2 to 4, and a loop must end. */
const MAX_CHAIN_LENGTH = 10;

/**
 * The sent certificates as a path: the leaf, then each certificate's issuer found among the others, then whatever
 * was sent but is on no path from the leaf. TLS 1.3 lets a server send its chain in any order and with extra
 * certificates (RFC 8446 §4.4.2), and senders build the path themselves; a DANE-TA record naming an extra
 * certificate then fails as "the chain does not lead to the trust anchor".
 */
function orderAsPath(sent: readonly X509Certificate[]): X509Certificate[] {
  const [leaf, ...rest] = sent;
  if (leaf === undefined) return [];
  const path = [leaf];
  const left = [...rest];
  for (let current = leaf; ;) {
    const index = left.findIndex((candidate) => isSignedBy(current, candidate));
    const issuer = left[index];
    if (issuer === undefined) break;
    path.push(issuer);
    left.splice(index, 1);
    current = issuer;
  }
  return [...path, ...left];
}

/**
 * The chain the peer sent, leaf first, and nothing else (issue #7 defect 1).
 *
 * RFC 7672 §3.1.2: a DANE-TA anchor must be presented by the server. `getPeerCertificate(true)` cannot tell us
 * that: Node completes its chain with issuers from the socket's own trust store (NODE_EXTRA_CA_CERTS included),
 * so a trusted CA the server never sent would match a `2 x x` record. `getPeerX509Certificate()` holds the
 * certificates the server sent alone (OpenSSL's peer chain), in the order sent, each linked to the next by
 * `issuerCertificate`; they are then ordered as a path.
 *
 * Call it after every `getPeerCertificate()` call on the socket: on Node 22 and 24, `getPeerCertificate()` returns
 * `{}` once `getPeerX509Certificate()` has been called. test/probes/dane-chain.test.ts pins both behaviours.
 */
export function peerChain(socket: TLSSocket): X509Certificate[] {
  const sent: X509Certificate[] = [];
  let current: X509Certificate | undefined = socket.getPeerX509Certificate();
  while (current !== undefined && sent.length < MAX_CHAIN_LENGTH) {
    const x509: X509Certificate = current;
    // A chain that names a certificate twice (a self-signed root as its own issuer) ends there.
    if (sent.some((seen) => seen.fingerprint256 === x509.fingerprint256)) break;
    sent.push(x509);
    current = x509.issuerCertificate;
  }
  return orderAsPath(sent);
}
