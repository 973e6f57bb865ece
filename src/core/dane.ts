/**
 * DANE for SMTP (RFC 7672, RFC 7671): TLSA records, their usability, and the observation types the other DANE
 * modules share. Issue #7 items 1 to 3; pure, like the rest of the core.
 *
 * Design note (issue #7, foundation only; nothing here is wired into the evaluation yet):
 * - Probes gather, the core decides. `src/probes/dns-wire.ts` asks a validating resolver (the `--dns-server`
 *   address) with the DO and AD bits and returns, per query, the resolver's verdict (`DnsSecurity`, from its AD
 *   bit as Postfix trusts it), the records, the CNAME chain and the RRSIG expirations; `lookupTlsa` turns that
 *   into a `TlsaObservation` with the TLSA base domain. `src/probes/dane-chain.ts` turns a presented chain into
 *   `DaneCertificate`s (DER digests, names, dates, which link verifies) with node:crypto, so the core only
 *   compares hex strings. `peerChain` reads only the certificates the server sent: Node's
 *   `getPeerCertificate(true)` appends trusted issuers the server never sent, which would hide a missing DANE-TA
 *   anchor.
 * - `dane.ts` (this file): TLSA parsing and usability, `combineSecurity`. `dane-match.ts`: a chain against a TLSA
 *   set, DANE-EE and DANE-TA with the name checks. `dane-verdict.ts`: one verdict per MX address, from the MX,
 *   address and TLSA security, the TLSA set and the STARTTLS outcome. `dane-rollover.ts`: RFC 7671 §8 rollover
 *   and RRSIG expiry notices (severity and a provisional code; the catalogue entries come with the wiring).
 * - Wiring, later: per MX host, one `query(host, 'A')` (and AAAA) gives the address security and is passed to
 *   `lookupTlsa(host, address)`, so a run makes one TLSA query per MX host (two only when a secure CNAME alias
 *   has none at its target). Sender profiles then read `DaneAddressVerdict`s; none of this module knows them.
 * - Simplifications, stated so nobody mistakes them for the RFC: a trust anchor must be a certificate of the
 *   presented chain (a bare `2 1 0` public key that signs the top of the chain is not matched); the resolver's
 *   single AD bit covers the whole answer, so an insecure CNAME anywhere makes the TLSA set insecure; a TLS
 *   handshake that fails where usable TLSA exists counts as `dane-fail`.
 */

/** TLSA certificate usages (RFC 6698 §2.1.1, names from RFC 7218 §2.1). */
export const PKIX_TA = 0;
export const PKIX_EE = 1;
export const DANE_TA = 2;
export const DANE_EE = 3;

/** Selectors (RFC 6698 §2.1.2): the full certificate, or its SubjectPublicKeyInfo. */
export const SELECTOR_CERT = 0;
export const SELECTOR_SPKI = 1;

/** Matching types (RFC 6698 §2.1.3): the selected bytes themselves, or their SHA2-256 or SHA2-512 digest. */
export const MATCH_FULL = 0;
export const MATCH_SHA256 = 1;
export const MATCH_SHA512 = 2;

/** Digest lengths in bytes per matching type (RFC 6698 §2.1.3). */
const DIGEST_BYTES: Readonly<Record<number, number>> = { [MATCH_SHA256]: 32, [MATCH_SHA512]: 64 };

/** One TLSA record. `data` is the certificate association data in lower-case hex. */
export interface TlsaRecord {
  readonly usage: number;
  readonly selector: number;
  readonly matchingType: number;
  readonly data: string;
}

/** A parsed record, or why the bytes or text are not one. */
export type TlsaParse =
  { readonly ok: true; readonly record: TlsaRecord } | { readonly ok: false; readonly reason: string };

/**
 * The DNSSEC status of an answer, as the validating resolver reported it (RFC 4035 §4.3). `bogus-or-failed` is the
 * resolver's own verdict (SERVFAIL and the other error rcodes: a sender defers, RFC 7672 §2.1.1); `unknown` means
 * no usable reply reached us (our deadline, a network error, a reply over our size bound), which says nothing of
 * the zone (issue #7 defect 2).
 */
export type DnsSecurity = 'secure' | 'insecure' | 'bogus-or-failed' | 'unknown';

/** The TLSA lookup for one MX host, as the DNS probe saw it. Dates are ISO 8601 strings. */
export interface TlsaObservation {
  /** The MX host name as published in the MX record. */
  readonly mxHost: string;
  /** The name asked, `_25._tcp.<base domain>` (RFC 7672 §2.2.3). */
  readonly queryName: string;
  /**
   * The TLSA base domain: the MX host, or its CNAME-expanded name when that expansion was secure and TLSA
   * records were found there (RFC 7672 §2.2.3, RFC 7671 §7). DANE-TA name checks accept it (RFC 7672 §3.2.2).
   */
  readonly baseDomain: string;
  /**
   * `secure` or `insecure` for an answer (records, NXDOMAIN or NODATA); `bogus-or-failed` for an error rcode from
   * the resolver; `unknown` when no usable reply reached us.
   */
  readonly security: DnsSecurity;
  /** NOERROR, NXDOMAIN, SERVFAIL, REFUSED, or TIMEOUT / NETWORK-ERROR / TOO-LARGE when no usable reply. */
  readonly rcode: string;
  /** The TLSA RDATA received, parsed or not; empty for NXDOMAIN and NODATA. */
  readonly records: readonly TlsaParse[];
  /** Expiration of each RRSIG over the TLSA RRset (and any CNAME on the way). */
  readonly signatureExpirations: readonly string[];
  /** A short explanation when `security` is `bogus-or-failed` or `unknown`. */
  readonly reason: string | null;
}

