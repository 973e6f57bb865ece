/**
 * The contract between probes, the pure core and the reporters.
 *
 * Probes produce *observations* (what was seen, failures included, as data). The core turns observations plus the
 * committed expectations into *findings* and a *domain report*. Reporters only render those.
 */

import type { DnsSecurity, TlsaObservation } from './dane.js';
import type { DaneCertificate } from './dane-match.js';
import type { DaneVerdict } from './dane-verdict.js';
import type { CachedPolicy } from './cached-policies.js';
import type { PolicyHistory } from './policy-history.js';
import type { DomainReports } from './tlsrpt-aggregate.js';
import type { SenderProfileId } from './senders/ids.js';
import type { SenderVerdict } from './senders/types.js';

/** A DNS answer: present, absent (NXDOMAIN / NODATA), or unknown (SERVFAIL, REFUSED, timeout). */
export type Lookup<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'absent'; readonly reason: 'nxdomain' | 'nodata' }
  | { readonly status: 'unknown'; readonly reason: string };

/** One MX resource record. A null MX (RFC 7505) has `exchange === ''`. */
export interface MxRecord {
  readonly exchange: string;
  readonly preference: number;
}

/**
 * What a peer certificate says about itself, in plain data. Dates are ISO 8601 strings, or null when the
 * certificate's time field is malformed (then `TlsObservation.certificateProblems` says so, issue #11 item 1).
 */
export interface CertificateInfo {
  /** The CN, else the whole subject, else `''` (an empty subject: the names are in the SAN only). */
  readonly subject: string;
  readonly dnsNames: readonly string[];
  readonly issuer: string;
  readonly notBefore: string | null;
  readonly notAfter: string | null;
  readonly fingerprint256: string;
}

/**
 * A completed TLS handshake, seen without trusting it: probes connect with verification off and record what
 * a verifying client would have decided, so the core can name the exact fault.
 */
export interface TlsObservation {
  /** Negotiated protocol, e.g. `TLSv1.3`. */
  readonly protocol: string | null;
  /** True when the chain verified against the trusted roots (system store plus NODE_EXTRA_CA_CERTS). */
  readonly chainTrusted: boolean;
  /** OpenSSL's verdict code when not trusted, e.g. `CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  readonly verifyError: string | null;
  /** True when the leaf certificate is valid for the name we asked for (RFC 6125, `tls.checkServerIdentity`). */
  readonly nameMatches: boolean;
  readonly certificate: CertificateInfo | null;
  /**
   * Parts of the certificate that could not be read, as `field: why` (a malformed validity date, a DER Node
   * cannot parse). Absent when everything was read. A verifying sender refuses such a certificate.
   */
  readonly certificateProblems?: readonly string[];
  /**
   * The chain the server sent, as DANE needs it (issue #7 item 1), leaf first: only the certificates sent, never
   * an issuer from our trust store (RFC 7672 §3.1.2). Empty when no certificate was sent; absent when it could not
   * be read, which leaves the DANE verdict unknown (issue #7 defect 3).
   */
  readonly daneChain?: readonly DaneCertificate[];
}

/** The outcome of one HTTPS GET of the policy from one address of the policy host. */
export type PolicyFetch =
  | {
      readonly address: string;
      readonly outcome: 'response';
      readonly tls: TlsObservation;
      readonly statusCode: number;
      readonly contentType: string | null;
      /** Location header on a 3xx; never followed (RFC 8461 §3.3). */
      readonly location: string | null;
      /** Body as text, at most MAX_POLICY_BYTES; only read for 200. */
      readonly body: string | null;
      /** True when the body was longer than MAX_POLICY_BYTES and was cut off. */
      readonly truncated: boolean;
    }
  | { readonly address: string; readonly outcome: 'tls-failed'; readonly error: string }
  | { readonly address: string; readonly outcome: 'unreachable'; readonly error: string }
  | { readonly address: string; readonly outcome: 'timeout'; readonly error: string }
  | { readonly address: string; readonly outcome: 'blocked'; readonly error: string };

