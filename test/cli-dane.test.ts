/**
 * DANE through the CLI (issue #7): a loopback resolver that plays a validating one (AD bit for signed zones,
 * RRSIGs, SERVFAIL for bogus data), an HTTPS policy host and an SMTP server with a test-CA certificate.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/check.js';
import { runCli } from '../src/cli.js';
import { startDnsServer, type TestDnsServer, type ZoneEntry } from './helpers/dns-server.js';
import { startHttpsServer, type TestHttpsServer } from './helpers/https-server.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server.js';
import { daysFromNow, issueCertificate, testCa } from './helpers/test-ca.js';

const DOMAINS = ['dane.test', 'other.test'];
const MX = 'mx.dane.test';
const TLSA_NAME = `_25._tcp.${MX}`;
const issued = issueCertificate({ names: [MX], notAfter: daysFromNow(90) });
const spkiSha256OfPem = (pem: string): Buffer =>
  createHash('sha256')
    .update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest();
const spkiSha256 = spkiSha256OfPem(issued.cert);

let dns: TestDnsServer;
let https: TestHttpsServer;
let smtp: TestSmtpServer;
/** The same MX certificate, sent with the CA certificate after it (RFC 7672 §3.1.2: the DANE-TA anchor). */
let smtpWithChain: TestSmtpServer;

const signature = (typeCovered: 'MX' | 'A' | 'TLSA', days: number) => ({
  typeCovered,
  expiration: daysFromNow(days),
});

/** Both domains use the one MX host, so a run must ask its TLSA once. */
function records(tlsaData: Buffer, tlsaSignatureDays = 30): Record<string, ZoneEntry> {
  const zone: Record<string, ZoneEntry> = {
    [MX]: { A: ['127.0.0.1'], RRSIG: [signature('A', 30)] },
    [TLSA_NAME]: {
      TLSA: [{ usage: 3, selector: 1, matchingType: 1, certificate: tlsaData }],
      RRSIG: [signature('TLSA', tlsaSignatureDays)],
    },
  };
  for (const d of DOMAINS) {
    zone[d] = { MX: [{ preference: 10, exchange: MX }], RRSIG: [signature('MX', 30)] };
    zone[`_mta-sts.${d}`] = { TXT: ['v=STSv1; id=1'] };
    zone[`_smtp._tls.${d}`] = { TXT: [`v=TLSRPTv1; rua=mailto:tlsrpt@${d}`] };
    zone[`mta-sts.${d}`] = { A: ['127.0.0.1'] };
  }
  return zone;
}

const SIGNED = ['.', ...DOMAINS];

beforeAll(async () => {
  const policy = ['version: STSv1', 'mode: enforce', `mx: ${MX}`, 'max_age: 604800', ''].join('\r\n');
  https = await startHttpsServer({
    hosts: Object.fromEntries(
      DOMAINS.map((d) => [
        `mta-sts.${d}`,
        {
          certificate: issueCertificate({ names: [`mta-sts.${d}`], notAfter: daysFromNow(90) }),
          route: { kind: 'body' as const, body: policy },
        },
      ]),
    ),
  });
  smtp = await startSmtpServer({ banner: 'mx.dane.test ESMTP', certificate: issued });
  smtpWithChain = await startSmtpServer({
    banner: 'mx.dane.test ESMTP',
    certificate: { cert: issued.cert + testCa.certPem, key: issued.key },
  });
  dns = await startDnsServer({ records: records(spkiSha256), signed: SIGNED });
});
afterAll(async () => {
  await Promise.all([dns.close(), https.close(), smtp.close(), smtpWithChain.close()]);
});
beforeEach(() => {
  dns.update({ records: records(spkiSha256), signed: SIGNED, behaviour: {} });
  dns.queries.length = 0;
});

