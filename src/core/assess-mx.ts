/**
 * Per MX host: would an RFC 8461 sender deliver to it? (§4.1 pattern match, §4.2 certificate checks.)
 * Every MX that may be used must pass, backups included (§8.4).
 */
import { capMxTargets, listSome, MAX_MX_HOSTS_PER_DOMAIN } from './fan-out.js';
import { makeFinding } from './findings.js';
import { judgeHost, tlsSeverity } from './judge-mx-host.js';
import { findMatchingPattern } from './mx-pattern.js';
import type { Policy } from './policy.js';
import type { DomainObservation, Finding, Lookup, MxRecord, MxReport } from './types.js';

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
  // Only the first hosts by preference are probed (issue #11 item 6); the others are still matched against the
  // policy, which costs no connection, and their TLS is "not checked".
  const { skipped } = capMxTargets(targets);
  if (skipped.length > 0) {
    const names = skipped.map((t) => t.host);
    findings.push(
      makeFinding(
        'mx-hosts-truncated',
        d,
        `${d} has ${targets.length} MX hosts; only the first ${MAX_MX_HOSTS_PER_DOMAIN} by preference were checked, not ${listSome(names)}.`,
        { expected: `at most ${MAX_MX_HOSTS_PER_DOMAIN}`, observed: String(targets.length) },
      ),
    );
  }
  const notProbed = new Set(skipped.map((t) => t.host));
  const reports = targets.map(({ host, preference }): MxReport => {
    const tls = notProbed.has(host)
      ? { status: 'not-checked' as const, ok: null, notAfter: null }
      : judgeHost({ domain: d, host, now, warningDays, severity }, obs.mxHosts[host], findings);
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
