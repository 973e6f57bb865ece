/**
 * The sample corpus of issue #10's closing note: 30 synthetic daily reports (test/helpers/tlsrpt-fixtures.ts) from
 * five senders for three domains; one sender still applies an old policy, mx2.example.net fails. Pins the figures
 * quoted in the report to the lead, and what `check` makes of them on a runner without port 25.
 */
import { describe, expect, it } from 'vitest';
import { evaluateDomain } from '../../src/core/evaluate.js';
import { aggregateReports, type SourcedReport } from '../../src/core/tlsrpt-aggregate.js';
import { readTlsRptReport } from '../../src/core/tlsrpt-report.js';
import {
  certificate,
  expectation,
  mxHost,
  mxHosts,
  mxRecords,
  NOW,
  observation,
  ok,
  policyBody,
  policyHost,
  policyResponse,
  tls,
} from '../helpers/observations.js';
import { sampleCorpus } from '../helpers/tlsrpt-fixtures.js';

const WINDOW = { start: new Date(NOW.getTime() - 7 * 86_400_000), end: NOW };
const corpus: SourcedReport[] = sampleCorpus(30, NOW).map((json, i) => {
  const parsed = readTlsRptReport(json);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { source: `r${i}.json.gz`, report: parsed.report };
});

describe('the sample corpus of 30 reports', () => {
  it('sums to these figures', () => {
    const summary = aggregateReports(corpus, [], WINDOW);
    expect(summary.domains.map((d) => [d.domain, d.reports, d.successful, d.failed])).toEqual([
      ['example.com', 10, 6271, 0],
      ['example.net', 10, 4854, 98],
      ['example.org', 10, 5065, 0],
    ]);
    const net = summary.domains[1];
    expect(net?.byResultType).toEqual({
      'certificate-host-mismatch': 55,
      'starttls-not-supported': 28,
      'certificate-expired': 10,
      'validation-failure': 5,
    });
    expect(net?.byMx).toEqual({ 'mx2.example.net': 98 });
    expect(summary.ignored).toEqual([]);
  });

  it('check on a hosted runner (MX not probed): example.net gets tlsrpt-failures (warning, 1.98 %) and tlsrpt-old-policy naming Sender Five', () => {
    const domain = 'example.net';
    const host = `mta-sts.${domain}`;
    const mx = ['mx1.example.net', 'mx2.example.net'];
    const blocked = { smtp: null, notCheckedReason: 'port 25 blocked' } as const;
    const { report } = evaluateDomain(
      observation({
        domain,
        tlsrptTxt: ok([`v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`]),
        mx: mxRecords(...mx),
        policyHost: {
          ...policyHost(
            policyResponse({
              body: policyBody({ mx }),
              tls: tls({ certificate: certificate({ subject: `CN=${host}`, dnsNames: [host] }) }),
            }),
          ),
          host,
        },
        mxHosts: mxHosts(...mx.map((m) => mxHost(m, blocked))),
      }),
      expectation({ domain }),
      undefined,
      NOW,
      {
        reports: corpus.filter((r) => r.report.policies.some((p) => p.policyDomain === domain)),
        window: WINDOW,
      },
    );
    expect(
      report.findings.map((f) => `${f.severity} ${f.code}${f.host === undefined ? '' : ` ${f.host}`}`),
    ).toEqual([
      'warning tlsrpt-failures mx2.example.net',
      'warning tlsrpt-old-policy',
      'notice mx-tls-not-checked',
    ]);
    expect(report.findings[0]?.message).toContain(
      '98 failed sessions on mx2.example.net (1.98 % of 4952 sessions for example.net',
    );
    expect(report.findings[1]?.observed).toBe('Sender Five');
  });
});
