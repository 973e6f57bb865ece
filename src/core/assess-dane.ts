/**
 * DANE in the `rfc` verdict (issue #7 items 2 and 3): per MX host, the DANE verdict of its addresses
 * (`judgeDaneAddress`), the findings a mail administrator acts on, and whether a sender that validates DANE and
 * MTA-STS together refuses every MX. RFC 8461 §2: MTA-STS must never override a failing DANE validation, so a host
 * that fails DANE is refused whatever the policy says. Pure, like the rest of the core.
 */
import { usableTlsa } from './dane.js';
import { noticeFinding, verdictFinding } from './dane-findings.js';
import { checkNextKey, checkSignatureExpiry } from './dane-rollover.js';
import {
  judgeDaneAddress,
  type DaneAddressVerdict,
  type DaneSession,
  type DaneVerdict,
} from './dane-verdict.js';
import type {
  DomainObservation,
  Finding,
  MxDaneReport,
  MxReport,
  PolicySummary,
  SmtpProbe,
} from './types.js';

export interface DaneAssessment {
  /** The MX reports, each with its `dane` object when the host was looked up. */
  readonly reports: readonly MxReport[];
  readonly findings: readonly Finding[];
  /** undefined when DANE was not checked for the domain. */
  readonly bouncesDane: boolean | null | undefined;
}

/** Worst first: the verdict a host gets is that of its worst address. */
const VERDICT_ORDER: readonly DaneVerdict[] = [
  'deferred',
  'no-starttls-with-tlsa',
  'dane-fail',
  'unknown',
  'tls-required-unauthenticated',
  'dane-ok',
  'no-dane',
];

/**
 * What the STARTTLS probe saw, for the DANE verdict. A probe that never reached SMTP says nothing about DANE, and
 * neither does a handshake whose chain could not be read (issue #7 defect 3: we could not observe, so unknown).
 */
export function sessionOf(probe: SmtpProbe): DaneSession {
  if (probe.outcome === 'tls') {
    return probe.tls.daneChain === undefined
      ? { kind: 'unknown', reason: 'the certificate chain it presented could not be read' }
      : { kind: 'tls', chain: probe.tls.daneChain };
  }
  if (probe.outcome === 'no-starttls') return { kind: 'no-starttls' };
  if (probe.outcome === 'tls-failed') return { kind: 'tls-failed', reason: probe.error };
  return { kind: 'unknown', reason: probe.error };
}

interface HostDane {
  readonly report: MxDaneReport;
  /** Would a DANE sender hand mail over at every address? null when unknown. */
  readonly delivers: boolean | null;
  readonly findings: Finding[];
}

/** One MX host's DANE result, or null when the host was not looked up. */
function judgeHostDane(
  obs: DomainObservation,
  host: string,
  now: Date,
  warningDays: number,
): HostDane | null {
  const observed = obs.mxHosts[host];
  const dane = observed?.dane;
  if (obs.mxDnssec === undefined || observed === undefined || dane === undefined) return null;
  const dns = { mx: obs.mxDnssec.security, address: dane.addressSecurity };
  const probes = observed.smtp ?? [];
  const sessions: DaneSession[] =
    probes.length === 0
      ? [{ kind: 'unknown', reason: observed.notCheckedReason ?? 'no address was probed' }]
      : probes.map(sessionOf);
  const verdicts = sessions.map((session) => judgeDaneAddress(dns, dane.tlsa, session, now));
  const rank = (v: DaneAddressVerdict): number => VERDICT_ORDER.indexOf(v.verdict);
  const worst = verdicts.reduce((a, b) => (rank(b) < rank(a) ? b : a));
  const findings: Finding[] = [];
  const leaf = sessions.find((s) => s.kind === 'tls')?.chain[0];
  const main = verdictFinding(obs.domain, host, worst, dane.tlsa, leaf);
  if (main !== null) findings.push(main);
  if (dns.mx === 'secure' && dns.address === 'secure') {
    const chain = sessions.find((s) => s.kind === 'tls')?.chain ?? [];
    const next = worst.verdict === 'dane-ok' ? checkNextKey(dane.tlsa, chain, now, warningDays) : null;
    const signatures = [
      checkSignatureExpiry(`address (${host})`, dane.addressSignatureExpirations, now, warningDays),
      dane.tlsa.security === 'secure'
        ? checkSignatureExpiry(
            `TLSA (${dane.tlsa.queryName})`,
            dane.tlsa.signatureExpirations,
            now,
            warningDays,
          )
        : null,
    ];
    for (const notice of [next, ...signatures])
      if (notice !== null) findings.push(noticeFinding(obs.domain, host, notice));
  }
  const delivers = worst.verdict === 'unknown' ? null : worst.delivers;
  return {
    report: {
      status: dane.tlsa.security,
      usableTlsa: usableTlsa(dane.tlsa.records).length,
      verdict: worst.verdict,
      reason: worst.detail,
    },
    delivers,
    findings,
  };
}

/** Does a DANE + MTA-STS sender deliver to this host? MTA-STS applies only to a valid enforcing policy. */
function hostDelivers(r: MxReport, policy: PolicySummary, dane: boolean | null): boolean | null {
  const sts =
    policy.status === 'unknown'
      ? null
      : policy.status === 'valid' && policy.mode === 'enforce'
        ? r.enforceOk
        : true;
  if (dane === false || sts === false) return false;
  return dane === true && sts === true ? true : null;
}

/**
 * Add DANE to one domain's MX reports. `known`/`nullMx` come from the MX assessment: with the MX lookup failed
 * nothing is known; a null MX accepts no mail, so nothing bounces.
 */
export function assessDane(
  obs: DomainObservation,
  mx: { readonly reports: readonly MxReport[]; readonly known: boolean; readonly nullMx: boolean },
  policy: PolicySummary,
  now: Date,
  warningDays: number,
): DaneAssessment {
  if (obs.mxDnssec === undefined) return { reports: mx.reports, findings: [], bouncesDane: undefined };
  const findings: Finding[] = [];
  const mxSignature =
    obs.mxDnssec.security === 'secure'
      ? checkSignatureExpiry(`MX (${obs.domain})`, obs.mxDnssec.signatureExpirations, now, warningDays)
      : null;
  if (mxSignature !== null) findings.push(noticeFinding(obs.domain, undefined, mxSignature));
  const delivers: (boolean | null)[] = [];
  const reports = mx.reports.map((r): MxReport => {
    const judged = judgeHostDane(obs, r.host, now, warningDays);
    delivers.push(hostDelivers(r, policy, judged === null ? null : judged.delivers));
    if (judged === null) return r;
    findings.push(...judged.findings);
    return { ...r, dane: judged.report };
  });
  const bouncesDane = !mx.known
    ? null
    : mx.nullMx
      ? false
      : delivers.includes(true)
        ? false
        : delivers.includes(null)
          ? null
          : true;
  return { reports, findings, bouncesDane };
}
