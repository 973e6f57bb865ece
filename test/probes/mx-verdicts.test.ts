/**
 * Issue #11 item 9, through the real probes: loopback DNS, an HTTPS policy host and SMTP servers on 127.0.0.1
 * (mx1) and 127.0.0.2 (mx2) sharing one port, observed and then evaluated.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateDomain } from '../../src/core/evaluate.js';
import type { DomainReport, SmtpProbe } from '../../src/core/types.js';
import { createObserveDeps } from '../../src/probe-deps.js';
import { observeDomains, type ObserveResult } from '../../src/probes/observe.js';
import { retryTimeouts } from '../../src/probes/retry-timeouts.js';
import { startDnsServer } from '../helpers/dns-server.js';
import { startHttpsServer } from '../helpers/https-server.js';
import { startSmtpServer, type SmtpServerOptions, type TestSmtpServer } from '../helpers/smtp-server.js';
import { issueCertificate, testCa } from '../helpers/test-ca.js';

const DOMAIN = 'verdict.test';
const MX1 = `mx1.${DOMAIN}`;
const MX2 = `mx2.${DOMAIN}`;
const certificate = issueCertificate({ names: [MX1, MX2, `mta-sts.${DOMAIN}`] });
const closers: (() => Promise<void>)[] = [];
/** Long enough for the endless banner to pass 100 lines on a loaded machine, short enough for silent hosts. */
const PROBE_TIMEOUT_MS = 600;

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

interface Run {
  readonly result: ObserveResult;
  readonly report: DomainReport;
  readonly servers: readonly [TestSmtpServer, TestSmtpServer];
}

/** One domain in `mode` with mx1 and mx2 behaving as given, observed with a short probe deadline. */
async function run(
  mode: string,
  mx1: SmtpServerOptions,
  mx2: SmtpServerOptions,
  retryDelayMs = 50,
): Promise<Run> {
  const dns = await startDnsServer({
    records: {
      [DOMAIN]: {
        MX: [
          { preference: 10, exchange: MX1 },
          { preference: 20, exchange: MX2 },
        ],
      },
      [MX1]: { A: ['127.0.0.1'] },
      [MX2]: { A: ['127.0.0.2'] },
      [`_mta-sts.${DOMAIN}`]: { TXT: ['v=STSv1; id=1'] },
      [`_smtp._tls.${DOMAIN}`]: { TXT: ['v=TLSRPTv1; rua=mailto:tlsrpt@verdict.test'] },
      [`mta-sts.${DOMAIN}`]: { A: ['127.0.0.1'] },
    },
  });
  closers.push(() => dns.close());
  const body = `version: STSv1\nmode: ${mode}\nmx: *.${DOMAIN}\nmax_age: 86400\n`;
  const https = await startHttpsServer({
    hosts: { [`mta-sts.${DOMAIN}`]: { certificate, route: { kind: 'body', body } } },
  });
  closers.push(() => https.close());
  const first = await startSmtpServer({ certificate, ...mx1, listenHost: '127.0.0.1' });
  closers.push(() => first.close());
  const second = await startSmtpServer({ certificate, ...mx2, listenHost: '127.0.0.2', port: first.port });
  closers.push(() => second.close());
  const deps = createObserveDeps({
    timeoutMs: PROBE_TIMEOUT_MS,
    dnsServers: [dns.server],
    ca: testCa.certPem,
    smtpPort: first.port,
    httpsPort: https.port,
  });
  const result = await observeDomains([DOMAIN], deps, {
    concurrency: 1,
    checkMxTls: 'auto',
    allowPrivateAddresses: true,
    timeoutRetryDelayMs: retryDelayMs,
  });
  const expectation = { domain: DOMAIN, line: 1, column: 1, certWarningDays: 7, ignore: [] };
  const { report } = evaluateDomain(result.observations[0]!, expectation, undefined, new Date());
  return { result, report, servers: [first, second] };
}

const pairs = (report: DomainReport): string[] => report.findings.map((f) => `${f.code}:${f.severity}`);

describe('an MX that takes the connection but never completes the greeting (issue #11 item 9)', () => {
  it.each([
    ['endless 220- lines', 'endless-banner'],
    ['garbage', 'garbage'],
    ['a 554 greeting', 'bad-greeting'],
  ] as const)(
    '%s on the only working MX under enforce: an error, and mail bounces',
    async (_l, misbehaviour) => {
      const { report } = await run('enforce', { misbehaviour }, { misbehaviour: 'silent' });
      expect(report.mx.map((m) => [m.host, m.tls, m.enforceOk])).toEqual([
        [MX1, 'no-smtp', false],
        [MX2, 'no-smtp', false],
      ]);
      expect(pairs(report)).toContain('mx-smtp-error:error');
      expect(report.bounces).toBe(true);
      expect(pairs(report)[0]).toBe('mail-bounces:error');
    },
  );

  it('220- lines sent slowly on both MX: each is tried again on its own evidence, and mail bounces', async () => {
    const slow = { misbehaviour: 'slow-endless-banner' } as const;
    const { report, servers, result } = await run('enforce', slow, slow);
    expect(result.notices).toEqual([]);
    expect(servers.map((s) => s.connections)).toEqual([2, 2]);
    expect(pairs(report)).toEqual([
      'mail-bounces:error',
      'mx-timeout-confirmed:error',
      'mx-timeout-confirmed:error',
    ]);
    expect(report.bounces).toBe(true);
  });

  it('under testing: a warning, and switching to enforce would bounce', async () => {
    const { report } = await run('testing', { misbehaviour: 'garbage' }, { misbehaviour: 'garbage' });
    expect(pairs(report)).toEqual([
      'bounces-if-enforced:warning',
      'mx-smtp-error:warning',
      'mx-smtp-error:warning',
    ]);
    expect(report.bounces).toBe(false);
  });

  it('with a second, healthy MX: an error, but mail still flows', async () => {
    const { report } = await run('enforce', { misbehaviour: 'endless-banner' }, {});
    expect(pairs(report)).toEqual(['mx-smtp-error:error']);
    expect(report.bounces).toBe(false);
  });
});

