import { describe, expect, it } from 'vitest';
import type { MxAssessment } from '../../src/core/assess-mx.js';
import { evaluateDomain } from '../../src/core/evaluate.js';
import { rfc } from '../../src/core/senders/rfc.js';
import type { SenderFacts } from '../../src/core/senders/types.js';
import type {
  DomainExpectation,
  DomainObservation,
  DomainReport,
  Finding,
  MxReport,
  MxTlsStatus,
  PolicyFetch,
  PolicySummary,
  Severity,
  SmtpProbe,
  TlsObservation,
} from '../../src/core/types.js';
import {
  absent,
  certificate,
  daysFromNow,
  DOMAIN,
  expectation,
  MX1,
  MX2,
  mxHost,
  mxHosts,
  mxRecords,
  NOW,
  observation,
  ok,
  policyBody,
  policyHost,
  POLICY_HOST,
  policyResponse,
  smtpTls,
  STS_ID,
  STS_RECORD,
  TLSRPT_RECORD,
  TLSRPT_RUA,
  unknown,
} from '../helpers/observations.js';

function evaluate(obs: Partial<DomainObservation> = {}, exp: Partial<DomainExpectation> = {}): DomainReport {
  return evaluateDomain(observation(obs), expectation(exp), undefined, NOW).report;
}

/** `code:severity` for each finding, in report order. */
const pairs = (report: DomainReport): string[] => report.findings.map((f) => `${f.code}:${f.severity}`);
const codes = (report: DomainReport): string[] => report.findings.map((f) => f.code);
const find = (report: DomainReport, code: string): Finding | undefined =>
  report.findings.find((f) => f.code === code);

/** A domain whose only MX is mx1, probed with `probe`. */
function singleMx(probe: SmtpProbe, mode = 'enforce'): Partial<DomainObservation> {
  return {
    mx: mxRecords(MX1),
    mxHosts: mxHosts(mxHost(MX1, { smtp: [probe] })),
    policyHost: policyHost(policyResponse({ body: policyBody({ mode }) })),
  };
}

/** Both MX hosts, mx1 probed with `probe`, mx2 healthy. */
function firstMxBroken(probe: SmtpProbe): Partial<DomainObservation> {
  return { mxHosts: mxHosts(mxHost(MX1, { smtp: [probe] }), mxHost(MX2)) };
}

/** The healthy policy host, serving `fetch` instead. */
const served = (fetch: PolicyFetch): Partial<DomainObservation> => ({ policyHost: policyHost(fetch) });

describe('evaluateDomain: a healthy enforcing domain', () => {
  const report = evaluate();

  it('is ok with no findings', () => {
    expect(report.status).toBe('ok');
    expect(report.findings).toStrictEqual([]);
    expect(report.bounces).toBe(false);
    expect(report.bouncesIfEnforced).toBe(false);
  });

  it('summarises the policy', () => {
    expect(report.policy).toStrictEqual({
      status: 'valid',
      id: STS_ID,
      mode: 'enforce',
      maxAge: 604800,
      mx: [MX1, MX2],
      certificate: { names: [POLICY_HOST], issuer: 'CN=Test Public CA', notAfter: daysFromNow(92) },
    } satisfies PolicySummary);
  });

  it('has no certificate in the summary when no handshake with the policy host completed', () => {
    const r = evaluate({
      policyHost: {
        host: POLICY_HOST,
        addresses: ok(['192.0.2.10']),
        fetches: [{ address: '192.0.2.10', outcome: 'unreachable', error: 'ECONNREFUSED' }],
      },
    });
    expect(r.policy.certificate).toBeNull();
  });

  it('reports each MX in preference order', () => {
    expect(report.mx).toStrictEqual([
      { host: MX1, preference: 10, matched: true, tls: 'ok', notAfter: daysFromNow(92), enforceOk: true },
      { host: MX2, preference: 20, matched: true, tls: 'ok', notAfter: daysFromNow(92), enforceOk: true },
    ] satisfies MxReport[]);
  });

  it('orders MX reports by preference, not by record order', () => {
    const r = evaluate({
      mx: ok([
        { exchange: MX2, preference: 5 },
        { exchange: MX1, preference: 50 },
      ]),
    });
    expect(r.mx.map((m) => [m.host, m.preference])).toStrictEqual([
      [MX2, 5],
      [MX1, 50],
    ]);
  });

  it('is the same under a wildcard pattern', () => {
    const r = evaluate(served(policyResponse({ body: policyBody({ mx: ['*.example.com'] }) })));
    expect(r.status).toBe('ok');
    expect(r.mx.map((m) => m.matched)).toStrictEqual([true, true]);
  });
});

describe('evaluateDomain: MX coverage (RFC 8461 §4.1)', () => {
  it('enforce, one of two MX not covered: error, but mail still flows through the other', () => {
    const r = evaluate(served(policyResponse({ body: policyBody({ mx: [MX1] }) })));
    expect(pairs(r)).toStrictEqual(['mx-not-covered:error']);
    expect(find(r, 'mx-not-covered')).toMatchObject({
      host: MX2,
      expected: MX1,
      observed: MX2,
    });
    expect(find(r, 'mx-not-covered')?.message).toContain(
      `MX host ${MX2} matches no mx pattern of the policy (${MX1})`,
    );
    expect(r.mx.map((m) => [m.host, m.matched, m.enforceOk])).toStrictEqual([
      [MX1, true, true],
      [MX2, false, false],
    ]);
    expect(r.bounces).toBe(false);
    expect(r.status).toBe('error');
  });

  it('enforce, the only MX not covered: mail bounces', () => {
    const r = evaluate({
      mx: mxRecords(MX2),
      policyHost: policyHost(policyResponse({ body: policyBody({ mx: [MX1] }) })),
    });
    expect(pairs(r)).toStrictEqual(['mail-bounces:error', 'mx-not-covered:error']);
    expect(find(r, 'mail-bounces')?.message).toContain(`No MX host of ${DOMAIN} passes RFC 8461 validation`);
    expect(r.bounces).toBe(true);
    expect(r.bouncesIfEnforced).toBe(true);
  });

  it('enforce, no MX covered by a wildcard for another domain: mail bounces', () => {
    const r = evaluate(served(policyResponse({ body: policyBody({ mx: ['*.example.net'] }) })));
    expect(codes(r)).toStrictEqual(['mail-bounces', 'mx-not-covered', 'mx-not-covered']);
    expect(r.bounces).toBe(true);
  });

  it('testing, the only MX not covered: warning, no bounce now, bounce once enforced', () => {
    const r = evaluate({
      mx: mxRecords(MX2),
      policyHost: policyHost(policyResponse({ body: policyBody({ mode: 'testing', mx: [MX1] }) })),
    });
    expect(pairs(r)).toStrictEqual(['bounces-if-enforced:warning', 'mx-not-covered:warning']);
    expect(find(r, 'bounces-if-enforced')?.message).toContain(
      'switching the policy to enforce would bounce all mail',
    );
    expect(r.bounces).toBe(false);
    expect(r.bouncesIfEnforced).toBe(true);
    expect(r.status).toBe('warning');
  });

  it('testing, all MX pass: no verdict finding', () => {
    const r = evaluate(served(policyResponse({ body: policyBody({ mode: 'testing' }) })));
    expect(r.findings).toStrictEqual([]);
    expect(r.bounces).toBe(false);
    expect(r.bouncesIfEnforced).toBe(false);
  });

  it('none: no mx lines, nothing is "not covered" and nothing bounces', () => {
    const r = evaluate(served(policyResponse({ body: policyBody({ mode: 'none', mx: [] }) })));
    expect(r.findings).toStrictEqual([]);
    expect(r.bounces).toBe(false);
    expect(r.mx.map((m) => m.matched)).toStrictEqual([false, false]);
    // Debatable but documented: "as if enforce" is computed for mode none too; no finding is raised from it.
    expect(r.bouncesIfEnforced).toBeNull(); // meaningless for mode none
  });
});

