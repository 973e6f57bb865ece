import { describe, expect, it } from 'vitest';
import type { TlsaParse } from '../../src/core/dane.js';
import { certificateNameMatches, matchChain, type DaneMatch } from '../../src/core/dane-match.js';
import { describeDaneChain } from '../../src/probes/dane-chain.js';
import { issueCertificate, otherCa, testCa } from '../helpers/test-ca.js';
import {
  chain,
  expiredPem,
  leafOnly,
  leafPem,
  MX,
  nextKeyTlsa,
  NOW,
  tlsaFor,
  wrongNamePem,
} from './dane-fixtures.js';

const reference = { mxHost: MX, baseDomain: MX };
const reason = (match: DaneMatch): string =>
  match.matched ? `matched ${match.record.usage}@${match.depth}` : match.reason;

describe('matchChain: DANE-EE(3) (RFC 7672 §3.1.1)', () => {
  it.each([
    [0, 0],
    [0, 1],
    [0, 2],
    [1, 0],
    [1, 1],
    [1, 2],
  ])('3 %i %i matches the leaf', (selector, matchingType) => {
    expect(reason(matchChain([tlsaFor(leafPem, 3, selector, matchingType)], leafOnly, reference, NOW))).toBe(
      'matched 3@0',
    );
  });

  it('ignores the names and the dates of the leaf (RFC 7672 §3.2.1)', () => {
    const wrongName = describeDaneChain([wrongNamePem]);
    const expired = describeDaneChain([expiredPem]);
    expect(reason(matchChain([tlsaFor(wrongNamePem, 3, 1, 1)], wrongName, reference, NOW))).toBe(
      'matched 3@0',
    );
    expect(reason(matchChain([tlsaFor(expiredPem, 3, 0, 1)], expired, reference, NOW))).toBe('matched 3@0');
  });

  it('does not match a DANE-EE record against the CA certificate further up', () => {
    expect(reason(matchChain([tlsaFor(testCa.certPem, 3, 1, 1)], chain, reference, NOW))).toBe('no-match');
  });

  it('a stale 3 1 1 for another key does not match, and names what is published', () => {
    const match = matchChain([nextKeyTlsa()], chain, reference, NOW);
    expect(match).toMatchObject({
      matched: false,
      reason: 'no-match',
      detail: expect.stringContaining('3 1 1 '),
    });
  });

  it('any one matching record is enough: current + next (RFC 7671 §8.1)', () => {
    expect(reason(matchChain([nextKeyTlsa(), tlsaFor(leafPem, 3, 1, 1)], chain, reference, NOW))).toBe(
      'matched 3@0',
    );
  });
});

describe('matchChain: DANE-TA(2) (RFC 7672 §3.1.2, §3.2.2)', () => {
  it.each([
    [1, 1],
    [0, 1],
    [1, 2],
    [0, 0],
  ])('2 %i %i on the CA in the chain matches at depth 1', (selector, matchingType) => {
    expect(
      reason(matchChain([tlsaFor(testCa.certPem, 2, selector, matchingType)], chain, reference, NOW)),
    ).toBe('matched 2@1');
  });

  it('requires the anchor in the presented chain', () => {
    expect(reason(matchChain([tlsaFor(testCa.certPem, 2, 1, 1)], leafOnly, reference, NOW))).toBe('no-match');
  });

  it('requires the chain below the anchor to verify', () => {
    // The other CA sent in the chain does not sign the leaf.
    const forged = describeDaneChain([leafPem, otherCa.certPem]);
    expect(reason(matchChain([tlsaFor(otherCa.certPem, 2, 1, 1)], forged, reference, NOW))).toBe(
      'ta-chain-broken',
    );
  });

  it('checks the name: the MX host or the TLSA base domain', () => {
    const wrongName = describeDaneChain([wrongNamePem, testCa.certPem]);
    const anchor = [tlsaFor(testCa.certPem, 2, 1, 1)];
    expect(matchChain(anchor, wrongName, reference, NOW)).toMatchObject({
      matched: false,
      reason: 'name-mismatch',
      detail: expect.stringContaining('other.example.test'),
    });
    // After CNAME expansion of the MX host, a certificate for the expanded name passes (RFC 7672 §3.2.3).
    expect(reason(matchChain(anchor, wrongName, { mxHost: MX, baseDomain: 'other.example.test' }, NOW))).toBe(
      'matched 2@1',
    );
  });

  it('checks the dates of the certificates below the anchor', () => {
    const expired = describeDaneChain([expiredPem, testCa.certPem]);
    expect(reason(matchChain([tlsaFor(testCa.certPem, 2, 1, 1)], expired, reference, NOW))).toBe(
      'cert-dates',
    );
  });

  it('a malformed date below the anchor fails DANE-TA, while DANE-EE still matches (issue #7 defect 4)', () => {
    const badPem = issueCertificate({ names: [MX], rawValidity: { notAfter: [0x17, '991399999999Z'] } }).cert;
    const presented = describeDaneChain([badPem, testCa.certPem]);
    expect(presented[0]?.notAfter).toBeNull();
    expect(reason(matchChain([tlsaFor(testCa.certPem, 2, 1, 1)], presented, reference, NOW))).toBe(
      'cert-dates',
    );
    expect(reason(matchChain([tlsaFor(badPem, 3, 1, 1)], presented, reference, NOW))).toBe('matched 3@0');
  });

  it('accepts a wildcard certificate for one label', () => {
    const wildcard = issueCertificate({ names: ['*.example.test'] }).cert;
    const presented = describeDaneChain([wildcard, testCa.certPem]);
    expect(reason(matchChain([tlsaFor(testCa.certPem, 2, 1, 1)], presented, reference, NOW))).toBe(
      'matched 2@1',
    );
  });
});

describe('matchChain: sets that cannot authenticate', () => {
  it.each<[string, TlsaParse[]]>([
    ['empty', []],
    ['PKIX only (RFC 7672 §3.1.3)', [tlsaFor(leafPem, 1, 1, 1), tlsaFor(testCa.certPem, 0, 1, 1)]],
    ['malformed only', [{ ok: false, reason: 'short' }]],
  ])('%s: no usable records', (_label, set) => {
    expect(reason(matchChain(set, chain, reference, NOW))).toBe('no-usable-records');
  });

  it('an empty chain: no certificate', () => {
    expect(reason(matchChain([tlsaFor(leafPem, 3, 1, 1)], [], reference, NOW))).toBe('no-certificate');
  });
});

describe('certificateNameMatches (RFC 6125 §6.4.3)', () => {
  it.each([
    ['mx.example.test', 'MX.Example.Test.', true],
    ['*.example.test', 'mx.example.test', true],
    ['*.example.test', 'example.test', false],
    ['*.example.test', 'a.mx.example.test', false],
    ['mx*.example.test', 'mx1.example.test', false],
    ['other.test', 'mx.example.test', false],
  ])('%s against %s: %s', (pattern, name, expected) => {
    expect(certificateNameMatches(pattern, name)).toBe(expected);
  });
});
