/**
 * `postfix-dane` (issue #7 item 4): Postfix with `smtp_tls_security_level = dane` and DNSSEC lookups, no MTA-STS.
 * Postfix TLS_README: no usable TLSA means `may` or `encrypt`, a failed TLSA lookup defers.
 */
import { describe, expect, it } from 'vitest';
import { postfixDane } from '../../../src/core/senders/postfix-dane.js';
import type { PolicyMode } from '../../../src/core/types.js';
import { cachedPolicy, facts, MX1, MX2, type Dane, type Sts } from './fixtures.js';

type Mode = PolicyMode | 'absent' | 'unknown';
const rows: [Dane, Sts, Mode, boolean | null][] = [
  ['-', 'pass', 'enforce', null],
  ['-', 'unlisted', 'enforce', null],
  // MTA-STS is ignored: an unlisted host or a bad certificate changes nothing.
  ['no-dane', 'unlisted', 'enforce', false],
  ['no-dane', 'bad-cert', 'enforce', false],
  ['dane-ok', 'unlisted', 'enforce', false],
  ['dane-ok', 'pass', 'unknown', false],
  ['tls-required-unauthenticated', 'bad-cert', 'enforce', false],
  ['dane-fail', 'pass', 'enforce', true],
  ['dane-fail', 'pass', 'absent', true],
  ['no-starttls-with-tlsa', 'bad-cert', 'none', true],
  ['deferred', 'pass', 'enforce', true],
  ['unknown', 'unprobed', 'enforce', null],
];

describe('postfix-dane sender profile', () => {
  it.each(rows)('DANE %s, MTA-STS %s, mode %s -> bounces %s', (dane, sts, mode, bounces) => {
    expect(postfixDane.judge(facts({ mode, hosts: [{ dane, sts }] })).bounces).toBe(bounces);
  });

  it('holds no MTA-STS policy, so cached policies never make it bounce', () => {
    const verdict = postfixDane.judge(
      facts({ hosts: [{ dane: 'dane-ok', sts: 'pass' }], cached: [cachedPolicy([MX1])] }),
    );
    expect(verdict).toMatchObject({ bounces: false, bouncesForCachedSenders: false });
  });

  it('a stale backup: delivers to the primary, names the backup as refused', () => {
    const verdict = postfixDane.judge(
      facts({
        hosts: [
          { dane: 'dane-ok', sts: 'pass' },
          { host: MX2, dane: 'dane-fail', sts: 'pass' },
        ],
      }),
    );
    expect(verdict).toMatchObject({ bounces: false, refusedMx: [MX2] });
  });
});
