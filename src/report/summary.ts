/**
 * The job summary: counts, a table of domains (worst first) with status, verdict and top finding, extra sections
 * (pull request, issues, annotations), then the findings per domain. Beyond COLLAPSE_AFTER domains each domain's
 * details fold into a <details> element. GitHub refuses a summary over 1 MiB, so the details stop before.
 */
import type { CheckReport } from '../check.js';
import { refusalLine } from '../core/sender-findings.js';
import type { DomainReport, Finding } from '../core/types.js';
import { cachedRefusalLines, utcTime } from './cached-lines.js';
import { causesMarkdown, someOf, type CauseIssueLink } from './causes.js';
import { findingLines } from './issue-body.js';
import { codeSpan, escapeHtml, escapeMarkdown, table } from './markdown.js';

export const COLLAPSE_AFTER = 20;
/** Room kept below GitHub's 1 MiB per step for whatever else writes to the summary. */
export const MAX_SUMMARY_BYTES = 900 * 1024;
/** Table rows beyond this are counted, not shown (worst first, so nothing urgent is cut). */
export const MAX_TABLE_ROWS = 1000;

export interface SummarySection {
  readonly title: string;
  /** Already escaped Markdown. */
  readonly markdown: string;
}

export interface SummaryInput {
  readonly report: CheckReport;
  /** One line on the outcome, e.g. "fail-on: error, so this run fails". */
  readonly verdict: string;
  readonly sections: readonly SummarySection[];
  /** With `issue-grouping: cause`: the issue of each cause, by key. */
  readonly causeIssues?: ReadonlyMap<string, CauseIssueLink>;
}

const STATUS_LABEL: Record<DomainReport['status'], string> = {
  error: '❌ error',
  warning: '⚠️ warning',
  unknown: '❔ unknown',
  incomplete: '◐ incomplete',
  ok: '✅ ok',
};
const STATUS_ORDER: Record<DomainReport['status'], number> = {
  error: 0,
  warning: 1,
  unknown: 2,
  incomplete: 3,
  ok: 4,
};
const SKIPPED_LABEL: Record<DomainReport['notChecked'][number], string> = { 'mx-tls': 'MX TLS' };

/** The status cell, with what was not checked (issue #10 part 3: never a plain "ok" over skipped checks). */
function statusCell(d: DomainReport): string {
  if (d.notChecked.length === 0) return STATUS_LABEL[d.status];
  return `${STATUS_LABEL[d.status]} (${d.notChecked.map((c) => SKIPPED_LABEL[c]).join(', ')} not checked)`;
}

function bounces(d: DomainReport): string {
  if (d.bounces === true) return '**bounces**';
  if (d.bouncesIfEnforced === true) return 'would bounce if enforced';
  return d.bounces === null ? 'unknown' : 'delivers';
}

function topFinding(findings: readonly Finding[]): string {
  const first = findings[0];
  if (first === undefined) return '—';
  const more = findings.length > 1 ? ` (+${findings.length - 1} more)` : '';
  return `${escapeMarkdown(first.code)}: ${escapeMarkdown(first.message, 140)}${more}`;
}

/** Worst first: bouncing, then by status, then by name. */
export function rankDomains(domains: readonly DomainReport[]): DomainReport[] {
  return [...domains].sort(
    (a, b) =>
      Number(b.bounces === true) - Number(a.bounces === true) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0),
  );
}

function header(report: CheckReport, verdict: string): string[] {
  const s = report.summary;
  const lines = [
    '## MTA-STS drift report',
    '',
    `**${s.domains} domains**: ${s.errors} errors, ${s.warnings} warnings, ${s.notices} notices. ${escapeMarkdown(verdict)}`,
  ];
  if (s.bouncing.length > 0) {
    lines.push('', `**Mail bounces** at enforcing senders for: ${someOf(s.bouncing, (d) => codeSpan(d))}.`);
  }
  // A cached policy that refuses every live MX host bounces mail until its window ends (issue #8 item 4).
  const windows = report.domains.filter((d) => d.bouncesForCachedSenders === true && d.bounceWindowEnd);
  if (windows.length > 0) {
    const ends = new Map(windows.map((d) => [d.domain, utcTime(d.bounceWindowEnd ?? '')]));
    const each = (domain: string): string => `${codeSpan(domain)} until ${ends.get(domain) ?? ''}`;
    lines.push(
      '',
      `**Mail bounces for senders holding a cached policy** of ${someOf([...ends.keys()], each)}.`,
    );
  }
  if (report.runFindings.length > 0) {
    lines.push(
      '',
      '**This run could not observe everything:**',
      '',
      ...report.runFindings.flatMap(findingLines),
    );
  }
  for (const notice of report.notices) lines.push('', `> ${escapeMarkdown(notice)}`);
  return lines;
}