/**
 * The security of several answers taken together, e.g. the A and AAAA lookups of one MX host: the weakest wins,
 * as a sender needs every answer it acts on to be secure (RFC 4035 §4.3). A failure the resolver reported outranks
 * one we could not observe, which outranks `insecure` (an answer we never saw might have been bogus). No answers
 * at all is `insecure`.
 */
export function combineSecurity(statuses: readonly DnsSecurity[]): DnsSecurity {
  if (statuses.includes('bogus-or-failed')) return 'bogus-or-failed';
  if (statuses.includes('unknown')) return 'unknown';
  return statuses.length > 0 && statuses.every((status) => status === 'secure') ? 'secure' : 'insecure';
}

const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * Parse TLSA RDATA in wire form (RFC 6698 §2.1): usage, selector and matching type, one octet each, then the
 * association data. Empty association data is malformed: nothing could ever match it.
 */
export function parseTlsaRdata(rdata: Uint8Array): TlsaParse {
  if (rdata.length < 4) {
    return { ok: false, reason: `TLSA RDATA of ${rdata.length} bytes: expected at least 4 (RFC 6698 §2.1)` };
  }
  const [usage = 0, selector = 0, matchingType = 0] = rdata;
  return { ok: true, record: { usage, selector, matchingType, data: toHex(rdata.subarray(3)) } };
}

/** Parse the presentation form, e.g. `3 1 1 0a1b...` (RFC 6698 §2.2); the hex may be split by white space. */
export function parseTlsaText(text: string): TlsaParse {
  const [usage, selector, matchingType, ...hex] = text.trim().split(/\s+/);
  const fields = [usage, selector, matchingType].map((field) =>
    field !== undefined && /^\d{1,3}$/.test(field) && Number(field) <= 255 ? Number(field) : null,
  );
  const data = hex.join('').toLowerCase();
  if (fields.some((field) => field === null) || data === '' || !/^([0-9a-f]{2})+$/.test(data)) {
    return {
      ok: false,
      reason: `TLSA ${JSON.stringify(text)}: expected "USAGE SELECTOR MATCHING-TYPE HEX", e.g. "3 1 1 8f3c..." (RFC 6698 §2.2)`,
    };
  }
  const [u = 0, s = 0, m = 0] = fields as number[];
  return { ok: true, record: { usage: u, selector: s, matchingType: m, data } };
}

/** Why a record is or is not usable by an SMTP client. */
export type TlsaUsability =
  | 'usable'
  | 'pkix-usage'
  | 'unknown-usage'
  | 'unknown-selector'
  | 'unknown-matching-type'
  | 'bad-digest-length';

/**
 * Classify one record for SMTP. Only DANE-TA(2) and DANE-EE(3) are usable: there is no agreed set of public
 * CAs for MX hosts, so PKIX-TA(0) and PKIX-EE(1) are unusable (RFC 7672 §3.1.3). Unknown parameters make a record
 * unusable (RFC 7672 §2.2, RFC 6698 §4.1), and so does a digest of the wrong length, which can never match.
 */
export function classifyTlsa(record: TlsaRecord): TlsaUsability {
  if (record.usage === PKIX_TA || record.usage === PKIX_EE) return 'pkix-usage';
  if (record.usage !== DANE_TA && record.usage !== DANE_EE) return 'unknown-usage';
  if (record.selector !== SELECTOR_CERT && record.selector !== SELECTOR_SPKI) return 'unknown-selector';
  if (![MATCH_FULL, MATCH_SHA256, MATCH_SHA512].includes(record.matchingType)) return 'unknown-matching-type';
  const expected = DIGEST_BYTES[record.matchingType];
  if (expected !== undefined && record.data.length !== 2 * expected) return 'bad-digest-length';
  return 'usable';
}

/** The usable records of a TLSA set (RFC 7672 §2.2); malformed RDATA counts as unusable. */
export function usableTlsa(records: readonly TlsaParse[]): TlsaRecord[] {
  return records.flatMap((parsed) =>
    parsed.ok && classifyTlsa(parsed.record) === 'usable' ? [parsed.record] : [],
  );
}

/** `3 1 1 8f3c…` for messages: the parameters and the first bytes of the data. */
export function describeTlsa(record: TlsaRecord): string {
  const data = record.data.length > 16 ? `${record.data.slice(0, 16)}…` : record.data;
  return `${record.usage} ${record.selector} ${record.matchingType} ${data}`;
}
