import { describe, expect, it } from 'vitest';
import type { DnsSecurity, TlsaObservation } from '../../src/core/dane.js';
import { judgeDaneAddress, type DaneSession } from '../../src/core/dane-verdict.js';
import { describeDaneChain } from '../../src/probes/dane-chain.js';
import { testCa } from '../helpers/test-ca.js';
import { chain, leafPem, nextKeyTlsa, NOW, secureTlsa, tlsaFor, wrongNamePem } from './dane-fixtures.js';

const SECURE = { mx: 'secure', address: 'secure' } as const;
const TLS: DaneSession = { kind: 'tls', chain };
const current = tlsaFor(leafPem, 3, 1, 1);

interface Row {
  readonly label: string;
  readonly dns?: { mx: DnsSecurity; address: DnsSecurity };
  readonly tlsa: TlsaObservation;
  readonly session?: DaneSession;
  readonly verdict: string;
  readonly delivers: boolean;
}

const rows: Row[] = [
  { label: '3 1 1 matches', tlsa: secureTlsa([current]), verdict: 'dane-ok', delivers: true },
  {
    label: 'stale 3 1 1 after a key change',
    tlsa: secureTlsa([nextKeyTlsa()]),
    verdict: 'dane-fail',
    delivers: false,
  },
  {
    label: 'current + next published',
    tlsa: secureTlsa([current, nextKeyTlsa()]),
    verdict: 'dane-ok',
    delivers: true,
  },
  {
    label: '2 1 1 on the CA',
    tlsa: secureTlsa([tlsaFor(testCa.certPem, 2, 1, 1)]),
    verdict: 'dane-ok',
    delivers: true,
  },
  {
    label: '2 1 1 on the CA, certificate for another name (RFC 7672 §3.2.2)',
    tlsa: secureTlsa([tlsaFor(testCa.certPem, 2, 1, 1)]),
    session: { kind: 'tls', chain: describeDaneChain([wrongNamePem, testCa.certPem]) },
    verdict: 'dane-fail',
    delivers: false,
  },
  {
    label: 'PKIX usages only: TLS without authentication (RFC 7672 §3.1.3)',
    tlsa: secureTlsa([tlsaFor(leafPem, 1, 1, 1)]),
    verdict: 'tls-required-unauthenticated',
    delivers: true,
  },
  {
    label: 'usable TLSA and no STARTTLS',
    tlsa: secureTlsa([current]),
    session: { kind: 'no-starttls' },
    verdict: 'no-starttls-with-tlsa',
    delivers: false,
  },
  {
    label: 'unusable TLSA and no STARTTLS: TLS is still mandatory (RFC 7672 §2.2)',
    tlsa: secureTlsa([tlsaFor(leafPem, 0, 1, 1)]),
    session: { kind: 'no-starttls' },
    verdict: 'no-starttls-with-tlsa',
    delivers: false,
  },
  {
    label: 'usable TLSA and a failed handshake',
    tlsa: secureTlsa([current]),
    session: { kind: 'tls-failed', reason: 'handshake alert' },
    verdict: 'dane-fail',
    delivers: false,
  },
  {
    label: 'bogus TLSA (SERVFAIL from the validating resolver)',
    tlsa: secureTlsa([], { security: 'bogus-or-failed', rcode: 'SERVFAIL', reason: 'SERVFAIL' }),
    verdict: 'deferred',
    delivers: false,
  },
  {
    label: 'TLSA lookup timed out here: unknown, not a failed validation (issue #7 defect 2)',
    tlsa: secureTlsa([], { security: 'unknown', rcode: 'TIMEOUT', reason: 'no answer' }),
    verdict: 'unknown',
    delivers: false,
  },
  {
    label: 'MX lookup timed out here: unknown',
    dns: { mx: 'unknown', address: 'secure' },
    tlsa: secureTlsa([current]),
    verdict: 'unknown',
    delivers: false,
  },
  {
    label: 'address lookup timed out here: unknown',
    dns: { mx: 'secure', address: 'unknown' },
    tlsa: secureTlsa([current]),
    verdict: 'unknown',
    delivers: false,
  },
  {
    label: 'TLSA in an unsigned zone',
    tlsa: secureTlsa([current], { security: 'insecure' }),
    verdict: 'no-dane',
    delivers: true,
  },
  { label: 'no TLSA records (secure NXDOMAIN)', tlsa: secureTlsa([]), verdict: 'no-dane', delivers: true },
  {
    label: 'MX in an unsigned domain (RFC 7672 §2.2.1)',
    dns: { mx: 'insecure', address: 'secure' },
    tlsa: secureTlsa([nextKeyTlsa()]),
    verdict: 'no-dane',
    delivers: true,
  },
  {
    label: 'insecure address records (RFC 7672 §2.2.3)',
    dns: { mx: 'secure', address: 'insecure' },
    tlsa: secureTlsa([nextKeyTlsa()]),
    verdict: 'no-dane',
    delivers: true,
  },
  {
    label: 'bogus MX lookup',
    dns: { mx: 'bogus-or-failed', address: 'secure' },
    tlsa: secureTlsa([current]),
    verdict: 'deferred',
    delivers: false,
  },
  {
    label: 'bogus address lookup',
    dns: { mx: 'secure', address: 'bogus-or-failed' },
    tlsa: secureTlsa([current]),
    verdict: 'deferred',
    delivers: false,
  },
  {
    label: 'not probed, DANE applies',
    tlsa: secureTlsa([current]),
    session: { kind: 'unknown', reason: 'connection refused' },
    verdict: 'unknown',
    delivers: false,
  },
  {
    label: 'not probed, no DANE: the DNS alone decides',
    tlsa: secureTlsa([]),
    session: { kind: 'unknown', reason: 'connection refused' },
    verdict: 'no-dane',
    delivers: true,
  },
];

describe('judgeDaneAddress (RFC 7672 §2, §3)', () => {
  it.each(rows)('$label: $verdict', (row) => {
    const result = judgeDaneAddress(row.dns ?? SECURE, row.tlsa, row.session ?? TLS, NOW);
    expect(result.verdict).toBe(row.verdict);
    expect(result.delivers).toBe(row.delivers);
    expect(result.detail).not.toBe('');
  });

  it('a failed TLSA lookup names the query and the reason', () => {
    const tlsa = secureTlsa([], {
      security: 'bogus-or-failed',
      rcode: 'SERVFAIL',
      reason: 'the server answered SERVFAIL',
    });
    expect(judgeDaneAddress(SECURE, tlsa, TLS, NOW).detail).toBe(
      'the TLSA lookup at _25._tcp.mx1.example.test failed: the server answered SERVFAIL',
    );
  });

  it('a match carries the record that matched', () => {
    const result = judgeDaneAddress(SECURE, secureTlsa([nextKeyTlsa(), current]), TLS, NOW);
    expect(result.match).toMatchObject({
      matched: true,
      depth: 0,
      record: { usage: 3, selector: 1, matchingType: 1 },
    });
  });
});
