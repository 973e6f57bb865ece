/**
 * Sum TLS-RPT reports per policy domain over a window: the `reports --json` format of issue #10 item 1. Pure.
 *
 * Counting rules (issue #10): a report counts once per (organization-name, report-id); `successful` and `failed`
 * sum the summaries of every policy entry; `byResultType` and `byMx` sum `failed-session-count` of the failure
 * details, MX names lower-cased without the trailing dot ("(none)" when a detail names no MX).
 */
import { parsePolicy, type Policy } from './policy.js';
import type { TlsRptReport, TolerationCode } from './tlsrpt-report.js';

/** Version of the `reports --json` format (README: "TLS-RPT reports"). */
export const REPORTS_VERSION = 1;
/** Key of `byMx` for failure details without `receiving-mx-hostname`. */
export const NO_MX = '(none)';

export interface SourcedReport {
  /** Where the report came from: a file path, `file.eml#2`, or `imap://host/mailbox/UID`. */
  readonly source: string;
  readonly report: TlsRptReport;
}

export interface SourceNote {
  readonly source: string;
  readonly reason: string;
}

export interface OrganizationCounts {
  readonly reports: number;
  readonly successful: number;
  readonly failed: number;
}

export interface AppliedPolicy {
  readonly organization: string;
  readonly policyType: string;
  readonly policyString: readonly string[] | null;
  /** Sessions (successful + failed) reported under this policy-string. */
  readonly sessions: number;
  /** Same as the policy published now; null when the live policy or the policy-string is not known. */
  readonly current: boolean | null;
  /** The latest end-datetime of the reports that applied it (added field). */
  readonly lastSeen: string;
}

/** One (organisation, result type, MX) cell of the failures, for the ties to `check` (an added field). */
export interface FailureCell {
  readonly organization: string;
  readonly resultType: string;
  readonly mx: string;
  readonly sessions: number;
  /** The latest end-datetime of the reports that contain it. */
  readonly lastSeen: string;
}

export interface DomainReports {
  readonly domain: string;
  readonly reports: number;
  readonly successful: number;
  readonly failed: number;
  readonly byResultType: Readonly<Record<string, number>>;
  readonly byMx: Readonly<Record<string, number>>;
  readonly byOrganization: Readonly<Record<string, OrganizationCounts>>;
  readonly appliedPolicies: readonly AppliedPolicy[];
  readonly failures: readonly FailureCell[];
  /** The latest end-datetime of the domain's reports (added field). */
  readonly lastReportEnd: string;
  /** Variations of RFC 8460 §4.4 met in the domain's reports (added field). */
  readonly tolerated: readonly TolerationCode[];
}

export interface ReportsSummary {
  readonly version: typeof REPORTS_VERSION;
  readonly window: { readonly start: string; readonly end: string };
  readonly domains: readonly DomainReports[];
  readonly rejected: readonly SourceNote[];
  readonly ignored: readonly SourceNote[];
}

/** The live policy per domain: a Policy when valid and known, null when known to be absent or invalid. */
export type LivePolicies = ReadonlyMap<string, Policy | null>;

/**
 * Does a sender's `policy-string` say what the live policy says? Compared by meaning (mode, max_age, the mx
 * set, case-insensitive), not by bytes: line order and CRLF do not matter to a sender (RFC 8461 §3.2).
 */
export function samePolicy(policyString: readonly string[], live: Policy): boolean {
  const parsed = parsePolicy(policyString.join('\n')).value;
  if (parsed === null) return false;
  const set = (mx: readonly string[]): string =>
    [...new Set(mx.map((m) => m.toLowerCase()))].sort().join(' ');
  return parsed.mode === live.mode && parsed.maxAge === live.maxAge && set(parsed.mx) === set(live.mx);
}

function current(
  policyType: string,
  policyString: readonly string[] | null,
  live: Policy | null | undefined,
): boolean | null {
  if (live === undefined || policyString === null || policyType !== 'sts') return null;
  return live === null ? false : samePolicy(policyString, live);
}

class DomainTally {
  reports = 0;
  successful = 0;
  failed = 0;
  lastReportEnd = '';
  readonly byResultType = new Map<string, number>();
  readonly byMx = new Map<string, number>();
  readonly byOrganization = new Map<string, { reports: number; successful: number; failed: number }>();
  readonly applied = new Map<string, AppliedPolicy>();
  readonly failures = new Map<string, FailureCell>();
  readonly tolerated = new Set<TolerationCode>();

