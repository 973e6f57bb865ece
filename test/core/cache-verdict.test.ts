/**
 * The cache-aware verdict wired into evaluateDomain (issue #8 item 2): runs as data (the clock of each run, what
 * the world serves), the state carried from run to run as the check pipeline does.
 */
import { describe, expect, it } from 'vitest';
import { evaluateDomain, type Evaluation } from '../../src/core/evaluate.js';
import type { DomainObservation, PolicyStateEntry } from '../../src/core/types.js';
import {
  absent,
  expectation,
  MX1,
  MX2,
  mxHost,
  mxHosts,
  mxRecords,
  NOW,
  observation,
  ok,
  policyBody,
  policyHost,
  policyResponse,
  unknown,
} from '../helpers/observations.js';

const MX3 = 'mx3.example.com';
const DAY = 86_400_000;
const day = (n: number): Date => new Date(NOW.getTime() + n * DAY);
const iso = (n: number): string => day(n).toISOString();

/** One run: the day it happens and what the world serves then. */
interface Run {
  readonly day: number;
  /** The _mta-sts id, null when the record is gone, 'unknown' for a failed lookup. */
  readonly id?: string | null;
  /** The policy body, or 'failing' for an HTTP 404. */
  readonly policy?: string;
  readonly mx?: readonly string[];
}

const OLD = policyBody({ mx: [MX1, MX2] });
const NEW_MX3 = policyBody({ mx: [MX3] });

function world(run: Run): DomainObservation {
  const { id = 'a1', policy = OLD, mx = [MX1, MX2] } = run;
  return observation({
    observedAt: iso(run.day),
    stsTxt: id === null ? absent('nodata') : id === 'unknown' ? unknown() : ok([`v=STSv1; id=${id}`]),
    policyHost: policyHost(
      policy === 'failing'
        ? policyResponse({ statusCode: 404, body: 'not found' })
        : policyResponse({ body: policy }),
    ),
    mx: mxRecords(...mx),
    mxHosts: mxHosts(...mx.map((h) => mxHost(h))),
  });
}

/** Evaluate each run in turn with the state the previous one left, as runCheck does; the last evaluation. */
function replay(runs: readonly Run[], keepsState = true): Evaluation {
  let previous: PolicyStateEntry | undefined;
  let last: Evaluation | undefined;
  for (const run of runs) {
    last = evaluateDomain(world(run), expectation(), previous, day(run.day), undefined, { keepsState });
    previous = last.state;
  }
  if (last === undefined) throw new Error('no run');
  return last;
}

describe('cached[], bouncesForCachedSenders and bounceWindowEnd through evaluateDomain', () => {
  it.each<{
    name: string;
    runs: Run[];
    keepsState?: boolean;
    cached: [string, string, string[], string][];
    bounces: boolean | null;
    windowEnd: string | null;
  }>([
    {
      name: 'no state kept: nothing is known',
      runs: [{ day: 0 }, { day: 1, id: null, mx: [MX3] }],
      keepsState: false,
      cached: [],
      bounces: null,
      windowEnd: null,
    },
    { name: 'the first run with state', runs: [{ day: 0 }], cached: [], bounces: false, windowEnd: null },
    {
      name: 'the same policy again',
      runs: [{ day: 0 }, { day: 3 }],
      cached: [],
      bounces: false,
      windowEnd: null,
    },
    {
      // Senders see the new id and refetch before failing a message (§5.1): refused, but no bounce.
      name: 'MX moved with a new id and a policy listing it',
      runs: [{ day: 0 }, { day: 1, id: 'b1', policy: NEW_MX3, mx: [MX3] }],
      cached: [['a1', 'not-yet-refetched', [MX3], iso(8)]],
      bounces: false,
      windowEnd: null,
    },
    {
      // §8.3: the record removed; the old policy still covers the MX, so nothing bounces. Held from the run
      // that first saw the record gone (day 1), not from the last sighting (day 0).
      name: 'TXT removed, MX unchanged',
      runs: [{ day: 0 }, { day: 1, id: null }],
      cached: [['a1', 'txt-removed', [], iso(8)]],
      bounces: false,
      windowEnd: null,
    },
    {
      name: 'TXT removed and MX moved: senders holding the old policy bounce until it runs out',
      runs: [{ day: 0 }, { day: 1, id: null, mx: [MX3] }],
      cached: [['a1', 'txt-removed', [MX3], iso(8)]],
      bounces: true,
      windowEnd: iso(8),
    },
    {
      name: 'TXT removed: the window is fixed by the first run that saw it gone',
      runs: [{ day: 0 }, { day: 1, id: null }, { day: 4, id: null, mx: [MX3] }],
      cached: [['a1', 'txt-removed', [MX3], iso(8)]],
      bounces: true,
      windowEnd: iso(8),
    },
    {
      name: 'a new id whose policy fails to fetch, MX moved',
      runs: [{ day: 0 }, { day: 2, id: 'b1', policy: 'failing', mx: [MX3] }],
      cached: [['a1', 'fetch-failing', [MX3], iso(9)]],
      bounces: true,
      windowEnd: iso(9),
    },
    {
      name: 'the policy changed under the same id, MX moved',
      runs: [{ day: 0 }, { day: 1, policy: NEW_MX3, mx: [MX3] }],
      cached: [['a1', 'same-id-change', [MX3], iso(8)]],
      bounces: true,
      windowEnd: iso(8),
    },
    {
      name: 'our TXT lookup failed, MX moved: cannot be known',
      runs: [{ day: 0 }, { day: 1, id: 'unknown', mx: [MX3] }],
      cached: [['a1', 'live-unknown', [MX3], iso(7)]],
      bounces: null,
      windowEnd: null,
    },
    {
      name: 'after max_age every cache has run out',
      runs: [{ day: 0 }, { day: 1, id: null }, { day: 9, id: null, mx: [MX3] }],
      cached: [],
      bounces: false,
      windowEnd: null,
    },
  ])('$name', ({ runs, keepsState, cached, bounces, windowEnd }) => {
    const { report } = replay(runs, keepsState);
    expect(report.cached?.map((c) => [c.id, c.why, c.refuses, c.heldUntil])).toEqual(cached);
    expect(report.bouncesForCachedSenders).toBe(bounces);
    expect(report.bounceWindowEnd).toBe(windowEnd);
    // The sender profiles that apply MTA-STS judge cached holders alike (issue #7 item 4). Without DANE data
    // Exchange Online is only known to refuse, never known to deliver.
    const senders = report.senders;
    expect(senders?.rfc.bouncesForCachedSenders).toBe(bounces);
    expect(senders?.gmail.bouncesForCachedSenders).toBe(bounces);
    expect(senders?.['postfix-sts-resolver'].bouncesForCachedSenders).toBe(bounces);
    const exchange = senders?.['exchange-online'].bouncesForCachedSenders;
    expect(bounces === false ? [false, null] : [bounces]).toContain(exchange);
    expect(senders?.['postfix-dane'].bouncesForCachedSenders).toBe(false);
  });
});

