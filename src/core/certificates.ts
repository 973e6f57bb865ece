/**
 * Judging a TLS handshake the way an RFC 8461 sender does (§4.2): TLS 1.2 or later, a chain to a trusted root,
 * within its validity period, and valid for the name that was asked for.
 */
import type { TlsObservation } from './types.js';

export type TlsFault =
  | 'ok'
  | 'old-tls'
  | 'cert-malformed'
  | 'cert-expired'
  | 'cert-not-yet-valid'
  | 'cert-untrusted'
  | 'name-mismatch';

const OLD_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);
const DAY_MS = 86_400_000;
/** OpenSSL's verdicts for a validity field it cannot parse (X509_V_ERR_ERROR_IN_CERT_NOT_*_FIELD). */
const MALFORMED_ERRORS = new Set(['ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD']);

/**
 * The first fault a verifying sender would stop at, in the order it checks. A certificate that cannot be read
 * (issue #11 item 1) is refused before its dates are judged, since they may be the part that is unreadable.
 */
export function classifyTls(tls: TlsObservation, now: Date): TlsFault {
  if (tls.protocol !== null && OLD_PROTOCOLS.has(tls.protocol)) return 'old-tls';
  if ((tls.certificateProblems?.length ?? 0) > 0 || MALFORMED_ERRORS.has(tls.verifyError ?? '')) {
    return 'cert-malformed';
  }
  const cert = tls.certificate;
  if (tls.verifyError === 'CERT_HAS_EXPIRED' || isBefore(cert?.notAfter, now.getTime())) {
    return 'cert-expired';
  }
  if (tls.verifyError === 'CERT_NOT_YET_VALID' || isBefore(now.getTime(), cert?.notBefore)) {
    return 'cert-not-yet-valid';
  }
  if (!tls.chainTrusted) return 'cert-untrusted';
  if (!tls.nameMatches) return 'name-mismatch';
  return 'ok';
}

/** `a < b` for two instants given as ISO strings or milliseconds; false when either is missing or unreadable. */
function isBefore(a: string | number | null | undefined, b: string | number | null | undefined): boolean {
  const ms = (t: string | number | null | undefined): number =>
    typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
  return ms(a) < ms(b);
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
    case 'cert-malformed': {
      const what = [
        ...(tls.certificateProblems ?? []),
        ...(tls.verifyError === null ? [] : [tls.verifyError]),
      ];
      return `the certificate cannot be read, so verifying senders refuse it (${JSON.stringify(what.join('; '))})`;
    }
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
