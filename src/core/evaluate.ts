/**
 * Observations in, findings out: the whole verdict for one domain. Pure: no I/O, the clock is a parameter.
 */
import { assessDane } from './assess-dane.js';
import { assessMx } from './assess-mx.js';
import { assessPolicy } from './assess-policy.js';
import { assessTlsRpt } from './assess-tlsrpt.js';
import { compareExpectations } from './drift.js';
import { makeFinding } from './findings.js';
import { sameIdWindowEnd } from './cache-findings.js';
import { assessCacheVerdict, liveViewOf } from './cache-verdict.js';
import type { PolicyHistory } from './policy-history.js';
import { checkFreshness } from './freshness.js';
import { livePolicy, tieReports, type TlsRptInput } from './tlsrpt-ties.js';
import { nameRefusingSenders, senderVerdictFindings } from './sender-findings.js';
import { senderFacts } from './senders/facts.js';
import { judgeSenders, SENDER_PROFILES, type SenderVerdict, type SenderVerdicts } from './senders/index.js';
import type {
  DomainExpectation,
  DomainObservation,
  DomainReport,
  DomainStatus,
  Finding,
  PolicyStateEntry,
  SkippedCheck,
} from './types.js';

export interface Evaluation {
  readonly report: DomainReport;
  /** What to remember for the next run's id-freshness check (undefined: nothing known yet). */
  readonly state: PolicyStateEntry | undefined;
  /** Run-level remarks: policy versions the history bound forgot (issue #8 item 1). */
  readonly notices: readonly string[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, notice: 2 } as const;

/** The worst of the findings; a domain with a skipped check is never `ok` (issue #10 part 3). */
export function statusOf(findings: readonly Finding[], notChecked: readonly SkippedCheck[]): DomainStatus {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  if (findings.some((f) => f.unknown === true)) return 'unknown';
  if (notChecked.length > 0) return 'incomplete';
  return 'ok';
}

/**
 * NXDOMAIN for the domain itself: nothing exists under it either (RFC 8020 §2), so its policy, TLS-RPT and MX
 * findings would only repeat the one fact, most often a typo in domains.yml (issue #10 part 3).
 */
function notFound(obs: DomainObservation): Finding | null {
  if (obs.mx.status !== 'absent' || obs.mx.reason !== 'nxdomain') return null;
  return makeFinding(
    'domain-not-found',
    obs.domain,
    `${obs.domain} does not exist in the DNS (NXDOMAIN): nothing about it can be checked.`,
    { observed: 'NXDOMAIN' },
  );
}

/** A domain that does not exist: no profile's verdict means anything. */
function unknownSenders(senders: SenderVerdicts): SenderVerdicts {
  const unknown = (v: SenderVerdict): SenderVerdict => ({
    ...v,
    bounces: null,
    refusedMx: [],
    reason: 'the domain does not exist',
    bouncesForCachedSenders: null,
  });
  return {
    rfc: unknown(senders.rfc),
    'exchange-online': unknown(senders['exchange-online']),
    gmail: unknown(senders.gmail),
    'postfix-dane': unknown(senders['postfix-dane']),
    'postfix-sts-resolver': unknown(senders['postfix-sts-resolver']),
  };
}

/** The entry to keep with the folded history (none when empty, as version 1 entries had). */
function withHistory(entry: PolicyStateEntry, history: PolicyHistory): PolicyStateEntry {
  const rest = { ...entry };
  delete (rest as { history?: PolicyHistory }).history;
  return history.length === 0 ? rest : { ...rest, history };
}

/** Evaluate one domain's observations against RFC 8461/8460 and its expectations in domains.yml. */
export function evaluateDomain(
  obs: DomainObservation,
  expect: DomainExpectation,
  previous: PolicyStateEntry | undefined,
  now: Date,
  reports?: TlsRptInput,
  /** keepsState: a state is kept (--state, state: issue|file), so the policy history is followed (issue #8). */
  options: { readonly keepsState?: boolean } = {},
): Evaluation {
  const d = obs.domain;
  const policy = assessPolicy(obs, now, expect.certWarningDays);
  const mx = assessMx(obs, policy.policy, now, expect.certWarningDays);
  const tlsrpt = assessTlsRpt(obs, expect);
  const drift = compareExpectations(expect, policy.record, policy.policy);
  // What senders may still hold from earlier versions (issue #8 item 2).
  const cache = assessCacheVerdict({
    domain: d,
    history: options.keepsState === true ? (previous?.history ?? []) : null,
    live: liveViewOf(obs, policy, mx),
    policyHash: policy.policyHash,
    now,
  });

  const fresh = checkFreshness({
    domain: d,
    id: policy.record?.id ?? null,
    policyHash: policy.policyHash,
    policy: policy.policy,
    mxHosts: mx.reports.map((r) => r.host),
    previous,
    now,
    cachedUntil: sameIdWindowEnd(cache.fields),
  });

  // DANE beside MTA-STS (issue #7): only when the observations carry DNSSEC-aware lookups.
  const dane = assessDane(obs, mx, policy.summary, now, expect.certWarningDays);
  // One verdict per sender profile (issue #7 item 4); `bounces` is the rfc profile's.
  const facts = senderFacts({
    obs,
    policy: policy.summary,
    mx,
    reports: dane.reports,
    cached: options.keepsState === true ? cache.fields.cached : null,
  });
  const senders = judgeSenders(facts, expect.senders);
  const bounces = senders.rfc.bounces;
  // "What switching to enforce would do" has no meaning for mode none, whose mx list may be empty.
  const ifEnforced =
    policy.summary.mode === 'none'
      ? null
      : SENDER_PROFILES.rfc.judge({
          ...facts,
          policy: {
            ...facts.policy,
            mode: policy.summary.status === 'valid' ? 'enforce' : facts.policy.mode,
          },
        }).bounces;
  let findings = [
    ...senderVerdictFindings(d, senders, ifEnforced, policy.summary.mode, facts.daneChecked),
    ...policy.findings,
    ...mx.findings,
    ...nameRefusingSenders(dane.findings, senders),
    ...drift,
    // A mode downgrade under the same id is the specific form of stale-policy-id: one finding for one fact.
    ...(fresh.finding === null || cache.findings.some((f) => f.code === 'mode-downgrade-same-id')
      ? []
      : [fresh.finding]),
    ...cache.findings,
    ...tlsrpt.findings,
  ];
  // TLS-RPT reports confirm live findings and add their own (issue #10 item 1); only when a source was given.
  const tied =
    reports === undefined
      ? null
      : tieReports({
          domain: d,
          findings,
          input: reports,
          live: livePolicy(policy.summary.status, policy.policy),
          tlsrptPublished: tlsrpt.rua !== null,
          now,
        });
  if (tied !== null) findings = tied.findings;
  // Removing MTA-STS (RFC 8461 §8.3) ends with no record at all: expected when domains.yml says mode none.
  if (expect.mode === 'none' && policy.summary.status === 'absent') {
    findings = findings.filter((f) => f.code !== 'sts-record-missing');
  }
  const missing = notFound(obs);
  if (missing !== null) findings = [missing];
  const ignored = new Set(expect.ignore);
  findings = findings.filter((f) => !ignored.has(f.code));
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const mxReports = missing === null ? dane.reports : [];
  const notChecked: SkippedCheck[] = mxReports.some((r) => r.tls === 'not-checked') ? ['mx-tls'] : [];
  const report: DomainReport = {
    domain: d,
    status: statusOf(findings, notChecked),
    bounces: missing === null ? bounces : null,
    bouncesIfEnforced: missing === null ? ifEnforced : null,
    ...(dane.bouncesDane === undefined ? {} : { bouncesDane: missing === null ? dane.bouncesDane : null }),
    senders: missing === null ? senders : unknownSenders(senders),
    policy: policy.summary,
    mx: mxReports,
    notChecked,
    findings,
    ...(tied === null ? {} : { tlsrpt: tied.summary }),
    ...cache.fields,
  };
  const state =
    fresh.state === undefined || options.keepsState !== true
      ? fresh.state
      : withHistory(fresh.state, cache.history);
  return { report, state, notices: cache.notices };
}
