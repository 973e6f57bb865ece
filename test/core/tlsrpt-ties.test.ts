import { describe, expect, it } from 'vitest';
import { evaluateDomain } from '../../src/core/evaluate.js';
import { readTlsRptReport } from '../../src/core/tlsrpt-report.js';
import { failureSeverity, type TlsRptInput } from '../../src/core/tlsrpt-ties.js';
import type { Finding } from '../../src/core/types.js';
import {
  absent,
  certificate,
  daysFromNow,
  expectation,
  MX1,
  MX2,
  mxHost,
  mxHosts,
  mxRecords,
  NOW,
  observation,
  policyHost,
  policyResponse,
  smtpTls,
  unknown,
} from '../helpers/observations.js';
import { failure, OLD_POLICY_LINES, type ReportOptions, tlsrptReport } from '../helpers/tlsrpt-fixtures.js';
import { chain, nextKeyTlsa, secureTlsa } from './dane-fixtures.js';

const WINDOW = { start: new Date(NOW.getTime() - 7 * 86_400_000), end: NOW };

/** A report ending `daysAgo` days before the pinned clock. */
function report(daysAgo: number, options: ReportOptions = {}) {
  const end = daysFromNow(-daysAgo);
  const parsed = readTlsRptReport(tlsrptReport({ start: daysFromNow(-daysAgo - 1), end, ...options }));
  if (!parsed.ok) throw new Error(parsed.reason);
  return {
    source: `${options.organization ?? 'x'}-${options.reportId ?? daysAgo}.json`,
    report: parsed.report,
  };
}

function input(...reports: ReturnType<typeof report>[]): TlsRptInput {
  return { reports, window: WINDOW };
}

const EXPIRED_MX1 = mxHost(MX1, {
  smtp: [
    smtpTls('192.0.2.25', {
      chainTrusted: false,
      verifyError: 'CERT_HAS_EXPIRED',
      certificate: certificate({ notAfter: daysFromNow(-2) }),
    }),
  ],
});
const BLOCKED = { smtp: null, notCheckedReason: 'port 25 blocked' } as const;

