/**
 * Judging a TLS handshake the way an RFC 8461 sender does (§4.2): TLS 1.2 or later, a chain to a trusted root,
 * within its validity period, and valid for the name that was asked for.
 */
import type { TlsObservation } from './types.js';

export type TlsFault =
  'ok' | 'old-tls' | 'cert-expired' | 'cert-not-yet-valid' | 'cert-untrusted' | 'name-mismatch';

const OLD_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);
const DAY_MS = 86_400_000;

/** The first fault a verifying sender would stop at, in the order it checks. */
export function classifyTls(tls: TlsObservation, now: Date): TlsFault {
  if (tls.protocol !== null && OLD_PROTOCOLS.has(tls.protocol)) return 'old-tls';
  const cert = tls.certificate;
  if (
    tls.verifyError === 'CERT_HAS_EXPIRED' ||
    (cert !== null && Date.parse(cert.notAfter) < now.getTime())
  ) {
    return 'cert-expired';
  }
  if (
    tls.verifyError === 'CERT_NOT_YET_VALID' ||
    (cert !== null && Date.parse(cert.notBefore) > now.getTime())
  ) {
    return 'cert-not-yet-valid';
  }
  if (!tls.chainTrusted) return 'cert-untrusted';
  if (!tls.nameMatches) return 'name-mismatch';
  return 'ok';
}

/** Whole days from `now` until `notAfter` (negative when already expired). */
export function daysUntil(notAfter: string, now: Date): number {
  return Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
}

/** A short human description of a fault, naming the certificate where it helps. */
export function describeTlsFault(fault: TlsFault, tls: TlsObservation, name: string): string {
  const cert = tls.certificate;
  switch (fault) {
    case 'old-tls':
      return `negotiated ${tls.protocol ?? 'an old protocol'}, but RFC 8461 §4.2 requires TLS 1.2 or later`;
    case 'cert-expired':
      return `the certificate expired on ${cert?.notAfter ?? 'an earlier date'}`;
    case 'cert-not-yet-valid':
      return `the certificate is not valid before ${cert?.notBefore ?? 'a later date'}`;
    case 'cert-untrusted':
      return `the certificate does not chain to a trusted root (${tls.verifyError ?? 'unverified'}; issuer ${JSON.stringify(cert?.issuer ?? '?')})`;
    case 'name-mismatch':
      return `the certificate is not valid for ${name} (names: ${JSON.stringify(cert?.dnsNames ?? [])})`;
    case 'ok':
      return 'the certificate is valid';
  }
}
