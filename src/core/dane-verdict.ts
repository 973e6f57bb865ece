/**
 * The DANE verdict for one MX address (RFC 7672 §2 and §3): what a DANE-validating sender does when it delivers
 * to this address. Pure; the inputs are the DNS security of the MX and address answers, the TLSA observation and
 * what the STARTTLS probe saw.
 */
import { usableTlsa, type DnsSecurity, type TlsaObservation } from './dane.js';
import { matchChain, type DaneCertificate, type DaneMatch } from './dane-match.js';

/** What the STARTTLS probe saw at one address. */
export type DaneSession =
  | { readonly kind: 'tls'; readonly chain: readonly DaneCertificate[] }
  | { readonly kind: 'no-starttls' }
  /** STARTTLS was offered but the handshake failed. */
  | { readonly kind: 'tls-failed'; readonly reason: string }
  /** No SMTP session at all (connection refused, timeout): nothing DANE-specific can be said. */
  | { readonly kind: 'unknown'; readonly reason: string };

export type DaneVerdict =
  /** Usable TLSA records authenticate the server. */
  | 'dane-ok'
  /** Usable TLSA records exist and the server does not match them (or the handshake failed): no delivery. */
  | 'dane-fail'
  /** A secure TLSA set with no usable record: TLS is mandatory, without authentication. */
  | 'tls-required-unauthenticated'
  /** A secure TLSA set and no STARTTLS: no delivery. */
  | 'no-starttls-with-tlsa'
  /** A bogus or failed lookup (MX, address or TLSA) reported by the resolver: the sender defers. */
  | 'deferred'
  /** DANE does not apply: an insecure answer or no TLSA records. */
  | 'no-dane'
  /**
   * Not known: a DNS lookup got no answer here (our timeout), or DANE applies and the address could not be
   * probed or its certificate chain read.
   */
  | 'unknown';

export interface DaneAddressVerdict {
  readonly verdict: DaneVerdict;
  /** True when a DANE sender hands the message over at this address. */
  readonly delivers: boolean;
  readonly detail: string;
  /** The chain match, when one was attempted. */
  readonly match: DaneMatch | null;
}

/** The DNS security of the answers that decide whether DANE applies at all. */
export interface DaneDnsContext {
  /** The domain's MX RRset. */
  readonly mx: DnsSecurity;
  /** The MX host's A/AAAA RRsets. */
  readonly address: DnsSecurity;
}

const verdict = (
  kind: DaneVerdict,
  delivers: boolean,
  detail: string,
  match: DaneMatch | null = null,
): DaneAddressVerdict => ({ verdict: kind, delivers, detail, match });

/**
 * Whether DANE applies, from the DNS answers alone; `null` when it does and the TLSA set decides. A bogus or
 * failed answer defers delivery (RFC 7672 §2.1.1). An insecure MX RRset or address answer turns DANE off for that
 * host: the sender cannot trust where the TLSA lookup would lead (RFC 7672 §2.2.1, §2.2.3). Only a secure,
 * non-empty TLSA RRset counts (RFC 7672 §2.2.3).
 */
function applicability(dns: DaneDnsContext, tlsa: TlsaObservation): DaneAddressVerdict | null {
  if (dns.mx === 'bogus-or-failed') return verdict('deferred', false, 'the MX lookup was bogus or failed');
  // Our own lookup got no answer: nothing is known of what a sender's resolver would say (issue #7 defect 2).
  if (dns.mx === 'unknown') return verdict('unknown', false, 'the MX lookup got no answer here');
  if (dns.mx === 'insecure') return verdict('no-dane', true, 'the MX records are not DNSSEC-signed');
  if (dns.address === 'bogus-or-failed')
    return verdict('deferred', false, 'the address lookup was bogus or failed');
  if (dns.address === 'unknown') return verdict('unknown', false, 'the address lookup got no answer here');
  if (dns.address === 'insecure')
    return verdict('no-dane', true, 'the address records are not DNSSEC-signed');
  if (tlsa.security === 'bogus-or-failed') {
    return verdict(
      'deferred',
      false,
      `the TLSA lookup at ${tlsa.queryName} failed: ${tlsa.reason ?? tlsa.rcode}`,
    );
  }
  if (tlsa.security === 'unknown') {
    return verdict(
      'unknown',
      false,
      `the TLSA lookup at ${tlsa.queryName} got no answer here: ${tlsa.reason ?? tlsa.rcode}`,
    );
  }
  if (tlsa.security === 'insecure') return verdict('no-dane', true, `${tlsa.queryName} is not DNSSEC-signed`);
  if (tlsa.records.length === 0) return verdict('no-dane', true, `no TLSA records at ${tlsa.queryName}`);
  return null;
}

/**
 * Judge one MX address. With a secure TLSA set, STARTTLS is mandatory (RFC 7672 §2.2); with no usable record the
 * sender encrypts without authenticating (RFC 7672 §2.2, §3.1.3); with usable records the chain must match
 * (RFC 7672 §3).
 */
export function judgeDaneAddress(
  dns: DaneDnsContext,
  tlsa: TlsaObservation,
  session: DaneSession,
  now: Date,
): DaneAddressVerdict {
  const early = applicability(dns, tlsa);
  if (early !== null) return early;
  const usable = usableTlsa(tlsa.records);
  if (session.kind === 'unknown') return verdict('unknown', false, `not probed: ${session.reason}`);
  if (session.kind === 'no-starttls') {
    const which = usable.length > 0 ? 'usable TLSA records' : 'a TLSA set (none usable)';
    return verdict(
      'no-starttls-with-tlsa',
      false,
      `${tlsa.queryName} publishes ${which}, and the server offers no STARTTLS`,
    );
  }
  if (session.kind === 'tls-failed') {
    return verdict(
      'dane-fail',
      false,
      `the TLS handshake failed and TLSA makes TLS mandatory: ${session.reason}`,
    );
  }
  if (usable.length === 0) {
    return verdict(
      'tls-required-unauthenticated',
      true,
      `${tlsa.queryName} has no usable TLSA record: TLS is mandatory but unauthenticated`,
    );
  }
  const match = matchChain(
    tlsa.records,
    session.chain,
    { mxHost: tlsa.mxHost, baseDomain: tlsa.baseDomain },
    now,
  );
  if (match.matched)
    return verdict('dane-ok', true, `the certificate matches TLSA at ${tlsa.queryName}`, match);
  return verdict('dane-fail', false, match.detail, match);
}
