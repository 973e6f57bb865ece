import { describe, expect, it } from 'vitest';
import { aggregateReports, samePolicy, type SourcedReport } from '../../src/core/tlsrpt-aggregate.js';
import { parsePolicy, type Policy } from '../../src/core/policy.js';
import { readTlsRptReport } from '../../src/core/tlsrpt-report.js';
import {
  failure,
  LIVE_POLICY_LINES,
  OLD_POLICY_LINES,
  type ReportOptions,
  tlsrptReport,
} from '../helpers/tlsrpt-fixtures.js';

const WINDOW = { start: new Date('2026-05-25T00:00:00Z'), end: new Date('2026-06-01T00:00:00Z') };

function sourced(
  source: string,
  options: ReportOptions,
  change?: (r: Record<string, unknown>) => void,
): SourcedReport {
  const json = tlsrptReport(options);
  change?.(json);
  const parsed = readTlsRptReport(json);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { source, report: parsed.report };
}

function live(lines: readonly string[]): Policy {
  const p = parsePolicy(lines.join('\n')).value;
  if (p === null) throw new Error('bad fixture policy');
  return p;
}

describe('aggregateReports: the counting rules of issue #10', () => {
  it('sums summaries per domain and failure details by result type, MX and organisation', () => {
    const summary = aggregateReports(
      [
        sourced('a.json', {
          organization: 'Org A',
          reportId: '1',
          successful: 100,
          failed: 5,
          failures: [
            failure('certificate-expired', 3),
            failure('certificate-expired', 2, 'MX2.example.com.'),
          ],
        }),
        sourced('b.json', {
          organization: 'Org B',
          reportId: '1',
          successful: 50,
          failed: 1,
          failures: [failure('starttls-not-supported', 1)],
        }),
        sourced('c.json', { organization: 'Org A', reportId: '2', domain: 'example.net', successful: 7 }),
      ],
      [{ source: 'bad.json', reason: 'not JSON' }],
      WINDOW,
    );
    expect(summary.version).toBe(1);
    expect(summary.window).toEqual({ start: '2026-05-25T00:00:00.000Z', end: '2026-06-01T00:00:00.000Z' });
    expect(summary.rejected).toEqual([{ source: 'bad.json', reason: 'not JSON' }]);
    expect(summary.domains.map((d) => d.domain)).toEqual(['example.com', 'example.net']);
    expect(summary.domains[0]).toMatchObject({
      domain: 'example.com',
      reports: 2,
      successful: 150,
      failed: 6,
      byResultType: { 'certificate-expired': 5, 'starttls-not-supported': 1 },
      byMx: { 'mx1.example.com': 4, 'mx2.example.com': 2 },
      byOrganization: {
        'Org A': { reports: 1, successful: 100, failed: 5 },
        'Org B': { reports: 1, successful: 50, failed: 1 },
      },
      lastReportEnd: '2026-05-30T23:59:59.000Z',
    });
    expect(summary.domains[1]).toMatchObject({
      reports: 1,
      successful: 7,
      failed: 0,
      byResultType: {},
      byMx: {},
    });
  });

  it('counts a report once per (organization-name, report-id); the copy goes to ignored naming the first', () => {
    const summary = aggregateReports(
      [
        sourced('inbox/1.eml', { organization: 'Org A', reportId: 'r1', successful: 10 }),
        sourced('folder/r1.json.gz', { organization: 'Org A', reportId: 'r1', successful: 10 }),
        sourced('other.json', { organization: 'Org B', reportId: 'r1', successful: 10 }),
      ],
      [],
      WINDOW,
    );
    expect(summary.domains[0]).toMatchObject({ reports: 2, successful: 20 });
    expect(summary.ignored).toEqual([
      {
        source: 'folder/r1.json.gz',
        reason: 'duplicate of inbox/1.eml (same organization-name and report-id)',
      },
    ]);
  });

  it('sums every policy entry of a report, and counts the report once for each domain it names', () => {
    const r = sourced(
      'two.json',
      { successful: 10, failed: 1, failures: [failure('certificate-expired', 1)] },
      (json) => {
        const policies = json['policies'] as Record<string, unknown>[];
        policies.push(structuredClone(policies[0]!));
      },
    );
    const summary = aggregateReports([r], [], WINDOW);
    expect(summary.domains[0]).toMatchObject({
      reports: 1,
      successful: 20,
      failed: 2,
      byResultType: { 'certificate-expired': 2 },
    });
  });

  it('files failure details without receiving-mx-hostname under "(none)"', () => {
    const summary = aggregateReports(
      [
        sourced('a.json', {
          failed: 4,
          failures: [failure('sts-policy-fetch-error', 4, '', { 'receiving-mx-hostname': undefined })],
        }),
      ],
      [],
      WINDOW,
    );
    expect(summary.domains[0]?.byMx).toEqual({ '(none)': 4 });
  });

  it('keeps reports whose end-datetime is inside the window, inclusive, and ignores the others with a reason', () => {
    const summary = aggregateReports(
      [
        sourced('old.json', { reportId: 'old', start: '2026-05-23T00:00:00Z', end: '2026-05-24T23:59:59Z' }),
        sourced('edge.json', {
          reportId: 'edge',
          start: '2026-05-24T00:00:00Z',
          end: '2026-05-25T00:00:00Z',
        }),
        sourced('future.json', {
          reportId: 'future',
          start: '2026-06-01T00:00:00Z',
          end: '2026-06-01T00:00:01Z',
        }),
      ],
      [],
      WINDOW,
    );
    expect(summary.domains[0]?.reports).toBe(1);
    expect(summary.ignored).toEqual([
      { source: 'old.json', reason: 'outside the window (the report ends 2026-05-24T23:59:59.000Z)' },
      { source: 'future.json', reason: 'outside the window (the report ends 2026-06-01T00:00:01.000Z)' },
    ]);
  });

  it('keeps keys from reports as plain data, even "__proto__"', () => {
    const summary = aggregateReports(
      [
        sourced('a.json', {
          organization: '__proto__',
          failed: 1,
          failures: [failure('__proto__', 1, '__proto__')],
        }),
      ],
      [],
      WINDOW,
    );
    const d = summary.domains[0]!;
    expect(Object.keys(d.byOrganization)).toEqual(['__proto__']);
    expect(Object.keys(d.byResultType)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(summary)).domains[0].byOrganization['__proto__']).toEqual({
      reports: 1,
      successful: 100,
      failed: 1,
    });
  });
});

