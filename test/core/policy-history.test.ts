import { describe, expect, it } from 'vitest';
import { hashPolicy } from '../../src/core/assess-policy.js';
import type { Policy } from '../../src/core/policy.js';
import {
  foldSighting,
  heldUntil,
  pruneHistory,
  servedUntil,
  type HistoryEvent,
  type PolicyHistory,
  type PolicySighting,
  type PolicyVersion,
} from '../../src/core/policy-history.js';

const DAY = 86_400;
const T0 = '2026-06-01T00:00:00.000Z';
const at = (days: number): string => new Date(Date.parse(T0) + days * DAY * 1000).toISOString();
const clock = (days: number): Date => new Date(at(days));

const ENFORCE: Policy = { version: 'STSv1', mode: 'enforce', maxAge: 7 * DAY, mx: ['mx1.example.com'] };
const WIDER: Policy = { ...ENFORCE, mx: ['mx1.example.com', 'mx2.example.net'] };
const TESTING: Policy = { ...ENFORCE, mode: 'testing' };

function version(id: string, policy: Policy, firstSeen: number, lastSeen = firstSeen): PolicyVersion {
  const { mode, maxAge, mx } = policy;
  return { id, hash: hashPolicy(policy), mode, maxAge, mx, firstSeen: at(firstSeen), lastSeen: at(lastSeen) };
}

const kinds = (events: readonly HistoryEvent[]): string[] => events.map((e) => `${e.kind}:${e.id}`);

describe('foldSighting (RFC 8461 §3.2, §5.1)', () => {
  it.each<{
    name: string;
    history: PolicyHistory;
    sighting: PolicySighting;
    now: number;
    events: string[];
    versions: [string, string, string][];
  }>([
    {
      name: 'first sighting adds a version',
      history: [],
      sighting: { id: 'a1', policy: ENFORCE },
      now: 0,
      events: ['added:a1'],
      versions: [['a1', at(0), at(0)]],
    },
    {
      name: 'same id, same meaning: lastSeen moves on',
      history: [version('a1', ENFORCE, 0)],
      sighting: { id: 'a1', policy: ENFORCE },
      now: 2,
      events: ['seen-again:a1'],
      versions: [['a1', at(0), at(2)]],
    },
    {
      name: 'new id: a second version, the first kept while it may be cached',
      history: [version('a1', ENFORCE, 0, 2)],
      sighting: { id: 'b2', policy: WIDER },
      now: 3,
      events: ['added:b2'],
      versions: [
        ['a1', at(0), at(2)],
        ['b2', at(3), at(3)],
      ],
    },
    {
      name: 'same id, changed meaning: kept apart and said',
      history: [version('a1', ENFORCE, 0, 2)],
      sighting: { id: 'a1', policy: TESTING },
      now: 3,
      events: ['same-id-change:a1'],
      versions: [
        ['a1', at(0), at(2)],
        ['a1', at(3), at(3)],
      ],
    },
    {
      name: 'a version past lastSeen + max_age is pruned',
      history: [version('a1', ENFORCE, 0, 1)],
      sighting: { id: 'b2', policy: WIDER },
      now: 9,
      // a1 was last seen on day 1, and nothing else was seen before day 9: it may have been served until then.
      events: ['added:b2'],
      versions: [
        ['a1', at(0), at(1)],
        ['b2', at(9), at(9)],
      ],
    },
    {
      name: 'pruned once its longest cache has run out',
      history: [version('a1', ENFORCE, 0, 1), version('b2', WIDER, 2, 9)],
      sighting: { id: 'b2', policy: WIDER },
      now: 9.5,
      events: ['seen-again:b2', 'expired:a1'],
      versions: [['b2', at(2), at(9.5)]],
    },
  ])('$name', ({ history, sighting, now, events, versions }) => {
    const result = foldSighting(history, sighting, clock(now));
    expect(kinds(result.events)).toEqual(events);
    expect(result.history.map((v) => [v.id, v.firstSeen, v.lastSeen])).toEqual(versions);
  });

  it('stores the meaning hash used by stale-policy-id and the fields senders act on', () => {
    const [v] = foldSighting([], { id: 'a1', policy: WIDER }, clock(0)).history;
    expect(v).toEqual({
      id: 'a1',
      hash: hashPolicy(WIDER),
      mode: 'enforce',
      maxAge: 7 * DAY,
      mx: ['mx1.example.com', 'mx2.example.net'],
      firstSeen: at(0),
      lastSeen: at(0),
    });
  });

  it('the per-domain bound drops the version whose caches end first, and says so', () => {
    const history = [
      version('long', { ...ENFORCE, maxAge: 300 * DAY }, 0),
      version('short', { ...ENFORCE, maxAge: 20 * DAY }, 1),
      version('mid', { ...ENFORCE, maxAge: 100 * DAY }, 2),
    ];
    const result = foldSighting(history, { id: 'new', policy: ENFORCE }, clock(3), 3);
    expect(result.history.map((v) => v.id)).toEqual(['long', 'mid', 'new']);
    expect(result.events[1]).toMatchObject({ kind: 'dropped', id: 'short', heldUntil: at(22) });
    expect(result.events[1]).toHaveProperty('reason', expect.stringContaining('more than 3 policy versions'));
  });

  it('never drops the version just seen, even with a bound of one', () => {
    const result = foldSighting([version('old', ENFORCE, 0)], { id: 'new', policy: ENFORCE }, clock(1), 1);
    expect(result.history.map((v) => v.id)).toEqual(['new']);
    expect(kinds(result.events)).toEqual(['added:new', 'dropped:old']);
  });
});

