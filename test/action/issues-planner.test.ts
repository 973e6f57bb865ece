import { describe, expect, it } from 'vitest';
import type { DomainReport, Finding } from '../../src/core/types.js';
import { describeKey, parseIssueMarker, renderIssueBody } from '../../src/report/issue-body.js';
import { planIssueOperations, type IssueOn, type IssueRecord } from '../../src/report/issues.js';
import { finding, report } from '../fixtures/action/reports.js';

const NOW = new Date('2026-03-01T02:00:00Z');
const DOMAIN = 'example.com';

/** An issue as a previous run would have left it for `findings`. */
function issue(
  number: number,
  state: 'open' | 'closed',
  findings: readonly Finding[],
  domain = DOMAIN,
): IssueRecord {
  const body = renderIssueBody(report(domain, findings), findings, NOW);
  return { number, state, title: `MTA-STS drift on ${domain}`, body };
}

const driftMx = finding('drift-mx', 'error');
const expiring = finding('mx-cert-expiring', 'warning', { host: 'mx1.example.com' });
const timeout = finding('mx-timeout', 'notice', { host: 'mx1.example.com', unknown: true });
const notChecked = finding('mx-tls-not-checked', 'notice');
const tlsrptMissing = finding('tlsrpt-missing', 'notice');

interface Row {
  name: string;
  reports: DomainReport[];
  issues: IssueRecord[];
  issueOn?: IssueOn;
  expected: string[];
}