describe('aggregateReports: appliedPolicies and "current"', () => {
  const reports = [
    sourced('a.json', { organization: 'Org A', reportId: '1', successful: 90, failed: 0 }),
    sourced('b.json', {
      organization: 'Org B',
      reportId: '1',
      successful: 8,
      failed: 2,
      policyString: OLD_POLICY_LINES,
    }),
    sourced('c.json', { organization: 'Org C', reportId: '1', successful: 5 }, (json) => {
      const p = (json['policies'] as Record<string, Record<string, unknown>>[])[0]!['policy']!;
      delete p['policy-string'];
    }),
  ];

  it('is null everywhere when the live policy is not known', () => {
    const summary = aggregateReports(reports, [], WINDOW);
    expect(summary.domains[0]?.appliedPolicies).toEqual([
      {
        organization: 'Org A',
        policyType: 'sts',
        policyString: LIVE_POLICY_LINES,
        sessions: 90,
        current: null,
        lastSeen: '2026-05-30T23:59:59.000Z',
      },
      {
        organization: 'Org B',
        policyType: 'sts',
        policyString: OLD_POLICY_LINES,
        sessions: 10,
        current: null,
        lastSeen: '2026-05-30T23:59:59.000Z',
      },
      {
        organization: 'Org C',
        policyType: 'sts',
        policyString: null,
        sessions: 5,
        current: null,
        lastSeen: '2026-05-30T23:59:59.000Z',
      },
    ]);
  });

  it('compares with the live policy when known; null stays for an absent policy-string', () => {
    const summary = aggregateReports(
      reports,
      [],
      WINDOW,
      new Map([['example.com', live(LIVE_POLICY_LINES)]]),
    );
    expect(summary.domains[0]?.appliedPolicies.map((p) => [p.organization, p.current])).toEqual([
      ['Org A', true],
      ['Org B', false],
      ['Org C', null],
    ]);
  });

  it('says false for every sts policy-string when the domain is known to publish no valid policy now', () => {
    const summary = aggregateReports(reports, [], WINDOW, new Map([['example.com', null]]));
    expect(summary.domains[0]?.appliedPolicies.map((p) => p.current)).toEqual([false, false, null]);
  });
});

describe('samePolicy', () => {
  const current = live(LIVE_POLICY_LINES);
  it.each<[string, string[], boolean]>([
    ['the same lines', LIVE_POLICY_LINES, true],
    [
      'another line order and MX case',
      ['max_age: 604800', 'mx: MX2.example.com', 'version: STSv1', 'mx: mx1.example.com', 'mode: enforce'],
      true,
    ],
    ['another mode', LIVE_POLICY_LINES.map((l) => l.replace('enforce', 'testing')), false],
    ['another max_age', LIVE_POLICY_LINES.map((l) => l.replace('604800', '86400')), false],
    ['one MX fewer', LIVE_POLICY_LINES.filter((l) => !l.includes('mx2')), false],
    ['not a policy', ['garbage'], false],
  ])('%s', (_name, lines, same) => {
    expect(samePolicy(lines, current)).toBe(same);
  });
});