describe('the history kept in the state', () => {
  it('records each version, with replacedAt, and keeps what freshness needs', () => {
    const { state } = replay([{ day: 0 }, { day: 1, id: 'b1', policy: NEW_MX3, mx: [MX3] }]);
    expect(state).toMatchObject({ id: 'b1', seenAt: iso(1), mode: 'enforce', mx: [MX3] });
    expect(state?.history?.map((v) => [v.id, v.firstSeen, v.lastSeen, v.replacedAt])).toEqual([
      ['a1', iso(0), iso(0), iso(1)],
      ['b1', iso(1), iso(1), undefined],
    ]);
  });

  it('forgets versions once every cache has run out', () => {
    const { state } = replay([
      { day: 0 },
      { day: 1, id: 'b1', policy: NEW_MX3, mx: [MX3] },
      { day: 9, id: 'b1', policy: NEW_MX3, mx: [MX3] },
    ]);
    expect(state?.history?.map((v) => v.id)).toEqual(['b1']);
  });

  it('keeps no history without state', () => {
    const { state } = replay([{ day: 0 }], false);
    expect(state?.history).toBeUndefined();
  });
});

const CACHE_CODES = new Set([
  'cached-policy-refuses-mx',
  'new-id-fetch-failing',
  'sts-removed-while-cached',
  'max-age-lowered',
  'mode-downgrade-same-id',
  'stale-policy-id',
]);

