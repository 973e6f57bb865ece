/**
 * `rfc` (issue #7 item 4): DANE decides where a secure usable TLSA set exists (RFC 7672 §2.2, RFC 8461 §2), a bogus
 * lookup defers (RFC 7672 §2.1.1), MTA-STS decides elsewhere (RFC 8461 §4, §5).
 */
import { describe, expect, it } from 'vitest';
import { rfc } from '../../../src/core/senders/rfc.js';
import { cachedPolicy, facts, MX1, MX2, type Dane, type Sts } from './fixtures.js';
import type { PolicyMode } from '../../../src/core/types.js';

type Mode = PolicyMode | 'absent' | 'unknown';
/** One MX host: its DANE verdict, its MTA-STS outcome, the policy mode, whether a cached policy refuses it. */
const rows: [Dane, Sts, Mode, boolean, boolean | null][] = [
  // DANE not checked: MTA-STS alone, as `bounces` always meant.
  ['-', 'pass', 'enforce', false, false],
  ['-', 'unlisted', 'enforce', false, true],
  ['-', 'bad-cert', 'enforce', false, true],
  ['-', 'bad-cert', 'testing', false, false],
  ['-', 'unlisted', 'absent', false, false],
  ['-', 'unprobed', 'enforce', false, null],
  ['-', 'pass', 'unknown', false, null],
  // A secure usable TLSA set: DANE decides.
  ['dane-ok', 'pass', 'enforce', false, false],
  ['dane-ok', 'unlisted', 'enforce', false, false],
  ['dane-ok', 'pass', 'unknown', false, false],
  ['dane-fail', 'pass', 'enforce', false, true],
  ['dane-fail', 'pass', 'testing', false, true],
  ['dane-fail', 'pass', 'absent', false, true],
  ['no-starttls-with-tlsa', 'bad-cert', 'testing', false, true],
  // Bogus or failed lookups defer, whatever MTA-STS says.
  ['deferred', 'pass', 'enforce', false, true],
  ['deferred', 'pass', 'none', false, true],
  // No usable TLSA, or DANE does not apply: MTA-STS decides.
  ['tls-required-unauthenticated', 'pass', 'enforce', false, false],
  ['tls-required-unauthenticated', 'unlisted', 'enforce', false, true],
  ['no-dane', 'pass', 'enforce', false, false],
  ['no-dane', 'unlisted', 'enforce', false, true],
  ['no-dane', 'unlisted', 'testing', false, false],
  // DANE applies and the host was not probed.
  ['unknown', 'unprobed', 'enforce', false, null],
  // Cached: the live verdict does not change; bouncesForCachedSenders is checked below.
  ['no-dane', 'pass', 'enforce', true, false],
  ['dane-ok', 'pass', 'enforce', true, false],
];

describe('rfc sender profile', () => {
  it.each(rows)(
    'DANE %s, MTA-STS %s, mode %s, cached refusal %s -> bounces %s',
    (dane, sts, mode, cached, bounces) => {
      const verdict = rfc.judge(
        facts({ mode, hosts: [{ dane, sts }], cached: cached ? [cachedPolicy([MX1])] : [] }),
      );
      expect(verdict.bounces).toBe(bounces);
      expect(verdict.refusedMx).toEqual(bounces === true ? [MX1] : []);
    },
  );

  it('bounces only when every MX host is refused, and names the refused ones', () => {
    const backupStale = rfc.judge(
      facts({
        hosts: [
          { dane: 'dane-ok', sts: 'pass' },
          { host: MX2, dane: 'dane-fail', sts: 'pass' },
        ],
      }),
    );
    expect(backupStale).toMatchObject({ bounces: false, refusedMx: [MX2] });
    expect(backupStale.reason).toContain(`refuses ${MX2}: DANE dane-fail at ${MX2}`);
  });

  it('judges senders holding a cached policy with the same rule: DANE still decides where it applies', () => {
    const refusing = [cachedPolicy([MX1])];
    expect(
      rfc.judge(facts({ hosts: [{ dane: 'no-dane', sts: 'pass' }], cached: refusing }))
        .bouncesForCachedSenders,
    ).toBe(true);
    expect(
      rfc.judge(facts({ hosts: [{ dane: 'dane-ok', sts: 'pass' }], cached: refusing }))
        .bouncesForCachedSenders,
    ).toBe(false);
    expect(
      rfc.judge(facts({ hosts: [{ dane: '-', sts: 'pass' }], cached: null })).bouncesForCachedSenders,
    ).toBeNull();
    const refetching = [cachedPolicy([MX1], { why: 'not-yet-refetched' })];
    expect(
      rfc.judge(facts({ hosts: [{ dane: '-', sts: 'pass' }], cached: refetching })).bouncesForCachedSenders,
    ).toBe(false);
    const unknownLive = [cachedPolicy([MX1], { why: 'live-unknown' })];
    expect(
      rfc.judge(facts({ hosts: [{ dane: '-', sts: 'pass' }], cached: unknownLive })).bouncesForCachedSenders,
    ).toBeNull();
    const testing = [cachedPolicy([MX1], { mode: 'testing' })];
    expect(
      rfc.judge(facts({ hosts: [{ dane: '-', sts: 'pass' }], cached: testing })).bouncesForCachedSenders,
    ).toBe(false);
  });

  it('a null MX never bounces; a failed MX lookup is unknown unless no policy could refuse', () => {
    expect(rfc.judge(facts({ nullMx: true, hosts: [] })).bounces).toBe(false);
    expect(rfc.judge(facts({ mxKnown: false, hosts: [] })).bounces).toBeNull();
    expect(rfc.judge(facts({ mxKnown: false, mode: 'testing', hosts: [] })).bounces).toBe(false);
  });
});
