/**
 * The issue planner: current issues plus domain reports in, the list of issue operations out. Pure; the executor
 * (src/action/issue-executor.ts) applies the list.
 *
 * Rules (issue #3): one issue per drifting domain, found by its hidden marker; nothing is written when the finding
 * keys are unchanged; findings that only say "could not observe" never open or close an issue; the lowest
 * numbered issue of a domain is the one kept, any other open one is closed as a duplicate.
 */
import type { DomainReport, Finding, Severity } from '../core/types.js';
import { describeKey, findingKeys, issueTitle, parseIssueMarker, renderIssueBody } from './issue-body.js';
import { codeSpan } from './markdown.js';

/** An issue as listed by the GitHub API, reduced to what the planner reads. */
export interface IssueRecord {
  readonly number: number;
  readonly state: 'open' | 'closed';
  readonly title: string;
  readonly body: string;
  /** Label names, when the API said. */
  readonly labels?: readonly string[];
}

export type IssueOn = 'error' | 'warning';

/**
 * An operation on a cause issue (input `issue-grouping: cause`, src/report/cause-issues.ts) names its cause here;
 * its `domain` is then the cause key, the identity the overlap check compares.
 */
export interface CauseRef {
  readonly key: string;
  readonly count: number;
}

/** Why an issue is closed; `regrouped`: `issue-grouping` changed and another issue now tracks it. */
export type CloseReason = 'resolved' | 'removed' | 'duplicate' | 'regrouped';

export type IssueOperation =
  | {
      readonly kind: 'create';
      readonly domain: string;
      readonly title: string;
      readonly body: string;
      readonly cause?: CauseRef;
    }
  | {
      readonly kind: 'update';
      readonly domain: string;
      readonly number: number;
      readonly body: string;
      readonly comment: string;
      /** A new title (cause issues: the count is in it). */
      readonly title?: string;
      readonly cause?: CauseRef;
    }
  | {
      readonly kind: 'reopen';
      readonly domain: string;
      readonly number: number;
      readonly body: string;
      readonly comment: string;
      readonly title?: string;
      readonly cause?: CauseRef;
    }
  | {
      readonly kind: 'close';
      readonly domain: string;
      readonly number: number;
      readonly comment: string;
      readonly reason: CloseReason;
      readonly cause?: CauseRef;
    };

export interface PlanInput {
  readonly reports: readonly DomainReport[];
  readonly issues: readonly IssueRecord[];
  readonly issueOn: IssueOn;
  readonly now: Date;
}

const LEVELS: Record<IssueOn, readonly Severity[]> = { error: ['error'], warning: ['error', 'warning'] };

/**
 * Findings that say "not observed": the engine's unknown ones, and MX TLS not checked (port 25 blocked or
 * disabled), which hides MX findings without their being fixed.
 */
export function isIncomplete(finding: Finding): boolean {
  return finding.unknown === true || finding.code === 'mx-tls-not-checked';
}

/** The findings that open or keep an issue: at or above `issueOn`, and about something observed. */
export function issueFindings(report: DomainReport, issueOn: IssueOn): Finding[] {
  return report.findings.filter((f) => LEVELS[issueOn].includes(f.severity) && !isIncomplete(f));
}

/** Issues by domain, lowest number first. */
export function issuesByDomain(
  issues: readonly IssueRecord[],
): Map<string, { issue: IssueRecord; keys: readonly string[] | null }[]> {
  const byDomain = new Map<string, { issue: IssueRecord; keys: readonly string[] | null }[]>();
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const marker = parseIssueMarker(issue.body);
    if (marker === null) continue;
    byDomain.set(marker.domain, [...(byDomain.get(marker.domain) ?? []), { issue, keys: marker.keys }]);
  }
  return byDomain;
}

