/**
 * The text output of `mta-sts-drift reports` (issue #10 item 1). Every string from a report (organisation names,
 * result types, MX names, policy lines) passes through stripControl: reports come from anyone who can mail the
 * rua address, and must not drive the terminal.
 */
import type { DomainReports, ReportsSummary, SourceNote } from '../core/tlsrpt-aggregate.js';
import { stripControl } from './sanitize.js';
import type { Paint } from './terminal.js';

/** Most rows shown per breakdown; the rest are summed into one line. The JSON has them all. */
const MAX_ROWS = 10;

function percent(part: number, whole: number): string {
  return whole === 0 ? '0 %' : `${((100 * part) / whole).toFixed(part === whole || part === 0 ? 0 : 2)} %`;
}

function rows(label: string, entries: [string, string][]): string[] {
  if (entries.length === 0) return [];
  const shown = entries.slice(0, MAX_ROWS).map(([k, v]) => `    ${stripControl(k)}: ${v}`);
  if (entries.length > MAX_ROWS) shown.push(`    ... ${entries.length - MAX_ROWS} more (see --json)`);
  return [`  ${label}:`, ...shown];
}

function policyLine(lines: readonly string[] | null): string {
  if (lines === null) return '(no policy-string)';
  return stripControl(lines.join('; '));
}

function domainLines(d: DomainReports, paint: Paint): string[] {
  const total = d.successful + d.failed;
  const failed = `${d.failed} failed (${percent(d.failed, total)})`;
  const out = [
    '',
    `${paint('bold', stripControl(d.domain))}: ${d.reports} report(s), ${d.successful} session(s) succeeded, ${d.failed > 0 ? paint('red', failed) : failed}; latest report ends ${d.lastReportEnd}`,
    ...rows(
      'by result type',
      Object.entries(d.byResultType).map(([k, n]) => [k, String(n)]),
    ),
    ...rows(
      'by MX',
      Object.entries(d.byMx).map(([k, n]) => [k, String(n)]),
    ),
    ...rows(
      'by organisation',
      Object.entries(d.byOrganization).map(([k, o]) => [
        k,
        `${o.reports} report(s), ${o.successful} succeeded, ${o.failed} failed`,
      ]),
    ),
  ];
  const old = d.appliedPolicies.filter((p) => p.current === false);
  if (old.length > 0) {
    out.push(
      ...rows(
        paint('yellow', 'senders on an old policy'),
        old.map((p) => [p.organization, `${p.sessions} session(s) under "${policyLine(p.policyString)}"`]),
      ),
    );
  } else if (d.appliedPolicies.every((p) => p.current === null)) {
    out.push(
      '  policy applied by senders: not compared with the live policy (add --live, or use check --tlsrpt)',
    );
  }
  return out;
}

function notes(title: string, list: readonly SourceNote[]): string[] {
  if (list.length === 0) return [];
  const shown = list
    .slice(0, MAX_ROWS * 2)
    .map((n) => `  ${stripControl(n.source)}: ${stripControl(n.reason)}`);
  if (list.length > MAX_ROWS * 2) shown.push(`  ... ${list.length - MAX_ROWS * 2} more (see --json)`);
  return ['', `${title} (${list.length}):`, ...shown];
}

/** Render the summary as text lines. */
export function renderReportsText(summary: ReportsSummary, paint: Paint): string {
  const reports = summary.domains.reduce((n, d) => n + d.reports, 0);
  const lines = [
    `TLS-RPT reports from ${summary.window.start} to ${summary.window.end}: ${summary.domains.length} domain(s), ${reports} report(s) counted, ${summary.rejected.length} rejected, ${summary.ignored.length} ignored`,
  ];
  for (const d of summary.domains) lines.push(...domainLines(d, paint));
  if (summary.domains.length === 0) lines.push('', 'No report in the window.');
  lines.push(...notes(paint('red', 'rejected'), summary.rejected), ...notes('ignored', summary.ignored));
  return `${lines.join('\n')}\n`;
}