/** The outcome of one SMTP STARTTLS probe of one address of one MX host. */
export type SmtpProbe =
  | {
      readonly address: string;
      readonly outcome: 'tls';
      readonly banner: string;
      readonly tls: TlsObservation;
    }
  | { readonly address: string; readonly outcome: 'no-starttls'; readonly banner: string }
  /** STARTTLS was offered but the handshake failed (no shared protocol or cipher, alert, reset). */
  | {
      readonly address: string;
      readonly outcome: 'tls-failed';
      readonly banner: string;
      readonly error: string;
    }
  /** Connection refused, reset, or host unreachable. */
  | { readonly address: string; readonly outcome: 'unreachable'; readonly error: string }
  /** No complete dialogue within the deadline; `banner` is set when the greeting had arrived before it. */
  | {
      readonly address: string;
      readonly outcome: 'timeout';
      readonly error: string;
      readonly banner?: string;
      /**
       * True when bytes came before the deadline but no complete greeting (an endless run of `220-` lines sent
       * slowly): the server is reachable on port 25, so the timeout is worth a second try (issue #11 item 9).
       */
      readonly heard?: boolean;
      /**
       * True when a second try a few seconds later timed out too, while other MX probes of the same run answered
       * on port 25: then port 25 is not blocked here, and the timeout is the host's fault (issue #11 item 9).
       */
      readonly confirmed?: boolean;
    }
  /** The server spoke, but not SMTP as we know it (garbage, a reply line over the size bound, a 4xx/5xx greeting). */
  | { readonly address: string; readonly outcome: 'protocol-error'; readonly error: string }
  /** Refused by the address guard: loopback, private, link-local and other non-public ranges. */
  | { readonly address: string; readonly outcome: 'blocked'; readonly error: string }
  /** The SOCKS proxy failed (down, refused our credentials or the request): nothing known about the MX. */
  | { readonly address: string; readonly outcome: 'proxy-failed'; readonly error: string };

/** Everything observed about one MX host (shared by every domain that uses it). */
export interface MxHostObservation {
  readonly host: string;
  readonly addresses: Lookup<readonly string[]>;
  /** One entry per address, or `null` when MX TLS was not checked (disabled, or port 25 blocked). */
  readonly smtp: readonly SmtpProbe[] | null;
  /** Why `smtp` is null. */
  readonly notCheckedReason?: string;
  /** DANE lookups for the host (issue #7), present only when DANE checking ran with a validating resolver. */
  readonly dane?: DaneHostObservation;
}

/** The DNSSEC-aware lookups of one MX host (issue #7 item 1): address security and the TLSA set. */
export interface DaneHostObservation {
  /** The security of the host's A answer, as the validating resolver reported it. */
  readonly addressSecurity: DnsSecurity;
  readonly addressSignatureExpirations: readonly string[];
  readonly tlsa: TlsaObservation;
}

/** The DNSSEC status of the domain's MX answer (issue #7 item 1). */
export interface DnssecAnswer {
  readonly security: DnsSecurity;
  readonly signatureExpirations: readonly string[];
}

/** Everything observed about one domain. */
export interface DomainObservation {
  readonly domain: string;
  readonly observedAt: string;
  /** TXT records at `_mta-sts.<domain>`, each record's strings already joined. */
  readonly stsTxt: Lookup<readonly string[]>;
  /** TXT records at `_smtp._tls.<domain>`, each record's strings already joined. */
  readonly tlsrptTxt: Lookup<readonly string[]>;
  readonly mx: Lookup<readonly MxRecord[]>;
  readonly policyHost: {
    readonly host: string;
    readonly addresses: Lookup<readonly string[]>;
    readonly fetches: readonly PolicyFetch[];
  };
  /** Keyed by lower-case MX host name without trailing dot (or the domain itself when it has no MX). */
  readonly mxHosts: Readonly<Record<string, MxHostObservation>>;
  /** The MX answer's DNSSEC status; present only when DANE checking ran (issue #7). */
  readonly mxDnssec?: DnssecAnswer;
}

