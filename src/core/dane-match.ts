/**
 * Matching a presented certificate chain against a TLSA set (RFC 7672 §3, RFC 7671 §5). Pure: the probe computes
 * the DER digests and checks the signatures; this module only compares and decides.
 */
import {
  DANE_EE,
  DANE_TA,
  describeTlsa,
  MATCH_FULL,
  MATCH_SHA256,
  SELECTOR_CERT,
  usableTlsa,
  type TlsaParse,
  type TlsaRecord,
} from './dane.js';

/** One selector's bytes in the three matching forms (RFC 6698 §2.1.3), lower-case hex. */
export interface AssociationForms {
  readonly full: string;
  readonly sha256: string;
  readonly sha512: string;
}

/** One certificate of a presented chain, as plain data (leaf first). Dates are ISO 8601 strings. */
export interface DaneCertificate {
  /** Selector Cert(0): the DER certificate. */
  readonly cert: AssociationForms;
  /** Selector SPKI(1): the DER SubjectPublicKeyInfo. */
  readonly spki: AssociationForms;
  /** DNS names of the subjectAltName extension. */
  readonly dnsNames: readonly string[];
  /** The subject CN, consulted only when there are no DNS names (RFC 6125 §6.4.4). */
  readonly commonName: string | null;
  /** null when the certificate's date field is malformed (issue #7 defect 4). */
  readonly notBefore: string | null;
  readonly notAfter: string | null;
  /** True when the signature verifies with the public key of the next certificate in the chain. */
  readonly signedByNext: boolean;
}

/** What the name checks of DANE-TA compare against (RFC 7672 §3.2.3). */
export interface ReferenceNames {
  /** The MX host name as published in the MX record. */
  readonly mxHost: string;
  /** The TLSA base domain (the CNAME-expanded MX host when TLSA was found there). */
  readonly baseDomain: string;
}

export type DaneMatch =
  | { readonly matched: true; readonly record: TlsaRecord; readonly depth: number }
  | {
      readonly matched: false;
      readonly reason:
        | 'no-usable-records'
        | 'no-certificate'
        | 'no-match'
        | 'ta-chain-broken'
        | 'name-mismatch'
        | 'cert-dates';
      readonly detail: string;
    };

/** The association data a record of this selector and matching type would carry for `certificate`. */
export function associationOf(certificate: DaneCertificate, record: TlsaRecord): string {
  const forms = record.selector === SELECTOR_CERT ? certificate.cert : certificate.spki;
  if (record.matchingType === MATCH_FULL) return forms.full;
  return record.matchingType === MATCH_SHA256 ? forms.sha256 : forms.sha512;
}

/** True when `record` matches `certificate` (callers pass usable records only). */
export function recordMatches(record: TlsaRecord, certificate: DaneCertificate): boolean {
  return associationOf(certificate, record) === record.data.toLowerCase();
}

const canonical = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/**
 * RFC 6125 §6.4.3 as SMTP uses it: exact match, or a `*` that is the whole left-most label and stands for exactly
 * one label (`*.example.com` covers `mx.example.com`, not `example.com` or `a.mx.example.com`).
 */
export function certificateNameMatches(pattern: string, name: string): boolean {
  const p = canonical(pattern);
  const n = canonical(name);
  if (!p.startsWith('*.')) return p === n;
  const dot = n.indexOf('.');
  return dot > 0 && n.slice(dot + 1) === p.slice(2);
}

/** The names a certificate claims: its DNS subjectAltNames, or else its CN (RFC 6125 §6.4.4). */
function presentedNames(certificate: DaneCertificate): readonly string[] {
  if (certificate.dnsNames.length > 0) return certificate.dnsNames;
  return certificate.commonName === null ? [] : [certificate.commonName];
}

/** RFC 7672 §3.2.2 and §3.2.3: the leaf must name the MX host or the TLSA base domain. */
export function leafNamesReference(leaf: DaneCertificate, reference: ReferenceNames): boolean {
  const wanted = [reference.mxHost, reference.baseDomain];
  return presentedNames(leaf).some((pattern) => wanted.some((name) => certificateNameMatches(pattern, name)));
}