describe('servedUntil and heldUntil: the last possible fetch, conservatively', () => {
  it.each<[string, PolicyHistory, number, string, string]>([
    ['only version: its lastSeen', [version('a', ENFORCE, 0, 2)], 0, at(2), at(9)],
    [
      'replaced: until the next version was first seen',
      [version('a', ENFORCE, 0, 2), version('b', WIDER, 4, 6)],
      0,
      at(4),
      at(11),
    ],
    [
      'A, B, A again: B may have been served until A came back',
      [version('a', ENFORCE, 0, 8), version('b', { ...WIDER, maxAge: DAY }, 3, 5)],
      1,
      at(8),
      at(9),
    ],
  ])('%s', (_name, history, index, served, held) => {
    const v = history[index]!;
    expect(servedUntil(history, v)).toBe(served);
    expect(heldUntil(history, v)).toBe(held);
  });

  it('pruning the version that replaced another does not stretch that one (replacedAt)', () => {
    const shortLived: Policy = { ...WIDER, maxAge: DAY };
    const steps: [string, Policy, number][] = [
      ['a', ENFORCE, 0],
      ['a', ENFORCE, 1],
      ['b', shortLived, 2],
      ['b', shortLived, 3],
      ['c', TESTING, 4],
      ['c', TESTING, 6],
    ];
    let history: PolicyHistory = [];
    const events: HistoryEvent[] = [];
    for (const [id, policy, day] of steps) {
      const result = foldSighting(history, { id, policy }, clock(day));
      history = result.history;
      events.push(...result.events);
    }
    // b was replaced on day 4 and cached one day: gone on day 6; a was replaced on day 2: held until day 9.
    expect(kinds(events)).toContain('expired:b');
    expect(history.map((v) => [v.id, v.replacedAt ?? null])).toEqual([
      ['a', at(2)],
      ['c', null],
    ]);
    expect(heldUntil(history, history[0]!)).toBe(at(9));
  });

  it('a version served again is the latest once more', () => {
    let history: PolicyHistory = foldSighting([], { id: 'a', policy: ENFORCE }, clock(0)).history;
    history = foldSighting(history, { id: 'b', policy: WIDER }, clock(1)).history;
    history = foldSighting(history, { id: 'a', policy: ENFORCE }, clock(2)).history;
    expect(history.map((v) => [v.id, v.lastSeen, v.replacedAt ?? null])).toEqual([
      ['a', at(2), null],
      ['b', at(1), at(2)],
    ]);
  });

  it('a lowered max_age does not shorten the caches of the version before it (RFC 8461 §3.2)', () => {
    const history = [
      version('a', { ...ENFORCE, maxAge: 30 * DAY }, 0, 1),
      version('b', { ...ENFORCE, maxAge: DAY }, 2),
    ];
    expect(heldUntil(history, history[0]!)).toBe(at(32));
    // b's own caches (1 day) are long gone on day 10; a's (30 days from day 2) are not.
    expect(pruneHistory(history, clock(10)).history.map((v) => v.id)).toEqual(['a']);
  });
});
