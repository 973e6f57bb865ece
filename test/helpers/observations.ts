/**
 * Fixture builders for the pure core: a healthy enforcing domain by default, so each test states only what
 * differs. The clock is pinned; every date below is relative to it.
 *
 * The healthy domain `example.com`: one `_mta-sts` record, a valid enforce policy served by one address of
 * mta-sts.example.com, two MX hosts (mx1, mx2) that each pass STARTTLS with a trusted certificate valid for
 * three more months, and one TLS-RPT record.
 */
import type {
  CertificateInfo,
  DomainExpectation,
  DomainObservation,
  Lookup,
  MxHostObservation,
  MxRecord,
  PolicyFetch,
  SmtpProbe,
  TlsObservation,
} from '../../src/core/types.js';

/** The pinned clock. */
export const NOW = new Date('2026-06-01T00:00:00Z');
export const DOMAIN = 'example.com';
export const POLICY_HOST = `mta-sts.${DOMAIN}`;
export const STS_ID = '20260501T000000';
export const STS_RECORD = `v=STSv1; id=${STS_ID}`;
export const TLSRPT_RUA = 'mailto:tlsrpt@example.com';
export const TLSRPT_RECORD = `v=TLSRPTv1; rua=${TLSRPT_RUA}`;
export const MX1 = 'mx1.example.com';
export const MX2 = 'mx2.example.com';
export const MAX_AGE = 604_800;

/** `n` days after (or before, when negative) the pinned clock, as an ISO string. */
export function daysFromNow(n: number): string {
  return new Date(NOW.getTime() + n * 86_400_000).toISOString();
}

/** A policy body, LF-terminated lines, from its parts. */
export function policyBody(
  options: { mode?: string; maxAge?: number | string; mx?: readonly string[] } = {},
): string {
  const { mode = 'enforce', maxAge = MAX_AGE, mx = [MX1, MX2] } = options;
  const lines = ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`];
  return `${lines.join('\n')}\n`;
}

export const HEALTHY_POLICY = policyBody();

export function ok<T>(value: T): Lookup<T> {
  return { status: 'ok', value };
}
export function absent<T>(reason: 'nxdomain' | 'nodata' = 'nxdomain'): Lookup<T> {
  return { status: 'absent', reason };
}
export function unknown<T>(reason = 'SERVFAIL'): Lookup<T> {
  return { status: 'unknown', reason };
}

/** A certificate valid from three months ago until three months from now. */
export function certificate(overrides: Partial<CertificateInfo> = {}): CertificateInfo {
  return {
    subject: `CN=${MX1}`,
    dnsNames: [MX1],
    issuer: 'CN=Test Public CA',
    notBefore: daysFromNow(-92),
    notAfter: daysFromNow(92),
    fingerprint256: 'AA:BB',
    ...overrides,
  };
}

/** A TLS 1.3 handshake with a trusted certificate valid for the name asked for. */
export function tls(overrides: Partial<TlsObservation> = {}): TlsObservation {
  return {
    protocol: 'TLSv1.3',
    chainTrusted: true,
    verifyError: null,
    nameMatches: true,
    certificate: certificate(),
    ...overrides,
  };
}

/** A successful STARTTLS probe; `tlsOverrides` change the handshake. */
export function smtpTls(address: string, tlsOverrides: Partial<TlsObservation> = {}): SmtpProbe {
  return { address, outcome: 'tls', banner: '220 mx ESMTP', tls: tls(tlsOverrides) };
}

/** An MX host with one address and a passing STARTTLS probe, unless overridden. */
export function mxHost(host: string, overrides: Partial<MxHostObservation> = {}): MxHostObservation {
  const address = host === MX2 ? '192.0.2.26' : '192.0.2.25';
  return { host, addresses: ok([address]), smtp: [smtpTls(address)], ...overrides };
}

/** Key MX host observations by host name, as the probes do. */
export function mxHosts(...hosts: MxHostObservation[]): Record<string, MxHostObservation> {
  return Object.fromEntries(hosts.map((h) => [h.host, h]));
}

export function mxRecords(...hosts: string[]): Lookup<readonly MxRecord[]> {
  return ok(hosts.map((exchange, i) => ({ exchange, preference: (i + 1) * 10 })));
}

type PolicyResponse = Extract<PolicyFetch, { outcome: 'response' }>;

/** A 200 text/plain response carrying the healthy policy, unless overridden. */
export function policyResponse(overrides: Partial<Omit<PolicyResponse, 'outcome'>> = {}): PolicyFetch {
  return {
    address: '192.0.2.10',
    outcome: 'response',
    tls: tls({ certificate: certificate({ subject: `CN=${POLICY_HOST}`, dnsNames: [POLICY_HOST] }) }),
    statusCode: 200,
    contentType: 'text/plain; charset=utf-8',
    location: null,
    body: HEALTHY_POLICY,
    truncated: false,
    ...overrides,
  };
}

/** The policy host with one address per fetch. */
export function policyHost(...fetches: PolicyFetch[]): DomainObservation['policyHost'] {
  return { host: POLICY_HOST, addresses: ok(fetches.map((f) => f.address)), fetches };
}

/** The healthy domain, with top-level fields replaced by `overrides`. */
export function observation(overrides: Partial<DomainObservation> = {}): DomainObservation {
  return {
    domain: DOMAIN,
    observedAt: NOW.toISOString(),
    stsTxt: ok([STS_RECORD]),
    tlsrptTxt: ok([TLSRPT_RECORD]),
    mx: mxRecords(MX1, MX2),
    policyHost: policyHost(policyResponse()),
    mxHosts: mxHosts(mxHost(MX1), mxHost(MX2)),
    ...overrides,
  };
}

/** What domains.yml commits to: nothing beyond the defaults, unless overridden. */
export function expectation(overrides: Partial<DomainExpectation> = {}): DomainExpectation {
  return { domain: DOMAIN, line: 3, column: 5, certWarningDays: 21, ignore: [], ...overrides };
}
