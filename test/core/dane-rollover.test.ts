import { describe, expect, it } from 'vitest';
import { checkNextKey, checkSignatureExpiry, checkTlsaStale } from '../../src/core/dane-rollover.js';
import { describeDaneChain } from '../../src/probes/dane-chain.js';
import { daysFromNow, testCa } from '../helpers/test-ca.js';
import { chain, leafPem, nextKeyTlsa, NOW, secureTlsa, soonPem, tlsaFor } from './dane-fixtures.js';

const soonChain = describeDaneChain([soonPem, testCa.certPem]);
const THRESHOLD = 14;

describe('checkTlsaStale (RFC 7671 §8.1)', () => {
  it('errors when the published TLSA no longer matches the certificate served', () => {
    expect(checkTlsaStale(secureTlsa([nextKeyTlsa()]), chain, NOW)).toMatchObject({
      severity: 'error',
      code: 'tlsa-stale',
      detail: expect.stringContaining('_25._tcp.mx1.example.test no longer matches'),
    });
  });

  it.each([
    ['a match', secureTlsa([tlsaFor(leafPem, 3, 1, 1)])],
    ['an insecure TLSA set', secureTlsa([nextKeyTlsa()], { security: 'insecure' })],
    ['no usable record', secureTlsa([tlsaFor(leafPem, 1, 1, 1)])],
  ])('is silent for %s', (_label, tlsa) => {
    expect(checkTlsaStale(tlsa, chain, NOW)).toBeNull();
  });
});

describe('checkNextKey (RFC 7671 §8.1: current + next)', () => {
  it('warns when the certificate expires soon and only the current key is published', () => {
    const notice = checkNextKey(secureTlsa([tlsaFor(soonPem, 3, 1, 1)]), soonChain, NOW, THRESHOLD);
    expect(notice).toMatchObject({
      severity: 'warning',
      code: 'tlsa-no-next-key',
      detail: expect.stringContaining('a new key'),
    });
  });

  it('says a whole-certificate record breaks at any renewal', () => {
    const notice = checkNextKey(secureTlsa([tlsaFor(soonPem, 3, 0, 1)]), soonChain, NOW, THRESHOLD);
    expect(notice?.detail).toContain('any renewal');
  });

  it.each([
    ['a next key is published', secureTlsa([tlsaFor(soonPem, 3, 1, 1), nextKeyTlsa()]), soonChain],
    ['the anchor is a DANE-TA record', secureTlsa([tlsaFor(testCa.certPem, 2, 1, 1)]), soonChain],
    ['the certificate is far from expiry', secureTlsa([tlsaFor(leafPem, 3, 1, 1)]), chain],
    [
      'the TLSA set is insecure',
      secureTlsa([tlsaFor(soonPem, 3, 1, 1)], { security: 'insecure' }),
      soonChain,
    ],
    [
      'the TLSA is already stale (that is an error, not this warning)',
      secureTlsa([nextKeyTlsa()]),
      soonChain,
    ],
    [
      'the expiry date is malformed (issue #7 defect 4: the certificate checks report it)',
      secureTlsa([tlsaFor(soonPem, 3, 1, 1)]),
      soonChain.map((c, i) => (i === 0 ? { ...c, notAfter: null } : c)),
    ],
  ])('is silent when %s', (_label, tlsa, presented) => {
    expect(checkNextKey(tlsa, presented, NOW, THRESHOLD)).toBeNull();
  });
});

describe('checkSignatureExpiry (RFC 4035 §5.3.1)', () => {
  it('warns for the earliest RRSIG expiring within the threshold', () => {
    const soon = daysFromNow(3.5).toISOString();
    const notice = checkSignatureExpiry('TLSA', [daysFromNow(30).toISOString(), soon], NOW, THRESHOLD);
    expect(notice).toEqual({
      severity: 'warning',
      code: 'rrsig-expiring',
      detail: `the DNSSEC signature over the TLSA records expires in 3 days (${soon})`,
    });
  });

  it('says when a signature has already expired', () => {
    const past = daysFromNow(-2).toISOString();
    expect(checkSignatureExpiry('MX', [past], NOW, THRESHOLD)?.detail).toBe(
      `the DNSSEC signature over the MX records expired on ${past}`,
    );
  });

  it.each([
    ['no signatures', []],
    ['signatures beyond the threshold', [daysFromNow(15).toISOString()]],
  ])('is silent with %s', (_label, expirations) => {
    expect(checkSignatureExpiry('A/AAAA', expirations, NOW, THRESHOLD)).toBeNull();
  });
});