  constructor(readonly domain: string) {}

  add(report: TlsRptReport, live: Policy | null | undefined): void {
    this.reports++;
    if (report.end > this.lastReportEnd) this.lastReportEnd = report.end;
    for (const t of report.tolerated) this.tolerated.add(t);
    const org = this.byOrganization.get(report.organization) ?? { reports: 0, successful: 0, failed: 0 };
    org.reports++;
    this.byOrganization.set(report.organization, org);
    for (const p of report.policies.filter((x) => x.policyDomain === this.domain)) {
      this.successful += p.successful;
      this.failed += p.failed;
      org.successful += p.successful;
      org.failed += p.failed;
      const key = JSON.stringify([report.organization, p.policyType, p.policyString]);
      const seen = this.applied.get(key);
      this.applied.set(key, {
        organization: report.organization,
        policyType: p.policyType,
        policyString: p.policyString,
        sessions: (seen?.sessions ?? 0) + p.successful + p.failed,
        current: current(p.policyType, p.policyString, live),
        lastSeen: seen === undefined || report.end > seen.lastSeen ? report.end : seen.lastSeen,
      });
      for (const f of p.failures) {
        const mx = f.receivingMx ?? NO_MX;
        bump(this.byResultType, f.resultType, f.sessions);
        bump(this.byMx, mx, f.sessions);
        const cellKey = JSON.stringify([report.organization, f.resultType, mx]);
        const cell = this.failures.get(cellKey);
        this.failures.set(cellKey, {
          organization: report.organization,
          resultType: f.resultType,
          mx,
          sessions: (cell?.sessions ?? 0) + f.sessions,
          lastSeen: cell === undefined || report.end > cell.lastSeen ? report.end : cell.lastSeen,
        });
      }
    }
  }

  result(): DomainReports {
    return {
      domain: this.domain,
      reports: this.reports,
      successful: this.successful,
      failed: this.failed,
      // Object.fromEntries defines own properties, so a key like "__proto__" from a report stays plain data.
      byResultType: Object.fromEntries(sortByCount(this.byResultType)),
      byMx: Object.fromEntries(sortByCount(this.byMx)),
      byOrganization: Object.fromEntries(
        [...this.byOrganization].sort(
          (a, b) => b[1].successful + b[1].failed - (a[1].successful + a[1].failed) || cmp(a[0], b[0]),
        ),
      ),
      appliedPolicies: [...this.applied.values()].sort(
        (a, b) => b.sessions - a.sessions || cmp(a.organization, b.organization),
      ),
      failures: [...this.failures.values()].sort(
        (a, b) => b.sessions - a.sessions || cmp(a.organization, b.organization),
      ),
      lastReportEnd: this.lastReportEnd,
      tolerated: [...this.tolerated],
    };
  }
}

function bump(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortByCount(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
}

/**
 * Aggregate reports over `window`. A report is in the window when its end-datetime is (inclusively) within it,
 * so consecutive windows count each daily report once. Duplicates and reports outside the window go to `ignored`.
 */
export function aggregateReports(
  reports: readonly SourcedReport[],
  rejected: readonly SourceNote[],
  window: { readonly start: Date; readonly end: Date },
  live: LivePolicies = new Map(),
): ReportsSummary {
  const ignored: SourceNote[] = [];
  const firstSource = new Map<string, string>();
  const tallies = new Map<string, DomainTally>();
  const start = window.start.toISOString();
  const end = window.end.toISOString();
  for (const { source, report } of reports) {
    const key = JSON.stringify([report.organization, report.reportId]);
    const first = firstSource.get(key);
    if (first !== undefined) {
      ignored.push({ source, reason: `duplicate of ${first} (same organization-name and report-id)` });
      continue;
    }
    firstSource.set(key, source);
    if (report.end < start || report.end > end) {
      ignored.push({ source, reason: `outside the window (the report ends ${report.end})` });
      continue;
    }
    for (const domain of new Set(report.policies.map((p) => p.policyDomain))) {
      let tally = tallies.get(domain);
      if (tally === undefined) tallies.set(domain, (tally = new DomainTally(domain)));
      tally.add(report, live.get(domain));
    }
  }
  return {
    version: REPORTS_VERSION,
    window: { start, end },
    domains: [...tallies.values()].map((t) => t.result()).sort((a, b) => cmp(a.domain, b.domain)),
    rejected: [...rejected],
    ignored,
  };
}
