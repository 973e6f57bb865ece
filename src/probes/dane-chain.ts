/**
 * A presented certificate chain as the DANE core needs it (issue #7 item 2): for each certificate, the DER bytes
 * of the certificate and of its SubjectPublicKeyInfo under the three TLSA matching types (RFC 6698 §2.1), its
 * names and dates, and whether the next certificate's key verifies its signature. node:crypto does the work so
 * the core stays pure.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { AssociationForms, DaneCertificate } from '../core/dane-match.js';

function forms(der: Buffer): AssociationForms {
  return {
    full: der.toString('hex'),
    sha256: createHash('sha256').update(der).digest('hex'),
    sha512: createHash('sha512').update(der).digest('hex'),
  };
}

/** DNS names from Node's `subjectAltName` text (`DNS:a.test, DNS:b.test, IP Address:…`). */
function dnsNamesOf(x509: X509Certificate): string[] {
  return (x509.subjectAltName ?? '')
    .split(/,\s*/)
    .flatMap((entry) => (entry.startsWith('DNS:') ? [entry.slice(4).replace(/^"|"$/g, '')] : []));
}

function commonNameOf(x509: X509Certificate): string | null {
  const line = x509.subject.split('\n').find((part) => part.startsWith('CN='));
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
