import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeDaneChain } from '../../src/probes/dane-chain.js';
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

  it('marks which certificates the next one signs', () => {
    expect(describeDaneChain([leaf, testCa.certPem]).map((c) => c.signedByNext)).toEqual([true, false]);
    expect(describeDaneChain([leaf, otherCa.certPem]).map((c) => c.signedByNext)).toEqual([false, false]);
  });
});
