/**
 * The pull-request check of what senders already hold (issue #8 item 4), pure: expectations, reports with the live
 * policy and the cached policies of the history, and a pinned clock.
 */
import { describe, expect, it } from 'vitest';
import { cachedRefusals, hostsAfter } from '../../src/action/pr-cached.js';
import type { CachedPolicy } from '../../src/core/cached-policies.js';
import type { DomainExpectation, DomainReport } from '../../src/core/types.js';
import { report } from '../fixtures/action/reports.js';

const NOW = new Date('2026-11-29T12:00:00Z');
const MX1 = 'mx1.example.com';
const MX2 = 'mx2.example.com';
const NEW = 'mx.provider.example';

const expectation = (mx: string[], extra: Partial<DomainExpectation> = {}): DomainExpectation => ({
  domain: 'example.com',
  line: 7,
  column: 5,
  mode: 'enforce',
  mx,
  certWarningDays: 21,
  ignore: [],
  ...extra,
});

const mxReport = (host: string, preference: number) => ({
  host,
  preference,
  matched: true,
  tls: 'ok' as const,
  notAfter: null,
  enforceOk: true,
});

/** The live world: policy `mx` (enforce, 7 days), MX hosts `hosts`, and the cached policies of the history. */
function live(mx: string[], hosts: string[], cached: CachedPolicy[] = []): DomainReport[] {
  return [
    report('example.com', [], {
      policy: { status: 'valid', id: 'live1', mode: 'enforce', maxAge: 604800, mx, certificate: null },
      mx: hosts.map((h, i) => mxReport(h, (i + 1) * 10)),
      cached,
      bouncesForCachedSenders: false,
      bounceWindowEnd: null,
    }),
  ];
}

const old: CachedPolicy = {
  id: 'old1',
  mode: 'enforce',
  mx: [MX1],
  maxAge: 30 * 86400,
  firstSeen: '2026-11-01T00:00:00.000Z',
  lastSeen: '2026-11-28T00:00:00.000Z',
  heldUntil: '2026-12-28T00:00:00.000Z',
  why: 'not-yet-refetched',
  refuses: [],
};

describe('hostsAfter: the MX hosts a changed mx leads to', () => {
  it.each<[string, string[], string[] | undefined, string[]]>([
    ['no new mx: the live hosts', [MX1], undefined, [MX1]],
    ['an exact name added', [MX1], [MX1, MX2], [MX1, MX2]],
    ['a host dropped', [MX1, MX2], [MX1], [MX1]],
    ['a wildcard keeps the hosts it covers and names none', [MX1, MX2], ['*.example.com'], [MX1, MX2]],
    ['a move', [MX1], [NEW], [NEW]],
    ['names compare without case', [MX1], ['MX1.Example.com'], [MX1]],
  ])('%s', (_name, hosts, mx, after) => {
    expect(hostsAfter(hosts, mx)).toEqual(after);
  });
});

