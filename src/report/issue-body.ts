/**
 * The text of a drift issue, and the hidden markers that let the next run find it and see what it said.
 *
 * `<!-- mta-sts-drift:domain=example.com -->` names the domain; `<!-- mta-sts-drift:findings=... -->` lists the
 * finding keys (severity, code, host; no timestamps) the body was written for, so a run can tell "changed" from
 * "same as last night" without comparing prose (issue #3).
 */
import { refusalLine } from '../core/sender-findings.js';
import type { DomainReport, Finding } from '../core/types.js';
import { cachedRefusalLines } from './cached-lines.js';
import { codeSpan, escapeMarkdown, fixMarkdown } from './markdown.js';

/**
 * The markers are the body's first two lines, whole (issue #11 item 5): remote text quoted further down can never
 * pass for one, however it is written.
 */
const DOMAIN_MARKER = /^<!-- mta-sts-drift:domain=([^\s<>]+) -->$/;
const FINDINGS_MARKER = /^<!-- mta-sts-drift:findings=([^\s<>]*) -->$/;
/** A finding key as findingKey writes it: a severity, then the encoded code and host. */
const KEY = /^(?:error|warning|notice):[^:]*:[^:]*$/;

/** GitHub refuses issue bodies over 65,536 characters; the findings list stops well before. */
export const MAX_ISSUE_BODY_CHARS = 60_000;

/** Severity, code and host of a finding: what a change means. Encoded so a host cannot end the comment. */
export function findingKey(finding: Finding): string {
  return [finding.severity, finding.code, finding.host ?? ''].map(encodeURIComponent).join(':');
}

/** The sorted, de-duplicated keys of some findings. */
export function findingKeys(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map(findingKey))].sort();
}

/** decodeURIComponent, or null for a malformed `%` escape (an edited marker; issue #11 item 4). */
function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Whether an edited marker still holds a key this code wrote: the form, and escapes that decode. */
function isFindingKey(key: string): boolean {
  return KEY.test(key) && key.split(':').every((part) => decodePart(part) !== null);
}

/** A key back in words for a comment: `` `code` (host) ``. A part that does not decode is shown as typed. */
export function describeKey(key: string): string {
  const [, code = '', host = ''] = key.split(':').map((part) => decodePart(part) ?? part);
  return host === '' ? codeSpan(code) : `${codeSpan(code)} (${codeSpan(host)})`;
}

/** What a drift issue's hidden markers say; null when the body has no domain marker. */
export interface IssueMarker {
  readonly domain: string;
  /** null when the findings marker is missing (an edited body): treated as "different". */
  readonly keys: readonly string[] | null;
}

/**
 * Read the markers of the body's first two lines (GitHub may store an edited body with CRLF). A findings marker
 * that is missing or was edited into something this code never wrote counts as "changed": keys null.
 */
export function parseIssueMarker(body: string | null | undefined): IssueMarker | null {
  const [first = '', second = ''] = (body ?? '').split('\n', 2).map((line) => line.replace(/\r$/, ''));
  const domain = DOMAIN_MARKER.exec(first)?.[1];
  if (domain === undefined) return null;
  const raw = FINDINGS_MARKER.exec(second)?.[1];
  const keys = raw === undefined ? [] : raw.split(',').filter((k) => k !== '');
  return { domain, keys: raw === undefined || !keys.every(isFindingKey) ? null : keys };
}

/**
 * The title of a new drift issue: the domain, and the classes of sender that refuse some MX host of it, when any
 * counted one does (issue #7 item 4), e.g. `MTA-STS drift on example.com: Exchange Online and Postfix (DANE)
 * refuse mx1.example.com`. Issues are found by their marker, never by title, so the title may change freely.
 */
export function issueTitle(report: Pick<DomainReport, 'domain' | 'senders'>): string {
  const refusal = refusalLine(report.senders);
  return `MTA-STS drift on ${report.domain}${refusal === null ? '' : `: ${refusal}`}`;
}

/** A finding as a Markdown list item with its expected/observed values and its fix; every remote text escaped. */
export function findingLines(finding: Finding): string[] {
  const on = finding.host === undefined ? '' : ` on ${codeSpan(finding.host)}`;
  const lines = [
    `- **${finding.severity}** ${codeSpan(finding.code)}${on}: ${escapeMarkdown(finding.message)}`,
  ];
  if (finding.expected !== undefined || finding.observed !== undefined) {
    const expected = finding.expected === undefined ? '' : `expected ${codeSpan(finding.expected)}`;
    const observed = finding.observed === undefined ? '' : `observed ${codeSpan(finding.observed)}`;
    lines.push(`  - ${[expected, observed].filter(Boolean).join(', ')}`);
  }
  lines.push(`  - Fix: ${fixMarkdown(finding.fix)}`);
  return lines;
}

function verdict(value: boolean | null): string {
  return value === null ? 'unknown' : value ? '**yes**' : 'no';
}

/** The line naming the sender classes that refuse some MX host (issue #7 item 4), when any counted one does. */
function refusedBy(report: DomainReport): string[] {
  const refusal = refusalLine(report.senders);
  return refusal === null ? [] : ['', `Sender classes that refuse mail: ${escapeMarkdown(refusal)}.`];
}

/** The issue body: markers, a one-line verdict, the findings with their fixes. */
export function renderIssueBody(report: DomainReport, findings: readonly Finding[], now: Date): string {
  const head = [
    `<!-- mta-sts-drift:domain=${report.domain} -->`,
    `<!-- mta-sts-drift:findings=${findingKeys(findings).join(',')} -->`,
    `## MTA-STS drift on ${codeSpan(report.domain)}`,
    '',
    `Status: **${report.status}** · enforcing senders bounce mail: ${verdict(report.bounces)} · ` +
      `policy: ${report.policy.status}${report.policy.mode === null ? '' : `, mode ${report.policy.mode}`}` +
      `${report.policy.id === null ? '' : `, id ${codeSpan(report.policy.id)}`}`,
    ...refusedBy(report),
    '',
    // What senders may still hold, and until when (issue #8 item 4): the date the issue can be expected to close.
    ...cachedRefusalLines(report).flatMap((line) => [escapeMarkdown(line), '']),
    `### Findings (${findings.length})`,
    '',
  ];
  const tail = [
    '',
    `_Checked ${now.toISOString()} by mta-sts-drift. This issue is updated when the findings change and closed ` +
      'when the domain is healthy again; edits to this text are overwritten._',
  ];
  let size = [...head, ...tail].join('\n').length;
  const body: string[] = [];
  for (const [index, finding] of findings.entries()) {
    const lines = findingLines(finding);
    size += lines.join('\n').length + 1;
    if (size > MAX_ISSUE_BODY_CHARS) {
      body.push(`- … and ${findings.length - index} more findings; see the job summary.`);
      break;
    }
    body.push(...lines);
  }
  return [...head, ...body, ...tail].join('\n');
}
