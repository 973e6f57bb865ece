/**
 * TLSA rollover and DNSSEC signature expiry (RFC 7671 §8, issue #7 item 3). Pure helpers that turn one MX host's
 * TLSA set, the chain it serves now and the RRSIG expirations into notices; finding codes come later.
 */
import { DANE_EE, DANE_TA, usableTlsa, type TlsaObservation } from './dane.js';
import { matchChain, recordMatches, type DaneCertificate } from './dane-match.js';

const DAY_MS = 86_400_000;

export interface DaneNotice {
  readonly severity: 'error' | 'warning';
  readonly code: 'tlsa-stale' | 'tlsa-no-next-key' | 'rrsig-expiring';
  readonly detail: string;
}

/** Whole days from `now` to `date`, negative once past. */
const daysUntil = (date: string, now: Date): number =>
  Math.floor((Date.parse(date) - now.getTime()) / DAY_MS);

/**
 * Error when a secure, usable TLSA set no longer matches the chain served now: the classic outage after a renewal
 * with a new key (RFC 7671 §8.1 asks for the new key's TLSA to be published first).
 */
export function checkTlsaStale(
  tlsa: TlsaObservation,
  chain: readonly DaneCertificate[],
  now: Date,
): DaneNotice | null {
  if (tlsa.security !== 'secure' || usableTlsa(tlsa.records).length === 0 || chain.length === 0) return null;
  const match = matchChain(tlsa.records, chain, { mxHost: tlsa.mxHost, baseDomain: tlsa.baseDomain }, now);
  if (match.matched) return null;
  return {
    severity: 'error',
    code: 'tlsa-stale',
    detail: `TLSA at ${tlsa.queryName} no longer matches the certificate served: ${match.detail}`,
  };
}

/**
 * Warning when the leaf expires within `days` and only DANE-EE records for the current leaf match, with no other
 * usable record published for the next key ("current + next", RFC 7671 §8.1). A DANE-TA match survives a renewal
 * under the same anchor, so it does not warn.
 */
export function checkNextKey(
  tlsa: TlsaObservation,
  chain: readonly DaneCertificate[],
  now: Date,
  days: number,
): DaneNotice | null {
  const leaf = chain[0];
  // A malformed expiry date (issue #7 defect 4) gives no expiry to warn about; the certificate checks report it.
  if (tlsa.security !== 'secure' || leaf === undefined || leaf.notAfter === null) return null;
  const left = daysUntil(leaf.notAfter, now);
  if (left > days) return null;
  const usable = usableTlsa(tlsa.records);
  const match = matchChain(tlsa.records, chain, { mxHost: tlsa.mxHost, baseDomain: tlsa.baseDomain }, now);
  if (!match.matched || match.record.usage === DANE_TA) return null;
  const forCurrent = (record: (typeof usable)[number]): boolean =>
    (record.usage === DANE_EE && recordMatches(record, leaf)) ||
    (record.usage === DANE_TA && chain.some((certificate) => recordMatches(record, certificate)));
  if (usable.some((record) => !forCurrent(record))) return null;
  const keyBound = usable.every((record) => record.selector === 1);
  return {
    severity: 'warning',
    code: 'tlsa-no-next-key',
    detail:
      `the certificate expires in ${left} days (${leaf.notAfter}) and ${tlsa.queryName} publishes no TLSA record for a next key: ` +
      (keyBound
        ? 'a renewal with a new key will break DANE'
        : 'records for the whole certificate (selector 0) break at any renewal'),
  };
}

/**
 * Warning when an RRSIG over the `what` records (MX, TLSA or address) expires within `days`: once it lapses the
 * answer turns bogus and DANE senders defer (RFC 4035 §5.3.1, RFC 7672 §2.1.1). One notice, for the earliest.
 */
export function checkSignatureExpiry(
  what: string,
  expirations: readonly string[],
  now: Date,
  days: number,
): DaneNotice | null {
  const earliest = [...expirations].sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  if (earliest === undefined) return null;
  const left = daysUntil(earliest, now);
  if (left > days) return null;
  const when = left < 0 ? `expired on ${earliest}` : `expires in ${left} days (${earliest})`;
  return {
    severity: 'warning',
    code: 'rrsig-expiring',
    detail: `the DNSSEC signature over the ${what} records ${when}`,
  };
}