describe('cachedRefusals (issue #8 item 4)', () => {
  it('nothing when the mx and mode do not change, or the held policies list every host', () => {
    expect(cachedRefusals([expectation([MX1])], [expectation([MX1])], live([MX1], [MX1]), NOW)).toEqual([]);
    // The live policy already lists mx2, and no history: nobody refuses it.
    expect(
      cachedRefusals([expectation([MX1])], [expectation([MX1, MX2])], live([MX1, MX2], [MX1]), NOW),
    ).toEqual([]);
  });

  it('a host the live policy does not list yet: a warning while the other hosts take the mail', () => {
    const [problem, ...rest] = cachedRefusals(
      [expectation([MX1])],
      [expectation([MX1, MX2])],
      live([MX1], [MX1]),
      NOW,
    );
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      code: 'pr-cached-policy-refuses',
      severity: 'warning',
      domain: 'example.com',
      line: 7,
      column: 5,
    });
    expect(problem?.message).toBe(
      'Senders may still hold the enforcing policy id live1 (until 2026-12-06 12:00 UTC) of example.com, which ' +
        'refuses mx2.example.com; they deliver to the other hosts until 2026-12-06 12:00 UTC (RFC 8461 §4.1, §5.1). ' +
        'First step of a safe plan, from 2026-11-29 12:00 UTC: Publish the policy: adds mx mx2.example.com: ' +
        '"version: STSv1; mode: enforce; mx: mx1.example.com; mx: mx2.example.com; max_age: 604800". ' +
        'Every step: mta-sts-drift plan --domain example.com --target-mx mx1.example.com,mx2.example.com',
    );
  });

  it('is placed on the changed key of the entry: mx:, else mode:, else the domain line', () => {
    const lines = { mode: { line: 8, column: 5 }, mx: { line: 9, column: 5 } };
    const place = (head: DomainExpectation) => {
      const [p] = cachedRefusals([expectation([MX1], { mode: 'testing' })], [head], live([MX1], [MX1]), NOW);
      return [p?.line, p?.column];
    };
    expect(place(expectation([MX1, MX2], { keyLines: lines }))).toEqual([9, 5]);
    expect(place(expectation([MX1, MX2], { mode: 'testing', keyLines: { mode: lines.mode } }))).toEqual([
      7, 5,
    ]);
    expect(place(expectation([MX1, MX2], { keyLines: { mode: lines.mode } }))).toEqual([8, 5]);
  });

  it('an earlier policy of the history refuses the new host after the live one lists it: its own end time', () => {
    const [problem] = cachedRefusals(
      [expectation([MX1])],
      [expectation([MX1, MX2])],
      live([MX1, MX2], [MX1], [old]),
      NOW,
    );
    expect(problem?.severity).toBe('warning');
    expect(problem?.message).toContain('the enforcing policy id old1 (until 2026-12-28 00:00 UTC)');
    // The live policy lists both: the first step is the MX record itself.
    expect(problem?.message).toContain(
      'First step of a safe plan, from 2026-11-29 12:00 UTC: Add the MX record example.com. MX <preference> mx2.example.com. Every step:',
    );
  });

  it('a move to hosts that every held policy refuses: an error with the end of the bounce window', () => {
    const [problem] = cachedRefusals(
      [expectation([MX1])],
      [expectation([NEW])],
      live([MX1], [MX1], [old]),
      NOW,
    );
    expect(problem?.severity).toBe('error');
    expect(problem?.message).toContain(
      'policies id live1 (until 2026-12-06 12:00 UTC) and id old1 (until 2026-12-28 00:00 UTC) of example.com, which refuse mx.provider.example, every MX host of this change: their mail bounces until 2026-12-28 00:00 UTC',
    );
    expect(problem?.message).toContain('Publish the policy: adds mx mx.provider.example');
  });

  it('a policy that is not valid now, or a testing one, refuses nothing', () => {
    const testing = live([MX1], [MX1]).map((r) => ({
      ...r,
      policy: { ...r.policy, mode: 'testing' as const },
    }));
    expect(cachedRefusals([expectation([MX1])], [expectation([NEW])], testing, NOW)).toEqual([]);
    const invalid = live([MX1], [MX1]).map((r) => ({
      ...r,
      policy: { ...r.policy, status: 'unreachable' as const },
    }));
    expect(cachedRefusals([expectation([MX1])], [expectation([NEW])], invalid, NOW)).toEqual([]);
  });

  it('shortens a long policy text in the first step', () => {
    const many = Array.from({ length: 12 }, (_, i) => `mx${i + 10}.example.com`);
    const [problem] = cachedRefusals(
      [expectation([MX1])],
      [expectation([MX1, ...many])],
      live([MX1], [MX1]),
      NOW,
    );
    const text = /: "([^"]*)"\./.exec(problem?.message ?? '')?.[1] ?? '';
    expect(text.length).toBe(160);
    expect(text.endsWith('…')).toBe(true);
  });
});
