import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SmtpProbe } from '../../src/core/types.js';
import { createObserveDeps } from '../../src/probe-deps.js';
import { observeDomains } from '../../src/probes/observe.js';
import { createSmtpProber } from '../../src/probes/smtp.js';
import { parseSocksProxyUrl, ProxyUrlError, redactProxyUrl } from '../../src/probes/socks.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { listen } from '../helpers/listen.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';
import { startSocksServer } from '../helpers/socks-server.js';
import { issueCertificate, testCa } from '../helpers/test-ca.js';

const MX = 'mx.example.test';
const cert = issueCertificate({ names: [MX] });
const SECRET = 's3cr3t-pa55';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function track<T extends { close(): Promise<void> }>(server: Promise<T>): Promise<T> {
  const started = await server;
  open.push(started);
  return started;
}

describe('parseSocksProxyUrl', () => {
  it.each([
    ['socks5://127.0.0.1:1080', { host: '127.0.0.1', port: 1080, display: 'socks5://127.0.0.1:1080' }],
    ['socks5://proxy.example:9050/', { host: 'proxy.example', port: 9050 }],
    ['socks5://[::1]:1080', { host: '::1', port: 1080, display: 'socks5://[::1]:1080' }],
    [
      'socks5://me:p%40ss%3Aword@127.0.0.1:1080',
      { username: 'me', password: 'p@ss:word', display: 'socks5://127.0.0.1:1080' },
    ],
  ])('accepts %s', (raw, expected) => {
    expect(parseSocksProxyUrl(raw)).toMatchObject(expected);
  });

  it.each([
    ['127.0.0.1:1080', /not a URL/],
    ['http://127.0.0.1:1080', /scheme "http"; only socks5/],
    ['socks5h://127.0.0.1:1080', /scheme "socks5h"; only socks5 .*address guard/],
    ['socks4://127.0.0.1:1080', /scheme "socks4"/],
    ['socks5://127.0.0.1', /has no port/],
    ['socks5://:1080', /(no host|not a URL)/],
    ['socks5://127.0.0.1:0', /port 0/],
    ['socks5://127.0.0.1:99999', /not a URL/],
    ['socks5://127.0.0.1:1080/path', /path, query or fragment/],
    [`socks5://me@127.0.0.1:1080`, /user without a password/],
    [`socks5://me:${'x'.repeat(256)}@127.0.0.1:1080`, /password must be 1 to 255 bytes/],
  ])('refuses %s with a clear reason', (raw, reason) => {
    expect(() => parseSocksProxyUrl(raw)).toThrow(ProxyUrlError);
    expect(() => parseSocksProxyUrl(raw)).toThrow(reason);
  });

  it('never repeats the password in an error', () => {
    for (const raw of [
      `http://me:${SECRET}@127.0.0.1:1080`,
      `socks5://me:${SECRET}@127.0.0.1`,
      `socks5://me:${SECRET}@127.0.0.1:1080/x`,
      `socks5://me:${SECRET}@[::1:1080`,
    ]) {
      expect(() => parseSocksProxyUrl(raw)).toThrow(ProxyUrlError);
      try {
        parseSocksProxyUrl(raw);
      } catch (error) {
        expect((error as Error).message).not.toContain(SECRET);
        expect((error as Error).message).toContain('***@');
      }
    }
    expect(redactProxyUrl(`socks5://me:${SECRET}@h:1`)).toBe('socks5://***@h:1');
  });
});

/** An SMTP server on 127.0.0.1 and a prober going through `proxy`. */
async function probeVia(
  proxyUrl: string,
  timeoutMs = 3_000,
): Promise<{ result: SmtpProbe; smtp: TestSmtpServer }> {
  const smtp = await track(startSmtpServer({ certificate: cert }));
  const prober = createSmtpProber({
    port: smtp.port,
    ca: testCa.certPem,
    timeoutMs,
    proxy: parseSocksProxyUrl(proxyUrl),
  });
  return { result: await prober(MX, '127.0.0.1'), smtp };
}