describe('findings of what senders still hold (issue #8 item 3), each naming when the window ends', () => {
  const TESTING = policyBody({ mode: 'testing', mx: [MX1, MX2] });
  const SHORT = policyBody({ mx: [MX1, MX2], maxAge: 86_400 });
  it.each<{ name: string; runs: Run[]; keepsState?: boolean; findings: [string, string, string | null][] }>([
    {
      name: 'nothing without state, even after a removal',
      runs: [{ day: 0 }, { day: 1, id: null, mx: [MX3] }],
      keepsState: false,
      findings: [],
    },
    { name: 'nothing when nothing changed', runs: [{ day: 0 }, { day: 2 }], findings: [] },
    {
      name: 'TXT removed, the old policy still covers the MX: a warning',
      runs: [{ day: 0 }, { day: 1, id: null }],
      findings: [['sts-removed-while-cached', 'warning', iso(8)]],
    },
    {
      name: 'TXT removed and the MX moved: an error naming the refused host',
      runs: [{ day: 0 }, { day: 1, id: null, mx: [MX3] }],
      findings: [['sts-removed-while-cached', 'error', iso(8)]],
    },
    {
      name: 'TXT removed after a testing policy: nothing enforces, nothing to say',
      runs: [
        { day: 0, policy: TESTING },
        { day: 1, id: null, mx: [MX3] },
      ],
      findings: [],
    },
    {
      name: 'a new id whose policy fails: a warning while the old policy covers the MX',
      runs: [{ day: 0 }, { day: 2, id: 'b1', policy: 'failing' }],
      findings: [['new-id-fetch-failing', 'warning', iso(9)]],
    },
    {
      name: 'a new id whose policy fails, MX moved: an error',
      runs: [{ day: 0 }, { day: 2, id: 'b1', policy: 'failing', mx: [MX3] }],
      findings: [['new-id-fetch-failing', 'error', iso(9)]],
    },
    {
      name: 'the known id fails to fetch after the MX moved: the cached policy refuses it',
      runs: [{ day: 0 }, { day: 2, policy: 'failing', mx: [MX3] }],
      findings: [['cached-policy-refuses-mx', 'error', iso(9)]],
    },
    {
      name: 'the known id fails to fetch, MX unchanged: nothing refused',
      runs: [{ day: 0 }, { day: 2, policy: 'failing' }],
      findings: [],
    },
    {
      name: 'a mode downgrade under the same id replaces stale-policy-id',
      runs: [{ day: 0 }, { day: 1, policy: TESTING }],
      findings: [['mode-downgrade-same-id', 'error', iso(8)]],
    },
    {
      name: 'another change under the same id stays stale-policy-id, now with the window end',
      runs: [{ day: 0 }, { day: 1, policy: NEW_MX3, mx: [MX3] }],
      findings: [['stale-policy-id', 'error', iso(8)]],
    },
    {
      name: 'max_age lowered under a new id: a notice',
      runs: [{ day: 0 }, { day: 1, id: 'b1', policy: SHORT }],
      findings: [['max-age-lowered', 'notice', iso(8)]],
    },
    {
      name: 'max_age lowered, after the old caches ran out: nothing',
      runs: [{ day: 0 }, { day: 1, id: 'b1', policy: SHORT }, { day: 9, id: 'b1', policy: SHORT }],
      findings: [],
    },
    {
      name: 'max_age raised: nothing',
      runs: [
        { day: 0, policy: SHORT },
        { day: 1, id: 'b1' },
      ],
      findings: [],
    },
    {
      name: 'TXT removed: no finding once the window has passed',
      runs: [{ day: 0 }, { day: 1, id: null }, { day: 8, id: null }],
      findings: [],
    },
  ])('$name', ({ runs, keepsState, findings }) => {
    const { report } = replay(runs, keepsState);
    const found = report.findings.filter((f) => CACHE_CODES.has(f.code));
    expect(found.map((f) => [f.code, f.severity, f.message.match(/until (\S+?Z)/)?.[1] ?? null])).toEqual(
      findings,
    );
  });

  it('the removal message names the held policy, the refused host and the fix of RFC 8461 §8.3', () => {
    const { report } = replay([{ day: 0 }, { day: 1, id: null, mx: [MX3] }]);
    const finding = report.findings.find((f) => f.code === 'sts-removed-while-cached');
    expect(finding?.message).toBe(
      `The _mta-sts record of example.com is gone, but senders that fetched the enforcing policy id a1 (mode enforce, mx ${MX1}, ${MX2}) keep applying it until ${iso(8)} (RFC 8461 §3.3). They refuse ${MX3}, every MX host, so mail from them bounces.`,
    );
    expect(finding?.fix).toContain('`mode: none`');
  });
});

describe('the per-domain bound on the history says what it drops (issue #8 item 1)', () => {
  it('a 21st version drops the one whose caches end first, with a notice', () => {
    const history = Array.from({ length: 20 }, (_, i) => ({
      id: `v${i}`,
      hash: `h${i}`,
      mode: 'enforce' as const,
      // v0 has the shortest cache, so it ends first.
      maxAge: i === 0 ? 86_400 * 3 : 86_400 * 30,
      mx: [MX1],
      firstSeen: iso(0),
      lastSeen: iso(0),
      replacedAt: iso(1),
    }));
    const previous: PolicyStateEntry = { id: 'v19', bodyHash: 'h19', seenAt: iso(0), history };
    const result = evaluateDomain(world({ day: 1 }), expectation(), previous, day(1), undefined, {
      keepsState: true,
    });
    expect(result.state?.history).toHaveLength(20);
    expect(result.state?.history?.map((v) => v.id)).not.toContain('v0');
    expect(result.notices).toEqual([
      `example.com: policy id v0, which senders may hold until ${iso(4)}, is no longer followed: more than 20 policy versions for one domain; the one whose caches end first is forgotten`,
    ]);
  });

  it('no notice without a drop', () => {
    expect(replay([{ day: 0 }, { day: 1, id: 'b1' }]).notices).toEqual([]);
  });
});
