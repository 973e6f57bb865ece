/**
 * Ties between TLS-RPT reports and the live check (issue #10 item 1, "Ties to check"). Pure.
 *
 * - A live finding that a reported failure explains gets "Confirmed by <org>: N failed sessions (<result-type>)."
 * - Failures no live finding explains become `tlsrpt-failures`, one per receiving MX, severity by share and recency.
 * - Senders whose `policy-string` differs from the live policy become `tlsrpt-old-policy`, naming them.
 * - A published TLS-RPT record with no recent report gives the notice `tlsrpt-no-reports`.
 */
import { makeFinding } from './findings.js';
import { normalizeHost } from './mx-pattern.js';
import type { Policy } from './policy.js';
import {
  aggregateReports,
  type DomainReports,
  type FailureCell,
  type SourcedReport,
} from './tlsrpt-aggregate.js';
import type { Finding, PolicySummary, Severity } from './types.js';

const DAY_MS = 86_400_000;

/** The thresholds of the ties, documented in README.md ("TLS-RPT reports"). */
export const TLSRPT_THRESHOLDS = {
  /** Unexplained failures at or above this share of the domain's sessions, seen recently: error. */
  errorShare: 0.05,
  /** At or above this share (or the error share, but not recent): warning. Below: notice. */
  warningShare: 0.01,
  /** "Recent": a report containing the failures ended at most this long before now. */
  recentMs: 2 * DAY_MS,
  /** A sender on an old policy counts when seen this recently (older reports predate a legitimate change). */
  oldPolicyMs: 3 * DAY_MS,
  /** No report ending within this long, with TLS-RPT published and a source given: notice. */
  noReportsMs: 3 * DAY_MS,
} as const;

/** Reports to tie to one domain's check: only those naming the domain are needed. */
export interface TlsRptInput {
  readonly reports: readonly SourcedReport[];
  readonly window: { readonly start: Date; readonly end: Date };
  /** False when a source could not be read: a missing report then proves nothing (no tlsrpt-no-reports). */
  readonly complete?: boolean;
}

/**
 * RFC 8460 §4.3 result types and the live findings that explain them. MX codes must name the same host as the
 * failure; policy codes apply to the whole domain. DANE types (RFC 8460 §4.3.2) are explained by the DANE findings
 * of `check --dane` (issue #7); `dane-required` (no validated TLSA at all) has no live counterpart, so it always shows.
 */
const EXPLAINED_BY: Readonly<Record<string, readonly string[]>> = {
  'starttls-not-supported': ['mx-starttls-missing', 'mx-tls-failed', 'mx-tls-old'],
  'certificate-expired': ['mx-cert-expired'],
  'certificate-host-mismatch': ['mx-cert-name-mismatch'],
  'certificate-not-trusted': ['mx-cert-untrusted'],
  'validation-failure': [
    'mx-cert-untrusted',
    'mx-cert-expired',
    'mx-cert-name-mismatch',
    'mx-tls-failed',
    'mx-tls-old',
    'mx-not-covered',
  ],
  'sts-policy-fetch-error': [
    'policy-host-missing',
    'policy-fetch-failed',
    'policy-fetch-timeout',
    'policy-redirect',
    'policy-http-status',
    'policy-content-type',
    'policy-too-large',
    'policy-without-record',
  ],
  'sts-policy-invalid': [
    'policy-line-invalid',
    'policy-version-missing',
    'policy-version-invalid',
    'policy-mode-missing',
    'policy-mode-invalid',
    'policy-max-age-missing',
    'policy-max-age-invalid',
    'policy-max-age-too-large',
    'policy-mx-invalid',
    'policy-mx-missing',
    'policy-key-case',
  ],
  'tlsa-invalid': ['tlsa-mismatch', 'tlsa-unusable'],
  'dnssec-invalid': ['tlsa-lookup-failed'],
  'sts-webpki-invalid': [
    'policy-cert-expired',
    'policy-cert-not-yet-valid',
    'policy-cert-untrusted',
    'policy-cert-name-mismatch',
  ],
};

function explains(finding: Finding, cell: FailureCell): boolean {
  if (!(EXPLAINED_BY[cell.resultType] ?? []).includes(finding.code)) return false;
  const perHost = finding.code.startsWith('mx-') || finding.code.startsWith('tlsa-');
  // The MX record keeps the case it was published in; report names are lower-cased without the dot (RFC 8461 §4.1).
  return !perHost || finding.host === undefined || normalizeHost(finding.host) === cell.mx;
}

/** Organisation names are remote text: bounded in messages (reporters still escape them). */
function org(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}

function list(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join('; ');
  return items.length > max ? `${shown}; and ${items.length - max} more` : shown;
}

function confirm(finding: Finding, cells: readonly FailureCell[]): Finding {
  const mine = cells.filter((c) => explains(finding, c));
  if (mine.length === 0) return finding;
  const parts = mine.map(
    (c) => `confirmed by ${org(c.organization)}: ${c.sessions} failed sessions (${c.resultType})`,
  );
  const text = list(parts);
  return {
    ...finding,
    message: `${finding.message} TLS-RPT: ${text.charAt(0).toUpperCase()}${text.slice(1)}.`,
  };
}

