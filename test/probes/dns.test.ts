import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDnsClient,
  DnsServerFormatError,
  MAX_DNS_QUERIES_IN_FLIGHT,
  parseDnsServer,
} from '../../src/probes/dns.js';
import type { DnsClient } from '../../src/probes/types.js';
import { startDnsServer, type TestDnsServer, type ZoneEntry } from '../helpers/dns-server.js';

/** Eleven 200-byte strings: more than a 512-byte UDP reply holds, so the answer must come over TCP. */
const LARGE_TXT = Array.from({ length: 11 }, (_, i) => `${i}-${'x'.repeat(198)}`);

const ZONE = {
  '_mta-sts.example.com': { TXT: ['v=STSv1; id=20240721'] },
  '_mta-sts.multi.test': { TXT: [['v=STSv1;', ' id=abc', '123']] },
  '_mta-sts.several.test': { TXT: ['v=STSv1; id=1', 'google-site-verification=xyz', ['v=STSv1; ', 'id=2']] },
  '_mta-sts.alias.test': { CNAME: 'sts.hop.test' },
  'sts.hop.test': { CNAME: 'STS.Provider.test.' },
  'sts.provider.test': { TXT: ['v=STSv1; id=provider1'], A: ['192.0.2.80'] },
  '_mta-sts.dangling.test': { CNAME: 'gone.test' },
  'large.test': { TXT: LARGE_TXT },
  'example.com': {
    MX: [
      { preference: 20, exchange: 'MX2.Example.COM.' },
      { preference: 10, exchange: 'mx1.example.com' },
      { preference: 10, exchange: 'backup.example.net.' },
    ],
    A: ['192.0.2.1', '192.0.2.2'],
    AAAA: ['2001:db8::25'],
  },
  'nullmx.test': { MX: [{ preference: 0, exchange: '.' }] },
  'v4only.test': { A: ['198.51.100.4'] },
  'txtonly.test': { TXT: ['hello'] },
  'host.sub.parent.test': { A: ['203.0.113.9'] },
  'half-broken.test': { A: ['192.0.2.60'] },
  'half-absent.test': { TXT: ['no addresses here'] },
};

let dns: TestDnsServer;
let client: DnsClient;

beforeAll(async () => {
  dns = await startDnsServer({
    records: ZONE,
    behaviour: {
      'servfail.test': 'servfail',
      'refused.test': 'refused',
      'silent.test': 'timeout',
      'half-broken.test': { AAAA: 'servfail' },
      'half-absent.test': { AAAA: 'timeout' },
    },
  });
  client = createDnsClient({ servers: [dns.server], timeoutMs: 300, tries: 1 });
});

afterAll(() => dns.close());

describe('txt', () => {
  it('returns a single-string record', async () => {
    expect(await client.txt('_mta-sts.example.com')).toEqual({
      status: 'ok',
      value: ['v=STSv1; id=20240721'],
    });
  });

  it('joins the strings of a multi-string record without separators (RFC 8461 §3.1)', async () => {
    expect(await client.txt('_mta-sts.multi.test')).toEqual({ status: 'ok', value: ['v=STSv1; id=abc123'] });
  });

  it('returns every record at the name, unrelated ones included', async () => {
    const result = await client.txt('_mta-sts.several.test');
    expect(result.status).toBe('ok');
    expect(result.status === 'ok' && [...result.value].sort()).toEqual([
      'google-site-verification=xyz',
      'v=STSv1; id=1',
      'v=STSv1; id=2',
    ]);
  });

  it('follows a CNAME chain from the answer section, not by asking for the target (§8.2)', async () => {
    const before = dns.queries.length;
    expect(await client.txt('_mta-sts.alias.test')).toEqual({
      status: 'ok',
      value: ['v=STSv1; id=provider1'],
    });
    expect(dns.queries.slice(before)).toEqual([
      { name: '_mta-sts.alias.test', type: 'TXT', transport: 'udp' },
    ]);
  });

  it('reports a CNAME to a missing name as NXDOMAIN', async () => {
    expect(await client.txt('_mta-sts.dangling.test')).toEqual({ status: 'absent', reason: 'nxdomain' });
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    const result = await client.txt('large.test');
    expect(result.status === 'ok' && [...result.value].sort()).toEqual([...LARGE_TXT].sort());
    expect(dns.queries.filter((q) => q.name === 'large.test').map((q) => q.transport)).toEqual([
      'udp',
      'tcp',
    ]);
  });
});

