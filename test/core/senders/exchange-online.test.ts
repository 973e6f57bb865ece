/**
 * `exchange-online` (issue #7 item 4): DANE first (a failing or bogus TLSA defers), and MTA-STS as well: a host
 * must pass both. Documented behaviour (Microsoft Learn, "How SMTP DANE works"), not checked against the service.
 */
import { describe, expect, it } from 'vitest';
import { exchangeOnline } from '../../../src/core/senders/exchange-online.js';
import type { PolicyMode } from '../../../src/core/types.js';
import { cachedPolicy, facts, MX1, type Dane, type Sts } from './fixtures.js';

type Mode = PolicyMode | 'absent' | 'unknown';
const rows: [Dane, Sts, Mode, boolean | null][] = [
  // Without DANE data a refusal by MTA-STS is certain, a delivery is not.
  ['-', 'unlisted', 'enforce', true],
  ['-', 'pass', 'enforce', null],
  ['-', 'bad-cert', 'testing', null],
  // Both must pass.
  ['dane-ok', 'pass', 'enforce', false],
  ['dane-ok', 'unlisted', 'enforce', true],
  ['dane-ok', 'bad-cert', 'enforce', true],
  ['dane-ok', 'bad-cert', 'testing', false],
  ['dane-fail', 'pass', 'enforce', true],
  ['dane-fail', 'pass', 'absent', true],
  ['no-starttls-with-tlsa', 'bad-cert', 'none', true],
  // 4.7.323 / 4.7.324: bogus or failed DNSSEC lookups defer.
  ['deferred', 'pass', 'enforce', true],
  ['deferred', 'pass', 'testing', true],
  ['tls-required-unauthenticated', 'pass', 'enforce', false],
  ['tls-required-unauthenticated', 'unlisted', 'enforce', true],
  ['no-dane', 'pass', 'enforce', false],
  ['no-dane', 'unlisted', 'enforce', true],
  ['no-dane', 'unlisted', 'testing', false],
  ['no-dane', 'pass', 'unknown', null],
  ['unknown', 'unprobed', 'enforce', null],
  ['unknown', 'unlisted', 'enforce', true],
];

describe('exchange-online sender profile', () => {
  it.each(rows)('DANE %s, MTA-STS %s, mode %s -> bounces %s', (dane, sts, mode, bounces) => {
    const verdict = exchangeOnline.judge(facts({ mode, hosts: [{ dane, sts }] }));
    expect(verdict.bounces).toBe(bounces);
  });

  it('senders holding a cached enforcing policy refuse what it refuses, and what DANE refuses', () => {
    const cached = [cachedPolicy([MX1])];
    const held = exchangeOnline.judge(facts({ hosts: [{ dane: 'dane-ok', sts: 'pass' }], cached }));
    expect(held).toMatchObject({ bounces: false, bouncesForCachedSenders: true });
    const none = exchangeOnline.judge(facts({ hosts: [{ dane: 'dane-ok', sts: 'pass' }], cached: [] }));
    expect(none.bouncesForCachedSenders).toBe(false);
  });
});