describe('an MX that times out while another answers (issue #11 item 9)', () => {
  it('is tried again after the delay, and a second timeout is a fault', async () => {
    const started = Date.now();
    const { report, servers, result } = await run('enforce', { misbehaviour: 'silent' }, {}, 200);
    expect(servers[0].connections).toBe(2);
    expect(servers[1].connections).toBe(1);
    expect(result.smtpConnections).toBe(3);
    // Two deadlines and the 200 ms delay between them.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * PROBE_TIMEOUT_MS + 200);
    expect(report.mx[0]).toMatchObject({ host: MX1, tls: 'no-smtp', enforceOk: false });
    expect(pairs(report)).toEqual(['mx-timeout-confirmed:error']);
    expect(report.findings[0]?.unknown).toBeUndefined();
    expect(report.bounces).toBe(false);
  });

  it('a host that answers the second try is judged on that answer', async () => {
    const { report, servers } = await run('enforce', { silentConnections: 1 }, {});
    expect(servers[0].connections).toBe(2);
    expect(report.mx.map((m) => m.tls)).toEqual(['ok', 'ok']);
    expect(report.findings).toEqual([]);
  });

  it('when no MX answers at all, port 25 may be blocked here: no retry, not checked', async () => {
    const { report, servers, result } = await run(
      'enforce',
      { misbehaviour: 'silent' },
      { misbehaviour: 'silent' },
    );
    expect(servers.map((s) => s.connections)).toEqual([1, 1]);
    expect(result.notices.join(' ')).toContain('port 25');
    expect(report.mx.map((m) => m.tls)).toEqual(['not-checked', 'not-checked']);
    expect(report.bounces).toBeNull();
  });
});

describe('retryTimeouts: which probes get a second try', () => {
  const tls: SmtpProbe = {
    address: '192.0.2.2',
    outcome: 'tls',
    banner: 'mx ESMTP',
    tls: { protocol: 'TLSv1.3', chainTrusted: true, verifyError: null, nameMatches: true, certificate: null },
  };
  const timeout = (address: string, banner?: string): SmtpProbe => ({
    address,
    outcome: 'timeout',
    error: 'no answer within 600 ms (greeting)',
    ...(banner === undefined ? {} : { banner }),
  });
  const refused: SmtpProbe = { address: '192.0.2.3', outcome: 'unreachable', error: 'ECONNREFUSED' };
  const garbage: SmtpProbe = { address: '192.0.2.4', outcome: 'protocol-error', error: 'not SMTP' };

  it.each<[string, [string, SmtpProbe][], string[]]>([
    [
      'another host answered: retried',
      [
        ['a|192.0.2.1', timeout('192.0.2.1')],
        ['b|192.0.2.2', tls],
      ],
      ['a|192.0.2.1'],
    ],
    [
      'another host sent its greeting before timing out: retried',
      [
        ['a|192.0.2.1', timeout('192.0.2.1')],
        ['b|192.0.2.5', timeout('192.0.2.5', '220 hi')],
      ],
      ['a|192.0.2.1'],
    ],
    [
      'another host sent garbage, which still crossed port 25: retried',
      [
        ['a|192.0.2.1', timeout('192.0.2.1')],
        ['c|192.0.2.4', garbage],
      ],
      ['a|192.0.2.1'],
    ],
    [
      'only refusals elsewhere (a firewall may refuse): not retried',
      [
        ['a|192.0.2.1', timeout('192.0.2.1')],
        ['b|192.0.2.3', refused],
      ],
      [],
    ],
    [
      'only a failed SOCKS proxy elsewhere (nothing crossed port 25): not retried',
      [
        ['a|192.0.2.1', timeout('192.0.2.1')],
        ['b|192.0.2.6', { address: '192.0.2.6', outcome: 'proxy-failed', error: 'SOCKS proxy: refused' }],
      ],
      [],
    ],
    ['a lone timeout: not retried', [['a|192.0.2.1', timeout('192.0.2.1')]], []],
    [
      'a lone timeout that heard bytes: retried on its own evidence',
      [['a|192.0.2.1', { address: '192.0.2.1', outcome: 'timeout', error: 'no answer', heard: true }]],
      ['a|192.0.2.1'],
    ],
    ['no timeout: nothing to do', [['b|192.0.2.2', tls]], []],
  ])('%s', async (_label, entries, expected) => {
    const tried: string[] = [];
    const results = await retryTimeouts(new Map(entries), {
      delayMs: 0,
      probe: async (host, address) => {
        tried.push(`${host}|${address}`);
        return timeout(address);
      },
    });
    expect(tried).toEqual(expected);
    expect([...results.values()].every((r) => r.outcome === 'timeout' && r.confirmed === true)).toBe(true);
  });
});