describe('absent versus unknown', () => {
  it('NXDOMAIN: the name does not exist', async () => {
    expect(await client.txt('_mta-sts.nowhere.test')).toEqual({ status: 'absent', reason: 'nxdomain' });
  });

  it('NODATA: the name exists with other types only', async () => {
    expect(await client.txt('example.com')).toEqual({ status: 'absent', reason: 'nodata' });
    expect(await client.mx('txtonly.test')).toEqual({ status: 'absent', reason: 'nodata' });
  });

  it('NODATA: an empty non-terminal (a name that only has names below it)', async () => {
    expect(await client.txt('sub.parent.test')).toEqual({ status: 'absent', reason: 'nodata' });
  });

  it.each([
    ['servfail.test', /^ESERVFAIL: .*SERVFAIL/],
    ['refused.test', /^EREFUSED: .*REFUSED/],
    ['silent.test', /^ETIMEOUT: /],
  ])('%s is unknown, not absent', async (name, reason) => {
    const result = await client.txt(name);
    expect(result.status).toBe('unknown');
    expect(result.status === 'unknown' && result.reason).toMatch(reason);
  });

  it('gives up on a silent server after the configured timeout, not the 24 s default', async () => {
    const started = Date.now();
    await client.mx('silent.test');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a server that is not listening as unknown (ECONNREFUSED)', async () => {
    const gone = await startDnsServer();
    await gone.close();
    const result = await createDnsClient({ servers: [gone.server], timeoutMs: 300, tries: 1 }).txt('x.test');
    expect(result).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^ECONNREFUSED: /) });
  });
});

describe('mx', () => {
  it('sorts by preference then name, lower-cased, without the trailing dot', async () => {
    expect(await client.mx('example.com')).toEqual({
      status: 'ok',
      value: [
        { exchange: 'backup.example.net', preference: 10 },
        { exchange: 'mx1.example.com', preference: 10 },
        { exchange: 'mx2.example.com', preference: 20 },
      ],
    });
  });

  it('keeps a null MX (RFC 7505) as exchange ""', async () => {
    expect(await client.mx('nullmx.test')).toEqual({
      status: 'ok',
      value: [{ exchange: '', preference: 0 }],
    });
  });

  it('NXDOMAIN for a missing domain', async () => {
    expect(await client.mx('nowhere.test')).toEqual({ status: 'absent', reason: 'nxdomain' });
  });
});

describe('addresses', () => {
  it('returns A and AAAA together', async () => {
    const result = await client.addresses('example.com');
    expect(result.status === 'ok' && [...result.value].sort()).toEqual([
      '192.0.2.1',
      '192.0.2.2',
      '2001:db8::25',
    ]);
  });

  it('is ok with IPv4 only, and follows CNAMEs', async () => {
    expect(await client.addresses('v4only.test')).toEqual({ status: 'ok', value: ['198.51.100.4'] });
    expect(await client.addresses('_mta-sts.alias.test')).toEqual({ status: 'ok', value: ['192.0.2.80'] });
  });

  it('is ok when one family fails but the other has addresses', async () => {
    expect(await client.addresses('half-broken.test')).toEqual({ status: 'ok', value: ['192.0.2.60'] });
  });

  it('is unknown when no family has addresses and one could not be looked up', async () => {
    const result = await client.addresses('half-absent.test');
    expect(result).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^ETIMEOUT: /) });
  });

  it('is absent: NXDOMAIN for a missing name, NODATA for a name without addresses', async () => {
    expect(await client.addresses('nowhere.test')).toEqual({ status: 'absent', reason: 'nxdomain' });
    expect(await client.addresses('txtonly.test')).toEqual({ status: 'absent', reason: 'nodata' });
  });

  it('is unknown when both families fail', async () => {
    const result = await client.addresses('servfail.test');
    expect(result).toEqual({ status: 'unknown', reason: expect.stringMatching(/^ESERVFAIL: /) });
  });
});