function details(domain: DomainReport, collapse: boolean): string {
  // What senders may still hold, and until when (issue #8 item 4), before the findings.
  const cached = cachedRefusalLines(domain).map((line) => `- **cached policy**: ${escapeMarkdown(line)}`);
  const findings = [
    ...cached,
    ...(domain.findings.length === 0 && cached.length === 0 ? ['No findings.'] : []),
    ...domain.findings.flatMap(findingLines),
  ];
  const skipped = domain.notChecked.length === 0 ? '' : ' (MX TLS not checked)';
  const title = `${domain.domain}: ${domain.status}${skipped}, ${domain.findings.length} findings`;
  if (!collapse) return [`#### ${escapeMarkdown(domain.domain)}`, '', ...findings].join('\n');
  return [`<details><summary>${escapeHtml(title)}</summary>`, '', ...findings, '', '</details>'].join('\n');
}

/**
 * One line per domain that some counted sender class refuses (issue #7 item 4), worst first, at most
 * MAX_TABLE_ROWS of them; nothing when none does.
 */
function refusals(ranked: readonly DomainReport[]): string[] {
  const lines = ranked.flatMap((d) => {
    const refusal = refusalLine(d.senders);
    return refusal === null ? [] : [`- ${codeSpan(d.domain)}: ${escapeMarkdown(refusal)}`];
  });
  if (lines.length === 0) return [];
  const shown = lines.slice(0, MAX_TABLE_ROWS);
  const more = lines.length - shown.length;
  return [
    '',
    '**Sender classes that refuse mail** (see "Sender profiles" in the README):',
    '',
    ...shown,
    ...(more > 0 ? [`- … and ${more} more domains`] : []),
  ];
}

/** A piece of the summary: a line, or one domain's details (kept whole). */
interface Piece {
  readonly text: string;
  readonly domain: boolean;
}

/** Bytes kept for the line that says what was left out. */
const CUT_LINE_ROOM = 400;

function cutLine(left: readonly Piece[]): string {
  const domains = left.filter((p) => p.domain).length;
  const lines = left.length - domains;
  const kib = Math.ceil(left.reduce((sum, p) => sum + Buffer.byteLength(p.text) + 1, 0) / 1024);
  const what = [
    lines > 0 ? `${lines} more lines of this summary` : '',
    domains > 0 ? `the details of ${domains} domains` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `… ${what} left out to stay under GitHub's 1 MiB job summary limit (${kib} KiB); the JSON report (output \`report\`) has everything.`;
}

/**
 * Render the summary, at most MAX_SUMMARY_BYTES of UTF-8 in all, header, table and sections included (issue #11
 * item 8): the pieces are kept in order until the next one does not fit, then one line says what was left out.
 */
export function renderSummary(input: SummaryInput): string {
  const ranked = rankDomains(input.report.domains);
  const rows = ranked
    .slice(0, MAX_TABLE_ROWS)
    .map((d) => [escapeMarkdown(d.domain), statusCell(d), bounces(d), topFinding(d.findings)]);
  const cut = ranked.length - rows.length;
  const lines = [
    ...header(input.report, input.verdict),
    ...causesMarkdown(input.report, input.causeIssues),
    '',
    table(['Domain', 'Status', 'Enforcing senders', 'Top finding'], rows),
    ...(cut > 0 ? ['', `… and ${cut} more domains, all of them in the JSON report.`] : []),
    ...refusals(ranked),
    ...input.sections.flatMap((s) => ['', `### ${s.title}`, '', s.markdown]),
    '',
    '### Details',
  ].flatMap((text) => text.split('\n'));
  const collapse = ranked.length > COLLAPSE_AFTER;
  const pieces: Piece[] = [
    ...lines.map((text) => ({ text, domain: false })),
    // The blank line before each domain's details separates the blocks.
    ...ranked.map((domain) => ({ text: `\n${details(domain, collapse)}`, domain: true })),
  ];
  const budget = MAX_SUMMARY_BYTES - CUT_LINE_ROOM;
  const kept: string[] = [];
  let size = 0;
  for (const [index, piece] of pieces.entries()) {
    const bytes = Buffer.byteLength(piece.text) + 1;
    if (size + bytes > budget) {
      // A blank line first, so the cut line never continues a table or a list.
      kept.push('', cutLine(pieces.slice(index)));
      break;
    }
    kept.push(piece.text);
    size += bytes;
  }
  return `${kept.join('\n')}\n`;
}