/** What `domains.yml` commits to for one domain. Absent fields are not checked. */
export interface DomainExpectation {
  /** Normalised: lower case, no trailing dot, A-labels. */
  readonly domain: string;
  /** Position of the domain's entry in the config file, for annotations. */
  readonly line: number;
  readonly column: number;
  readonly mode?: PolicyMode;
  readonly mx?: readonly string[];
  readonly maxAge?: { readonly exact: number } | { readonly min: number };
  readonly id?: string;
  /** `required` alone, or the exact set of rua URIs expected. */
  readonly tlsrpt?: { readonly required: boolean; readonly rua?: readonly string[] };
  readonly certWarningDays: number;
  /** Finding codes to drop for this domain. */
  readonly ignore: readonly string[];
  /**
   * The sender profiles that count for findings and issues (`senders:` in domains.yml, issue #7 item 4); absent:
   * all of them.
   */
  readonly senders?: readonly SenderProfileId[];
  /**
   * Where the entry's own `mode:` and `mx:` keys are, for an annotation on the changed line of a pull request
   * (issue #8 item 4); absent for a key the entry does not have (a value from `defaults`, or the short form).
   */
  readonly keyLines?: {
    readonly mode?: { readonly line: number; readonly column: number };
    readonly mx?: { readonly line: number; readonly column: number };
  };
}

export type PolicyMode = 'enforce' | 'testing' | 'none';

export type Severity = 'error' | 'warning' | 'notice';

/** One piece of drift or risk. Messages are single sentences; text from remote servers is kept as plain data. */
export interface Finding {
  /** Stable code, documented in README.md. */
  readonly code: string;
  readonly severity: Severity;
  readonly domain: string;
  readonly host?: string;
  readonly message: string;
  readonly fix: string;
  readonly expected?: string;
  readonly observed?: string;
  /** True when the finding says "could not be observed" rather than "is wrong". Never drift on its own. */
  readonly unknown?: boolean;
}

/**
 * `incomplete`: nothing wrong was seen, but a check was skipped (see DomainReport.notChecked), so the domain is
 * not shown as `ok` (issue #10 part 3).
 */
export type DomainStatus = 'ok' | 'warning' | 'error' | 'unknown' | 'incomplete';

/** A check that was skipped for a domain: `mx-tls` is the STARTTLS probes of its MX hosts. */
export type SkippedCheck = 'mx-tls';

export type MxTlsStatus =
  | 'ok'
  | 'no-starttls'
  | 'cert-untrusted'
  | 'cert-expired'
  | 'name-mismatch'
  | 'old-tls'
  /** STARTTLS offered, but the handshake failed (no shared protocol or cipher). */
  | 'tls-failed'
  /**
   * Accepts TCP but completes no SMTP dialogue: garbage, an endless or rejecting greeting, or (confirmed by a
   * second try while other MX hosts answered) no answer at all. No sender can deliver there (issue #11 item 9).
   */
  | 'no-smtp'
  | 'unreachable'
  | 'not-checked';

export interface MxReport {
  readonly host: string;
  readonly preference: number;
  /** Matches a pattern of the live policy; null when there is no valid policy to match against. */
  readonly matched: boolean | null;
  readonly tls: MxTlsStatus;
  readonly notAfter: string | null;
  /** Would an enforcing sender deliver to this host? null when unknown. */
  readonly enforceOk: boolean | null;
  /** The DANE verdict for the host (RFC 7672), present only when DANE was checked (issue #7). */
  readonly dane?: MxDaneReport;
}