function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.code}${f.host === undefined ? '' : ` ${f.host}`}`);
}

describe('ties to check: confirmation of live findings', () => {
  it('a live MX finding the reports explain says "confirmed by <org>: N failed sessions (<result-type>)"', () => {
    const { report: r } = evaluateDomain(
      observation({ mxHosts: mxHosts(EXPIRED_MX1, mxHost(MX2)) }),
      expectation(),
      undefined,
      NOW,
      input(
        report(1, {
          organization: 'Org A',
          reportId: 'a',
          failed: 30,
          failures: [failure('certificate-expired', 30, 'MX1.example.com.')],
        }),
        report(1, {
          organization: 'Org B',
          reportId: 'b',
          failed: 11,
          failures: [failure('validation-failure', 11, MX1)],
        }),
      ),
    );
    const expired = r.findings.find((f) => f.code === 'mx-cert-expired');
    expect(expired?.message).toMatch(
      / TLS-RPT: Confirmed by Org A: 30 failed sessions \(certificate-expired\); confirmed by Org B: 11 failed sessions \(validation-failure\)\.$/,
    );
    expect(codes(r.findings).filter((c) => c.includes('tlsrpt-'))).toEqual([]);
  });

  it('an MX record in upper case is the same host as the lower-cased name in the reports (DNS names ignore case)', () => {
    const upper = MX1.toUpperCase();
    const { report: r } = evaluateDomain(
      observation({
        mx: mxRecords(upper, MX2),
        mxHosts: mxHosts({ ...EXPIRED_MX1, host: upper }, mxHost(MX2)),
      }),
      expectation(),
      undefined,
      NOW,
      input(report(1, { successful: 100, failed: 30, failures: [failure('certificate-expired', 30, MX1)] })),
    );
    expect(r.findings.find((f) => f.code === 'mx-cert-expired')?.message).toMatch(
      /TLS-RPT: Confirmed by .*: 30 failed sessions \(certificate-expired\)\.$/,
    );
    expect(codes(r.findings).filter((c) => c.includes('tlsrpt-failures'))).toEqual([]);
  });

  it('failures on another MX than the live finding are not confirmation: they become tlsrpt-failures on that MX', () => {
    const { report: r } = evaluateDomain(
      observation({ mxHosts: mxHosts(EXPIRED_MX1, mxHost(MX2)) }),
      expectation(),
      undefined,
      NOW,
      input(report(1, { successful: 100, failed: 30, failures: [failure('certificate-expired', 30, MX2)] })),
    );
    expect(r.findings.find((f) => f.code === 'mx-cert-expired')?.message).not.toContain('TLS-RPT');
    expect(codes(r.findings)).toContain(`error tlsrpt-failures ${MX2}`);
  });

  it('a policy finding is confirmed by sts-webpki-invalid failures', () => {
    const { report: r } = evaluateDomain(
      observation({
        policyHost: policyHost(
          policyResponse({
            tls: {
              protocol: 'TLSv1.3',
              chainTrusted: false,
              verifyError: 'CERT_HAS_EXPIRED',
              nameMatches: true,
              certificate: certificate({ notAfter: daysFromNow(-1) }),
            },
          }),
        ),
      }),
      expectation(),
      undefined,
      NOW,
      input(
        report(1, {
          organization: 'Org A',
          failed: 9,
          failures: [failure('sts-webpki-invalid', 9, '', { 'receiving-mx-hostname': undefined })],
        }),
      ),
    );
    const confirmed = r.findings.filter((f) =>
      f.message.includes('Confirmed by Org A: 9 failed sessions (sts-webpki-invalid)'),
    );
    expect(confirmed.map((f) => f.code)).toEqual(['policy-cert-expired']);
    expect(codes(r.findings).filter((c) => c.includes('tlsrpt-failures'))).toEqual([]);
  });
});

describe('ties to check: tlsrpt-failures when port 25 was not probed', () => {
  it('turns reported MX failures into findings of their own, naming result types and organisations', () => {
    const { report: r } = evaluateDomain(
      observation({ mxHosts: mxHosts(mxHost(MX1, BLOCKED), mxHost(MX2, BLOCKED)) }),
      expectation(),
      undefined,
      NOW,
      input(
        report(1, {
          organization: 'Org A',
          successful: 900,
          failed: 100,
          failures: [failure('certificate-expired', 100, MX1)],
        }),
      ),
    );
    const f = r.findings.find((x) => x.code === 'tlsrpt-failures');
    expect(f).toMatchObject({ severity: 'error', host: MX1, observed: '100 failed of 1000' });
    expect(f?.message).toBe(
      `TLS-RPT reports show 100 failed sessions on ${MX1} (10.00 % of 1000 sessions for example.com, latest in a report ending ${daysFromNow(-1)}) that this run does not explain: certificate-expired: 100 from Org A.`,
    );
    expect(r.status).toBe('error');
    expect(r.tlsrpt).toMatchObject({ reports: 1, failed: 100 });
    expect(r.findings.find((x) => x.code === 'mx-tls-not-checked')?.message).toMatch(
      / TLS-RPT reports stand in: 900 sessions succeeded and 100 failed in 1 report\(s\) of the window\.$/,
    );
  });

  it('can be silenced with ignore in domains.yml', () => {
    const { report: r } = evaluateDomain(
      observation({ mxHosts: mxHosts(mxHost(MX1, BLOCKED), mxHost(MX2, BLOCKED)) }),
      expectation({ ignore: ['tlsrpt-failures'] }),
      undefined,
      NOW,
      input(report(1, { failed: 100, failures: [failure('certificate-expired', 100, MX1)] })),
    );
    expect(codes(r.findings).some((c) => c.includes('tlsrpt-failures'))).toBe(false);
  });

  it.each<[number, number, number, string]>([
    [60, 1000, 1, 'error'],
    [50, 1000, 2, 'error'],
    [60, 1000, 3, 'warning'],
    [10, 1000, 1, 'warning'],
    [9, 1000, 1, 'notice'],
    [5, 5, 1, 'error'],
    [5, 5, 5, 'warning'],
  ])('%i failed of %i sessions, latest %i day(s) ago: %s', (failed, total, daysAgo, severity) => {
    expect(failureSeverity(failed, total, daysFromNow(-daysAgo), NOW)).toBe(severity);
  });

  it('one finding per MX; failures with no MX named are grouped without a host', () => {
    const { report: r } = evaluateDomain(
      observation({ mxHosts: mxHosts(mxHost(MX1, BLOCKED), mxHost(MX2, BLOCKED)) }),
      expectation(),
      undefined,
      NOW,
      input(
        report(1, {
          successful: 10_000,
          failed: 7,
          failures: [
            failure('starttls-not-supported', 3, MX1),
            failure('certificate-host-mismatch', 2, MX2),
            failure('dane-required', 2, '', { 'receiving-mx-hostname': undefined }),
          ],
        }),
      ),
    );
    expect(codes(r.findings).filter((c) => c.includes('tlsrpt-failures'))).toEqual([
      `notice tlsrpt-failures ${MX1}`,
      `notice tlsrpt-failures ${MX2}`,
      'notice tlsrpt-failures',
    ]);
  });
});

describe('ties to check: DANE result types (issue #7)', () => {
  it('tlsa-invalid on an MX is explained by tlsa-mismatch of the same host', () => {
    const stale = secureTlsa([nextKeyTlsa()], { mxHost: MX1, queryName: `_25._tcp.${MX1}`, baseDomain: MX1 });
    const dane = { addressSecurity: 'secure', addressSignatureExpirations: [], tlsa: stale } as const;
    const { report: r } = evaluateDomain(
      observation({
        mxHosts: mxHosts(
          mxHost(MX1, { smtp: [smtpTls('192.0.2.25', { daneChain: chain })], dane }),
          mxHost(MX2),
        ),
        mxDnssec: { security: 'secure', signatureExpirations: [] },
      }),
      expectation(),
      undefined,
      NOW,
      input(
        report(1, {
          organization: 'Org D',
          failed: 5,
          failures: [failure('tlsa-invalid', 5, MX1), failure('dnssec-invalid', 2, MX2)],
        }),
      ),
    );
    const mismatch = r.findings.find((f) => f.code === 'tlsa-mismatch');
    expect(mismatch?.message).toMatch(/Confirmed by Org D: 5 failed sessions \(tlsa-invalid\)\.$/);
    // MX2 has no DANE finding: its dnssec-invalid failures stay unexplained.
    const failures = r.findings.filter((f) => f.code === 'tlsrpt-failures').map((f) => f.host);
    expect(failures).toEqual([MX2]);
  });
});

describe('ties to check: senders on an old policy', () => {
  it('names the organisations whose policy-string differs from the live policy in recent reports', () => {
    const { report: r } = evaluateDomain(
      observation(),
      expectation(),
      undefined,
      NOW,
      input(
        report(1, { organization: 'Org A', reportId: 'a' }),
        report(1, { organization: 'Org B', reportId: 'b', policyString: OLD_POLICY_LINES, successful: 40 }),
        report(5, { organization: 'Org C', reportId: 'c', policyString: OLD_POLICY_LINES }),
      ),
    );
    const f = r.findings.find((x) => x.code === 'tlsrpt-old-policy');
    expect(f).toMatchObject({ severity: 'warning', observed: 'Org B' });
    expect(f?.message).toBe(
      'Senders still apply a policy other than the one published now for example.com: Org B (40 sessions in reports of the last 3 days).',
    );
    expect(r.tlsrpt?.appliedPolicies.map((p) => [p.organization, p.current])).toEqual([
      ['Org A', true],
      ['Org C', false],
      ['Org B', false],
    ]);
  });

  it('says nothing when the live policy is not known (lookup failed)', () => {
    const { report: r } = evaluateDomain(
      observation({ stsTxt: unknown() }),
      expectation(),
      undefined,
      NOW,
      input(report(1, { organization: 'Org B', policyString: OLD_POLICY_LINES })),
    );
    expect(r.findings.some((x) => x.code === 'tlsrpt-old-policy')).toBe(false);
    expect(r.tlsrpt?.appliedPolicies[0]?.current).toBeNull();
  });
});

describe('ties to check: tlsrpt-no-reports', () => {
  it.each<[string, Parameters<typeof observation>[0], ReturnType<typeof report>[], boolean]>([
    ['TLS-RPT published, no report at all', {}, [], true],
    ['TLS-RPT published, latest report 4 days old', {}, [report(4)], true],
    ['TLS-RPT published, a report of yesterday', {}, [report(1)], false],
    ['no TLS-RPT record', { tlsrptTxt: absent() }, [], false],
  ])('%s', (_name, obs, reports, expected) => {
    const { report: r } = evaluateDomain(observation(obs), expectation(), undefined, NOW, input(...reports));
    const f = r.findings.find((x) => x.code === 'tlsrpt-no-reports');
    expect(f !== undefined).toBe(expected);
    if (f !== undefined) expect(f.severity).toBe('notice');
  });

  it('no source given: no tie at all, no tlsrpt field', () => {
    const { report: r } = evaluateDomain(observation(), expectation(), undefined, NOW);
    expect(r.findings.some((x) => x.code.startsWith('tlsrpt-'))).toBe(false);
    expect('tlsrpt' in r).toBe(false);
  });
});

describe('ties to check: an incomplete read', () => {
  it('no tlsrpt-no-reports when a source could not be read (a missing report proves nothing)', () => {
    const { report: r } = evaluateDomain(observation(), expectation(), undefined, NOW, {
      reports: [],
      window: WINDOW,
      complete: false,
    });
    expect(r.findings.some((x) => x.code === 'tlsrpt-no-reports')).toBe(false);
  });
});