function changeComment(before: readonly string[] | null, after: readonly string[], when: string): string {
  const added = after.filter((k) => !(before ?? []).includes(k)).map(describeKey);
  const gone = (before ?? []).filter((k) => !after.includes(k)).map(describeKey);
  const parts = [
    added.length > 0 ? `new: ${added.join(', ')}` : '',
    gone.length > 0 ? `resolved: ${gone.join(', ')}` : '',
  ].filter(Boolean);
  return `The findings changed (${when}): ${parts.join('; ') || 'details updated'}. The description lists them all.`;
}

/** The operation for one configured domain, or null when nothing is to be written. */
function planDomain(
  report: DomainReport,
  found: { issue: IssueRecord; keys: readonly string[] | null } | undefined,
  input: PlanInput,
): IssueOperation | null {
  const findings = issueFindings(report, input.issueOn);
  const keys = findingKeys(findings);
  const incomplete = report.findings.some(isIncomplete);
  const when = input.now.toISOString();
  const domain = report.domain;
  if (found === undefined) {
    if (findings.length === 0) return null;
    return {
      kind: 'create',
      domain,
      title: issueTitle(report),
      body: renderIssueBody(report, findings, input.now),
    };
  }
  const { issue, keys: before } = found;
  if (findings.length === 0) {
    if (issue.state === 'closed' || incomplete) return null;
    const comment = `${codeSpan(domain)} passes every check at or above ${input.issueOn} level (${when}). Closing.`;
    return { kind: 'close', domain, number: issue.number, comment, reason: 'resolved' };
  }
  const body = renderIssueBody(report, findings, input.now);
  // The title names the senders that refuse (issue #7 item 4); it follows them when the findings change.
  const title = issueTitle(report);
  const retitle = title === issue.title ? {} : { title };
  if (issue.state === 'closed') {
    const comment = `${codeSpan(domain)} drifts again (${when}): ${keys.map(describeKey).join(', ')}.`;
    return { kind: 'reopen', domain, number: issue.number, body, comment, ...retitle };
  }
  if (before !== null && sameKeys(before, keys)) return null;
  // With part of the domain unobserved, a finding that went missing may just be hidden: only report additions.
  if (incomplete && (before === null || !before.every((k) => keys.includes(k)))) return null;
  const comment = changeComment(before, keys, when);
  return { kind: 'update', domain, number: issue.number, body, comment, ...retitle };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k) => b.includes(k));
}

const CLOSE_RANK: Record<CloseReason, number> = { resolved: 3, removed: 4, duplicate: 4, regrouped: 5 };

/** Bouncing domains first, then errors, warnings, closes: when the write cap bites, the urgent ones are done. */
function priority(op: IssueOperation, reports: ReadonlyMap<string, DomainReport>): number {
  if (op.kind === 'close') return CLOSE_RANK[op.reason];
  const report = reports.get(op.domain);
  return report?.bounces === true ? 0 : report?.status === 'error' ? 1 : 2;
}

/** Plan every issue write of a run. */
export function planIssueOperations(input: PlanInput): IssueOperation[] {
  const byDomain = issuesByDomain(input.issues);
  const reports = new Map(input.reports.map((r) => [r.domain, r]));
  const ops: IssueOperation[] = [];
  for (const report of input.reports) {
    const op = planDomain(report, byDomain.get(report.domain)?.[0], input);
    if (op !== null) ops.push(op);
  }
  for (const [domain, found] of byDomain) {
    const [first, ...rest] = found;
    if (first === undefined) continue;
    for (const { issue } of rest.filter((f) => f.issue.state === 'open')) {
      const comment = `Duplicate of #${first.issue.number}, opened by an overlapping run. Closing.`;
      ops.push({ kind: 'close', domain, number: issue.number, comment, reason: 'duplicate' });
    }
    if (!reports.has(domain) && first.issue.state === 'open') {
      const comment = `${codeSpan(domain)} is no longer listed in the configuration. Closing.`;
      ops.push({ kind: 'close', domain, number: first.issue.number, comment, reason: 'removed' });
    }
  }
  return ops
    .map((op, index) => ({ op, index, rank: priority(op, reports) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.op);
}
