/**
 * `postfix-sts-resolver` (issue #7 item 4): Postfix 3.7 with postfix-mta-sts-resolver. An enforcing policy becomes
 * `secure match=…` and overrides DANE; without one (testing, none, absent) the default `dane` level applies.
 */
import { describe, expect, it } from 'vitest';
import { postfixMatches, postfixStsResolver } from '../../../src/core/senders/postfix-sts-resolver.js';
import type { PolicyMode } from '../../../src/core/types.js';
import { cachedPolicy, facts, MX1, type Dane, type Sts } from './fixtures.js';

type Mode = PolicyMode | 'absent' | 'unknown';
const rows: [Dane, Sts, Mode, boolean | null][] = [
  // An enforcing policy: MTA-STS decides, DANE is not consulted (a departure from RFC 8461 §2).
  ['-', 'pass', 'enforce', false],
  ['-', 'unlisted', 'enforce', true],
  ['-', 'bad-cert', 'enforce', true],
  ['-', 'unprobed', 'enforce', null],
  ['dane-fail', 'pass', 'enforce', false],
  ['no-starttls-with-tlsa', 'pass', 'enforce', false],
  ['dane-ok', 'unlisted', 'enforce', true],
  ['dane-ok', 'bad-cert', 'enforce', true],
  // A failed TLSA lookup is not made at level secure...
  ['deferred', 'pass', 'enforce', false],
  // No enforcing policy: the resolver answers nothing, and the default level dane applies.
  ['dane-fail', 'pass', 'testing', true],
  ['dane-fail', 'pass', 'absent', true],
  ['deferred', 'pass', 'testing', true],
  ['no-dane', 'bad-cert', 'testing', false],
  ['dane-ok', 'unlisted', 'testing', false],
  ['-', 'pass', 'testing', null],
  ['-', 'pass', 'unknown', null],
];

describe('postfix-sts-resolver sender profile', () => {
  it.each(rows)('DANE %s, MTA-STS %s, mode %s -> bounces %s', (dane, sts, mode, bounces) => {
    expect(postfixStsResolver.judge(facts({ mode, hosts: [{ dane, sts }] })).bounces).toBe(bounces);
  });

  it('...but a bogus MX or address answer defers at any level (smtp_dns_support_level = dnssec)', () => {
    const mxBogus = facts({ hosts: [{ dane: 'deferred', sts: 'pass', mxSecurity: 'bogus-or-failed' }] });
    expect(postfixStsResolver.judge(mxBogus).bounces).toBe(true);
    const addressBogus = facts({
      hosts: [{ dane: 'deferred', sts: 'pass', addressSecurity: 'bogus-or-failed' }],
    });
    expect(postfixStsResolver.judge(addressBogus).bounces).toBe(true);
  });

  it('Postfix 3.7 matches `*.parent` at any depth: a host two labels down is accepted, unlike RFC 8461 §4.1', () => {
    const deep = 'a.b.example.com';
    expect(postfixMatches(['*.example.com'], deep)).toBe(true);
    expect(postfixMatches(['*.example.com'], 'example.com')).toBe(false);
    expect(postfixMatches(['mx1.example.com'], 'MX1.example.com.')).toBe(true);
    expect(postfixMatches(['mx1.example.com'], 'mx2.example.com')).toBe(false);
    // The RFC profile refuses the same host (matched false); this one delivers when its TLS passes.
    const world = facts({ patterns: ['*.example.com'], hosts: [{ host: deep, dane: '-', sts: 'unlisted' }] });
    expect(postfixStsResolver.judge(world).bounces).toBe(false);
  });

  it('applies a cached enforcing policy like a live one, by its mx patterns', () => {
    const cached = [cachedPolicy([MX1], { mx: ['mx.old.example'] })];
    const verdict = postfixStsResolver.judge(
      facts({ mode: 'testing', hosts: [{ dane: 'no-dane', sts: 'pass' }], cached }),
    );
    expect(verdict).toMatchObject({ bounces: false, bouncesForCachedSenders: true });
  });
});
