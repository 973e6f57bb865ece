import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usableTlsa } from '../../src/core/dane.js';
import { DnsServerFormatError } from '../../src/probes/dns.js';
import { createDnsWireClient, type DnsWireClient } from '../../src/probes/dns-wire.js';
import { startDnsServer, type TestDnsServer, type ZoneEntry } from '../helpers/dns-server.js';
import { daysFromNow } from '../helpers/test-ca.js';

const DIGEST = Buffer.alloc(32, 0xab);
const tlsa = (usage = 3, selector = 1, matchingType = 1, certificate = DIGEST) => ({
  usage,
  selector,
  matchingType,
  certificate,
});
const SIG_EXPIRY = daysFromNow(9);
/** Twelve SHA-512 records: more than a 512-byte UDP reply holds, so the client must retry over TCP. */
const MANY = Array.from({ length: 12 }, (_, i) => tlsa(3, 0, 2, Buffer.alloc(64, i)));

const ZONE: Record<string, ZoneEntry> = {
  'mx1.signed.test': { A: ['192.0.2.1'], RRSIG: [{ typeCovered: 'A', expiration: daysFromNow(20) }] },
  '_25._tcp.mx1.signed.test': {
    TLSA: [tlsa(), tlsa(2, 1, 1)],
    RRSIG: [{ typeCovered: 'TLSA', expiration: SIG_EXPIRY }],
  },
  'mx.nodata.signed.test': { A: ['192.0.2.2'], RRSIG: [{ typeCovered: 'A', expiration: daysFromNow(-3) }] },
  '_25._tcp.mx.nodata.signed.test': { TXT: ['not a TLSA record'] },
  'mx.bogus.signed.test': { A: ['192.0.2.3'] },
  'mx.many.signed.test': { A: ['192.0.2.4'] },
  '_25._tcp.mx.many.signed.test': { TLSA: MANY },
  'mx.spoofed.signed.test': { A: ['192.0.2.5'] },
  '_25._tcp.mx.spoofed.signed.test': { TLSA: [tlsa()] },
  // The TLSA owner name is an alias: followed, and the base domain stays the MX host (RFC 7671 §7).
  'mx.tlsa-alias.signed.test': { A: ['192.0.2.6'] },
  '_25._tcp.mx.tlsa-alias.signed.test': { CNAME: 'tlsa.provider.signed.test' },
  'tlsa.provider.signed.test': { TLSA: [tlsa()], RRSIG: [{ typeCovered: 'TLSA', expiration: SIG_EXPIRY }] },
  // The MX host is an alias: TLSA at the expanded name first, which becomes the base domain (RFC 7672 §2.2.3).
  'mx.host-alias.signed.test': { CNAME: 'smtp.hoster.signed.test' },
  'smtp.hoster.signed.test': { A: ['192.0.2.7'] },
  '_25._tcp.smtp.hoster.signed.test': { TLSA: [tlsa(3, 1, 1, Buffer.alloc(32, 1))] },
  // An alias whose target has no TLSA: back to the original name.
  'mx.fallback.signed.test': { CNAME: 'smtp.plain.signed.test' },
  'smtp.plain.signed.test': { A: ['192.0.2.8'] },
  '_25._tcp.mx.fallback.signed.test': { TLSA: [tlsa(3, 1, 1, Buffer.alloc(32, 2))] },
  'mx.unsigned.test': { A: ['198.51.100.1'] },
  '_25._tcp.mx.unsigned.test': { TLSA: [tlsa()] },
};

let dns: TestDnsServer;
let client: DnsWireClient;

beforeAll(async () => {
  dns = await startDnsServer({
    records: ZONE,
    signed: ['signed.test'],
    behaviour: {
      '_25._tcp.mx.bogus.signed.test': 'bogus',
      '_25._tcp.mx.spoofed.signed.test': 'spoof-first',
      'silent.test': 'timeout',
    },
  });
  client = createDnsWireClient({ server: dns.server, timeoutMs: 2000 });
});

afterAll(async () => {
  await dns.close();
});

const since = (before: number) => dns.queries.slice(before);

