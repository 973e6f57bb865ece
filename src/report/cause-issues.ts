/**
 * The cause-issue planner (input `issue-grouping: cause`, issue #9 item 1): current issues plus domain reports in,
 * the list of issue operations out, one issue per root cause. Pure, like the domain planner (issues.ts), and with
 * its guarantees:
 * - found by the marker of its cause key (cause-issue-body.ts); the lowest numbered issue of a key is kept, any
 *   other open one is closed as a duplicate;
 * - nothing is written while the cause's severity, bounce verdicts and domains are unchanged, so the writes follow
 *   the causes that changed, not the domains: 1,000 domains drifting on one MX host are one issue;
 * - unknown is not drift: a domain that could not be fully observed in this run stays in the causes its issue
 *   listed, and a cause issue is never closed while one of its domains is unobserved.
 *
 * Switching `issue-grouping` (planRegroupCloses): the other mode's open issues are closed with a comment naming the
 * issues that now track them, but only in a run whose own operations were all done (the caller checks), so nothing
 * is left untracked while the write cap defers the new issues.
 */
import { groupCauses, type Cause } from '../core/causes.js';
import type { DomainReport } from '../core/types.js';
import {
  causeContent,
  causeIssueTitle,
  parseCauseMarker,
  renderCauseIssueBody,
  type CauseMarker,
  type IssueCause,
} from './cause-issue-body.js';
import {
  isIncomplete,
  issueFindings,
  issuesByDomain,
  type CloseReason,
  type IssueOn,
  type IssueOperation,
  type IssueRecord,
  type PlanInput,
} from './issues.js';
import { codeSpan } from './markdown.js';

/** `domain` (one issue per drifting domain) or `cause` (one per root cause). */
export type IssueGrouping = 'domain' | 'cause';

/** Domains named in a comment before "and N more". */
const MAX_NAMED = 20;

/** The causes issues are about: those of the findings that open issues (issue-on, observed ones only). */
export function issueCauses(reports: readonly DomainReport[], issueOn: IssueOn): Cause[] {
  return groupCauses(reports.map((r) => ({ ...r, findings: issueFindings(r, issueOn) })));
}

interface Found {
  readonly issue: IssueRecord;
  readonly marker: CauseMarker;
}

/** Cause issues by key, lowest number first. */
export function issuesByCause(issues: readonly IssueRecord[]): Map<string, Found[]> {
  const byKey = new Map<string, Found[]>();
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const marker = parseCauseMarker(issue.body);
    if (marker === null) continue;
    byKey.set(marker.key, [...(byKey.get(marker.key) ?? []), { issue, marker }]);
  }
  return byKey;
}

function named(domains: readonly string[]): string {
  const shown = domains.slice(0, MAX_NAMED).map((d) => codeSpan(d));
  const left = domains.length - shown.length;
  return left > 0 ? `${shown.join(', ')} and ${left} more` : shown.join(', ');
}

function changeComment(before: Found['marker'], after: IssueCause, when: string): string {
  if (before.domains === null) {
    const was = before.count === null ? '' : ` (was ${before.count})`;
    return `The cause changed (${when}): ${after.count} domains now${was}, severity ${after.severity}. The description lists them.`;
  }
  const joined = after.domains.filter((d) => !before.domains?.includes(d));
  const left = before.domains.filter((d) => !after.domains.includes(d));
  const parts = [
    joined.length > 0 ? `joined: ${named(joined)}` : '',
    left.length > 0 ? `left: ${named(left)}` : '',
  ].filter(Boolean);
  return `The cause changed (${when}): ${parts.join('; ') || `severity ${after.severity}`}. ${after.count} domains now; the description lists them.`;
}