/** Where port 25 was not probed, say what the reports saw instead (issue #10: MX TLS coverage on hosted runners). */
function coverage(finding: Finding, d: DomainReports): Finding {
  const text = `TLS-RPT reports stand in: ${d.successful} sessions succeeded and ${d.failed} failed in ${d.reports} report(s) of the window.`;
  return { ...finding, message: `${finding.message} ${text}` };
}

/** Severity of unexplained failures by share of the domain's sessions and recency (README: "TLS-RPT reports"). */
export function failureSeverity(failed: number, total: number, lastSeen: string, now: Date): Severity {
  const share = total === 0 ? 1 : failed / total;
  const recent = now.getTime() - Date.parse(lastSeen) <= TLSRPT_THRESHOLDS.recentMs;
  if (share >= TLSRPT_THRESHOLDS.errorShare && recent) return 'error';
  if (share >= TLSRPT_THRESHOLDS.warningShare) return 'warning';
  return 'notice';
}

function unexplainedFindings(d: DomainReports, cells: readonly FailureCell[], now: Date): Finding[] {
  const total = d.successful + d.failed;
  const byMx = new Map<string, FailureCell[]>();
  for (const c of cells) byMx.set(c.mx, [...(byMx.get(c.mx) ?? []), c]);
  return [...byMx].map(([mx, group]) => {
    const failed = group.reduce((n, c) => n + c.sessions, 0);
    const lastSeen = group.reduce((a, c) => (c.lastSeen > a ? c.lastSeen : a), '');
    const share = total === 0 ? 100 : (100 * failed) / total;
    const where = mx === '(none)' ? 'with no MX named' : `on ${mx}`;
    const detail = list(group.map((c) => `${c.resultType}: ${c.sessions} from ${org(c.organization)}`));
    const message = `TLS-RPT reports show ${failed} failed sessions ${where} (${share.toFixed(2)} % of ${total} sessions for ${d.domain}, latest in a report ending ${lastSeen}) that this run does not explain: ${detail}.`;
    return makeFinding('tlsrpt-failures', d.domain, message, {
      ...(mx === '(none)' ? {} : { host: mx }),
      severity: failureSeverity(failed, total, lastSeen, now),
      observed: `${failed} failed of ${total}`,
    });
  });
}

function oldPolicyFinding(d: DomainReports, now: Date): Finding[] {
  const since = now.getTime() - TLSRPT_THRESHOLDS.oldPolicyMs;
  const old = d.appliedPolicies.filter((p) => p.current === false && Date.parse(p.lastSeen) >= since);
  if (old.length === 0) return [];
  const names = [...new Set(old.map((p) => org(p.organization)))];
  const sessions = old.reduce((n, p) => n + p.sessions, 0);
  const message = `Senders still apply a policy other than the one published now for ${d.domain}: ${list(names, 5)} (${sessions} sessions in reports of the last ${TLSRPT_THRESHOLDS.oldPolicyMs / DAY_MS} days).`;
  return [makeFinding('tlsrpt-old-policy', d.domain, message, { observed: names.join(', ') })];
}

/** The live policy for comparing senders' policy-strings: undefined when not known (a lookup failed). */
export function livePolicy(
  status: PolicySummary['status'],
  policy: Policy | null,
): Policy | null | undefined {
  if (status === 'valid') return policy;
  return status === 'absent' || status === 'invalid' ? null : undefined;
}

export interface TiesInput {
  readonly domain: string;
  readonly findings: readonly Finding[];
  readonly input: TlsRptInput;
  /** The live policy: a Policy when valid, null when known absent or invalid, undefined when not known. */
  readonly live: Policy | null | undefined;
  /** A single valid TLS-RPT record is published. */
  readonly tlsrptPublished: boolean;
  readonly now: Date;
}

/** Apply the ties; returns the findings (confirmed ones rewritten, new ones appended) and the domain summary. */
export function tieReports(t: TiesInput): { findings: Finding[]; summary: DomainReports | null } {
  const live = new Map<string, Policy | null>();
  if (t.live !== undefined) live.set(t.domain, t.live);
  const summary =
    aggregateReports(t.input.reports, [], t.input.window, live).domains.find((d) => d.domain === t.domain) ??
    null;
  const cells = summary?.failures ?? [];
  const findings = t.findings.map((f) =>
    f.code === 'mx-tls-not-checked' && summary !== null ? coverage(f, summary) : confirm(f, cells),
  );
  if (summary !== null) {
    const unexplained = cells.filter((c) => !t.findings.some((f) => explains(f, c)));
    findings.push(...unexplainedFindings(summary, unexplained, t.now), ...oldPolicyFinding(summary, t.now));
  }
  const last = summary?.lastReportEnd;
  if (
    t.input.complete !== false &&
    t.tlsrptPublished &&
    (last === undefined || t.now.getTime() - Date.parse(last) > TLSRPT_THRESHOLDS.noReportsMs)
  ) {
    const days = TLSRPT_THRESHOLDS.noReportsMs / DAY_MS;
    const seen =
      last === undefined
        ? `none in the window since ${t.input.window.start.toISOString()}`
        : `the latest ends ${last}`;
    findings.push(
      makeFinding(
        'tlsrpt-no-reports',
        t.domain,
        `No TLS-RPT report for ${t.domain} ended in the last ${days} days (${seen}), although the domain publishes TLS-RPT.`,
      ),
    );
  }
  return { findings, summary };
}
