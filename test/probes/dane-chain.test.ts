import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, createServer } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { describeDaneChain, peerChain } from '../../src/probes/dane-chain.js';
import { daysFromNow, issueCertificate, otherCa, testCa } from '../helpers/test-ca.js';

describe('describeDaneChain', () => {
  const notAfter = daysFromNow(20);
  const leaf = issueCertificate({ names: ['mx1.example.test', '*.alt.example.test'], notAfter }).cert;

  it('gives the certificate digests OpenSSL computes, and the SPKI in full', () => {
    const [described] = describeDaneChain([leaf]);
    const x509 = new X509Certificate(leaf);
    expect(described?.cert.sha256).toBe(x509.fingerprint256.replace(/:/g, '').toLowerCase());
    expect(described?.cert.full).toBe(x509.raw.toString('hex'));
    expect(described?.spki.full).toBe(x509.publicKey.export({ type: 'spki', format: 'der' }).toString('hex'));
    expect(described?.spki.sha512).toMatch(/^[0-9a-f]{128}$/);
  });

  it('reads names, CN and dates', () => {
    const [described] = describeDaneChain([leaf]);
    expect(described).toMatchObject({
      dnsNames: ['mx1.example.test', '*.alt.example.test'],
      commonName: 'mx1.example.test',
      notAfter: new Date(Math.floor(notAfter.getTime() / 1000) * 1000).toISOString(),
    });
  });

  it('reads a quoted name as one name, so a name holding ", DNS:" does not smuggle in another (as parseDnsNames)', () => {
    const odd = issueCertificate({ names: ['evil.test, DNS:mx1.example.test'], commonName: 'evil.test' });
    const [described] = describeDaneChain([odd.cert]);
    // The DANE-TA name check (RFC 7672 §3.2.2) must not see mx1.example.test here.
    expect(described?.dnsNames).toEqual(['evil.test, DNS:mx1.example.test']);
  });

  it('describes a certificate with an empty subject (legal with a critical SAN, RFC 5280 §4.1.2.6)', () => {
    const bare = issueCertificate({ names: ['mx1.example.test'], commonName: null });
    // It threw (Node gives no subject text), the chain was dropped, and DANE-EE reported no certificate.
    const [described] = describeDaneChain([bare.cert]);
    expect(described).toMatchObject({ dnsNames: ['mx1.example.test'], commonName: null });
  });

  it('keeps a certificate with a malformed date, that date null and every other field read (issue #7 defect 4)', () => {
    const bad = issueCertificate({
      names: ['mx1.example.test'],
      rawValidity: { notAfter: [0x17, '991399999999Z'] },
    }).cert;
    const [described] = describeDaneChain([bad, testCa.certPem]);
    expect(described).toMatchObject({
      dnsNames: ['mx1.example.test'],
      commonName: 'mx1.example.test',
      notAfter: null,
      signedByNext: true,
    });
    expect(described?.notBefore).toMatch(/^\d{4}-/);
    expect(described?.spki.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('marks which certificates the next one signs', () => {
    expect(describeDaneChain([leaf, testCa.certPem]).map((c) => c.signedByNext)).toEqual([true, false]);
    expect(describeDaneChain([leaf, otherCa.certPem]).map((c) => c.signedByNext)).toEqual([false, false]);
  });
});

/** The CNs of the chain a client sees from a server sending `sent`, with the client's `ca` option. */
async function chainSeen(sent: string, ca: string[]): Promise<string[]> {
  const leaf = issueCertificate({ names: ['mx1.example.test'] });
  const server = createServer({ cert: sent, key: leaf.key });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const socket = connect({
    host: '127.0.0.1',
    port,
    servername: 'mx1.example.test',
    rejectUnauthorized: false,
    ca,
  });
  try {
    await once(socket, 'secureConnect');
    return peerChain(socket).map((x509) => /CN=(.*)/.exec(x509.subject)?.[1] ?? '?');
  } finally {
    socket.destroy();
    server.close();
  }
}

describe('peerChain', () => {
  const leafPem = issueCertificate({ names: ['mx1.example.test'] }).cert;

  it('with an empty trust store, returns exactly what the server sent', async () => {
    expect(await chainSeen(leafPem, [])).toEqual(['mx1.example.test']);
    expect(await chainSeen(leafPem + testCa.certPem, [])).toEqual([
      'mx1.example.test',
      'mta-sts-drift test CA',
    ]);
  });

  it('orders what was sent as a path from the leaf, extra certificates last (RFC 8446 §4.4.2)', async () => {
    // TLS 1.3 lets a server send its chain in any order, with extra certificates; senders build the path.
    expect(await chainSeen(leafPem + otherCa.certPem + testCa.certPem, [])).toEqual([
      'mx1.example.test',
      'mta-sts-drift test CA',
      'mta-sts-drift other CA',
    ]);
  });

  it('with the anchor trusted, still returns only what the server sent (RFC 7672 §3.1.2; issue #7 defect 1)', async () => {
    // getPeerCertificate(true) appends the trusted CA the server never sent; a DANE-TA anchor must be presented.
    expect(await chainSeen(leafPem, [testCa.certPem])).toEqual(['mx1.example.test']);
    expect(await chainSeen(leafPem + testCa.certPem, [testCa.certPem])).toEqual([
      'mx1.example.test',
      'mta-sts-drift test CA',
    ]);
  });
});