function sorted(domains: Iterable<string>): string[] {
  return [...domains].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

interface Context {
  readonly incomplete: ReadonlySet<string>;
  readonly now: Date;
}

/** The operation for one current cause, or null when nothing is to be written. */
function planCause(cause: Cause, found: Found | undefined, ctx: Context): IssueOperation | null {
  const when = ctx.now.toISOString();
  const ref = (c: IssueCause) => ({ key: c.key, count: c.count });
  if (found === undefined) {
    const body = renderCauseIssueBody(cause, ctx.now);
    return { kind: 'create', domain: cause.key, title: causeIssueTitle(cause), body, cause: ref(cause) };
  }
  const { issue, marker } = found;
  // A domain this run could not observe keeps its place in the cause: its finding may only be hidden.
  const carried = (marker.domains ?? []).filter((d) => ctx.incomplete.has(d) && !cause.domains.includes(d));
  const domains = sorted([...cause.domains, ...carried]);
  const effective: IssueCause = { ...cause, domains, count: domains.length };
  const title = causeIssueTitle(effective);
  const body = renderCauseIssueBody(effective, ctx.now);
  if (issue.state === 'closed') {
    const comment = `The cause is back (${when}): ${effective.count} domains, ${named(effective.domains)}.`;
    return {
      kind: 'reopen',
      domain: cause.key,
      number: issue.number,
      body,
      comment,
      title,
      cause: ref(effective),
    };
  }
  if (marker.content === causeContent(effective)) return null;
  // Without the stored list, a smaller count while some domain is unobserved may be a hidden finding.
  if (marker.domains === null && ctx.incomplete.size > 0 && effective.count <= (marker.count ?? 0))
    return null;
  const comment = changeComment(marker, effective, when);
  return {
    kind: 'update',
    domain: cause.key,
    number: issue.number,
    body,
    comment,
    title,
    cause: ref(effective),
  };
}

/** Close a cause issue whose cause no domain has any more, unless one of its domains went unobserved. */
function planGone(found: Found, ctx: Context): IssueOperation | null {
  const { issue, marker } = found;
  if (issue.state === 'closed') return null;
  const hidden =
    marker.domains === null ? ctx.incomplete.size > 0 : marker.domains.some((d) => ctx.incomplete.has(d));
  if (hidden) return null;
  const comment = `No configured domain has this cause any more (${ctx.now.toISOString()}). Closing.`;
  const cause = { key: marker.key, count: 0 };
  return { kind: 'close', domain: marker.key, number: issue.number, comment, reason: 'resolved', cause };
}

function priority(op: IssueOperation, causes: ReadonlyMap<string, Cause>): number {
  if (op.kind === 'close') return op.reason === 'resolved' ? 3 : 4;
  const cause = causes.get(op.domain);
  return cause?.bounces === true ? 0 : cause?.severity === 'error' ? 1 : 2;
}

/** The domains with a finding that says "not observed" in this run. */
export function incompleteDomains(reports: readonly DomainReport[]): Set<string> {
  return new Set(reports.filter((r) => r.findings.some(isIncomplete)).map((r) => r.domain));
}

/** Plan every cause-issue write of a run, most urgent first (bouncing, errors, warnings, closes). */
export function planCauseIssueOperations(input: PlanInput): IssueOperation[] {
  const causes = issueCauses(input.reports, input.issueOn);
  const byKey = issuesByCause(input.issues);
  const ctx: Context = { incomplete: incompleteDomains(input.reports), now: input.now };
  const current = new Map(causes.map((c) => [c.key, c]));
  const ops: IssueOperation[] = [];
  for (const cause of causes) {
    const op = planCause(cause, byKey.get(cause.key)?.[0], ctx);
    if (op !== null) ops.push(op);
  }
  for (const [key, found] of byKey) {
    const [first, ...rest] = found;
    if (first === undefined) continue;
    for (const { issue } of rest.filter((f) => f.issue.state === 'open')) {
      const comment = `Duplicate of #${first.issue.number}, opened by an overlapping run. Closing.`;
      const cause = { key, count: first.marker.count ?? 0 };
      ops.push({ kind: 'close', domain: key, number: issue.number, comment, reason: 'duplicate', cause });
    }
    if (!current.has(key)) {
      const op = planGone(first, ctx);
      if (op !== null) ops.push(op);
    }
  }
  return ops
    .map((op, index) => ({ op, index, rank: priority(op, current) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.op);
}

export interface RegroupInput extends PlanInput {
  /** The grouping of this run; the other one's open issues are closed. */
  readonly grouping: IssueGrouping;
  /** Issue numbers of this run's grouping after its own writes: cause key or domain to number. */
  readonly numbers: ReadonlyMap<string, number>;
}

function refs(numbers: readonly (number | undefined)[]): string {
  const known = sorted(new Set(numbers.filter((n): n is number => n !== undefined).map(String)));
  return known.map((n) => `#${n}`).join(', ');
}

/** In cause mode: close each open domain issue once every cause of its domain has an issue. */
function closeDomainIssues(input: RegroupInput): IssueOperation[] {
  const reports = new Map(input.reports.map((r) => [r.domain, r]));
  const causesOf = new Map<string, string[]>();
  for (const cause of issueCauses(input.reports, input.issueOn)) {
    for (const d of cause.domains) causesOf.set(d, [...(causesOf.get(d) ?? []), cause.key]);
  }
  const ops: IssueOperation[] = [];
  for (const [domain, found] of issuesByDomain(input.issues)) {
    for (const { issue } of found.filter((f) => f.issue.state === 'open')) {
      const close = (comment: string, reason: CloseReason) =>
        ops.push({ kind: 'close', domain, number: issue.number, comment, reason });
      const report = reports.get(domain);
      if (report === undefined) {
        close(`${codeSpan(domain)} is no longer listed in the configuration. Closing.`, 'removed');
        continue;
      }
      const keys = causesOf.get(domain) ?? [];
      if (keys.length === 0) {
        // Healthy as far as observed; an unobserved domain keeps its issue, as in domain mode.
        if (report.findings.some(isIncomplete)) continue;
        close(
          `${codeSpan(domain)} passes every check at or above ${input.issueOn} level. Issues are now grouped by root cause (\`issue-grouping: cause\`). Closing.`,
          'resolved',
        );
        continue;
      }
      if (!keys.every((k) => input.numbers.has(k))) continue;
      close(
        `Issues are now grouped by root cause (\`issue-grouping: cause\`): ${codeSpan(domain)} is tracked in ${refs(keys.map((k) => input.numbers.get(k)))}. Closing.`,
        'regrouped',
      );
    }
  }
  return ops;
}

/** In domain mode: close each open cause issue, naming the domain issues that now track its domains. */
function closeCauseIssues(input: RegroupInput): IssueOperation[] {
  const ops: IssueOperation[] = [];
  for (const [key, found] of issuesByCause(input.issues)) {
    for (const { issue, marker } of found.filter((f) => f.issue.state === 'open')) {
      const members = marker.domains ?? [];
      const tracked = members.filter((d) => input.numbers.has(d));
      const list =
        tracked.length === 0
          ? ''
          : `: ${tracked
              .slice(0, MAX_NAMED)
              .map((d) => `${codeSpan(d)} in #${input.numbers.get(d) ?? ''}`)
              .join(', ')}${tracked.length > MAX_NAMED ? `, and ${tracked.length - MAX_NAMED} more` : ''}`;
      const comment = `Issues are now one per domain (\`issue-grouping: domain\`); each drifting domain has its own issue${list}. Closing.`;
      const cause = { key, count: marker.count ?? 0 };
      ops.push({ kind: 'close', domain: key, number: issue.number, comment, reason: 'regrouped', cause });
    }
  }
  return ops;
}

/** Close the other grouping's open issues, pointing to the ones that now track them. */
export function planRegroupCloses(input: RegroupInput): IssueOperation[] {
  return input.grouping === 'cause' ? closeDomainIssues(input) : closeCauseIssues(input);
}
