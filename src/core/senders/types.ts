/**
 * What a sender profile reads and what it says (issue #7 items 4 and 6). A profile is a pure function from the
 * assessed facts of one domain to a verdict: it never sees raw observations, so each rule is a table test.
 */
import type { CachedPolicy } from '../cached-policies.js';
import type { DnsSecurity } from '../dane.js';
import type { DaneVerdict } from '../dane-verdict.js';
import type { MxTlsStatus, PolicySummary } from '../types.js';
import type { SenderProfileId } from './ids.js';

/** One MX host's DANE facts (RFC 7672), as src/core/assess-dane.ts judged them. */
export interface SenderMxDane {
  /** The worst verdict of the host's addresses. */
  readonly verdict: DaneVerdict;
  /** DANE-TA(2) and DANE-EE(3) records in the TLSA set. */
  readonly usableTlsa: number;
  readonly reason: string;
  /** DNSSEC status of the domain's MX answer, the host's address answer, and its TLSA answer. */
  readonly mxSecurity: DnsSecurity;
  readonly addressSecurity: DnsSecurity;
}

/** One MX host, as every profile sees it. */
export interface SenderMx {
  readonly host: string;
  /** RFC 8461 §4.1: the host matches a pattern of the live policy; null without a valid policy. */
  readonly matched: boolean | null;
  /** Would an enforcing sender deliver here under the live policy (§4.1 and §4.2)? null when unknown. */
  readonly enforceOk: boolean | null;
  /** STARTTLS, TLS version and certificate as an RFC 8461 §4.2 sender judges them (src/core/judge-mx-host.ts). */
  readonly tls: MxTlsStatus;
  /** The §4.2 checks: true passes, false fails, null unknown (timeout, not checked). */
  readonly tlsOk: boolean | null;
  /** Absent when DANE was not checked for the domain (no `--dane`, or a resolver that does not validate). */
  readonly dane?: SenderMxDane;
}

/**
 * What MTA-STS says about one host under one policy: the live one, or one that senders still hold in their cache
 * (issue #8). `enforce`: an enforcing policy applies; `none`: none does (absent, invalid, testing or none mode: a
 * sender then delivers as it would without MTA-STS, RFC 8461 §5); `unknown`: our own lookup or fetch failed.
 */
export interface StsView {
  readonly policy: 'enforce' | 'none' | 'unknown';
  /** The policy's mx patterns (empty unless it enforces). */
  readonly patterns: readonly string[];
  /** Under an enforcing policy: does the host pass RFC 8461 §4.1 and §4.2? null when unknown. */
  readonly passes: boolean | null;
  /** Why it does not pass, for reasons. */
  readonly why: string;
}

/** Everything a profile reads about one domain. */
export interface SenderFacts {
  readonly domain: string;
  readonly policy: Pick<PolicySummary, 'status' | 'mode' | 'mx'>;
  /** false when the MX lookup failed: nothing can be said. */
  readonly mxKnown: boolean;
  /** A null MX (RFC 7505): no mail at all, so nothing bounces. */
  readonly nullMx: boolean;
  readonly mx: readonly SenderMx[];
  /** Whether DANE was checked for the domain (every host then has `dane` unless it was not looked up). */
  readonly daneChecked: boolean;
  /** The policies senders may still hold (issue #8 item 2); null when no state is kept. */
  readonly cached: readonly CachedPolicy[] | null;
}

/** A profile's decision for one host. */
export interface HostDecision {
  /** true: the sender hands mail over here; false: it refuses or defers; null: cannot be known. */
  readonly delivers: boolean | null;
  readonly why: string;
}

/** A profile's verdict for one domain: the `senders.<profile>` object of the JSON report. */
export interface SenderVerdict {
  /** The sender refuses (or defers) at every MX host: mail from it does not arrive. null when unknown. */
  readonly bounces: boolean | null;
  /** The MX hosts it refuses or defers, in MX order. */
  readonly refusedMx: readonly string[];
  /** One line on why, naming each host's reason when it matters. */
  readonly reason: string;
  /**
   * Senders of this class holding a cached enforcing policy (issue #8) refuse every MX host; null when it cannot
   * be known (no state kept). Always false for a profile that does not apply MTA-STS.
   */
  readonly bouncesForCachedSenders: boolean | null;
  /** Whether the profile counts for findings and issues (`senders:` in domains.yml; all by default). */
  readonly counted: boolean;
}

/** One sender profile: the host rule it applies, and its name. */
export interface SenderProfile {
  readonly id: SenderProfileId;
  /** Does the profile apply MTA-STS at all (and so hold cached policies)? */
  readonly appliesMtaSts: boolean;
  /** The profile's verdict for one domain. Pure. */
  readonly judge: (facts: SenderFacts) => Omit<SenderVerdict, 'counted'>;
}
