import { describe, expect, it } from 'vitest';
import { hashPolicy } from '../../src/core/assess-policy.js';
import { assessCachedPolicies, type LiveView } from '../../src/core/cached-policies.js';
import type { Policy } from '../../src/core/policy.js';
import type { PolicyHistory, PolicyVersion } from '../../src/core/policy-history.js';

const DAY = 86_400;
const T0 = '2026-06-01T00:00:00.000Z';
const at = (days: number): string => new Date(Date.parse(T0) + days * DAY * 1000).toISOString();
const clock = (days: number): Date => new Date(at(days));

const OLD_MX = ['mx1.old.example'];
const NEW_MX = ['mx1.new.example'];
const OLD: Policy = { version: 'STSv1', mode: 'enforce', maxAge: 7 * DAY, mx: OLD_MX };
const BOTH: Policy = { ...OLD, mx: [...OLD_MX, ...NEW_MX] };
const NEW: Policy = { ...OLD, mx: NEW_MX };
const OLD_TESTING: Policy = { ...OLD, mode: 'testing' };

function version(id: string, policy: Policy, firstSeen: number, lastSeen = firstSeen): PolicyVersion {
  const { mode, maxAge, mx } = policy;
  return { id, hash: hashPolicy(policy), mode, maxAge, mx, firstSeen: at(firstSeen), lastSeen: at(lastSeen) };
}

/** `txt`: the live id, null for no record, or 'unknown' for a failed lookup. */
const live = (
  txt: string | null,
  fetch: Policy | 'failing' | 'unknown',
  mxHosts: readonly string[] | null,
  tlsFailing: readonly string[] = [],
): LiveView => ({
  txt:
    txt === null
      ? { status: 'absent' }
      : txt === 'unknown'
        ? { status: 'unknown' }
        : { status: 'present', id: txt },
  fetch: typeof fetch === 'string' ? { status: fetch } : { status: 'fetched', policy: fetch },
  mxHosts,
  tlsFailing,
});

/** One version of the old policy, last seen on day 2 (held until day 9), unless the case says otherwise. */
const OLD_ONLY: PolicyHistory = [version('a1', OLD, 0, 2)];