describe('SMTP probes through a SOCKS5 proxy (issue #10 part 2)', () => {
  it('runs the whole STARTTLS probe through the proxy, which connects to the MX address', async () => {
    // The proxy connects out from 127.0.0.2, so the SMTP server seeing 127.0.0.2 proves the path.
    const proxy = await track(startSocksServer({ outboundHost: '127.0.0.2' }));
    const { result, smtp } = await probeVia(`socks5://127.0.0.1:${proxy.port}`);
    expect(result).toMatchObject({ outcome: 'tls', tls: { chainTrusted: true, nameMatches: true } });
    expect(proxy.requests).toEqual([{ host: '127.0.0.1', port: smtp.port, username: null, password: null }]);
    expect(smtp.peers).toEqual(['127.0.0.2']);
    expect(smtp.servernames).toEqual([MX]);
  });

  it('authenticates with user and password (RFC 1929)', async () => {
    const proxy = await track(startSocksServer({ auth: { username: 'probe', password: SECRET } }));
    const { result } = await probeVia(`socks5://probe:${SECRET}@127.0.0.1:${proxy.port}`);
    expect(result.outcome).toBe('tls');
    expect(proxy.requests[0]).toMatchObject({ username: 'probe', password: SECRET });
  });

  it('reports refused credentials as a proxy failure, without the password', async () => {
    const proxy = await track(startSocksServer({ auth: { username: 'probe', password: 'right' } }));
    const { result, smtp } = await probeVia(`socks5://probe:${SECRET}@127.0.0.1:${proxy.port}`);
    expect(result).toMatchObject({ outcome: 'proxy-failed' });
    expect(JSON.stringify(result)).toMatch(
      /SOCKS proxy socks5:\/\/127\.0\.0\.1:\d+: Socks5 Authentication failed/,
    );
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(smtp.connections).toBe(0);
  });

  it('reports a proxy that is down as a proxy failure, not an unreachable MX', async () => {
    const closed = createServer();
    const port = await listen(closed, 0, '127.0.0.1');
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { result } = await probeVia(`socks5://u:${SECRET}@127.0.0.1:${port}`);
    expect(result.outcome).toBe('proxy-failed');
    expect(JSON.stringify(result)).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('maps a refused target (reply 5) to an unreachable MX, naming the proxy', async () => {
    const proxy = await track(startSocksServer({ misbehaviour: 'refuse' }));
    const { result } = await probeVia(`socks5://127.0.0.1:${proxy.port}`);
    expect(result).toMatchObject({ outcome: 'unreachable' });
    expect(JSON.stringify(result)).toMatch(
      /ConnectionRefused \(through the SOCKS proxy socks5:\/\/127\.0\.0\.1:\d+\)/,
    );
  });

  it('maps a general proxy failure (reply 1) to a proxy failure', async () => {
    const proxy = await track(startSocksServer({ misbehaviour: 'general-failure' }));
    const { result } = await probeVia(`socks5://127.0.0.1:${proxy.port}`);
    expect(result.outcome).toBe('proxy-failed');
  });

  it('bounds a proxy that never answers the SOCKS handshake by the probe deadline', async () => {
    const proxy = await track(startSocksServer({ misbehaviour: 'silent' }));
    const started = Date.now();
    const { result } = await probeVia(`socks5://127.0.0.1:${proxy.port}`, 400);
    expect(result).toMatchObject({
      outcome: 'timeout',
      error: `no answer within 400 ms (connect through the SOCKS proxy socks5://127.0.0.1:${proxy.port})`,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(proxy.connections).toBe(1);
  });
});

describe('the address guard with a proxy', () => {
  let dns: TestDnsServer;
  it('judges the MX address before asking the proxy: a loopback MX is refused with no proxy connection', async () => {
    dns = await track(
      startDnsServer({
        records: {
          'guarded.example': { MX: [{ preference: 10, exchange: 'mx.guarded.example' }] },
          'mx.guarded.example': { A: ['127.0.0.1'] },
        },
      }),
    );
    const proxy = await track(startSocksServer());
    const deps = createObserveDeps({
      timeoutMs: 2_000,
      dnsServers: [dns.server],
      smtpProxy: parseSocksProxyUrl(`socks5://127.0.0.1:${proxy.port}`),
    });
    const result = await observeDomains(['guarded.example'], deps, {
      concurrency: 1,
      checkMxTls: 'true',
      allowPrivateAddresses: false,
    });
    const smtp = result.observations[0]?.mxHosts['mx.guarded.example']?.smtp;
    expect(smtp).toMatchObject([{ address: '127.0.0.1', outcome: 'blocked' }]);
    expect(proxy.connections).toBe(0);
    expect(result.smtpConnections).toBe(0);
  });
});