async function check(...extra: string[]): Promise<CheckReport> {
  const out = new PassThrough();
  let stdout = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  const args = ['check', '--dns-server', dns.server, '--https-port', String(https.port)];
  args.push('--smtp-port', String(smtp.port), '--allow-private-addresses', '--json', '--fail-on', 'never');
  for (const d of DOMAINS) args.push('--domain', d);
  const code = await runCli([...args, ...extra], {
    stdout: out,
    stderr: new PassThrough(),
    ca: testCa.certPem,
    env: {},
  });
  expect(code).toBe(0);
  return JSON.parse(stdout) as CheckReport;
}

const codes = (report: CheckReport): string[] => report.domains.flatMap((d) => d.findings.map((f) => f.code));
const daneCodes = (report: CheckReport): string[] =>
  codes(report).filter((c) => c.startsWith('tlsa-') || c === 'rrsig-expiring');

describe('mta-sts-drift check with DANE (issue #7)', () => {
  it('judges a matching 3 1 1 record ok, with one TLSA lookup for the shared MX host', async () => {
    const report = await check();
    const domain = report.domains[0];
    expect(domain?.mx[0]?.dane).toEqual({
      status: 'secure',
      usableTlsa: 1,
      verdict: 'dane-ok',
      reason: `the certificate matches TLSA at ${TLSA_NAME}`,
    });
    expect(domain?.bouncesDane).toBe(false);
    expect(domain?.bounces).toBe(false);
    expect(daneCodes(report)).toEqual([]);
    expect(report.runFindings).toEqual([]);
    expect(dns.queries.filter((q) => q.type === 'TLSA')).toHaveLength(1);
    // The resolver is tested once per run, and the MX host's addresses asked once with DO for DANE.
    expect(dns.queries.filter((q) => q.type === 'SOA')).toHaveLength(1);
    expect(dns.queries.filter((q) => q.name === MX && q.type === 'AAAA' && q.dnssecOk === true)).toHaveLength(
      1,
    );
  });

  it('reports a stale 3 1 1 record as tlsa-mismatch: DANE senders refuse while MTA-STS passes', async () => {
    // `bounces` is the rfc sender profile (issue #7 item 4): DANE decides where a secure usable TLSA set exists.
    const stale = randomBytes(32);
    dns.update({ records: records(stale) });
    const report = await check();
    const domain = report.domains.find((d) => d.domain === 'dane.test');
    expect(domain?.mx[0]?.dane?.verdict).toBe('dane-fail');
    expect(domain?.bounces).toBe(true);
    expect(domain?.bouncesDane).toBe(true);
    // The MTA-STS resolver's policy overrides DANE; every other class refuses.
    expect(domain?.senders?.['postfix-sts-resolver'].bounces).toBe(false);
    expect(domain?.senders?.gmail.bounces).toBe(false);
    expect(domain?.senders?.['exchange-online']).toMatchObject({ bounces: true, refusedMx: [MX] });
    expect(domain?.status).toBe('error');
    const finding = domain?.findings.find((f) => f.code === 'tlsa-mismatch');
    // The record to publish for the key served now, and the one published.
    expect(finding).toMatchObject({
      severity: 'error',
      host: MX,
      observed: `3 1 1 ${spkiSha256.toString('hex')}`,
      expected: `3 1 1 ${stale.toString('hex')}`,
    });
    expect(finding?.message).toMatch(/MTA-STS cannot override that \(RFC 8461 §2\)/);
    expect(finding?.message).toMatch(
      new RegExp(
        `^RFC senders \\(MTA-STS and DANE\\), Exchange Online and Postfix \\(DANE\\) refuse ${MX.replaceAll('.', '\\.')}: `,
      ),
    );
  });

  it('reports a bogus TLSA answer (SERVFAIL) as tlsa-lookup-failed: DANE senders defer', async () => {
    dns.update({ behaviour: { [TLSA_NAME]: { TLSA: 'bogus' } } });
    const report = await check();
    const domain = report.domains[0];
    expect(domain?.mx[0]?.dane).toMatchObject({ status: 'bogus-or-failed', verdict: 'deferred' });
    expect(domain?.bouncesDane).toBe(true);
    expect(domain?.findings.find((f) => f.code === 'tlsa-lookup-failed')?.message).toMatch(/SERVFAIL/);
  });

  it('calls a TLSA lookup that timed out here unknown, not deferred (issue #7 defect 2)', async () => {
    dns.update({ behaviour: { [TLSA_NAME]: { TLSA: 'timeout' } } });
    const report = await check('--timeout', '1');
    const domain = report.domains[0];
    expect(domain?.mx[0]?.dane).toMatchObject({ status: 'unknown', verdict: 'unknown' });
    expect(domain?.mx[0]?.dane?.reason).toMatch(/no answer/);
    expect(daneCodes(report)).toEqual([]);
    expect(domain?.bouncesDane).toBeNull();
  });

  it('warns when the RRSIG over the TLSA records expires within cert_warning_days', async () => {
    dns.update({ records: records(spkiSha256, 3) });
    const report = await check();
    const finding = report.domains[0]?.findings.find((f) => f.code === 'rrsig-expiring');
    expect(finding?.message).toMatch(
      new RegExp(`TLSA \\(${TLSA_NAME.replaceAll('.', '\\.')}\\).*expires in [23] days`),
    );
    expect(report.domains[0]?.bouncesDane).toBe(false);
  });

  it('--cert-warning-days sets the threshold of RRSIG expiry and certificate expiry alike (issue #7 item 7)', async () => {
    // The TLSA signature expires in 3 days, the MX certificate in 90.
    dns.update({ records: records(spkiSha256, 3) });
    const quiet = await check('--cert-warning-days', '1');
    expect(codes(quiet).filter((c) => c === 'rrsig-expiring' || c === 'mx-cert-expiring')).toEqual([]);
    const wide = await check('--cert-warning-days', '120');
    const found = new Set(codes(wide));
    for (const code of ['rrsig-expiring', 'mx-cert-expiring', 'tlsa-no-next-key'])
      expect(found).toContain(code);
  });

  it('refuses a --cert-warning-days that is not a whole number from 0 to 365', async () => {
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (c: Buffer) => (stderr += c.toString()));
    const io = { stdout: new PassThrough(), stderr: err, env: {} };
    expect(await runCli(['check', '--cert-warning-days', '400', '--domain', 'dane.test'], io)).toBe(2);
    expect(stderr).toMatch(/--cert-warning-days/);
  });

  it('says once that a non-validating resolver cannot be trusted, and judges no DANE', async () => {
    dns.update({ signed: [], records: records(randomBytes(32)) });
    const report = await check();
    expect(report.runFindings.map((f) => [f.code, f.severity])).toEqual([['dns-not-validating', 'notice']]);
    expect(daneCodes(report)).toEqual([]);
    expect(report.domains.every((d) => d.bouncesDane === undefined && d.mx[0]?.dane === undefined)).toBe(
      true,
    );
    expect(dns.queries.filter((q) => q.type === 'TLSA')).toHaveLength(0);
  });

  it('says the resolver did not answer, not that it does not validate, when the test query times out (issue #7 defect 2)', async () => {
    dns.update({ behaviour: { '': { SOA: 'timeout' } } });
    const report = await check('--timeout', '1');
    expect(report.runFindings.map((f) => f.code)).toEqual(['dns-not-validating']);
    expect(report.runFindings[0]?.message).toMatch(/did not answer/);
    expect(report.runFindings[0]?.message).not.toMatch(/does not validate/);
  });

  it('says nothing of DANE when the resolver fails everything: the blind run says it', async () => {
    const names = [
      '',
      MX,
      TLSA_NAME,
      ...DOMAINS.flatMap((d) => [d, `_mta-sts.${d}`, `_smtp._tls.${d}`, `mta-sts.${d}`]),
    ];
    dns.update({ behaviour: Object.fromEntries(names.map((n) => [n, 'servfail' as const])) });
    const report = await check();
    expect(report.runFindings.map((f) => f.code)).toEqual(['dns-unavailable']);
    expect(dns.queries.filter((q) => q.type === 'TLSA')).toHaveLength(0);
  });

  it('judges the DNS side without port 25: a bogus TLSA still shows, a match is unknown', async () => {
    const matching = await check('--check-mx-tls', 'false');
    expect(matching.domains[0]?.mx[0]?.dane?.verdict).toBe('unknown');
    expect(matching.domains[0]?.bouncesDane).toBeNull();
    dns.update({ behaviour: { [TLSA_NAME]: { TLSA: 'bogus' } } });
    const bogus = await check('--check-mx-tls', 'false');
    expect(bogus.domains[0]?.mx[0]?.dane?.verdict).toBe('deferred');
    expect(daneCodes(bogus)).toEqual(['tlsa-lookup-failed', 'tlsa-lookup-failed']);
    expect(bogus.domains[0]?.bouncesDane).toBe(true);
  });

  it('looks up no TLSA with --dane false', async () => {
    const report = await check('--dane', 'false');
    expect(report.runFindings).toEqual([]);
    expect(report.domains[0]?.mx[0]?.dane).toBeUndefined();
    expect(dns.queries.some((q) => q.type === 'TLSA' || q.name === '' || q.name === '.')).toBe(false);
  });

  it('refuses --dane with a bad value, and --dane true without a resolver', async () => {
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (c: Buffer) => (stderr += c.toString()));
    const io = { stdout: new PassThrough(), stderr: err, env: {} };
    expect(await runCli(['check', '--dane', 'maybe', '--domain', 'dane.test'], io)).toBe(2);
    expect(await runCli(['check', '--dane', 'true', '--domain', 'dane.test'], io)).toBe(2);
    expect(stderr).toMatch(/--dane/);
    expect(stderr).toMatch(/--dane true needs --dns-server/);
  });
});

