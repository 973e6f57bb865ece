/**
 * The text of a cause issue (input `issue-grouping: cause`, issue #9 item 1): one issue per root cause, listing
 * its domains, and the hidden markers that let the next run find it and tell "changed" from "same as last night".
 *
 * The markers are the body's first three lines, whole, as for the domain issues (issue #11 item 5):
 * - `<!-- mta-sts-drift:cause=KEY -->`: the cause key (src/core/causes.ts), percent-encoded so that no host in it
 *   can end the comment;
 * - `<!-- mta-sts-drift:cause-content=HASH -->`: a SHA-256 of what a change means (severity, the bounce verdicts,
 *   the sorted domains); titles and fixes are left out, so rewording never writes;
 * - `<!-- mta-sts-drift:cause-domains=COUNT:DATA -->`: how many domains, and the domains themselves, gzip and base64, so that a later run can keep a domain
 *   it could not observe in the cause instead of closing the issue for it (unknown is not drift). `-` when the
 *   list would not fit (MAX_MEMBER_CHARS); the planner is then more careful (src/report/cause-issues.ts).
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Cause } from '../core/causes.js';
import { MAX_ISSUE_BODY_CHARS } from './issue-body.js';
import { codeSpan, escapeMarkdown, escapeTitle, fixMarkdown } from './markdown.js';

const CAUSE_MARKER = /^<!-- mta-sts-drift:cause=([^\s<>]+) -->$/;
const CONTENT_MARKER = /^<!-- mta-sts-drift:cause-content=([0-9a-f]{64}) -->$/;
const DOMAINS_MARKER = /^<!-- mta-sts-drift:cause-domains=(\d{1,9}):([A-Za-z0-9+/=]+|-) -->$/;

/** Domains listed in the body; the rest is counted ("and 212 more"). */
export const MAX_LISTED_DOMAINS = 100;
/**
 * Room for the encoded domain list in the markers (a few thousand domains): with 100 listed domains of the longest
 * names the body stays under MAX_ISSUE_BODY_CHARS, below GitHub's 65,536.
 */
export const MAX_MEMBER_CHARS = 30_000;
/** Decoded domain lists are bounded too: an edited marker must not inflate into memory. */
const MAX_MEMBER_BYTES = 4 * 1024 * 1024;
/** GitHub's limit on issue titles is 256 characters. */
const MAX_TITLE_CHARS = 200;

/** What a cause issue's markers say; null when the body has no cause marker. */
export interface CauseMarker {
  readonly key: string;
  /** null when the content marker is missing or edited: treated as "changed". */
  readonly content: string | null;
  /** The domains it was written for; null when not stored (too many) or unreadable. */
  readonly domains: readonly string[] | null;
  /** How many domains it was written for; null when the marker is missing or edited. */
  readonly count: number | null;
}

/** The part of a cause an issue shows and tracks. */
export type IssueCause = Pick<
  Cause,
  'key' | 'severity' | 'title' | 'fix' | 'domains' | 'count' | 'bounces' | 'bouncesIfEnforced'
>;

/** SHA-256 of what a change of the cause means, in hex. */
export function causeContent(cause: IssueCause): string {
  const what = [cause.severity, cause.bounces, cause.bouncesIfEnforced, ...cause.domains];
  return createHash('sha256').update(JSON.stringify(what)).digest('hex');
}

function encodeMembers(domains: readonly string[]): string {
  const data = gzipSync(Buffer.from(domains.join('\n'), 'utf8')).toString('base64');
  return data.length <= MAX_MEMBER_CHARS ? data : '-';
}

function decodeMembers(data: string | undefined): string[] | null {
  if (data === undefined || data === '-') return null;
  try {
    const text = gunzipSync(Buffer.from(data, 'base64'), { maxOutputLength: MAX_MEMBER_BYTES });
    return text
      .toString('utf8')
      .split('\n')
      .filter((d) => d !== '');
  } catch {
    return null;
  }
}

function decodeKey(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Read the markers of the body's first three lines (an edited body may have CRLF). */
export function parseCauseMarker(body: string | null | undefined): CauseMarker | null {
  const [first = '', second = '', third = ''] = (body ?? '')
    .split('\n', 3)
    .map((line) => line.replace(/\r$/, ''));
  const raw = CAUSE_MARKER.exec(first)?.[1];
  const key = raw === undefined ? null : decodeKey(raw);
  if (key === null) return null;
  const members = DOMAINS_MARKER.exec(third);
  return {
    key,
    content: CONTENT_MARKER.exec(second)?.[1] ?? null,
    domains: decodeMembers(members?.[2]),
    count: members?.[1] === undefined ? null : Number(members[1]),
  };
}

/** "312 domains" or, for one, the domain itself. */
function affected(cause: IssueCause): string {
  return cause.count === 1 ? (cause.domains[0] ?? '') : `${cause.count} domains`;
}

/** "312 domains: MX x.h-v1.mx.microsoft is not covered by *.mx.microsoft: …", plain text, bounded. */
export function causeIssueTitle(cause: IssueCause): string {
  return escapeTitle(`${affected(cause)}: ${cause.title}`, MAX_TITLE_CHARS);
}

function verdict(cause: IssueCause): string {
  if (cause.bounces) return 'enforcing senders **bounce mail** for some of these domains';
  if (cause.bouncesIfEnforced) return 'senders would bounce mail once the policy is enforced';
  return 'no bounce predicted';
}

/** The issue body: markers, the cause, its fix, its domains (the first MAX_LISTED_DOMAINS), a footer. */
export function renderCauseIssueBody(cause: IssueCause, now: Date): string {
  const body = causeBody(cause, now, encodeMembers(cause.domains));
  // A long fix or title can leave too little room: the list of members goes, the issue stays writable.
  return body.length <= MAX_ISSUE_BODY_CHARS ? body : causeBody(cause, now, '-');
}

function causeBody(cause: IssueCause, now: Date, members: string): string {
  const listed = cause.domains.slice(0, MAX_LISTED_DOMAINS);
  const more = cause.count - listed.length;
  return [
    `<!-- mta-sts-drift:cause=${encodeURIComponent(cause.key)} -->`,
    `<!-- mta-sts-drift:cause-content=${causeContent(cause)} -->`,
    `<!-- mta-sts-drift:cause-domains=${cause.count}:${members} -->`,
    `## ${escapeMarkdown(affected(cause))}: ${escapeMarkdown(cause.title, 600)}`,
    '',
    `Severity: **${cause.severity}** · ${verdict(cause)} · cause ${codeSpan(cause.key)}`,
    '',
    `Fix: ${fixMarkdown(cause.fix)}`,
    '',
    `### Domains (${cause.count})`,
    '',
    ...listed.map((d) => `- ${codeSpan(d)}`),
    ...(more > 0
      ? [`- … and ${more} more; the JSON report (\`causes\`) and the job summary list them all.`]
      : []),
    '',
    `_Checked ${now.toISOString()} by mta-sts-drift. This issue groups every domain with this cause ` +
      '(`issue-grouping: cause`); it is updated when domains join or leave the cause or its severity changes, and ' +
      'closed when no domain has it any more; edits to this text are overwritten._',
  ].join('\n');
}