describe('evaluateDomain: MX TLS faults (RFC 8461 §4.2)', () => {
  const address = '192.0.2.25';
  const faults: [string, SmtpProbe, string, MxTlsStatus, string][] = [
    [
      'no STARTTLS',
      { address, outcome: 'no-starttls', banner: '220 mx' },
      'mx-starttls-missing',
      'no-starttls',
      'does not offer STARTTLS',
    ],
    [
      'expired certificate',
      smtpTls(address, { certificate: certificate({ notAfter: daysFromNow(-3) }) }),
      'mx-cert-expired',
      'cert-expired',
      'the certificate expired on',
    ],
    [
      'certificate not yet valid',
      smtpTls(address, { certificate: certificate({ notBefore: daysFromNow(2) }) }),
      'mx-cert-expired',
      'cert-expired',
      'is not valid before',
    ],
    [
      'untrusted certificate',
      smtpTls(address, { chainTrusted: false, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      'mx-cert-untrusted',
      'cert-untrusted',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
    ],
    [
      'name mismatch',
      smtpTls(address, { nameMatches: false, certificate: certificate({ dnsNames: ['other.example'] }) }),
      'mx-cert-name-mismatch',
      'name-mismatch',
      `not valid for ${MX1}`,
    ],
    ['TLS 1.0', smtpTls(address, { protocol: 'TLSv1' }), 'mx-tls-old', 'old-tls', 'negotiated TLSv1'],
    [
      'unreadable certificate (issue #11 item 1)',
      smtpTls(address, {
        chainTrusted: false,
        verifyError: 'ERROR_IN_CERT_NOT_AFTER_FIELD',
        certificate: certificate({ notAfter: null }),
        certificateProblems: ['notAfter: not a valid date ("Bad time value")'],
      }),
      'mx-cert-malformed',
      'cert-untrusted',
      'cannot be read',
    ],
    [
      'handshake failure',
      { address, outcome: 'tls-failed', banner: '220 mx', error: 'no shared cipher' },
      'mx-tls-failed',
      'tls-failed',
      'no shared cipher',
    ],
  ];

  it.each(faults)('enforce, only MX, %s: error and mail bounces', (_label, probe, code, status, fragment) => {
    const r = evaluate(singleMx(probe));
    expect(pairs(r)).toStrictEqual(['mail-bounces:error', `${code}:error`]);
    const f = find(r, code);
    expect(f).toMatchObject({ host: MX1, observed: address });
    expect(f?.message).toContain(`${MX1} (${address})`);
    expect(f?.message).toContain(fragment);
    expect(r.mx).toHaveLength(1);
    expect(r.mx[0]).toMatchObject({ host: MX1, matched: true, tls: status, enforceOk: false });
    expect(r.bounces).toBe(true);
    expect(r.status).toBe('error');
  });

  it.each(faults)(
    'enforce, one of two MX with %s: error, mail still flows',
    (_label, probe, code, status) => {
      const r = evaluate(firstMxBroken(probe));
      expect(pairs(r)).toStrictEqual([`${code}:error`]);
      expect(r.mx.map((m) => [m.tls, m.enforceOk])).toStrictEqual([
        [status, false],
        ['ok', true],
      ]);
      expect(r.bounces).toBe(false);
    },
  );

  it.each(faults)('testing, only MX with %s: warning plus bounces-if-enforced', (_label, probe, code) => {
    const r = evaluate(singleMx(probe, 'testing'));
    expect(pairs(r)).toStrictEqual(['bounces-if-enforced:warning', `${code}:warning`]);
    expect(r.bounces).toBe(false);
    expect(r.bouncesIfEnforced).toBe(true);
  });

  it.each(faults)('none, only MX with %s: a notice only', (_label, probe, code) => {
    const r = evaluate(singleMx(probe, 'none'));
    expect(pairs(r)).toStrictEqual([`${code}:notice`]);
    expect(r.bounces).toBe(false);
  });

  it('the expiry date of the MX certificate is reported even when it fails', () => {
    const notAfter = daysFromNow(-3);
    const r = evaluate(singleMx(smtpTls(address, { certificate: certificate({ notAfter }) })));
    expect(r.mx[0]?.notAfter).toBe(notAfter);
  });

  it('one failing address fails the host: a sender may pick it', () => {
    const host = mxHost(MX1, {
      addresses: ok(['192.0.2.25', '2001:db8::25']),
      smtp: [smtpTls('192.0.2.25'), { address: '2001:db8::25', outcome: 'no-starttls', banner: '220' }],
    });
    const r = evaluate({ mx: mxRecords(MX1), mxHosts: mxHosts(host) });
    expect(r.mx[0]).toMatchObject({ tls: 'no-starttls', enforceOk: false });
    expect(find(r, 'mx-starttls-missing')?.observed).toBe('2001:db8::25');
    expect(r.bounces).toBe(true);
  });

  it('an unreachable address next to a passing one is skipped: the host passes', () => {
    const host = mxHost(MX1, {
      addresses: ok(['192.0.2.25', '2001:db8::25']),
      smtp: [
        smtpTls('192.0.2.25'),
        { address: '2001:db8::25', outcome: 'unreachable', error: 'ECONNREFUSED' },
      ],
    });
    const r = evaluate({ mx: mxRecords(MX1), mxHosts: mxHosts(host) });
    expect(r.mx[0]).toMatchObject({ tls: 'ok', enforceOk: true });
    expect(pairs(r)).toStrictEqual(['mx-unreachable:warning']);
    expect(r.bounces).toBe(false);
  });

  it('the earliest notAfter of the addresses is reported', () => {
    const soon = daysFromNow(40);
    const host = mxHost(MX1, {
      smtp: [smtpTls('192.0.2.25'), smtpTls('192.0.2.26', { certificate: certificate({ notAfter: soon }) })],
    });
    const r = evaluate({ mx: mxRecords(MX1), mxHosts: mxHosts(host) });
    expect(r.mx[0]?.notAfter).toBe(soon);
  });
});

describe('evaluateDomain: MX observations that are not verdicts', () => {
  it('MX TLS not checked (port 25 blocked): not-checked, bounce unknown, a notice, status not unknown', () => {
    const blocked = { smtp: null, notCheckedReason: 'outbound port 25 is blocked on this runner' };
    const r = evaluate({ mxHosts: mxHosts(mxHost(MX1, blocked), mxHost(MX2, blocked)) });
    expect(r.mx.map((m) => [m.tls, m.enforceOk])).toStrictEqual([
      ['not-checked', null],
      ['not-checked', null],
    ]);
    expect(r.bounces).toBeNull();
    expect(r.bouncesIfEnforced).toBeNull();
    expect(pairs(r)).toStrictEqual(['mx-tls-not-checked:notice']);
    expect(find(r, 'mx-tls-not-checked')?.message).toBe(
      'MX TLS was not checked: outbound port 25 is blocked on this runner.',
    );
    // Issue #10 part 3: skipped checks are never shown as "ok".
    expect(r.status).toBe('incomplete');
    expect(r.notChecked).toStrictEqual(['mx-tls']);
  });

  it('an expired MX certificate behind a blocked port 25 is incomplete, not ok (issue #10 part 3)', () => {
    const blocked = { smtp: null, notCheckedReason: 'GitHub-hosted runners block outbound port 25' };
    const r = evaluate({
      mx: ok([{ exchange: MX1, preference: 10 }]),
      mxHosts: mxHosts(mxHost(MX1, blocked)),
    });
    expect(r).toMatchObject({ status: 'incomplete', bounces: null, notChecked: ['mx-tls'] });
  });

  it('a proxy failure leaves the MX not checked, with no per-host finding (the run says it once)', () => {
    const r = evaluate(
      singleMx({ address: '192.0.2.25', outcome: 'proxy-failed', error: 'SOCKS proxy down' }),
    );
    expect(r.mx[0]).toMatchObject({ tls: 'not-checked', enforceOk: null });
    expect(pairs(r)).toStrictEqual([]);
    expect(r).toMatchObject({ status: 'incomplete', bounces: null, notChecked: ['mx-tls'] });
  });

  it('all checked: status ok and nothing in notChecked', () => {
    const r = evaluate({});
    expect(r).toMatchObject({ status: 'ok', notChecked: [] });
  });

  it('MX TLS not checked without a reason says "disabled"', () => {
    const r = evaluate({ mxHosts: mxHosts(mxHost(MX1, { smtp: null }), mxHost(MX2, { smtp: null })) });
    expect(find(r, 'mx-tls-not-checked')?.message).toBe('MX TLS was not checked: disabled.');
  });

  it('MX timeout: bounce unknown, status unknown', () => {
    const r = evaluate(singleMx({ address: '192.0.2.25', outcome: 'timeout', error: '10 s' }));
    expect(pairs(r)).toStrictEqual(['mx-timeout:notice']);
    expect(find(r, 'mx-timeout')?.unknown).toBe(true);
    expect(r.mx[0]).toMatchObject({ tls: 'unreachable', enforceOk: null });
    expect(r.bounces).toBeNull();
    expect(r.status).toBe('unknown');
  });

  it('a warning plus an unknown finding: status warning, not unknown (issue #11 item 20)', () => {
    const r = evaluate({
      ...singleMx({ address: '192.0.2.25', outcome: 'timeout', error: '10 s' }),
      policyHost: policyHost(policyResponse({ body: policyBody({ maxAge: 3600 }) })),
    });
    expect(pairs(r)).toStrictEqual(['policy-max-age-short:warning', 'mx-timeout:notice']);
    expect(find(r, 'mx-timeout')?.unknown).toBe(true);
    expect(r.status).toBe('warning');
  });

  it('one MX times out, the other passes: no bounce', () => {
    const r = evaluate(firstMxBroken({ address: '192.0.2.25', outcome: 'timeout', error: '10 s' }));
    expect(r.bounces).toBe(false);
    expect(r.status).toBe('unknown');
  });

  it.each<[string, SmtpProbe, string, Severity]>([
    [
      'unreachable',
      { address: '192.0.2.25', outcome: 'unreachable', error: 'ECONNREFUSED' },
      'mx-unreachable',
      'warning',
    ],
    [
      'blocked address',
      { address: '10.0.0.25', outcome: 'blocked', error: 'private address' },
      'address-blocked',
      'notice',
    ],
  ])('only MX %s: %s, bounce unknown', (_label, probe, code, severity) => {
    const r = evaluate(singleMx(probe));
    expect(pairs(r)).toStrictEqual([`${code}:${severity}`]);
    expect(find(r, code)).toMatchObject({ host: MX1, observed: probe.address });
    expect(r.mx[0]?.enforceOk).toBeNull();
    expect(r.bounces).toBeNull();
  });

  it('MX host without addresses: mx-host-missing', () => {
    const r = evaluate({
      mx: mxRecords(MX1),
      mxHosts: mxHosts(mxHost(MX1, { addresses: absent(), smtp: [] })),
    });
    expect(pairs(r)).toStrictEqual(['mx-host-missing:error']);
    expect(find(r, 'mx-host-missing')?.host).toBe(MX1);
    expect(r.mx[0]).toMatchObject({ tls: 'unreachable', enforceOk: null });
  });

  it('MX host address lookup failed: mx-host-unknown', () => {
    const r = evaluate({
      mx: mxRecords(MX1),
      mxHosts: mxHosts(mxHost(MX1, { addresses: unknown('SERVFAIL'), smtp: [] })),
    });
    expect(pairs(r)).toStrictEqual(['mx-host-unknown:notice']);
    expect(find(r, 'mx-host-unknown')?.message).toContain('(SERVFAIL)');
    expect(r.mx[0]).toMatchObject({ tls: 'not-checked', enforceOk: null });
    expect(r.bounces).toBeNull();
    expect(r.status).toBe('unknown');
  });

  it('MX host never observed: mx-host-unknown "not looked up"', () => {
    const r = evaluate({ mx: mxRecords(MX1, 'mx3.example.com') });
    expect(find(r, 'mx-host-unknown')).toMatchObject({ host: 'mx3.example.com' });
    expect(find(r, 'mx-host-unknown')?.message).toContain('not looked up');
  });

  it('null MX (RFC 7505): a notice, no MX reports, no bounce', () => {
    const r = evaluate({ mx: ok([{ exchange: '', preference: 0 }]), mxHosts: {} });
    expect(pairs(r)).toStrictEqual(['mx-null:notice']);
    expect(r.mx).toStrictEqual([]);
    expect(r.bounces).toBe(false);
    expect(r.status).toBe('ok');
  });

  it('no MX record: the domain itself is the MX (RFC 5321 §5.1)', () => {
    const r = evaluate({
      mx: absent('nodata'),
      mxHosts: mxHosts(mxHost(DOMAIN)),
      policyHost: policyHost(policyResponse({ body: policyBody({ mx: [DOMAIN] }) })),
    });
    expect(pairs(r)).toStrictEqual(['mx-implicit:notice']);
    expect(r.mx).toStrictEqual([
      { host: DOMAIN, preference: 0, matched: true, tls: 'ok', notAfter: daysFromNow(92), enforceOk: true },
    ]);
    expect(r.bounces).toBe(false);
  });

  it('no MX record and a policy that lists only mx hosts: the implicit MX is not covered', () => {
    // NODATA: the domain exists (it has a policy) but no MX record (RFC 5321 §5.1).
    const r = evaluate({ mx: absent('nodata'), mxHosts: mxHosts(mxHost(DOMAIN)) });
    expect(codes(r)).toStrictEqual(['mail-bounces', 'mx-not-covered', 'mx-implicit']);
    expect(find(r, 'mx-not-covered')?.host).toBe(DOMAIN);
    expect(r.bounces).toBe(true);
  });

  it('NXDOMAIN for the domain itself: one domain-not-found error, no implicit MX (issue #10 part 3)', () => {
    const r = evaluate({
      mx: absent('nxdomain'),
      stsTxt: absent('nxdomain'),
      tlsrptTxt: absent('nxdomain'),
      mxHosts: mxHosts(mxHost(DOMAIN, { addresses: absent('nxdomain'), smtp: [] })),
    });
    expect(pairs(r)).toStrictEqual(['domain-not-found:error']);
    expect(find(r, 'domain-not-found')?.message).toBe(
      `${DOMAIN} does not exist in the DNS (NXDOMAIN): nothing about it can be checked.`,
    );
    expect(r).toMatchObject({
      status: 'error',
      bounces: null,
      bouncesIfEnforced: null,
      mx: [],
      notChecked: [],
    });
  });

  it('MX lookup failed: mx-unknown, bounce unknown', () => {
    const r = evaluate({ mx: unknown('timeout') });
    expect(pairs(r)).toStrictEqual(['mx-unknown:notice']);
    expect(r.mx).toStrictEqual([]);
    expect(r.bounces).toBeNull();
    expect(r.status).toBe('unknown');
  });
});

describe('evaluateDomain: an MX host no sender can talk to (issue #11 item 9)', () => {
  const address = '192.0.2.25';
  const garbage: SmtpProbe = { address, outcome: 'protocol-error', error: 'not an SMTP reply: "\\u0000"' };
  const confirmed: SmtpProbe = {
    address,
    outcome: 'timeout',
    error: 'no answer within 10000 ms',
    confirmed: true,
  };
  const unconfirmed: SmtpProbe = { address, outcome: 'timeout', error: 'no answer within 10000 ms' };
  it.each<[string, string, SmtpProbe, string[], boolean | null, boolean | null]>([
    ['garbage', 'enforce', garbage, ['mail-bounces:error', 'mx-smtp-error:error'], true, true],
    ['garbage', 'testing', garbage, ['bounces-if-enforced:warning', 'mx-smtp-error:warning'], false, true],
    ['garbage', 'none', garbage, ['mx-smtp-error:warning'], false, null],
    [
      'a confirmed timeout',
      'enforce',
      confirmed,
      ['mail-bounces:error', 'mx-timeout-confirmed:error'],
      true,
      true,
    ],
    [
      'a confirmed timeout',
      'testing',
      confirmed,
      ['bounces-if-enforced:warning', 'mx-timeout-confirmed:warning'],
      false,
      true,
    ],
    // Without the second try, the timeout may be the network where the check runs: unknown, not a fault.
    ['an unconfirmed timeout', 'enforce', unconfirmed, ['mx-timeout:notice'], null, null],
  ])('the only MX answers %s under %s', (_label, mode, probe, expected, bounces, ifEnforced) => {
    const r = evaluate(singleMx(probe, mode));
    expect(pairs(r)).toStrictEqual(expected);
    expect(r.bounces).toBe(bounces);
    expect(r.bouncesIfEnforced).toBe(ifEnforced);
    if (probe.outcome === 'protocol-error' || (probe.outcome === 'timeout' && probe.confirmed === true)) {
      expect(r.mx[0]).toMatchObject({ tls: 'no-smtp', enforceOk: false });
      expect(r.findings.find((f) => f.host === MX1)?.unknown).toBeUndefined();
    }
  });

  it.each([
    ['garbage', garbage, 'mx-smtp-error'],
    ['a confirmed timeout', confirmed, 'mx-timeout-confirmed'],
  ])('one of two MX answers %s: an error, mail still flows through the other', (_label, probe, code) => {
    const r = evaluate(firstMxBroken(probe));
    expect(pairs(r)).toStrictEqual([`${code}:error`]);
    expect(r.mx.map((m) => m.enforceOk)).toStrictEqual([false, true]);
    expect(r.bounces).toBe(false);
    expect(r.status).toBe('error');
  });

  it.each<[string, SmtpProbe, string, boolean | null, boolean | null]>([
    // Before the greeting, senders move on to the next address (RFC 5321 §5.1), so the host still takes mail.
    ['a passing address', smtpTls('192.0.2.26'), 'ok', true, false],
    ['a second dead address', { ...confirmed, address: '192.0.2.26' }, 'no-smtp', false, true],
    ['an address that timed out once', { ...unconfirmed, address: '192.0.2.26' }, 'unreachable', null, null],
    [
      'an address with a TLS fault',
      smtpTls('192.0.2.26', { chainTrusted: false, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      'cert-untrusted',
      false,
      true,
    ],
  ])('a dead address next to %s', (_label, other, status, enforceOk, bounces) => {
    const host = mxHost(MX1, { addresses: ok([address, '192.0.2.26']), smtp: [garbage, other] });
    const r = evaluate({ mx: mxRecords(MX1), mxHosts: mxHosts(host) });
    expect(r.mx[0]).toMatchObject({ tls: status, enforceOk });
    expect(r.bounces).toBe(bounces);
    expect(find(r, 'mx-smtp-error')?.severity).toBe('error');
  });
});

describe('evaluateDomain: the _mta-sts record (RFC 8461 §3.1)', () => {
  it('TXT lookup unknown: status unknown, bounce unknown, no errors', () => {
    const r = evaluate({ stsTxt: unknown('SERVFAIL') });
    expect(r.status).toBe('unknown');
    expect(r.bounces).toBeNull();
    expect(r.bouncesIfEnforced).toBeNull();
    expect(r.policy.status).toBe('unknown');
    expect(r.findings.filter((f) => f.severity === 'error')).toStrictEqual([]);
    expect(pairs(r)).toStrictEqual(['sts-record-unknown:notice']);
    expect(find(r, 'sts-record-unknown')?.message).toBe(
      'The TXT lookup of _mta-sts.example.com failed (SERVFAIL).',
    );
  });

  it('TXT lookup unknown while MX TLS is broken: TLS faults are notices, no error', () => {
    const r = evaluate({
      stsTxt: unknown(),
      ...firstMxBroken({ address: 'a', outcome: 'no-starttls', banner: '' }),
    });
    expect(r.findings.some((f) => f.severity === 'error')).toBe(false);
    expect(find(r, 'mx-starttls-missing')?.severity).toBe('notice');
  });

  it.each([
    ['nxdomain', absent<readonly string[]>('nxdomain')],
    ['nodata', absent<readonly string[]>('nodata')],
    ['only unrelated TXT records', ok(['v=spf1 -all', 'google-site-verification=abc'])],
  ])('no v=STSv1 record (%s), no policy host: sts-record-missing, no bounce', (_label, stsTxt) => {
    const r = evaluate({ stsTxt, policyHost: { host: POLICY_HOST, addresses: absent(), fetches: [] } });
    expect(pairs(r)).toStrictEqual(['sts-record-missing:error']);
    expect(find(r, 'sts-record-missing')).toMatchObject({
      message: `_mta-sts.${DOMAIN} has no "v=STSv1" TXT record, so senders do not use MTA-STS for ${DOMAIN}.`,
      fix: `Publish a TXT record \`v=STSv1; id=<new id>\` at \`_mta-sts.${DOMAIN}\`.`,
    });
    expect(r.policy).toMatchObject({ status: 'absent', id: null, mode: null, maxAge: null, mx: [] });
    expect(r.bounces).toBe(false);
    expect(r.bouncesIfEnforced).toBe(false);
    expect(r.mx.map((m) => m.matched)).toStrictEqual([null, null]);
  });

  it.each([
    ['has no address', { host: POLICY_HOST, addresses: absent<readonly string[]>(), fetches: [] }],
    ['address lookup failed', { host: POLICY_HOST, addresses: unknown<readonly string[]>(), fetches: [] }],
  ])('no v=STSv1 record and the policy host %s: still sts-record-missing', (_label, host) => {
    const r = evaluate({ stsTxt: absent(), policyHost: host });
    expect(pairs(r)).toStrictEqual(['sts-record-missing:error']);
    expect(r.policy.status).toBe('absent');
    expect(r.bounces).toBe(false);
  });

  it('no record but an enforce policy still served: policy-without-record', () => {
    const r = evaluate({ stsTxt: absent() });
    expect(pairs(r)).toStrictEqual(['sts-record-missing:error', 'policy-without-record:warning']);
    expect(find(r, 'policy-without-record')?.message).toBe(
      `${POLICY_HOST} still serves a policy in mode enforce; senders that cached it keep applying it for up to 604800 s.`,
    );
  });

  it('no record and a mode none policy served: the removal is under way, no policy-without-record', () => {
    const r = evaluate({
      stsTxt: absent(),
      policyHost: policyHost(policyResponse({ body: policyBody({ mode: 'none', mx: [] }) })),
    });
    expect(codes(r)).toStrictEqual(['sts-record-missing']);
  });

  it('no record and the policy host serves a 404: no policy-without-record, fetch problems not reported', () => {
    const r = evaluate({
      stsTxt: absent(),
      policyHost: policyHost(policyResponse({ statusCode: 404, body: null })),
    });
    expect(codes(r)).toStrictEqual(['sts-record-missing']);
  });

  it('domains.yml expects mode none and the record is gone: no sts-record-missing', () => {
    const r = evaluate(
      {
        stsTxt: absent(),
        policyHost: { host: POLICY_HOST, addresses: absent(), fetches: [] },
      },
      { mode: 'none' },
    );
    expect(r.findings).toStrictEqual([]);
    expect(r.status).toBe('ok');
    expect(r.policy.status).toBe('absent');
  });

  it('domains.yml expects mode none, record gone, enforce policy still served: policy-without-record stays', () => {
    const r = evaluate({ stsTxt: absent() }, { mode: 'none' });
    expect(codes(r)).toStrictEqual(['policy-without-record']);
  });

  it('two v=STSv1 records: sts-record-multiple, policy invalid, no bounce', () => {
    const second = 'v=STSv1; id=20260601T000000';
    const r = evaluate({ stsTxt: ok([STS_RECORD, 'v=spf1 -all', second]) });
    expect(pairs(r)).toStrictEqual(['sts-record-multiple:error']);
    expect(find(r, 'sts-record-multiple')).toMatchObject({
      observed: `"${STS_RECORD}", "${second}"`,
    });
    expect(find(r, 'sts-record-multiple')?.message).toContain(
      'has 2 "v=STSv1" records, so senders ignore them all',
    );
    expect(r.policy).toMatchObject({ status: 'invalid', id: null, mode: null });
    expect(r.bounces).toBe(false);
  });

  it('an unrelated TXT record next to the STS record is ignored', () => {
    const r = evaluate({ stsTxt: ok(['v=spf1 -all', STS_RECORD]) });
    expect(r.findings).toStrictEqual([]);
  });

  it.each([
    ['v=STSv1; id=2024-07-21T20:16', 'sts-id-invalid'],
    ['v=STSv1;', 'sts-id-missing'],
    ['v=STSv1; id=abc; junk', 'sts-record-invalid'],
  ])('invalid record %j: %s on host _mta-sts, policy invalid', (record, code) => {
    const r = evaluate({ stsTxt: ok([record]) });
    expect(pairs(r)).toStrictEqual([`${code}:error`]);
    expect(find(r, code)?.host).toBe(`_mta-sts.${DOMAIN}`);
    expect(r.policy.status).toBe('invalid');
    expect(r.bounces).toBe(false);
  });

  it('a duplicate id field is a warning; the policy is still used with the first id', () => {
    const r = evaluate({ stsTxt: ok([`v=STSv1; id=${STS_ID}; id=other`]) });
    expect(pairs(r)).toStrictEqual(['sts-record-duplicate-id:warning']);
    expect(r.policy).toMatchObject({ status: 'valid', id: STS_ID });
  });
});

describe('evaluateDomain: fetching the policy (RFC 8461 §3.3)', () => {
  const expiredCert = certificate({ notAfter: daysFromNow(-1) });
  it.each<[string, PolicyFetch, string, Severity, PolicySummary['status'], boolean | null]>([
    [
      'redirect',
      policyResponse({ statusCode: 301, location: 'https://www.example.com/', body: null }),
      'policy-redirect',
      'error',
      'unreachable',
      false,
    ],
    // issue #11 item 20: only 200 is a policy, not any 2xx, and every 3xx is a redirect.
    ...[201, 202, 203, 204, 206].map(
      (statusCode): [string, PolicyFetch, string, Severity, PolicySummary['status'], boolean | null] => [
        `${statusCode} with the policy as body`,
        policyResponse({ statusCode }),
        'policy-http-status',
        'error',
        'unreachable',
        false,
      ],
    ),
    ...[302, 303, 307, 308].map(
      (statusCode): [string, PolicyFetch, string, Severity, PolicySummary['status'], boolean | null] => [
        `${statusCode} redirect`,
        policyResponse({ statusCode, location: 'https://policy.example.net/mta-sts.txt', body: null }),
        'policy-redirect',
        'error',
        'unreachable',
        false,
      ],
    ),
    [
      '404',
      policyResponse({ statusCode: 404, body: null }),
      'policy-http-status',
      'error',
      'unreachable',
      false,
    ],
    [
      '500',
      policyResponse({ statusCode: 500, body: null }),
      'policy-http-status',
      'error',
      'unreachable',
      false,
    ],
    [
      'text/html',
      policyResponse({ contentType: 'text/html' }),
      'policy-content-type',
      'error',
      'unreachable',
      false,
    ],
    [
      'no content type',
      policyResponse({ contentType: null }),
      'policy-content-type',
      'error',
      'unreachable',
      false,
    ],
    [
      'truncated body',
      policyResponse({ truncated: true }),
      'policy-too-large',
      'error',
      'unreachable',
      false,
    ],
    [
      'expired certificate',
      policyResponse({ tls: { ...policyResponseTls(), certificate: expiredCert } }),
      'policy-cert-expired',
      'error',
      'unreachable',
      false,
    ],
    [
      'certificate not yet valid',
      policyResponse({
        tls: { ...policyResponseTls(), certificate: certificate({ notBefore: daysFromNow(1) }) },
      }),
      'policy-cert-not-yet-valid',
      'error',
      'unreachable',
      false,
    ],
    [
      'untrusted certificate',
      policyResponse({
        tls: { ...policyResponseTls(), chainTrusted: false, verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
      }),
      'policy-cert-untrusted',
      'error',
      'unreachable',
      false,
    ],
    [
      'certificate name mismatch',
      policyResponse({ tls: { ...policyResponseTls(), nameMatches: false } }),
      'policy-cert-name-mismatch',
      'error',
      'unreachable',
      false,
    ],
    [
      'unreadable certificate (issue #11 item 1)',
      policyResponse({
        tls: {
          ...policyResponseTls(),
          certificate: certificate({ notBefore: null }),
          certificateProblems: ['notBefore: not a valid date'],
        },
      }),
      'policy-cert-malformed',
      'error',
      'unreachable',
      false,
    ],
    [
      'TLS 1.1',
      policyResponse({ tls: { ...policyResponseTls(), protocol: 'TLSv1.1' } }),
      'policy-fetch-failed',
      'error',
      'unreachable',
      false,
    ],
    [
      'unreachable',
      { address: '192.0.2.10', outcome: 'unreachable', error: 'ECONNREFUSED' },
      'policy-fetch-failed',
      'error',
      'unreachable',
      false,
    ],
    [
      'TLS handshake failed',
      { address: '192.0.2.10', outcome: 'tls-failed', error: 'handshake alert' },
      'policy-fetch-failed',
      'error',
      'unreachable',
      false,
    ],
    [
      'timeout',
      { address: '192.0.2.10', outcome: 'timeout', error: '10 s' },
      'policy-fetch-timeout',
      'notice',
      'unknown',
      null,
    ],
    [
      'blocked address',
      { address: '10.0.0.1', outcome: 'blocked', error: 'private address' },
      'address-blocked',
      'notice',
      'unknown',
      null,
    ],
  ])('%s: %s', (_label, fetch, code, severity, status, bounces) => {
    const r = evaluate(served(fetch));
    expect(pairs(r)).toStrictEqual([`${code}:${severity}`]);
    expect(find(r, code)).toMatchObject({ host: POLICY_HOST });
    expect(r.policy).toMatchObject({ status, id: STS_ID, mode: null, maxAge: null, mx: [] });
    expect(r.bounces).toBe(bounces);
    expect(r.mx.map((m) => m.matched)).toStrictEqual([null, null]);
  });

  it('a redirect names its target and is never followed', () => {
    const r = evaluate(served(policyResponse({ statusCode: 302, location: 'https://policy.example.net/x' })));
    expect(find(r, 'policy-redirect')).toMatchObject({ expected: '200', observed: '302' });
    expect(find(r, 'policy-redirect')?.message).toContain('redirecting to "https://policy.example.net/x"');
  });

  it('a wrong content type shows what was served', () => {
    const r = evaluate(served(policyResponse({ contentType: 'application/octet-stream' })));
    expect(find(r, 'policy-content-type')).toMatchObject({
      expected: 'text/plain',
      observed: 'application/octet-stream',
    });
  });

  it.each(['TEXT/PLAIN', 'text/plain', 'text/plain;charset=us-ascii', ' text/plain ; charset=utf-8'])(
    'content type %j is text/plain',
    (contentType) => {
      expect(evaluate(served(policyResponse({ contentType }))).findings).toStrictEqual([]);
    },
  );

  it('policy host without addresses: policy-host-missing, unreachable', () => {
    const r = evaluate({ policyHost: { host: POLICY_HOST, addresses: absent(), fetches: [] } });
    expect(pairs(r)).toStrictEqual(['policy-host-missing:error']);
    expect(r.policy.status).toBe('unreachable');
    expect(r.bounces).toBe(false);
  });

  it('policy host lookup failed: policy-host-unknown, unknown', () => {
    const r = evaluate({ policyHost: { host: POLICY_HOST, addresses: unknown('REFUSED'), fetches: [] } });
    expect(pairs(r)).toStrictEqual(['policy-host-unknown:notice']);
    expect(r.policy.status).toBe('unknown');
    expect(r.bounces).toBeNull();
    expect(r.status).toBe('unknown');
  });

  it('one address fails, another serves the policy: the policy is used, the failure reported', () => {
    const r = evaluate({
      policyHost: policyHost(policyResponse({ address: '192.0.2.10' }), {
        address: '2001:db8::10',
        outcome: 'unreachable',
        error: 'ENETUNREACH',
      }),
    });
    expect(pairs(r)).toStrictEqual(['policy-fetch-failed:error']);
    expect(find(r, 'policy-fetch-failed')?.observed).toBe('2001:db8::10');
    expect(r.policy.status).toBe('valid');
    expect(r.bounces).toBe(false);
  });

  it('one address times out, another fails: unreachable, not unknown', () => {
    const r = evaluate({
      policyHost: policyHost(
        { address: '192.0.2.10', outcome: 'timeout', error: '10 s' },
        { address: '192.0.2.11', outcome: 'unreachable', error: 'ECONNREFUSED' },
      ),
    });
    expect(r.policy.status).toBe('unreachable');
    expect(r.bounces).toBe(false);
  });

  it('two addresses serve different policies: policy-addresses-differ, the first is used', () => {
    const r = evaluate({
      policyHost: policyHost(
        policyResponse({ address: '192.0.2.10' }),
        policyResponse({ address: '192.0.2.11', body: policyBody({ mode: 'testing' }) }),
      ),
    });
    expect(pairs(r)).toStrictEqual(['policy-addresses-differ:error']);
    expect(find(r, 'policy-addresses-differ')).toMatchObject({ host: POLICY_HOST });
    expect(find(r, 'policy-addresses-differ')?.message).toContain('serve 2 different policy bodies');
    expect(r.policy).toMatchObject({ status: 'valid', mode: 'enforce' });
  });

  it('two addresses serve the same policy: nothing to report', () => {
    const r = evaluate({
      policyHost: policyHost(
        policyResponse({ address: '192.0.2.10' }),
        policyResponse({ address: '2001:db8::10' }),
      ),
    });
    expect(r.findings).toStrictEqual([]);
  });

  it.each<[string, string, string[]]>([
    ['mode missing', 'version: STSv1\nmax_age: 604800\nmx: mx1.example.com\n', ['policy-mode-missing:error']],
    [
      '"Mode:" instead of "mode:"',
      'version: STSv1\nMode: enforce\nmax_age: 604800\nmx: mx1.example.com\n',
      ['policy-mode-missing:error', 'policy-key-case:warning'],
    ],
    ['max_age too large', policyBody({ maxAge: 31557601 }), ['policy-max-age-too-large:error']],
    [
      'an HTML page',
      '<!doctype html>\n',
      [
        'policy-line-invalid:error',
        'policy-version-missing:error',
        'policy-mode-missing:error',
        'policy-max-age-missing:error',
      ],
    ],
  ])('invalid policy body (%s): policy invalid, no bounce', (_label, body, expected) => {
    const r = evaluate(served(policyResponse({ body })));
    expect(pairs(r)).toStrictEqual(expected);
    expect(r.findings.every((f) => f.host === POLICY_HOST)).toBe(true);
    expect(r.policy.status).toBe('invalid');
    expect(r.bounces).toBe(false);
  });

  it('a valid policy with warnings and notices is still used', () => {
    const body = `${policyBody({ maxAge: 3600 })}\nfoo: bar\n`;
    const r = evaluate(served(policyResponse({ body })));
    expect(pairs(r)).toStrictEqual([
      'policy-blank-line:warning',
      'policy-max-age-short:warning',
      'policy-unknown-key:notice',
    ]);
    expect(r.policy).toMatchObject({ status: 'valid', maxAge: 3600 });
    expect(r.status).toBe('warning');
  });
});

/** The TLS observation of the default policy response. */
function policyResponseTls(): TlsObservation {
  const fetch = policyResponse();
  if (fetch.outcome !== 'response') throw new Error('unreachable');
  return fetch.tls;
}

describe('evaluateDomain: drift against domains.yml', () => {
  it.each<[string, Partial<DomainExpectation>, string | null, string, string]>([
    ['mode', { mode: 'testing' }, 'drift-mode', 'testing', 'enforce'],
    ['mode matches', { mode: 'enforce' }, null, '', ''],
    [
      'mx set: one missing',
      { mx: [MX1, MX2, 'mx3.example.com'] },
      'drift-mx',
      `${MX1}, ${MX2}, mx3.example.com`,
      `${MX1}, ${MX2}`,
    ],
    ['mx set: one extra', { mx: [MX1] }, 'drift-mx', MX1, `${MX1}, ${MX2}`],
    ['mx set: same set in another order', { mx: [MX2, MX1] }, null, '', ''],
    ['mx set: same set with a repeat', { mx: [MX2, MX1, MX2] }, null, '', ''],
    ['max_age exact, differs', { maxAge: { exact: 86400 } }, 'drift-max-age', '86400', '604800'],
    ['max_age exact, equal', { maxAge: { exact: 604800 } }, null, '', ''],
    ['max_age min, below', { maxAge: { min: 1209600 } }, 'drift-max-age', 'at least 1209600', '604800'],
    ['max_age min, equal', { maxAge: { min: 604800 } }, null, '', ''],
    ['max_age min, above', { maxAge: { min: 86400 } }, null, '', ''],
    ['id', { id: '20260101T000000' }, 'drift-id', '20260101T000000', STS_ID],
    ['id matches', { id: STS_ID }, null, '', ''],
    [
      'tlsrpt rua differs',
      { tlsrpt: { required: true, rua: ['mailto:other@example.com'] } },
      'drift-tlsrpt',
      'mailto:other@example.com',
      TLSRPT_RUA,
    ],
    ['tlsrpt rua matches', { tlsrpt: { required: true, rua: [TLSRPT_RUA] } }, null, '', ''],
  ])('%s', (_label, expect_, code, expected, observed) => {
    const r = evaluate({}, expect_);
    if (code === null) {
      expect(r.findings).toStrictEqual([]);
      return;
    }
    expect(pairs(r)).toStrictEqual([`${code}:error`]);
    expect(find(r, code)).toMatchObject({ expected, observed });
  });

  it('drift-mx names what is missing and what is extra', () => {
    const r = evaluate({}, { mx: [MX1, 'mx3.example.com'] });
    expect(find(r, 'drift-mx')?.message).toBe(
      `The policy mx list lacks mx3.example.com and also lists ${MX2} compared with domains.yml.`,
    );
  });

  it('mode drift from enforce to testing in the live policy', () => {
    const r = evaluate(served(policyResponse({ body: policyBody({ mode: 'testing' }) })), {
      mode: 'enforce',
    });
    expect(find(r, 'drift-mode')?.message).toBe(
      'The policy is in mode testing, but domains.yml expects enforce.',
    );
  });

  it('drift-id is reported even when the policy cannot be fetched; policy drift is not', () => {
    const r = evaluate(served({ address: '192.0.2.10', outcome: 'unreachable', error: 'ECONNREFUSED' }), {
      id: 'other',
      mode: 'testing',
      mx: ['x.example.com'],
    });
    expect(codes(r)).toStrictEqual(['policy-fetch-failed', 'drift-id']);
  });

  it('no drift is raised when the record itself is missing', () => {
    const r = evaluate({ stsTxt: absent() }, { id: 'abc', mode: 'enforce', mx: [MX1] });
    expect(codes(r).filter((c) => c.startsWith('drift-'))).toStrictEqual([]);
  });
});

describe('evaluateDomain: TLS-RPT (RFC 8460 §3)', () => {
  it.each<[string, Partial<DomainObservation>, Partial<DomainExpectation>, string[]]>([
    ['missing, not configured', { tlsrptTxt: absent() }, {}, ['tlsrpt-missing:notice']],
    ['missing, required', { tlsrptTxt: absent() }, { tlsrpt: { required: true } }, ['tlsrpt-missing:error']],
    ['missing, required: false', { tlsrptTxt: absent() }, { tlsrpt: { required: false } }, []],
    ['only unrelated records', { tlsrptTxt: ok(['v=spf1 -all']) }, {}, ['tlsrpt-missing:notice']],
    ['lookup failed', { tlsrptTxt: unknown() }, {}, ['tlsrpt-unknown:notice']],
    [
      'two records',
      { tlsrptTxt: ok([TLSRPT_RECORD, 'v=TLSRPTv1; rua=mailto:b@example.com']) },
      {},
      ['tlsrpt-multiple:warning'],
    ],
    [
      'two records, required',
      { tlsrptTxt: ok([TLSRPT_RECORD, 'v=TLSRPTv1; rua=mailto:b@example.com']) },
      { tlsrpt: { required: true } },
      ['tlsrpt-multiple:error'],
    ],
    [
      'http: rua',
      { tlsrptTxt: ok(['v=TLSRPTv1; rua=http://r.example.com/']) },
      {},
      ['tlsrpt-rua-invalid:warning'],
    ],
    [
      'http: rua, required',
      { tlsrptTxt: ok(['v=TLSRPTv1; rua=http://r.example.com/']) },
      { tlsrpt: { required: true } },
      ['tlsrpt-rua-invalid:error'],
    ],
    ['no rua', { tlsrptTxt: ok(['v=TLSRPTv1;']) }, {}, ['tlsrpt-rua-missing:warning']],
    ['healthy, required', {}, { tlsrpt: { required: true } }, []],
    [
      'a bare "v=TLSRPTv1" beside a valid record is discarded, not a second record',
      { tlsrptTxt: ok(['v=TLSRPTv1', TLSRPT_RECORD]) },
      {},
      [],
    ],
    ['only a bare "v=TLSRPTv1"', { tlsrptTxt: ok(['v=TLSRPTv1']) }, {}, ['tlsrpt-missing:notice']],
  ])('%s', (_label, obs, expect_, expected) => {
    expect(pairs(evaluate(obs, expect_))).toStrictEqual(expected);
  });

  it('names the discarded near-miss record in the missing message', () => {
    const r = evaluate({ tlsrptTxt: ok(['v=TLSRPTv1 ; rua=mailto:a@example.com']) });
    expect(r.findings.find((f) => f.code === 'tlsrpt-missing')?.message).toContain(
      'Senders discard "v=TLSRPTv1 ; rua=mailto:a@example.com": a record must begin with exactly "v=TLSRPTv1;" (RFC 8460 §3).',
    );
  });

  it('an invalid record does not also report rua drift', () => {
    const r = evaluate(
      { tlsrptTxt: ok(['v=TLSRPTv1; rua=http://r.example.com/']) },
      { tlsrpt: { required: true, rua: [TLSRPT_RUA] } },
    );
    expect(codes(r)).toStrictEqual(['tlsrpt-rua-invalid']);
  });

  it('rua drift compares sets: order does not matter', () => {
    const record = 'v=TLSRPTv1; rua=https://r.example.com/v1, mailto:a@example.com';
    const r = evaluate(
      { tlsrptTxt: ok([record]) },
      { tlsrpt: { required: true, rua: ['mailto:a@example.com', 'https://r.example.com/v1'] } },
    );
    expect(r.findings).toStrictEqual([]);
  });
});

describe('evaluateDomain: certificates about to expire', () => {
  it.each<[string, number, number, boolean]>([
    ['10 days left, warn at 21', 10, 21, true],
    ['20 days left, warn at 21', 20, 21, true],
    ['21 days left, warn at 21', 21, 21, false],
    ['60 days left, warn at 21', 60, 21, false],
    ['40 days left, warn at 45', 40, 45, true],
  ])('MX certificate, %s', (_label, days, warningDays, warns) => {
    const notAfter = daysFromNow(days);
    const r = evaluate(firstMxBroken(smtpTls('192.0.2.25', { certificate: certificate({ notAfter }) })), {
      certWarningDays: warningDays,
    });
    if (!warns) {
      expect(r.findings).toStrictEqual([]);
      return;
    }
    expect(pairs(r)).toStrictEqual(['mx-cert-expiring:warning']);
    expect(find(r, 'mx-cert-expiring')).toMatchObject({
      host: MX1,
      expected: `more than ${warningDays} days`,
      observed: notAfter,
    });
    expect(find(r, 'mx-cert-expiring')?.message).toContain(`in ${days} days`);
    expect(r.mx[0]).toMatchObject({ tls: 'ok', enforceOk: true, notAfter });
    expect(r.bounces).toBe(false);
  });

  it.each<[string, number, number, boolean]>([
    ['5 days left, warn at 21', 5, 21, true],
    ['30 days left, warn at 21', 30, 21, false],
    ['30 days left, warn at 31', 30, 31, true],
  ])('policy host certificate, %s', (_label, days, warningDays, warns) => {
    const notAfter = daysFromNow(days);
    const fetch = policyResponse({ tls: { ...policyResponseTls(), certificate: certificate({ notAfter }) } });
    const r = evaluate(served(fetch), { certWarningDays: warningDays });
    if (!warns) {
      expect(r.findings).toStrictEqual([]);
      return;
    }
    expect(pairs(r)).toStrictEqual(['policy-cert-expiring:warning']);
    expect(find(r, 'policy-cert-expiring')).toMatchObject({
      host: POLICY_HOST,
      expected: `more than ${warningDays} days`,
      observed: notAfter,
    });
    expect(r.policy.status).toBe('valid');
  });
});

describe('evaluateDomain: the policy certificate at its boundaries (issue #11 item 20)', () => {
  // NOW is 2026-06-01T00:00:00Z; the dates are written out, not computed from the code under test.
  it.each<[string, { notBefore?: string; notAfter?: string }, string[]]>([
    [
      'notAfter one millisecond ago: expired',
      { notAfter: '2026-05-31T23:59:59.999Z' },
      ['policy-cert-expired:error'],
    ],
    [
      'notAfter is now: still valid, expiring today',
      { notAfter: '2026-06-01T00:00:00.000Z' },
      ['policy-cert-expiring:warning'],
    ],
    [
      '20 days and 23:59:59 left: expiring',
      { notAfter: '2026-06-21T23:59:59.999Z' },
      ['policy-cert-expiring:warning'],
    ],
    ['exactly 21 days left: not yet expiring', { notAfter: '2026-06-22T00:00:00.000Z' }, []],
    ['notBefore is now: valid', { notBefore: '2026-06-01T00:00:00.000Z' }, []],
    [
      'notBefore one millisecond ahead: not yet valid',
      { notBefore: '2026-06-01T00:00:00.001Z' },
      ['policy-cert-not-yet-valid:error'],
    ],
  ])('%s', (_label, dates, expected) => {
    const fetch = policyResponse({ tls: { ...policyResponseTls(), certificate: certificate(dates) } });
    const r = evaluate(served(fetch), { certWarningDays: 21 });
    expect(pairs(r)).toStrictEqual(expected);
    expect(r.policy.status).toBe(expected[0]?.endsWith(':error') === true ? 'unreachable' : 'valid');
  });

  it('says how many whole days are left', () => {
    const cert = certificate({ notAfter: '2026-06-21T23:59:59.999Z' });
    const r = evaluate(served(policyResponse({ tls: { ...policyResponseTls(), certificate: cert } })));
    expect(find(r, 'policy-cert-expiring')?.message).toBe(
      'The certificate of mta-sts.example.com expires on 2026-06-21T23:59:59.999Z, in 20 days.',
    );
  });
});

describe('evaluateDomain: ignore list and ordering', () => {
  it('the ignore list drops a code, and the status follows', () => {
    const obs = served(policyResponse({ body: policyBody({ mx: [MX1] }) }));
    expect(evaluate(obs).status).toBe('error');
    const r = evaluate(obs, { ignore: ['mx-not-covered'] });
    expect(r.findings).toStrictEqual([]);
    expect(r.status).toBe('ok');
  });

  it('ignoring one code keeps the others', () => {
    const r = evaluate({ tlsrptTxt: absent(), stsTxt: absent() }, { ignore: ['tlsrpt-missing'] });
    expect(codes(r)).toStrictEqual(['sts-record-missing', 'policy-without-record']);
  });

  it('findings are sorted error, then warning, then notice', () => {
    const r = evaluate(
      {
        tlsrptTxt: absent(),
        mx: mxRecords(MX1, MX2, 'mx3.example.com'),
        mxHosts: mxHosts(
          mxHost(MX1, {
            smtp: [smtpTls('192.0.2.25', { certificate: certificate({ notAfter: daysFromNow(3) }) })],
          }),
          mxHost(MX2, { smtp: [{ address: '192.0.2.26', outcome: 'no-starttls', banner: '220' }] }),
          mxHost('mx3.example.com'),
        ),
      },
      { mode: 'testing' },
    );
    const severities = r.findings.map((f) => f.severity);
    expect(severities).toStrictEqual([...severities].sort((a, b) => rank(a) - rank(b)));
    expect(pairs(r)).toStrictEqual([
      'mx-starttls-missing:error',
      'mx-not-covered:error',
      'drift-mode:error',
      'mx-cert-expiring:warning',
      'tlsrpt-missing:notice',
    ]);
    expect(r.status).toBe('error');
  });
});

const rank = (s: Severity): number => ({ error: 0, warning: 1, notice: 2 })[s];

// `bounces` is the rfc sender profile's verdict (issue #7 item 4); without DANE data it is the MTA-STS verdict.
describe('the rfc profile without DANE data', () => {
  const mx = (enforceOk: (boolean | null)[], extra: Partial<MxAssessment> = {}): MxAssessment => ({
    reports: enforceOk.map((e, i) => ({
      host: `mx${i}.example.com`,
      preference: i,
      matched: true,
      tls: 'ok',
      notAfter: null,
      enforceOk: e,
    })),
    findings: [],
    known: true,
    nullMx: false,
    ...extra,
  });
  it.each<[string, PolicySummary['status'], PolicySummary['mode'], MxAssessment, boolean | null]>([
    ['policy unknown', 'unknown', null, mx([false]), null],
    ['policy absent', 'absent', null, mx([false]), false],
    ['policy invalid', 'invalid', null, mx([false]), false],
    ['policy unreachable', 'unreachable', null, mx([false]), false],
    ['testing', 'valid', 'testing', mx([false]), false],
    ['none', 'valid', 'none', mx([false]), false],
    ['enforce, MX lookup failed', 'valid', 'enforce', mx([], { known: false }), null],
    ['enforce, null MX', 'valid', 'enforce', mx([], { nullMx: true }), false],
    ['enforce, one passes', 'valid', 'enforce', mx([false, true]), false],
    ['enforce, one passes, one unknown', 'valid', 'enforce', mx([null, true]), false],
    ['enforce, one fails, one unknown', 'valid', 'enforce', mx([false, null]), null],
    ['enforce, all fail', 'valid', 'enforce', mx([false, false]), true],
  ])('%s', (_label, status, mode, assessment, expected) => {
    const facts: SenderFacts = {
      domain: 'example.com',
      policy: { status, mode, mx: [] },
      mxKnown: assessment.known,
      nullMx: assessment.nullMx,
      mx: assessment.reports.map((r) => ({
        host: r.host,
        matched: r.matched,
        enforceOk: r.enforceOk,
        tls: r.tls,
        tlsOk: r.enforceOk,
      })),
      daneChecked: false,
      cached: null,
    };
    expect(rfc.judge(facts).bounces).toBe(expected);
  });
});