type Failure = Extract<DaneMatch, { matched: false }>;
/** When several DANE-TA records fail, the reason nearest to success explains best. */
const FAILURE_RANK: Readonly<Record<Failure['reason'], number>> = {
  'no-usable-records': 0,
  'no-certificate': 0,
  'no-match': 1,
  'ta-chain-broken': 2,
  'cert-dates': 3,
  'name-mismatch': 4,
};

/**
 * DANE-TA(2) at one depth: the anchor is the certificate at `depth` of the presented chain (RFC 7672 §3.1.2 asks
 * servers to send it), every certificate below it must be signed by the next, those certificates must be within
 * their validity dates (the chain below the anchor is validated as in PKIX, RFC 7671 §5.2.2), and the leaf must
 * carry a reference name (RFC 7672 §3.2.2).
 */
function checkTrustAnchor(
  chain: readonly DaneCertificate[],
  depth: number,
  reference: ReferenceNames,
  now: Date,
): Failure | null {
  const below = chain.slice(0, depth);
  if (below.some((certificate) => !certificate.signedByNext)) {
    return {
      matched: false,
      reason: 'ta-chain-broken',
      detail: `the chain does not lead to the trust anchor at depth ${depth}`,
    };
  }
  // A malformed date fails, as it fails PKIX path validation (RFC 5280 §4.1.2.5).
  const outOfDate = below.find(
    (certificate) =>
      certificate.notBefore === null ||
      certificate.notAfter === null ||
      Date.parse(certificate.notBefore) > now.getTime() ||
      Date.parse(certificate.notAfter) < now.getTime(),
  );
  if (outOfDate !== undefined) {
    return {
      matched: false,
      reason: 'cert-dates',
      detail: `a certificate below the trust anchor is outside its validity (${outOfDate.notBefore ?? 'malformed'} to ${outOfDate.notAfter ?? 'malformed'})`,
    };
  }
  const leaf = chain[0];
  if (leaf !== undefined && !leafNamesReference(leaf, reference)) {
    const names = JSON.stringify(presentedNames(leaf));
    return {
      matched: false,
      reason: 'name-mismatch',
      detail: `the certificate names ${names}, neither ${reference.mxHost} nor ${reference.baseDomain}`,
    };
  }
  return null;
}

/**
 * Match a presented chain (leaf first) against a TLSA set. DANE-EE(3) records match the leaf only and ignore its
 * names and dates (RFC 7672 §3.1.1, §3.2.1); DANE-TA(2) records match a certificate of the chain, then the
 * chain, dates and names are checked (RFC 7672 §3.1.2, §3.2.2). Any one matching record authenticates the server.
 */
export function matchChain(
  records: readonly TlsaParse[],
  chain: readonly DaneCertificate[],
  reference: ReferenceNames,
  now: Date,
): DaneMatch {
  const usable = usableTlsa(records);
  if (usable.length === 0)
    return { matched: false, reason: 'no-usable-records', detail: 'no DANE-TA(2) or DANE-EE(3) record' };
  const leaf = chain[0];
  if (leaf === undefined)
    return { matched: false, reason: 'no-certificate', detail: 'the server presented no certificate' };

  let best: Failure = {
    matched: false,
    reason: 'no-match',
    detail: `no TLSA record matches the certificate (published: ${usable.map(describeTlsa).join(', ')})`,
  };
  for (const record of usable) {
    if (record.usage === DANE_EE) {
      if (recordMatches(record, leaf)) return { matched: true, record, depth: 0 };
      continue;
    }
    if (record.usage !== DANE_TA) continue;
    for (const [depth, certificate] of chain.entries()) {
      if (!recordMatches(record, certificate)) continue;
      const failure = checkTrustAnchor(chain, depth, reference, now);
      if (failure === null) return { matched: true, record, depth };
      if (FAILURE_RANK[failure.reason] > FAILURE_RANK[best.reason]) best = failure;
    }
  }
  return best;
}