describe('query (DO and AD bits, RFC 3225, RFC 6840 §5.7)', () => {
  it('asks with DO and AD, and reads a secure answer with its RRSIG', async () => {
    const before = dns.queries.length;
    const answer = await client.query('mx1.signed.test', 'A');
    expect(answer).toMatchObject({ security: 'secure', rcode: 'NOERROR', transport: 'udp', cnameChain: [] });
    expect(answer.answers.map((record) => ('data' in record ? record.data : null))).toEqual(['192.0.2.1']);
    expect(answer.signatures).toEqual([
      expect.objectContaining({ owner: 'mx1.signed.test', typeCovered: 'A', expiration: expect.any(String) }),
    ]);
    expect(since(before)).toEqual([
      { name: 'mx1.signed.test', type: 'A', transport: 'udp', dnssecOk: true, authenticData: true },
    ]);
  });

  it('reads an RRSIG expiration in the past as the past (serial arithmetic, RFC 4034 §3.1.5)', async () => {
    const [signature] = (await client.query('mx.nodata.signed.test', 'A')).signatures;
    const daysAgo = (Date.now() - Date.parse(signature?.expiration ?? '')) / 86_400_000;
    expect(daysAgo).toBeGreaterThan(2.9);
    expect(daysAgo).toBeLessThan(3.1);
  });

  it('reports an answer without AD as insecure', async () => {
    expect(await client.query('mx.unsigned.test', 'A')).toMatchObject({
      security: 'insecure',
      rcode: 'NOERROR',
    });
  });

  it('reports SERVFAIL (how a validating resolver answers bogus data) as bogus-or-failed', async () => {
    expect(await client.query('_25._tcp.mx.bogus.signed.test', 'TLSA')).toMatchObject({
      security: 'bogus-or-failed',
      rcode: 'SERVFAIL',
      reason: expect.stringContaining('SERVFAIL'),
    });
  });

  it('tells a secure NXDOMAIN from a secure NODATA', async () => {
    expect(await client.query('_25._tcp.absent.signed.test', 'TLSA')).toMatchObject({
      security: 'secure',
      rcode: 'NXDOMAIN',
      answers: [],
    });
    expect(await client.query('_25._tcp.mx.nodata.signed.test', 'TLSA')).toMatchObject({
      security: 'secure',
      rcode: 'NOERROR',
      answers: [],
    });
  });

  it('retries over TCP when the UDP reply is truncated (RFC 7766 §5)', async () => {
    const before = dns.queries.length;
    const answer = await client.query('_25._tcp.mx.many.signed.test', 'TLSA');
    expect(answer).toMatchObject({ security: 'secure', transport: 'tcp' });
    expect(answer.answers).toHaveLength(12);
    expect(since(before).map((query) => query.transport)).toEqual(['udp', 'tcp']);
  });

  it('ignores replies with another id or another question (RFC 5452 §9.1)', async () => {
    const answer = await client.query('_25._tcp.mx.spoofed.signed.test', 'TLSA');
    expect(answer).toMatchObject({ security: 'secure', rcode: 'NOERROR' });
    expect(answer.answers).toHaveLength(1);
  });

  it('gives up at the overall deadline when the server is silent: unknown, not bogus (issue #7 defect 2)', async () => {
    const quick = createDnsWireClient({ server: dns.server, timeoutMs: 300 });
    const started = Date.now();
    const answer = await quick.query('silent.test', 'A');
    // Our own deadline says nothing of DNSSEC: only the resolver's SERVFAIL is a failed validation (RFC 7672 §2.1).
    expect(answer).toMatchObject({ security: 'unknown', rcode: 'TIMEOUT', transport: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('keeps one deadline across UDP and the TCP retry', async () => {
    // The truncated UDP reply takes 250 ms; TCP never answers. One 400 ms deadline ends at 400 ms, where a fresh
    // one for TCP would end at 650 ms.
    const slow = await startDnsServer({ behaviour: { 'truncated.test': 'tcp-silent' }, delayMs: 250 });
    try {
      const started = Date.now();
      const answer = await createDnsWireClient({ server: slow.server, timeoutMs: 400 }).query(
        'truncated.test',
        'TXT',
      );
      expect(answer).toMatchObject({ rcode: 'TIMEOUT', security: 'unknown' });
      expect(Date.now() - started).toBeLessThan(560);
      expect(slow.queries.map((query) => query.transport)).toEqual(['udp', 'tcp']);
    } finally {
      await slow.close();
    }
  });

  it('refuses a reply over the size bound, over UDP and over TCP', async () => {
    const small = createDnsWireClient({ server: dns.server, maxResponseBytes: 100 });
    expect(await small.query('_25._tcp.mx1.signed.test', 'TLSA')).toMatchObject({
      security: 'unknown',
      rcode: 'TOO-LARGE',
    });
    const medium = createDnsWireClient({ server: dns.server, maxResponseBytes: 600 });
    expect(await medium.query('_25._tcp.mx.many.signed.test', 'TLSA')).toMatchObject({
      rcode: 'TOO-LARGE',
      reason: expect.stringContaining('600-byte bound'),
    });
  });

  it('reports an unreachable server as a failure, not an exception', async () => {
    const closed = await startDnsServer();
    const server = closed.server;
    await closed.close();
    const answer = await createDnsWireClient({ server, timeoutMs: 500 }).query('x.test', 'A');
    expect(answer.security).toBe('unknown');
    expect(['TIMEOUT', 'NETWORK-ERROR']).toContain(answer.rcode);
  });

  it('takes the --dns-server shape and rejects anything else', () => {
    expect(() => createDnsWireClient({ server: 'resolver.example' })).toThrow(DnsServerFormatError);
  });
});

describe('lookupTlsa (RFC 7672 §2.2.3)', () => {
  it('returns a secure TLSA set with its signature expiry', async () => {
    const observation = await client.lookupTlsa('MX1.Signed.Test.');
    expect(observation).toMatchObject({
      mxHost: 'mx1.signed.test',
      queryName: '_25._tcp.mx1.signed.test',
      baseDomain: 'mx1.signed.test',
      security: 'secure',
      rcode: 'NOERROR',
      reason: null,
    });
    expect(usableTlsa(observation.records)).toEqual([
      { usage: 3, selector: 1, matchingType: 1, data: 'ab'.repeat(32) },
      { usage: 2, selector: 1, matchingType: 1, data: 'ab'.repeat(32) },
    ]);
    expect(observation.signatureExpirations).toEqual([
      new Date(Math.floor(SIG_EXPIRY.getTime() / 1000) * 1000).toISOString(),
    ]);
  });

  it('reports TLSA in an unsigned zone as insecure', async () => {
    expect(await client.lookupTlsa('mx.unsigned.test')).toMatchObject({
      security: 'insecure',
      records: [expect.anything()],
    });
  });

  it('reports a bogus TLSA set as bogus-or-failed', async () => {
    expect(await client.lookupTlsa('mx.bogus.signed.test')).toMatchObject({
      security: 'bogus-or-failed',
      rcode: 'SERVFAIL',
    });
  });

  it('follows a CNAME at the TLSA owner name without changing the base domain', async () => {
    const observation = await client.lookupTlsa('mx.tlsa-alias.signed.test');
    expect(observation).toMatchObject({ baseDomain: 'mx.tlsa-alias.signed.test', security: 'secure' });
    expect(observation.records).toHaveLength(1);
    expect(observation.signatureExpirations).toHaveLength(1);
  });

  it('looks at the expanded name of an aliased MX host first, and takes it as the base domain', async () => {
    const before = dns.queries.length;
    const observation = await client.lookupTlsa('mx.host-alias.signed.test');
    expect(observation).toMatchObject({
      mxHost: 'mx.host-alias.signed.test',
      baseDomain: 'smtp.hoster.signed.test',
      queryName: '_25._tcp.smtp.hoster.signed.test',
      records: [{ ok: true, record: { data: '01'.repeat(32) } }],
    });
    expect(since(before).map((query) => `${query.name} ${query.type}`)).toEqual([
      'mx.host-alias.signed.test A',
      '_25._tcp.smtp.hoster.signed.test TLSA',
    ]);
  });

  it('falls back to the original name when the expanded one has no TLSA', async () => {
    expect(await client.lookupTlsa('mx.fallback.signed.test')).toMatchObject({
      baseDomain: 'mx.fallback.signed.test',
      records: [{ ok: true, record: { data: '02'.repeat(32) } }],
    });
  });

  it('reuses an address answer instead of asking again', async () => {
    const address = await client.query('mx1.signed.test', 'A');
    const before = dns.queries.length;
    await client.lookupTlsa('mx1.signed.test', address);
    expect(since(before).map((query) => query.type)).toEqual(['TLSA']);
  });
});
