/**
 * A presented certificate chain as the DANE core needs it (issue #7 item 2): for each certificate, the DER bytes
 * of the certificate and of its SubjectPublicKeyInfo under the three TLSA matching types (RFC 6698 §2.1), its
 * names and dates, and whether the next certificate's key verifies its signature. node:crypto does the work so
 * the core stays pure.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { AssociationForms, DaneCertificate } from '../core/dane-match.js';
import { parseDnsNames } from './certificate-info.js';

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

/** Describe one certificate; `next` is the certificate above it in the chain, if any. */
export function describeDaneCertificate(
  x509: X509Certificate,
  next: X509Certificate | undefined,
): DaneCertificate {
  return {
    cert: forms(x509.raw),
    spki: forms(x509.publicKey.export({ type: 'spki', format: 'der' })),
    dnsNames: dnsNamesOf(x509),
    commonName: commonNameOf(x509),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
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
 * The peer's chain, leaf first, from `getPeerCertificate(true)`.
 *
 * Caution for DANE-TA (RFC 7672 §3.1.2 wants the anchor sent by the server): Node completes this chain with
 * issuers from the socket's own trust store, so a socket that trusts the anchor reports it even when the server
 * did not send it. Read the chain from a socket created with `ca: []` (an empty store) to see only what was
 * presented; test/probes/dane-chain.test.ts pins both behaviours.
 */
export function peerChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let current: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (current?.raw !== undefined && chain.length < MAX_CHAIN_LENGTH) {
    const x509 = new X509Certificate(current.raw);
    // A self-signed root lists itself as its issuer.
    if (chain.some((seen) => seen.fingerprint256 === x509.fingerprint256)) break;
    chain.push(x509);
    current = current.issuerCertificate;
  }
  return chain;
}