describe('the test server', () => {
  it('serves updated records at once (no cache between look-ups)', async () => {
    const server = await startDnsServer({ records: { 'a.test': { TXT: ['one'] } } });
    const local = createDnsClient({ servers: [server.server], timeoutMs: 300, tries: 1 });
    try {
      expect(await local.txt('a.test')).toEqual({ status: 'ok', value: ['one'] });
      server.update({ records: { 'a.test': { TXT: ['two'] } } });
      expect(await local.txt('a.test')).toEqual({ status: 'ok', value: ['two'] });
    } finally {
      await server.close();
    }
  });

  it('waits delayMs before replying', async () => {
    const server = await startDnsServer({ records: { 'a.test': { A: ['192.0.2.1'] } }, delayMs: 150 });
    try {
      const started = Date.now();
      const result = await createDnsClient({ servers: [server.server], timeoutMs: 1000, tries: 1 }).txt(
        'a.test',
      );
      expect(result).toEqual({ status: 'absent', reason: 'nodata' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await server.close();
    }
  });
});

describe('parseDnsServer', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['127.0.0.1:53', '127.0.0.1'],
    ['127.0.0.1:5353', '127.0.0.1:5353'],
    [' 10.0.0.2:5353 ', '10.0.0.2:5353'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['[::1]:53', '::1'],
    ['[::1]:5353', '[::1]:5353'],
    ['[2001:DB8:0:0::1]:5353', '[2001:db8::1]:5353'],
    ['::1:5353', '::1:5353'],
  ])('accepts %j as %j', (input, expected) => {
    expect(parseDnsServer(input)).toBe(expected);
  });

  it.each([
    '',
    'localhost',
    'dns.example:53',
    '127.0.0.1:',
    '127.0.0.1:0',
    '127.0.0.1:65536',
    '127.0.0.1:53:53',
    '256.0.0.1',
    '[127.0.0.1]:53',
    '[::1]:',
    '::1]:53',
    'fe80::1%eth0',
    '[fe80::1%eth0]:53',
    'udp://127.0.0.1',
  ])('rejects %j with a DnsServerFormatError naming the value and the expected form', (input) => {
    let caught: unknown;
    try {
      parseDnsServer(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DnsServerFormatError);
    expect(caught).toMatchObject({ name: 'DnsServerFormatError', value: input });
    expect((caught as Error).message).toContain(JSON.stringify(input));
    expect((caught as Error).message).toContain('IP[:PORT]');
  });

  it('is applied by createDnsClient', () => {
    expect(() => createDnsClient({ servers: ['127.0.0.1', 'resolver.example'] })).toThrow(
      DnsServerFormatError,
    );
  });
});

describe('queries in flight (issue #9 item 4)', () => {
  it(`keeps at most ${MAX_DNS_QUERIES_IN_FLIGHT} queries outstanding, however many are asked at once`, async () => {
    // A fleet's burst: 100 domains asking TXT, TXT, MX, A and AAAA at the same moment, to a server that answers
    // each after 20 ms. Every answer still arrives; the server never holds more than the bound at once.
    const records: Record<string, ZoneEntry> = {};
    for (let i = 0; i < 100; i++) {
      records[`_mta-sts.b${i}.test`] = { TXT: ['v=STSv1; id=1'] };
      records[`b${i}.test`] = { MX: [{ preference: 10, exchange: 'mx.b.test' }] };
      records[`mta-sts.b${i}.test`] = { A: ['192.0.2.1'] };
    }
    const busy = await startDnsServer({ records, delayMs: 20 });
    try {
      const client = createDnsClient({ servers: [busy.server], timeoutMs: 2000, tries: 1 });
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          Promise.all([
            client.txt(`_mta-sts.b${i}.test`),
            client.txt(`_smtp._tls.b${i}.test`),
            client.mx(`b${i}.test`),
            client.addresses(`mta-sts.b${i}.test`),
          ]),
        ),
      );
      expect(results.flat().filter((r) => r.status === 'unknown')).toEqual([]);
      expect(busy.queries).toHaveLength(500);
      expect(busy.maxInFlight).toBeLessThanOrEqual(MAX_DNS_QUERIES_IN_FLIGHT);
      expect(busy.maxInFlight).toBeGreaterThan(MAX_DNS_QUERIES_IN_FLIGHT / 2);
    } finally {
      await busy.close();
    }
  });
});
