/**
 * The findings of one MX host's DANE verdict and of the rollover and expiry notices (issue #7 item 3). Pure.
 */
import { usableTlsa, type TlsaObservation } from './dane.js';
import type { DaneCertificate } from './dane-match.js';
import type { DaneNotice } from './dane-rollover.js';
import type { DaneAddressVerdict, DaneVerdict } from './dane-verdict.js';
import { makeFinding, type FindingCode } from './findings.js';
import { DANE_SENDERS } from './sender-findings.js';
import type { Finding } from './types.js';

/** The verdict codes that become findings, with the finding code for each (issue #7 item 3). */
const VERDICT_FINDING: Partial<Record<DaneVerdict, FindingCode>> = {
  deferred: 'tlsa-lookup-failed',
  'no-starttls-with-tlsa': 'tlsa-no-starttls',
  'tls-required-unauthenticated': 'tlsa-unusable',
};

export function verdictFinding(
  domain: string,
  host: string,
  worst: DaneAddressVerdict,
  tlsa: TlsaObservation,
  leaf: DaneCertificate | undefined,
): Finding | null {
  // No match attempted: the handshake failed, and TLSA makes TLS mandatory (RFC 7672 §2.2).
  if (worst.verdict === 'dane-fail' && worst.match === null) {
    return makeFinding(
      'tlsa-no-starttls',
      domain,
      `${DANE_SENDERS} refuse ${host}: ${worst.detail} (RFC 7672 §2.2).`,
      { host },
    );
  }
  if (worst.verdict === 'dane-fail' && worst.match !== null) {
    // The record that would match the key served now, ready to publish (RFC 7671 §5.1 recommends 3 1 1).
    const served =
      leaf === undefined || leaf.spki.sha256 === '' ? {} : { observed: `3 1 1 ${leaf.spki.sha256}` };
    const published = usableTlsa(tlsa.records).map(
      (r) => `${r.usage} ${r.selector} ${r.matchingType} ${r.data}`,
    );
    return makeFinding(
      'tlsa-mismatch',
      domain,
      `${DANE_SENDERS} refuse ${host}: ${worst.detail} at ${tlsa.queryName} (RFC 7672 §3), and MTA-STS cannot override that (RFC 8461 §2).`,
      { host, expected: published.join(', '), ...served },
    );
  }
  const code = VERDICT_FINDING[worst.verdict];
  if (code === undefined) return null;
  // The refusals open with DANE_SENDERS, which src/core/sender-findings.ts replaces with the refusing profiles.
  const message =
    worst.verdict === 'tls-required-unauthenticated'
      ? `${host}: ${worst.detail}; DANE senders require TLS but do not authenticate the server (RFC 7672 §2.2).`
      : worst.verdict === 'deferred'
        ? `${DANE_SENDERS} defer mail to ${host}: ${worst.detail} (RFC 7672 §2.1.1).`
        : `${DANE_SENDERS} refuse ${host}: ${worst.detail} (RFC 7672 §2.2).`;
  return makeFinding(code, domain, message, { host });
}

export const noticeFinding = (domain: string, host: string | undefined, notice: DaneNotice): Finding =>
  makeFinding(
    notice.code === 'tlsa-stale' ? 'tlsa-mismatch' : notice.code,
    domain,
    host === undefined ? `${domain}: ${notice.detail}.` : `${host}: ${notice.detail}.`,
    host === undefined ? {} : { host },
  );