const rows: Row[] = [
  { name: 'healthy, no issue: nothing', reports: [report(DOMAIN, [])], issues: [], expected: [] },
  {
    name: 'drift, no issue: create',
    reports: [report(DOMAIN, [driftMx])],
    issues: [],
    expected: ['create example.com'],
  },
  { name: 'notice only: nothing', reports: [report(DOMAIN, [tlsrptMissing])], issues: [], expected: [] },
  {
    name: 'warning below issue-on error: nothing',
    reports: [report(DOMAIN, [expiring])],
    issues: [],
    issueOn: 'error',
    expected: [],
  },
  { name: 'only unknown, no issue: nothing', reports: [report(DOMAIN, [timeout])], issues: [], expected: [] },
  {
    name: 'drift seen next to an unknown, no issue: create',
    reports: [report(DOMAIN, [driftMx, timeout])],
    issues: [],
    expected: ['create example.com'],
  },
  {
    name: 'open issue, same findings: nothing',
    reports: [report(DOMAIN, [driftMx, expiring])],
    issues: [issue(4, 'open', [expiring, driftMx])],
    expected: [],
  },
  {
    name: 'open issue, findings changed: update',
    reports: [report(DOMAIN, [driftMx])],
    issues: [issue(4, 'open', [expiring])],
    expected: ['update #4'],
  },
  {
    name: 'open issue, healthy: close',
    reports: [report(DOMAIN, [tlsrptMissing])],
    issues: [issue(4, 'open', [driftMx])],
    expected: ['close #4 resolved'],
  },
  {
    name: 'open issue, only unknown now: nothing (never closes)',
    reports: [report(DOMAIN, [timeout])],
    issues: [issue(4, 'open', [expiring])],
    expected: [],
  },
  {
    name: 'open issue, MX TLS not checked: nothing (port 25 blocked is not a fix)',
    reports: [report(DOMAIN, [notChecked])],
    issues: [issue(4, 'open', [expiring])],
    expected: [],
  },
  {
    name: 'open issue, unknown hides a finding: nothing',
    reports: [report(DOMAIN, [driftMx, timeout])],
    issues: [issue(4, 'open', [driftMx, expiring])],
    expected: [],
  },
  {
    name: 'open issue, unknown but a finding added: update',
    reports: [report(DOMAIN, [driftMx, expiring, timeout])],
    issues: [issue(4, 'open', [driftMx])],
    expected: ['update #4'],
  },
  {
    name: 'closed issue, drift again: reopen',
    reports: [report(DOMAIN, [driftMx])],
    issues: [issue(4, 'closed', [driftMx])],
    expected: ['reopen #4'],
  },
  {
    name: 'closed issue, healthy: nothing',
    reports: [report(DOMAIN, [])],
    issues: [issue(4, 'closed', [driftMx])],
    expected: [],
  },
  {
    name: 'two open issues for one domain: the lowest kept, the other closed',
    reports: [report(DOMAIN, [driftMx])],
    issues: [issue(9, 'open', [driftMx]), issue(7, 'open', [driftMx])],
    expected: ['close #9 duplicate'],
  },
  {
    name: 'domain removed from the config: close',
    reports: [report('other.example', [])],
    issues: [issue(4, 'open', [driftMx])],
    expected: ['close #4 removed'],
  },
  // Issue #11 item 20: closed duplicates and removed domains.
  {
    name: 'a closed duplicate stays closed, and is not reopened',
    reports: [report(DOMAIN, [driftMx])],
    issues: [issue(7, 'open', [driftMx]), issue(9, 'closed', [driftMx])],
    expected: [],
  },
  {
    name: 'the lowest issue closed, a later one open: reopen the lowest, close the later as a duplicate',
    reports: [report(DOMAIN, [driftMx])],
    issues: [issue(7, 'closed', [driftMx]), issue(9, 'open', [driftMx])],
    expected: ['reopen #7', 'close #9 duplicate'],
  },
  {
    name: 'healthy with an open duplicate: close both, the duplicate as such',
    reports: [report(DOMAIN, [])],
    issues: [issue(7, 'open', [driftMx]), issue(9, 'open', [driftMx])],
    expected: ['close #7 resolved', 'close #9 duplicate'],
  },
  {
    name: 'domain removed, its issue already closed: nothing',
    reports: [report('other.example', [])],
    issues: [issue(4, 'closed', [driftMx])],
    expected: [],
  },
  {
    name: 'domain removed with a duplicate: the duplicate closed as such, the first as removed',
    reports: [],
    issues: [issue(4, 'open', [driftMx]), issue(6, 'open', [driftMx])],
    expected: ['close #6 duplicate', 'close #4 removed'],
  },
  {
    name: 'domain removed while unobserved elsewhere: still closed (nothing left to observe)',
    reports: [report('other.example', [timeout])],
    issues: [issue(4, 'open', [driftMx])],
    expected: ['close #4 removed'],
  },
  {
    name: 'issues without a marker are not ours',
    reports: [report(DOMAIN, [])],
    issues: [{ number: 1, state: 'open', title: 'hello', body: 'mta-sts-drift:domain=example.com' }],
    expected: [],
  },
  {
    name: 'bouncing and erroring domains first, closes last',
    reports: [
      report('a.example', [expiring]),
      report('b.example', []),
      report('c.example', [driftMx]),
      report('d.example', [finding('mail-bounces')], { bounces: true }),
    ],
    issues: [issue(2, 'open', [driftMx], 'b.example')],
    expected: ['create d.example', 'create c.example', 'create a.example', 'close #2 resolved'],
  },
];

function describeOp(op: ReturnType<typeof planIssueOperations>[number]): string {
  if (op.kind === 'create') return `create ${op.domain}`;
  if (op.kind === 'close') return `close #${op.number} ${op.reason}`;
  return `${op.kind} #${op.number}`;
}

