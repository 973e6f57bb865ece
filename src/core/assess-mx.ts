/**
 * Per MX host: would an RFC 8461 sender deliver to it? (§4.1 pattern match, §4.2 certificate checks.)
 * Every MX that may be used must pass, backups included (§8.4).
 */
import { classifyTls, daysUntil, describeTlsFault, type TlsFault } from './certificates.js';
import { type FindingCode, makeFinding } from './findings.js';
import { findMatchingPattern } from './mx-pattern.js';
import type { Policy } from './policy.js';
import type {
  DomainObservation,
  Finding,
  Lookup,
  MxRecord,
  MxHostObservation,
  MxReport,
  MxTlsStatus,
  Severity,
  SmtpProbe,
} from './types.js';

interface HostTls {
  readonly status: MxTlsStatus;
  /** false: a definite failure; true: passes; null: not known (timeouts, not checked). */
  readonly ok: boolean | null;
  readonly notAfter: string | null;
}

const FAULT_STATUS: Record<Exclude<TlsFault, 'ok'>, { status: MxTlsStatus; code: FindingCode }> = {
  'old-tls': { status: 'old-tls', code: 'mx-tls-old' },
  'cert-expired': { status: 'cert-expired', code: 'mx-cert-expired' },
  'cert-not-yet-valid': { status: 'cert-expired', code: 'mx-cert-expired' },
  'cert-untrusted': { status: 'cert-untrusted', code: 'mx-cert-untrusted' },
  'name-mismatch': { status: 'name-mismatch', code: 'mx-cert-name-mismatch' },
};

/** Severity of a TLS fault on an MX: it blocks mail only where the policy enforces. */
function tlsSeverity(mode: Policy['mode'] | null): Severity {
  if (mode === 'enforce') return 'error';
  if (mode === 'testing') return 'warning';
  return 'notice';
}

interface ProbeVerdict {
  readonly status: MxTlsStatus;
  readonly ok: boolean | null;
  readonly notAfter: string | null;
}

function judgeProbe(ctx: MxContext, probe: SmtpProbe, out: Finding[]): ProbeVerdict {
  const { domain: d, host, now, severity } = ctx;
  const at = `${host} (${probe.address})`;
  const details = { host, observed: probe.address };
  switch (probe.outcome) {
    case 'blocked':
      out.push(makeFinding('address-blocked', d, `Not probed ${at}: ${probe.error}.`, details));
      return { status: 'not-checked', ok: null, notAfter: null };
    case 'timeout':
      out.push(makeFinding('mx-timeout', d, `The SMTP probe of ${at} timed out (${probe.error}).`, details));
      return { status: 'unreachable', ok: null, notAfter: null };
    case 'unreachable':
      out.push(
        makeFinding(
          'mx-unreachable',
          d,
          `${at} does not accept connections on port 25: ${probe.error}.`,
          details,
        ),
      );
      return { status: 'unreachable', ok: null, notAfter: null };
    case 'protocol-error':
      out.push(
        makeFinding('mx-smtp-error', d, `${at} did not speak SMTP as expected: ${probe.error}.`, details),
      );
      return { status: 'unreachable', ok: null, notAfter: null };
    case 'no-starttls':
      out.push(
        makeFinding(
          'mx-starttls-missing',
          d,
          `${at} does not offer STARTTLS, which RFC 8461 §4.2 requires.`,
          { ...details, severity },
        ),
      );
      return { status: 'no-starttls', ok: false, notAfter: null };
    case 'tls-failed':
      out.push(
        makeFinding('mx-tls-failed', d, `The TLS handshake with ${at} failed: ${probe.error}.`, {
          ...details,
          severity,
        }),
      );
      return { status: 'tls-failed', ok: false, notAfter: null };
    case 'tls':
      break;
  }
  const notAfter = probe.tls.certificate?.notAfter ?? null;
  const fault = classifyTls(probe.tls, now);
  if (fault !== 'ok') {
    const { status, code } = FAULT_STATUS[fault];
    out.push(
      makeFinding(code, d, `${at}: ${describeTlsFault(fault, probe.tls, host)}.`, { ...details, severity }),
    );
    return { status, ok: false, notAfter };
  }
  if (notAfter !== null && daysUntil(notAfter, now) < ctx.warningDays) {
    out.push(
      makeFinding(
        'mx-cert-expiring',
        d,
        `The certificate of ${at} expires on ${notAfter}, in ${daysUntil(notAfter, now)} days.`,
        { host, expected: `more than ${ctx.warningDays} days`, observed: notAfter },
      ),
    );
  }
  return { status: 'ok', ok: true, notAfter };
}

interface MxContext {
  readonly domain: string;
  readonly host: string;
  readonly now: Date;
  readonly warningDays: number;
  readonly severity: Severity;
}

