/**
 * `gmail` (issue #7 item 4): MTA-STS only; DANE, even a broken one, changes nothing (an assumption: Google documents
 * no outbound DANE). Its cached verdict is the issue #8 `bouncesForCachedSenders`.
 */
import { describe, expect, it } from 'vitest';
import { gmail } from '../../../src/core/senders/gmail.js';
import type { PolicyMode } from '../../../src/core/types.js';
import { cachedPolicy, facts, MX1, MX2, type Dane, type Sts } from './fixtures.js';

type Mode = PolicyMode | 'absent' | 'unknown';
const rows: [Dane, Sts, Mode, boolean | null][] = [
  ['-', 'pass', 'enforce', false],
  ['-', 'unlisted', 'enforce', true],
  ['-', 'bad-cert', 'enforce', true],
  ['-', 'bad-cert', 'testing', false],
  ['-', 'bad-cert', 'none', false],
  ['-', 'unlisted', 'absent', false],
  ['-', 'unprobed', 'enforce', null],
  ['-', 'pass', 'unknown', null],
  ['dane-fail', 'pass', 'enforce', false],
  ['deferred', 'pass', 'enforce', false],
  ['no-starttls-with-tlsa', 'pass', 'testing', false],
  ['dane-ok', 'unlisted', 'enforce', true],
  ['unknown', 'unprobed', 'enforce', null],
];

describe('gmail sender profile', () => {
  it.each(rows)('DANE %s, MTA-STS %s, mode %s -> bounces %s', (dane, sts, mode, bounces) => {
    expect(gmail.judge(facts({ mode, hosts: [{ dane, sts }] })).bounces).toBe(bounces);
  });

  it.each([
    ['refuses both hosts', [MX1, MX2], 'same-id-change', true],
    ['refuses one host', [MX1], 'same-id-change', false],
    ['refuses both, but a new id is published', [MX1, MX2], 'not-yet-refetched', false],
    ['refuses both, live policy unknown', [MX1, MX2], 'live-unknown', null],
  ] as const)(
    'judges senders holding a cached policy that %s as issue #8 does',
    (_label, refuses, why, expected) => {
      const entry = cachedPolicy(refuses, { why });
      const verdict = gmail.judge(
        facts({
          hosts: [
            { dane: '-', sts: 'pass' },
            { host: MX2, dane: '-', sts: 'pass' },
          ],
          cached: [entry],
        }),
      );
      expect(verdict.bouncesForCachedSenders).toBe(expected);
    },
  );
});
