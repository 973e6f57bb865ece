/** The cause-issue planner and body (issue #9 item 1), as table tests: reports and issues in, operations out. */
import { describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/core/types.js';
import {
  causeIssueTitle,
  MAX_LISTED_DOMAINS,
  parseCauseMarker,
  renderCauseIssueBody,
} from '../../src/report/cause-issue-body.js';
import { issueCauses, planCauseIssueOperations, planRegroupCloses } from '../../src/report/cause-issues.js';
import { renderIssueBody } from '../../src/report/issue-body.js';
import type { IssueRecord } from '../../src/report/issues.js';
import { finding, report } from '../fixtures/action/reports.js';

const NOW = new Date('2026-03-01T02:00:00Z');
const KEY = 'mx-cert-expired/mx:mx.shared.test';

const expired = (domain: string) => finding('mx-cert-expired', 'error', { domain, host: 'mx.shared.test' });
const timeout = (domain: string) =>
  finding('mx-timeout', 'notice', { domain, host: 'mx.shared.test', unknown: true });
const drifting = (domain: string): DomainReport => report(domain, [expired(domain)]);
const unobserved = (domain: string): DomainReport => report(domain, [timeout(domain)]);
const healthy = (domain: string): DomainReport => report(domain, []);

/** The issue a previous run left for these reports' causes. */
function issueFor(reports: DomainReport[], number = 1, state: 'open' | 'closed' = 'open'): IssueRecord {
  const [cause] = issueCauses(reports, 'warning');
  if (cause === undefined) throw new Error('no cause');
  return { number, state, title: 't', body: renderCauseIssueBody(cause, NOW) };
}

const plan = (reports: DomainReport[], issues: IssueRecord[]) =>
  planCauseIssueOperations({ reports, issues, issueOn: 'warning', now: NOW }).map(
    (op) => `${op.kind}${'number' in op ? ` #${op.number}` : ''} ${op.domain}`,
  );

describe('planCauseIssueOperations', () => {
  const three = ['a.test', 'b.test', 'c.test'];

  it('one issue for a cause shared by three domains', () => {
    expect(plan(three.map(drifting), [])).toEqual([`create ${KEY}`]);
  });

  it('nothing when the domains and severity are the same', () => {
    expect(plan(three.map(drifting), [issueFor(three.map(drifting))])).toEqual([]);
  });

  it('an update when a domain joins or leaves', () => {
    const before = issueFor(three.map(drifting));
    expect(plan([...three, 'd.test'].map(drifting), [before])).toEqual([`update #1 ${KEY}`]);
    expect(plan([drifting('a.test'), drifting('b.test'), healthy('c.test')], [before])).toEqual([
      `update #1 ${KEY}`,
    ]);
  });

  it('a domain that went unobserved stays in the cause: no write', () => {
    const before = issueFor(three.map(drifting));
    expect(plan([drifting('a.test'), drifting('b.test'), unobserved('c.test')], [before])).toEqual([]);
  });

  it('a cause whose domains are all unobserved or fixed is left alone; all fixed: closed', () => {
    const before = issueFor(three.map(drifting));
    expect(plan([healthy('a.test'), healthy('b.test'), unobserved('c.test')], [before])).toEqual([]);
    expect(plan(three.map(healthy), [before])).toEqual([`close #1 ${KEY}`]);
    expect(plan(three.map(unobserved), [])).toEqual([]);
  });

  it('a closed issue of the cause is reopened, never duplicated; an open duplicate is closed', () => {
    expect(plan(three.map(drifting), [issueFor(three.map(drifting), 4, 'closed')])).toEqual([
      `reopen #4 ${KEY}`,
    ]);
    const issues = [issueFor(three.map(drifting), 5), issueFor(three.map(drifting), 6)];
    expect(plan(three.map(drifting), issues)).toEqual([`close #6 ${KEY}`]);
  });

  it('a cause marker that is not the whole first line is not a marker', () => {
    const body = renderCauseIssueBody(issueCauses(three.map(drifting), 'warning')[0] as never, NOW);
    expect(parseCauseMarker(`quoted:\n${body}`)).toBeNull();
    expect(parseCauseMarker(` ${body}`)).toBeNull();
    expect(plan(three.map(drifting), [{ number: 1, state: 'open', title: 't', body: `x\n${body}` }])).toEqual(
      [`create ${KEY}`],
    );
  });

  it('a host that tries to end the marker is percent-encoded in it and read back whole', () => {
    const host = 'mx.evil --><!-- mta-sts-drift:cause=x';
    const f = finding('mx-cert-expired', 'error', { domain: 'a.test', host });
    const [cause] = issueCauses([report('a.test', [f])], 'warning');
    const body = renderCauseIssueBody(cause as never, NOW);
    expect(body.split('\n')[0]).not.toContain('-->-->');
    expect(parseCauseMarker(body)?.key).toBe(cause?.key);
  });

  it('remote text in the title and fix is inert: no mention, no live HTML comment, no control character', () => {
    const hostile = '@octocat <img src=x> --> \u202e #1 `tick`';
    const f = finding('mx-smtp-error', 'error', { domain: 'a.test', host: 'mx.a.test', message: hostile });
    const [cause] = issueCauses([report('a.test', [f])], 'warning');
    const body = renderCauseIssueBody(cause as never, NOW);
    const text = body.split('\n').slice(3).join('\n');
    expect(text).not.toMatch(/(^|[^\u200d])@octocat/);
    expect(text).not.toContain('-->');
    expect(text).not.toContain('<img');
    expect(text).not.toContain('\u202e');
    const title = causeIssueTitle(cause as never);
    expect(title).not.toContain('\u202e');
    expect(title).not.toMatch(/(^|[^\u200d])@octocat|#1/);
    expect(title).toContain('<img src=x>');
  });

  it('a domain issue is not a cause issue and the reverse', () => {
    const domainIssue = renderIssueBody(drifting('a.test'), [expired('a.test')], NOW);
    expect(parseCauseMarker(domainIssue)).toBeNull();
  });
});

describe('renderCauseIssueBody at 10,000 domains', () => {
  const domains = Array.from({ length: 10_000 }, (_, i) => `customer-${i}.hosting-example.test`);
  const [cause] = issueCauses(domains.map(drifting), 'warning');

  it('lists the first 100, counts the rest, and stays under 65,536 characters', () => {
    const body = renderCauseIssueBody(cause as never, NOW);
    expect(body.length).toBeLessThan(65_536);
    expect(body.match(/^- `customer-/gm)).toHaveLength(MAX_LISTED_DOMAINS);
    expect(body).toContain(`and ${10_000 - MAX_LISTED_DOMAINS} more`);
    // Too many to keep in the marker: the count stays, the list does not.
    expect(parseCauseMarker(body)).toMatchObject({ key: KEY, count: 10_000, domains: null });
  });

  it('without the stored list, a smaller cause while some domain is unobserved writes nothing', () => {
    const issue = {
      number: 1,
      state: 'open' as const,
      title: 't',
      body: renderCauseIssueBody(cause as never, NOW),
    };
    const reports = domains.map((d, i) => (i < 10 ? unobserved(d) : drifting(d)));
    expect(plan(reports, [issue])).toEqual([]);
    const fixed = domains.map((d, i) => (i < 10 ? healthy(d) : drifting(d)));
    expect(plan(fixed, [issue])).toEqual([`update #1 ${KEY}`]);
  });
});

describe('planRegroupCloses', () => {
  const reports = ['a.test', 'b.test'].map(drifting);
  const input = { reports, issueOn: 'warning' as const, now: NOW };

  it('cause mode closes a domain issue only once its cause has an issue', () => {
    const domainIssue: IssueRecord = {
      number: 3,
      state: 'open',
      title: 't',
      body: renderIssueBody(reports[0] as DomainReport, [expired('a.test')], NOW),
    };
    const none = planRegroupCloses({
      ...input,
      issues: [domainIssue],
      grouping: 'cause',
      numbers: new Map(),
    });
    expect(none).toEqual([]);
    const [op] = planRegroupCloses({
      ...input,
      issues: [domainIssue],
      grouping: 'cause',
      numbers: new Map([[KEY, 9]]),
    });
    expect(op).toMatchObject({ kind: 'close', number: 3, reason: 'regrouped' });
    expect(op?.kind === 'close' ? op.comment : '').toContain('is tracked in #9');
  });

  it('domain mode closes an open cause issue, naming the domain issues', () => {
    const [op] = planRegroupCloses({
      ...input,
      issues: [issueFor(reports, 2)],
      grouping: 'domain',
      numbers: new Map([['a.test', 7]]),
    });
    expect(op).toMatchObject({ kind: 'close', number: 2, reason: 'regrouped' });
    expect(op?.kind === 'close' ? op.comment : '').toContain('`a.test` in #7');
  });
});