/** One MX host's DANE result in the JSON report: the worst of its addresses. */
export interface MxDaneReport {
  /** DNSSEC status of the TLSA answer. */
  readonly status: DnsSecurity;
  readonly usableTlsa: number;
  readonly verdict: DaneVerdict;
  readonly reason: string;
}

export interface PolicySummary {
  readonly status: 'valid' | 'invalid' | 'absent' | 'unreachable' | 'unknown';
  readonly id: string | null;
  readonly mode: PolicyMode | null;
  readonly maxAge: number | null;
  readonly mx: readonly string[];
  /** The policy host's certificate as first seen over HTTPS (null when no handshake completed). */
  readonly certificate: {
    readonly names: readonly string[];
    readonly issuer: string;
    readonly notAfter: string | null;
  } | null;
}

/** The cache-aware verdict of one domain (issue #8 item 2); `[]`, null, null when no state is kept. */
export interface CachedReportFields {
  /** The policies senders may still apply now, other than the live one (src/core/cached-policies.ts). */
  readonly cached: readonly CachedPolicy[];
  /** Some sender holding a cached enforcing policy refuses every live MX; null when it cannot be known. */
  readonly bouncesForCachedSenders: boolean | null;
  /** When the last such cache runs out (ISO 8601); null when nothing bounces. */
  readonly bounceWindowEnd: string | null;
}

export interface DomainReport {
  readonly domain: string;
  readonly status: DomainStatus;
  /**
   * The `rfc` sender profile's verdict (`senders.rfc.bounces`, issue #7 item 4): every MX host is refused or
   * deferred by a sender applying RFC 8461 and RFC 7672 together. Without DANE data, the MTA-STS verdict: the live
   * policy is valid, enforcing, and no MX host passes.
   */
  readonly bounces: boolean | null;
  /** The same verdict as if the live policy's mode were `enforce`. */
  readonly bouncesIfEnforced: boolean | null;
  /**
   * Would a sender validating DANE and MTA-STS together refuse every MX (RFC 8461 §2: MTA-STS never overrides a
   * failing DANE validation)? Present only when DANE was checked; null when unknown (issue #7).
   */
  readonly bouncesDane?: boolean | null;
  /**
   * One verdict per sender profile (issue #7 item 4, src/core/senders/): always set by evaluateDomain; optional
   * only for reports built by hand.
   */
  readonly senders?: Readonly<Record<SenderProfileId, SenderVerdict>>;
  readonly policy: PolicySummary;
  readonly mx: readonly MxReport[];
  /** Checks that were skipped (port 25 blocked, disabled, proxy failed): the verdicts cannot rest on them. */
  readonly notChecked: readonly SkippedCheck[];
  readonly findings: readonly Finding[];
  /** TLS-RPT reports for the domain over the window (`check --tlsrpt`, issue #10); null when none, absent without a source. */
  readonly tlsrpt?: DomainReports | null;
  /* The cache-aware verdict (issue #8 item 2): always set by evaluateDomain; optional only for reports built by hand. */
  readonly cached?: CachedReportFields['cached'];
  readonly bouncesForCachedSenders?: CachedReportFields['bouncesForCachedSenders'];
  readonly bounceWindowEnd?: CachedReportFields['bounceWindowEnd'];
}

/** What `--state` remembers per domain for the id-freshness check. */
export interface PolicyStateEntry {
  readonly id: string;
  /** SHA-256 of what the policy says (mode, max_age, the mx set), hex. */
  readonly bodyHash: string;
  readonly seenAt: string;
  /** What senders may have cached, to name the MX hosts they would refuse after a stale change. */
  readonly mode?: PolicyMode;
  readonly maxAge?: number;
  readonly mx?: readonly string[];
  /**
   * State version 2 (issue #8 item 1): every policy version senders may still hold, in the order first seen
   * (src/core/policy-history.ts). Absent in version 1 state and when nothing was ever fetched.
   */
  readonly history?: PolicyHistory;
}