describe('planIssueOperations', () => {
  it.each(rows)('$name', ({ reports, issues, issueOn, expected }) => {
    const ops = planIssueOperations({ reports, issues, issueOn: issueOn ?? 'warning', now: NOW });
    expect(ops.map(describeOp)).toEqual(expected);
  });

  it('says why each close happens, in its reason and its comment (issue #11 item 20)', () => {
    const ops = planIssueOperations({
      reports: [report(DOMAIN, [])],
      issues: [
        issue(7, 'open', [driftMx]),
        issue(9, 'open', [driftMx]),
        issue(11, 'open', [driftMx], 'gone.example'),
      ],
      issueOn: 'warning',
      now: NOW,
    });
    const closes = ops.flatMap((op) => (op.kind === 'close' ? [[op.number, op.reason, op.comment]] : []));
    expect(closes).toEqual([
      [
        7,
        'resolved',
        '`example.com` passes every check at or above warning level (2026-03-01T02:00:00.000Z). Closing.',
      ],
      [9, 'duplicate', 'Duplicate of #7, opened by an overlapping run. Closing.'],
      [11, 'removed', '`gone.example` is no longer listed in the configuration. Closing.'],
    ]);
  });

  it('writes the finding keys into the new body and says what changed in the comment', () => {
    const [op] = planIssueOperations({
      reports: [report(DOMAIN, [driftMx])],
      issues: [issue(4, 'open', [expiring])],
      issueOn: 'warning',
      now: NOW,
    });
    if (op?.kind !== 'update') throw new Error('expected an update');
    expect(parseIssueMarker(op.body)).toEqual({ domain: DOMAIN, keys: ['error:drift-mx:'] });
    expect(op.comment).toContain('new: `drift-mx`');
    expect(op.comment).toContain('resolved: `mx-cert-expiring` (`mx1.example.com`)');
  });

  it('treats a body whose findings marker was edited away as changed', () => {
    const edited = {
      ...issue(4, 'open', [driftMx]),
      body: '<!-- mta-sts-drift:domain=example.com -->\nhand edit',
    };
    const ops = planIssueOperations({
      reports: [report(DOMAIN, [driftMx])],
      issues: [edited],
      issueOn: 'warning',
      now: NOW,
    });
    expect(ops.map(describeOp)).toEqual(['update #4']);
  });

  it.each([
    ['a malformed % escape', 'error:drift-mx:%E0%A4%A'],
    ['a lone %', 'warning:mx-cert-expiring:mx1%'],
    ['a key that is not severity:code:host', 'drift-mx'],
  ])(
    'treats an edited findings marker with %s as changed, never a crash (issue #11 item 4)',
    (_name, key) => {
      const edited = {
        ...issue(4, 'open', [driftMx]),
        body: `<!-- mta-sts-drift:domain=example.com -->\n<!-- mta-sts-drift:findings=${key} -->\nedited`,
      };
      expect(parseIssueMarker(edited.body)).toEqual({ domain: DOMAIN, keys: null });
      const ops = planIssueOperations({
        reports: [report(DOMAIN, [driftMx])],
        issues: [edited],
        issueOn: 'warning',
        now: NOW,
      });
      expect(ops.map(describeOp)).toEqual(['update #4']);
    },
  );

  it('reads the markers only as the first two lines of the body (issue #11 item 5)', () => {
    const ours = renderIssueBody(report(DOMAIN, [driftMx]), [driftMx], NOW);
    expect(parseIssueMarker(ours)).toEqual({ domain: DOMAIN, keys: ['error:drift-mx:'] });
    expect(parseIssueMarker(ours.replaceAll('\n', '\r\n'))).toEqual({
      domain: DOMAIN,
      keys: ['error:drift-mx:'],
    });
    expect(parseIssueMarker(`quoted:\n${ours}`)).toBeNull();
    expect(parseIssueMarker(` ${ours}`)).toBeNull();
    const [domainLine = '', , ...rest] = ours.split('\n');
    const findingsLater = [domainLine, 'edited', '<!-- mta-sts-drift:findings=error:drift-mx: -->', ...rest];
    expect(parseIssueMarker(findingsLater.join('\n'))).toEqual({ domain: DOMAIN, keys: null });
  });

  it('describes a key that does not decode as typed instead of throwing', () => {
    expect(describeKey('error:drift-mx:%E0')).toBe('`drift-mx` (`%E0`)');
    expect(describeKey('error:drift-mx:mx%2Ea')).toBe('`drift-mx` (`mx.a`)');
  });

  it('keeps an issue body under the GitHub limit however many findings there are', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      finding('policy-line-invalid', 'error', { message: `${i} ${'x'.repeat(300)}` }),
    );
    const body = renderIssueBody(report(DOMAIN, many), many, NOW);
    expect(body.length).toBeLessThan(65_536);
    expect(body).toMatch(/- … and \d+ more findings; see the job summary\./);
  });
});
