/**
 * Issue #11 item 6: one domain's DNS must not decide how many connections a run opens. A loopback DNS server
 * publishes 12 MX hosts with 8 addresses each and a policy host with 8 addresses; loopback SMTP and HTTPS servers
 * on 127.0.0.1 to 127.0.0.8 count every connection and the most open at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateDomain } from '../../src/core/evaluate.js';
import { createObserveDeps } from '../../src/probe-deps.js';
import { observeDomains } from '../../src/probes/observe.js';
import { startDnsServer, type TestDnsServer, type ZoneEntry } from '../helpers/dns-server.js';
import { startHttpsServer, type TestHttpsServer } from '../helpers/https-server.js';
import { createGauge, type ConnectionGauge } from '../helpers/listen.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { issueCertificate, testCa } from '../helpers/test-ca.js';

const DOMAIN = 'many.test';
const MX_COUNT = 12;
const ADDRESS_COUNT = 8;
const ADDRESSES = Array.from({ length: ADDRESS_COUNT }, (_, i) => `127.0.0.${i + 1}`);
const MX_HOSTS = Array.from({ length: MX_COUNT }, (_, i) => `mx${String(i).padStart(2, '0')}.${DOMAIN}`);
const POLICY = `version: STSv1\nmode: enforce\nmx: *.${DOMAIN}\nmax_age: 86400\n`;

let dns: TestDnsServer;
const smtpGauge: ConnectionGauge = createGauge();
const httpsGauge: ConnectionGauge = createGauge();
const bothGauge: ConnectionGauge = createGauge();
const smtp: TestSmtpServer[] = [];
const https: TestHttpsServer[] = [];

beforeAll(async () => {
  const records: Record<string, ZoneEntry> = {
    [DOMAIN]: { MX: MX_HOSTS.map((exchange, i) => ({ preference: 10 + i, exchange })) },
    [`_mta-sts.${DOMAIN}`]: { TXT: ['v=STSv1; id=1'] },
    [`mta-sts.${DOMAIN}`]: { A: ADDRESSES },
  };
  for (const host of MX_HOSTS) records[host] = { A: ADDRESSES };
  dns = await startDnsServer({ records });
  const certificate = issueCertificate({ names: [`*.${DOMAIN}`] });
  // Every server counts into its kind's gauge and into one shared gauge, so the bound is seen across both kinds.
  for (const listenHost of ADDRESSES) {
    const port = smtp[0]?.port ?? 0;
    smtp.push(
      await startSmtpServer({
        certificate,
        listenHost,
        port,
        replyDelayMs: 20,
        gauges: [smtpGauge, bothGauge],
      }),
    );
    https.push(
      await startHttpsServer({
        hosts: { [`mta-sts.${DOMAIN}`]: { certificate, route: { kind: 'body', body: POLICY } } },
        listenHost,
        port: https[0]?.port ?? 0,
        replyDelayMs: 20,
        gauges: [httpsGauge, bothGauge],
      }),
    );
  }
});

afterAll(async () => {
  await Promise.all([...smtp, ...https].map((server) => server.close()));
  await dns?.close();
});

describe('fan-out of one domain (issue #11 item 6)', () => {
  it('probes at most 10 MX hosts x 5 addresses and 5 policy addresses, with at most 4 sockets open', async () => {
    const deps = createObserveDeps({
      timeoutMs: 5_000,
      dnsServers: [dns.server],
      ca: testCa.certPem,
      smtpPort: smtp[0]!.port,
      httpsPort: https[0]!.port,
    });
    const result = await observeDomains([DOMAIN], deps, {
      concurrency: 1,
      checkMxTls: 'true',
      allowPrivateAddresses: true,
      maxOpenSockets: 4,
    });
    // Uncapped: 12 x 8 = 96 SMTP connections and 8 HTTPS fetches, all at once.
    expect(smtpGauge.total).toBe(50);
    expect(result.smtpConnections).toBe(50);
    expect(httpsGauge.total).toBe(5);
    expect(bothGauge.peak).toBeLessThanOrEqual(4);
    // The bound is reached, so it is the bound that held the run back, not a lack of parallel work.
    expect(bothGauge.peak).toBeGreaterThanOrEqual(3);

    const obs = result.observations[0]!;
    expect(Object.keys(obs.mxHosts)).toEqual(MX_HOSTS.slice(0, 10));
    expect(obs.mxHosts[MX_HOSTS[0]!]?.smtp?.map((p) => p.outcome)).toEqual(Array(5).fill('tls'));
    expect(obs.policyHost.fetches).toHaveLength(5);

    const expect_ = { domain: DOMAIN, line: 1, column: 1, certWarningDays: 7, ignore: [] };
    const { report } = evaluateDomain(obs, expect_, undefined, new Date());
    const codes = report.findings.map((f) => f.code);
    expect(codes.filter((c) => c === 'mx-hosts-truncated')).toHaveLength(1);
    // One for the policy host, one for each of the 10 MX hosts probed.
    expect(codes.filter((c) => c === 'addresses-truncated')).toHaveLength(11);
    expect(report.mx.slice(10).map((m) => [m.host, m.tls, m.matched])).toEqual([
      [MX_HOSTS[10], 'not-checked', true],
      [MX_HOSTS[11], 'not-checked', true],
    ]);
    expect(report.bounces).toBe(false);
  });
});