describe('assessCachedPolicies (RFC 8461 §3.3, §5.1, §8.1, §8.3)', () => {
  it.each<{
    name: string;
    history: PolicyHistory;
    live: LiveView;
    now: number;
    cached: [string, string, string[], string][];
    bounces: boolean | null;
    windowEnd: string | null;
  }>([
    {
      name: 'only the live policy: nothing cached',
      history: OLD_ONLY,
      live: live('a1', OLD, OLD_MX),
      now: 3,
      cached: [],
      bounces: false,
      windowEnd: null,
    },
    {
      name: 'MX moved under the same id: holders never refetch and refuse the new MX',
      history: [version('a1', OLD, 0, 2), version('a1', NEW, 3)],
      live: live('a1', NEW, NEW_MX),
      now: 3,
      cached: [['a1', 'same-id-change', NEW_MX, at(10)]],
      bounces: true,
      windowEnd: at(10),
    },
    {
      name: 'new id whose policy fails to fetch: holders keep the old one (§3.3)',
      history: OLD_ONLY,
      live: live('b2', 'failing', NEW_MX),
      now: 3,
      cached: [['a1', 'fetch-failing', NEW_MX, at(9)]],
      bounces: true,
      windowEnd: at(9),
    },
    {
      name: 'TXT removed while an enforcing policy is cached (§8.3)',
      history: OLD_ONLY,
      live: live(null, 'unknown', NEW_MX),
      now: 3,
      cached: [['a1', 'txt-removed', NEW_MX, at(9)]],
      bounces: true,
      windowEnd: at(9),
    },
    {
      name: 'TXT removed, MX unchanged: held, refuses nothing, no bounce',
      history: OLD_ONLY,
      live: live(null, 'unknown', OLD_MX),
      now: 3,
      cached: [['a1', 'txt-removed', [], at(9)]],
      bounces: false,
      windowEnd: null,
    },
    {
      name: 'new id, policy fetchable: holders look before failing (§5.1 step 3), so no bounce',
      history: [version('a1', OLD, 0, 2), version('b2', NEW, 3)],
      live: live('b2', NEW, NEW_MX),
      now: 3,
      cached: [['a1', 'not-yet-refetched', NEW_MX, at(10)]],
      bounces: false,
      windowEnd: null,
    },
    {
      name: 'provider move done right: the old policy refuses one of two MX, mail flows to the other',
      history: [version('a1', OLD, 0, 2), version('b2', BOTH, 3)],
      live: live('b2', 'failing', [...OLD_MX, ...NEW_MX]),
      now: 4,
      cached: [
        ['a1', 'fetch-failing', NEW_MX, at(10)],
        ['b2', 'fetch-failing', [], at(10)],
      ],
      bounces: false,
      windowEnd: null,
    },
    {
      name: 'a cached testing policy reports but refuses nothing (§5)',
      history: [version('a1', OLD_TESTING, 0, 2)],
      live: live(null, 'unknown', NEW_MX),
      now: 3,
      cached: [['a1', 'txt-removed', [], at(9)]],
      bounces: false,
      windowEnd: null,
    },
    {
      name: 'mode downgraded under the same id: holders still enforce, and a failing TLS host is refused',
      history: [version('a1', OLD, 0, 2), version('a1', OLD_TESTING, 3)],
      live: live('a1', OLD_TESTING, OLD_MX, ['MX1.old.example.']),
      now: 3,
      cached: [['a1', 'same-id-change', OLD_MX, at(10)]],
      bounces: true,
      windowEnd: at(10),
    },
    {
      name: 'expired caches are gone: no window after lastSeen + max_age',
      history: [version('a1', OLD, 0, 2), version('a1', NEW, 3)],
      live: live('a1', NEW, NEW_MX),
      now: 10,
      cached: [],
      bounces: false,
      windowEnd: null,
    },
    {
      name: 'the window ends with the longest cache among the bouncing ones',
      history: [version('a0', { ...OLD, maxAge: 30 * DAY }, 0, 1), version('a1', OLD, 1.5, 2)],
      live: live(null, 'unknown', NEW_MX),
      now: 3,
      cached: [
        ['a0', 'txt-removed', NEW_MX, at(31.5)],
        ['a1', 'txt-removed', NEW_MX, at(9)],
      ],
      bounces: true,
      windowEnd: at(31.5),
    },
    {
      name: 'our TXT lookup failed: the verdict is unknown',
      history: OLD_ONLY,
      live: live('unknown', 'unknown', NEW_MX),
      now: 3,
      cached: [['a1', 'live-unknown', NEW_MX, at(9)]],
      bounces: null,
      windowEnd: null,
    },
    {
      name: 'MX lookup failed: unknown while an enforcing policy is cached',
      history: OLD_ONLY,
      live: live(null, 'unknown', null),
      now: 3,
      cached: [['a1', 'txt-removed', [], at(9)]],
      bounces: null,
      windowEnd: null,
    },
  ])('$name', ({ history, live: view, now, cached, bounces, windowEnd }) => {
    const verdict = assessCachedPolicies(history, view, clock(now));
    expect(verdict.cached.map((c) => [c.id, c.why, c.refuses, c.heldUntil])).toEqual(cached);
    expect(verdict.bouncesForCachedSenders).toBe(bounces);
    expect(verdict.bounceWindowEnd).toBe(windowEnd);
  });

  it('each entry carries what the sender holds', () => {
    const verdict = assessCachedPolicies(OLD_ONLY, live('b2', 'failing', NEW_MX), clock(3));
    expect(verdict.cached).toEqual([
      {
        id: 'a1',
        mode: 'enforce',
        mx: OLD_MX,
        maxAge: 7 * DAY,
        firstSeen: at(0),
        lastSeen: at(2),
        heldUntil: at(9),
        why: 'fetch-failing',
        refuses: NEW_MX,
      },
    ]);
  });
});