/** Combine the addresses of one host: one failing address fails the host, since a sender may pick it. */
function judgeHost(ctx: MxContext, obs: MxHostObservation | undefined, out: Finding[]): HostTls {
  const { domain: d, host } = ctx;
  if (obs === undefined || obs.addresses.status === 'unknown') {
    const reason = obs?.addresses.status === 'unknown' ? obs.addresses.reason : 'not looked up';
    out.push(
      makeFinding('mx-host-unknown', d, `The address lookup of MX host ${host} failed (${reason}).`, {
        host,
      }),
    );
    return { status: 'not-checked', ok: null, notAfter: null };
  }
  if (obs.addresses.status === 'absent') {
    out.push(
      makeFinding(
        'mx-host-missing',
        d,
        `MX host ${host} has no A or AAAA record, so no sender can deliver to it.`,
        { host },
      ),
    );
    return { status: 'unreachable', ok: null, notAfter: null };
  }
  if (obs.smtp === null) return { status: 'not-checked', ok: null, notAfter: null };
  const verdicts = obs.smtp.map((probe) => judgeProbe(ctx, probe, out));
  const failed = verdicts.find((v) => v.ok === false);
  const notAfters = verdicts
    .map((v) => v.notAfter)
    .filter((n): n is string => n !== null)
    .sort();
  const notAfter = notAfters[0] ?? null;
  if (failed !== undefined) return { status: failed.status, ok: false, notAfter };
  // An address that refuses connections is skipped by senders, who try the next one (RFC 5321 §5.1).
  if (verdicts.some((v) => v.ok === true)) return { status: 'ok', ok: true, notAfter };
  return { status: verdicts[0]?.status ?? 'not-checked', ok: null, notAfter };
}

export interface MxAssessment {
  readonly reports: readonly MxReport[];
  readonly findings: readonly Finding[];
  /** null when the MX lookup itself failed. */
  readonly known: boolean;
  readonly nullMx: boolean;
}

/** The MX hosts a sender would use: the MX records, or the domain itself when there are none (RFC 5321 §5.1). */
export function mxTargets(
  domain: string,
  mx: Lookup<readonly MxRecord[]>,
): { host: string; preference: number }[] | 'unknown' | 'null-mx' {
  if (mx.status === 'unknown') return 'unknown';
  if (mx.status === 'absent') return [{ host: domain, preference: 0 }];
  if (mx.value.some((r) => r.exchange === '')) return 'null-mx';
  return [...mx.value]
    .sort((a, b) => a.preference - b.preference)
    .map((r) => ({ host: r.exchange, preference: r.preference }));
}

/** Assess every MX host of the domain against the live policy (or, with `policy` null, TLS alone). */
export function assessMx(
  obs: DomainObservation,
  policy: Policy | null,
  now: Date,
  warningDays: number,
): MxAssessment {
  const d = obs.domain;
  const findings: Finding[] = [];
  const targets = mxTargets(d, obs.mx);
  if (targets === 'unknown') {
    const reason = obs.mx.status === 'unknown' ? obs.mx.reason : '';
    findings.push(makeFinding('mx-unknown', d, `The MX lookup of ${d} failed (${reason}).`));
    return { reports: [], findings, known: false, nullMx: false };
  }
  if (targets === 'null-mx') {
    findings.push(makeFinding('mx-null', d, `${d} publishes a null MX (RFC 7505): it accepts no mail.`));
    return { reports: [], findings, known: true, nullMx: true };
  }
  if (obs.mx.status === 'absent') {
    findings.push(
      makeFinding(
        'mx-implicit',
        d,
        `${d} has no MX record, so senders deliver to ${d} itself (RFC 5321 §5.1).`,
      ),
    );
  }
  const severity = tlsSeverity(policy?.mode ?? null);
  const reports = targets.map(({ host, preference }): MxReport => {
    const tls = judgeHost({ domain: d, host, now, warningDays, severity }, obs.mxHosts[host], findings);
    const pattern = policy === null ? null : findMatchingPattern(policy.mx, host);
    const matched = policy === null ? null : pattern !== null;
    if (policy !== null && policy.mode !== 'none' && !matched) {
      const message = `MX host ${host} matches no mx pattern of the policy (${policy.mx.join(', ') || 'none'}), so enforcing senders refuse it (RFC 8461 §4.1).`;
      findings.push(
        makeFinding('mx-not-covered', d, message, {
          host,
          severity: policy.mode === 'enforce' ? 'error' : 'warning',
          expected: policy.mx.join(', '),
          observed: host,
        }),
      );
    }
    const enforceOk =
      matched === false || tls.ok === false ? false : matched === true && tls.ok === true ? true : null;
    return { host, preference, matched, tls: tls.status, notAfter: tls.notAfter, enforceOk };
  });
  if (
    reports.some((r) => r.tls === 'not-checked') &&
    Object.values(obs.mxHosts).some((h) => h.smtp === null)
  ) {
    const reason =
      Object.values(obs.mxHosts).find((h) => h.notCheckedReason !== undefined)?.notCheckedReason ??
      'disabled';
    findings.push(makeFinding('mx-tls-not-checked', d, `MX TLS was not checked: ${reason}.`));
  }
  return { reports, findings, known: true, nullMx: false };
}