/** The zone of {@link records} with one DANE-TA 2 1 1 record for the test CA instead of the 3 1 1. */
function daneTaRecords(): Record<string, ZoneEntry> {
  const zone = records(spkiSha256);
  const ta = { usage: 2, selector: 1, matchingType: 1, certificate: spkiSha256OfPem(testCa.certPem) };
  zone[TLSA_NAME] = { ...zone[TLSA_NAME], TLSA: [ta] };
  return zone;
}

describe('DANE-TA(2) judges only the chain the server sent (RFC 7672 §3.1.2; issue #7 defect 1)', () => {
  it('a 2 1 1 record for a CA the server does not send fails, though the prober trusts that CA', async () => {
    dns.update({ records: daneTaRecords() });
    const leafOnly = await check();
    expect(leafOnly.domains[0]?.mx[0]?.dane?.verdict).toBe('dane-fail');
    expect(leafOnly.domains[0]?.bouncesDane).toBe(true);
    const sent = await check('--smtp-port', String(smtpWithChain.port));
    expect(sent.domains[0]?.mx[0]?.dane?.verdict).toBe('dane-ok');
  });

  it('the same with the CA in NODE_EXTRA_CA_CERTS, in a CLI process of its own', async () => {
    dns.update({ records: daneTaRecords() });
    const dir = await mkdtemp(join(tmpdir(), 'mta-sts-drift-dane-ta-'));
    try {
      await writeFile(join(dir, 'ca.pem'), testCa.certPem);
      const args = ['--import', 'tsx', 'src/cli-entry.ts', 'check', '--dns-server', dns.server];
      args.push('--https-port', String(https.port), '--smtp-port', String(smtp.port));
      args.push('--allow-private-addresses', '--json', '--fail-on', 'never', '--domain', 'dane.test');
      const { stdout } = await promisify(execFile)(process.execPath, args, {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') },
        timeout: 30_000,
      });
      const report = JSON.parse(stdout) as CheckReport;
      // The policy host's certificate verified through NODE_EXTRA_CA_CERTS: the CA really was trusted.
      expect(report.domains[0]?.policy.status).toBe('valid');
      expect(report.domains[0]?.mx[0]?.dane?.verdict).toBe('dane-fail');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
