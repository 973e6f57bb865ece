/**
 * The cache scenarios of the end-to-end suite (issue #8 item 5): what senders that already hold a policy do after a
 * change, with Postfix + postfix-mta-sts-resolver (its in-memory cache kept across phases) as the referee.
 *
 * Each case is a scenario of the shared table's shape (phase 1 published at start, `phase2` published later) plus
 * what the cache-aware engine must say in phase 2, and for the short max_age cases in phase 2b, once the engine's
 * bounce window has closed. `rfc` is what an RFC 8461 sender holding the phase-1 policy does in phase 2; where
 * Postfix does something else, `departure` says why (test/e2e/README.md, "Cache scenarios (issue #8)").
 *
 * Every case starts the same way: id `c1`, `mode: enforce`, `mx: mx1.{d}`, one MX `mx1` with a valid certificate,
 * so phase 1 delivers and fills the resolver's cache. `mx2` (and `mx0`) have valid certificates for their own names:
 * a sender applying the phase-1 policy refuses them only because no pattern covers them (RFC 8461 §4.1).
 */
import { policy, sts, type Expectation, type MxSpec, type Scenario } from './scenarios.js';
import type { CachedWhy } from '../../src/core/cached-policies.js';
import type { Severity } from '../../src/core/types.js';

type Outcome = 'delivered' | 'deferred';

/** What the engine must report for a case's domain in one phase (beside the shared `Expectation`). */
export interface CacheExpectation {
  readonly bounces: boolean;
  readonly bouncesIfEnforced?: boolean;
  readonly bouncesForCachedSenders: boolean;
  /** Whether `bounceWindowEnd` is set; when set it must lie within `windowSeconds` of the run (± a margin). */
  readonly windowEnd: 'set' | 'null';
  readonly windowSeconds?: number;
  /** The `cached[]` entries, in order: id, why, and the relative MX hosts each refuses. */
  readonly cached: readonly {
    readonly id: string;
    readonly why: CachedWhy;
    readonly refuses: readonly string[];
  }[];
  readonly findings: readonly string[];
  /** Codes that must not be reported. */
  readonly absent?: readonly string[];
  /** Severities some `findings` must have (error when the cached policy refuses a live MX host, else warning). */
  readonly severities?: Readonly<Record<string, Severity>>;
  /** Per MX host (relative name): whether the live policy covers it (`mx[].matched`). */
  readonly matched?: Readonly<Record<string, boolean>>;
}

export interface CacheCase {
  readonly scenario: Scenario & { readonly phase2: NonNullable<Scenario['phase2']> };
  /** The change of phase 2, in words (the first column of the table). */
  readonly change: string;
  /** What RFC 8461 says a sender holding the phase-1 policy does in phase 2, and the section. */
  readonly rfc: { readonly sender: Outcome; readonly text: string };
  /**
   * What Postfix + the resolver did in phase 2 (asserted), the MX (relative) its status line names, and an MX it
   * tried first and refused (`server certificate verification failed for <mx>`), if any.
   */
  readonly postfix: {
    readonly sender: Outcome;
    readonly relay: string;
    readonly refusedFirst?: string;
    readonly why: string;
  };
  readonly engine: CacheExpectation;
  /**
   * Phase 2b, for short max_age cases: after the engine's bounce window has closed, one more message and one more
   * engine run (the world is unchanged since phase 2).
   */
  readonly late?: {
    readonly rfc: Outcome;
    readonly postfix: Outcome;
    readonly engine: CacheExpectation;
    readonly why: string;
  };
  /** Set where Postfix + the resolver depart from RFC 8461 (phase 2 or 2b). */
  readonly departure?: string;
}

const ENFORCE_MX1 = policy('enforce', ['mx1.{d}']);
const MX1: MxSpec[] = [{ host: 'mx1', tls: 'valid' }];
const MX2: MxSpec[] = [{ host: 'mx2', tls: 'valid' }];
/** The short max_age of the expiry cases: phase 2 comes more than this after phase 1's fetch. */
export const SHORT_MAX_AGE = 2;

const phase1: Expectation = {
  sender: 'delivered',
  bounces: false,
  policy: ['valid'],
  matched: { mx1: true },
};

function scenario(
  id: string,
  title: string,
  phase2: NonNullable<Scenario['phase2']>,
  body = ENFORCE_MX1,
): CacheCase['scenario'] {
  return { id, title, sts: sts('c1'), policy: { body }, mx: MX1, expect: phase1, phase2 };
}

/** The shared table's phase-2 expectation, from the cache expectation (the harness asserts both). */
const live = (e: CacheExpectation, sender: Outcome): NonNullable<Scenario['phase2']>['expect'] => ({
  sender,
  bounces: e.bounces,
  ...(e.bouncesIfEnforced === undefined ? {} : { bouncesIfEnforced: e.bouncesIfEnforced }),
  findings: e.findings,
});

const txtRemoved: CacheExpectation = {
  bounces: false,
  bouncesForCachedSenders: true,
  windowEnd: 'set',
  windowSeconds: 86400,
  cached: [{ id: 'c1', why: 'txt-removed', refuses: ['mx2'] }],
  findings: ['sts-removed-while-cached'],
  severities: { 'sts-removed-while-cached': 'error' },
};

const newIdFailing: CacheExpectation = {
  bounces: false,
  bouncesForCachedSenders: true,
  windowEnd: 'set',
  windowSeconds: 86400,
  cached: [{ id: 'c1', why: 'fetch-failing', refuses: ['mx2'] }],
  findings: ['new-id-fetch-failing'],
  severities: { 'new-id-fetch-failing': 'error' },
};

const downgrade = (bouncesIfEnforced?: boolean): CacheExpectation => ({
  bounces: false,
  ...(bouncesIfEnforced === undefined ? {} : { bouncesIfEnforced }),
  bouncesForCachedSenders: true,
  windowEnd: 'set',
  windowSeconds: 86400,
  cached: [{ id: 'c1', why: 'same-id-change', refuses: ['mx2'] }],
  // One finding per fact (cache-findings.ts): a downgrade under the same id is not also `stale-policy-id`.
  findings: ['mode-downgrade-same-id'],
  absent: ['stale-policy-id', 'mail-bounces'],
});

const mxAddedBackup: CacheExpectation = {
  bounces: false,
  bouncesForCachedSenders: false,
  windowEnd: 'null',
  cached: [],
  findings: ['mx-not-covered'],
  absent: ['mail-bounces', 'cached-policy-refuses-mx'],
  matched: { mx0: false, mx1: true },
};

const mxAddedOnly: CacheExpectation = {
  bounces: true,
  bouncesForCachedSenders: false,
  windowEnd: 'null',
  cached: [],
  findings: ['mx-not-covered', 'mail-bounces'],
};

const newIdMove: CacheExpectation = {
  bounces: false,
  bouncesForCachedSenders: false,
  windowEnd: 'null',
  cached: [{ id: 'c1', why: 'not-yet-refetched', refuses: ['mx2'] }],
  findings: ['max-age-lowered'],
  absent: ['mail-bounces', 'cached-policy-refuses-mx'],
};

const txtRemovedMxKept: CacheExpectation = {
  bounces: false,
  bouncesForCachedSenders: false,
  windowEnd: 'null',
  cached: [{ id: 'c1', why: 'txt-removed', refuses: [] }],
  // Still worth saying (RFC 8461 §8.3: remove with mode none first), but nothing is refused: a warning.
  findings: ['sts-removed-while-cached'],
  absent: ['mail-bounces', 'cached-policy-refuses-mx'],
  severities: { 'sts-removed-while-cached': 'warning' },
};

const sameIdFailing: CacheExpectation = {
  bounces: false,
  bouncesForCachedSenders: true,
  windowEnd: 'set',
  windowSeconds: 86400,
  cached: [{ id: 'c1', why: 'fetch-failing', refuses: ['mx2'] }],
  findings: ['cached-policy-refuses-mx'],
  absent: ['new-id-fetch-failing'],
  severities: { 'cached-policy-refuses-mx': 'error' },
};

const removalDoneRight: CacheExpectation = {
  bounces: false,
  bouncesForCachedSenders: false,
  windowEnd: 'null',
  cached: [{ id: 'c1', why: 'not-yet-refetched', refuses: ['mx2'] }],
  findings: [],
  absent: ['mail-bounces', 'cached-policy-refuses-mx', 'mode-downgrade-same-id', 'sts-removed-while-cached'],
};

/** Once the short max_age has run out, nothing is held any more. */
const nothingHeld = (findings: readonly string[], absent: readonly string[]): CacheExpectation => ({
  bounces: false,
  bouncesForCachedSenders: false,
  windowEnd: 'null',
  cached: [],
  findings,
  absent,
});

export const CACHE_CASES: readonly CacheCase[] = [
  {
    scenario: scenario('cache-txt-removed', 'TXT record removed while an enforcing policy is cached', {
      sts: [],
      mx: MX2,
      expect: live(txtRemoved, 'deferred'),
      afterCacheFlush: 'delivered',
    }),
    change: '`_mta-sts` TXT removed, MX moved to `mx2` (not in the cached policy)',
    rfc: {
      sender: 'deferred',
      text: 'keep the cached policy until max_age (§3.3, §8.3): refuse `mx2`',
    },
    postfix: {
      sender: 'deferred',
      relay: 'mx2',
      why: 'the TXT lookup finds nothing (resolver.py:72-75, NONE) and a cached, unexpired policy is kept (responder.py:206-212)',
    },
    engine: txtRemoved,
  },
  {
    scenario: scenario('cache-txt-removed-mx-kept', 'TXT record removed, the MX still covered', {
      sts: [],
      mx: MX1,
      expect: live(txtRemovedMxKept, 'delivered'),
      afterCacheFlush: 'delivered',
    }),
    change: '`_mta-sts` TXT removed, MX unchanged (`mx1`, covered by the cached policy)',
    rfc: {
      sender: 'delivered',
      text: 'the cached policy stays in force (§3.3) and accepts `mx1`',
    },
    postfix: {
      sender: 'delivered',
      relay: 'mx1',
      why: 'as `cache-txt-removed`: the cached policy is kept (responder.py:206-212), and it lists `mx1`',
    },
    engine: txtRemovedMxKept,
  },
  {
    scenario: scenario('cache-new-id-404', 'new id whose policy cannot be fetched (404)', {
      sts: sts('c2'),
      policy: null,
      mx: MX2,
      expect: live(newIdFailing, 'deferred'),
      afterCacheFlush: 'delivered',
    }),
    change: 'id `c1` → `c2`, policy host answers 404, MX moved to `mx2`',
    rfc: {
      sender: 'deferred',
      text: 'the new policy cannot be fetched, so the cached one stays in force (§3.3, §5.1): refuse `mx2`',
    },
    postfix: {
      sender: 'deferred',
      relay: 'mx2',
      why: 'the new id triggers a fetch (resolver.py:102-103), which fails (resolver.py:119-120, FETCH_ERROR); the cached policy is kept and not renewed (responder.py:206-212)',
    },
    engine: newIdFailing,
  },
  {
    scenario: scenario('cache-policy-404-same-id', 'policy host answers 404, id unchanged', {
      policy: null,
      mx: MX2,
      expect: live(sameIdFailing, 'deferred'),
      afterCacheFlush: 'delivered',
    }),
    change: 'policy host answers 404, id `c1` kept, MX moved to `mx2`',
    rfc: {
      sender: 'deferred',
      text: 'same id: no refetch (§5.1); even a sender that tried would keep its cache (§3.3): refuse `mx2`',
    },
    postfix: {
      sender: 'deferred',
      relay: 'mx2',
      why: 'same id: NOT_CHANGED without a fetch (resolver.py:102-103), the cached policy is kept and renewed (responder.py:199-201)',
    },
    engine: sameIdFailing,
  },
  {
    scenario: scenario('cache-downgrade-testing', 'enforce → testing under the same id', {
      policy: { body: policy('testing', ['mx1.{d}']) },
      mx: MX2,
      expect: live(downgrade(true), 'deferred'),
      afterCacheFlush: 'delivered',
    }),
    change: 'policy edited to `mode: testing`, id kept, MX moved to `mx2`',
    rfc: {
      sender: 'deferred',
      text: 'the id is unchanged, so holders never refetch (§5.1): cached enforce refuses `mx2`',
    },
    postfix: {
      sender: 'deferred',
      relay: 'mx2',
      why: 'same id: NOT_CHANGED without a fetch (resolver.py:102-103), the cached enforce policy is kept and its age reset (responder.py:199-201)',
    },
    engine: downgrade(true),
  },
  {
    scenario: scenario('cache-downgrade-none', 'enforce → none under the same id', {
      policy: { body: policy('none', []) },
      mx: MX2,
      expect: live(downgrade(), 'deferred'),
      afterCacheFlush: 'delivered',
    }),
    change: 'policy edited to `mode: none`, id kept, MX moved to `mx2`',
    rfc: {
      sender: 'deferred',
      text: 'as above: the removal step of §8.3 needs a new id to reach holders',
    },
    postfix: {
      sender: 'deferred',
      relay: 'mx2',
      why: 'same as testing: NOT_CHANGED keeps the cached enforce policy (responder.py:199-201)',
    },
    engine: downgrade(),
  },
  {
    scenario: scenario('cache-none-new-id', 'enforce → none with a new id (RFC 8461 §8.3)', {
      sts: sts('c2'),
      policy: { body: policy('none', []) },
      mx: MX2,
      expect: live(removalDoneRight, 'delivered'),
      afterCacheFlush: 'delivered',
    }),
    change: 'policy `mode: none` under a new id `c2`, MX moved to `mx2`',
    rfc: {
      sender: 'delivered',
      text: 'a holder checks for a new id before failing (§5.1 step 3), fetches `mode: none` and delivers',
    },
    postfix: {
      sender: 'delivered',
      relay: 'mx2',
      why: 'the new id triggers a fetch; the `none` policy replaces the cached one (responder.py:202-205) and the answer is NOTFOUND (responder.py:219-220)',
    },
    engine: removalDoneRight,
  },
  {
    scenario: scenario('cache-mx-added-backup', 'uncovered MX added in front of the covered one', {
      mx: [{ host: 'mx0', preference: 5, tls: 'valid' }, ...MX1],
      expect: live(mxAddedBackup, 'delivered'),
      afterCacheFlush: 'delivered',
    }),
    change: '`mx0` (preference 5) added before the policy lists it; `mx1` (10) stays',
    rfc: {
      sender: 'delivered',
      text: 'an MX no pattern covers is skipped; the next one is tried (§4.1, §5.1 step 2)',
    },
    postfix: {
      sender: 'delivered',
      relay: 'mx1',
      refusedFirst: 'mx0',
      why: 'the certificate of `mx0` does not satisfy `match=mx1.{d}`, Postfix tries the next MX',
    },
    engine: mxAddedBackup,
  },
  {
    scenario: scenario('cache-mx-added-only', 'uncovered MX is the only one', {
      mx: MX2,
      expect: live(mxAddedOnly, 'deferred'),
      afterCacheFlush: 'deferred',
    }),
    change: 'MX set becomes `mx2` alone, the policy (cached and live) still lists only `mx1`',
    rfc: {
      sender: 'deferred',
      text: 'no MX passes the live policy (§4.1, §5.1)',
    },
    postfix: {
      sender: 'deferred',
      relay: 'mx2',
      why: 'the live and cached policies are one: `mx2` is refused with or without a cache',
    },
    engine: mxAddedOnly,
  },
  {
    scenario: scenario('cache-new-id-move', 'MX moved with a new id and a lower max_age', {
      sts: sts('c2'),
      policy: { body: policy('enforce', ['mx2.{d}'], 3600) },
      mx: MX2,
      expect: live(newIdMove, 'delivered'),
      afterCacheFlush: 'delivered',
    }),
    change: 'id `c1` → `c2`, policy lists `mx2` with max_age 3600 (was 86400), MX moved to `mx2`',
    rfc: {
      sender: 'delivered',
      text: 'a holder looks for a new id before failing (§5.1 step 3), fetches `c2` and delivers',
    },
    postfix: {
      sender: 'delivered',
      relay: 'mx2',
      why: 'the new id triggers a fetch (resolver.py:102-103), the new policy replaces the cached one (responder.py:202-205)',
    },
    engine: newIdMove,
  },
  {
    scenario: scenario(
      'cache-expired-txt-removed',
      `TXT record removed after the cached policy (max_age ${SHORT_MAX_AGE} s) ran out`,
      { sts: [], mx: MX2, expect: live(txtRemoved, 'delivered'), afterCacheFlush: 'delivered' },
      policy('enforce', ['mx1.{d}'], SHORT_MAX_AGE),
    ),
    change: `as \`cache-txt-removed\`, but max_age ${SHORT_MAX_AGE} s, and phase 2 comes later than that`,
    rfc: {
      sender: 'delivered',
      text: 'the cache ran out (§3.2): no policy, mail flows',
    },
    postfix: {
      sender: 'delivered',
      relay: 'mx2',
      why: 'TXT gone and the cached policy past max_age: no policy (responder.py:210-212)',
    },
    engine: { ...txtRemoved, windowSeconds: SHORT_MAX_AGE },
    late: {
      rfc: 'delivered',
      postfix: 'delivered',
      engine: nothingHeld([], ['sts-removed-while-cached']),
      why: 'the engine last saw the record in phase 1 and saw it gone in phase 2, so a sender could have fetched just before its phase-2 run: the window ends max_age after that run, then closes',
    },
  },
  {
    scenario: scenario(
      'cache-same-id-expired',
      `policy and MX changed under the same id after max_age (${SHORT_MAX_AGE} s) ran out`,
      {
        policy: { body: policy('enforce', ['mx2.{d}'], SHORT_MAX_AGE) },
        mx: MX2,
        expect: {
          sender: 'deferred',
          bounces: false,
          findings: ['stale-policy-id'],
        },
        afterCacheFlush: 'delivered',
      },
      policy('enforce', ['mx1.{d}'], SHORT_MAX_AGE),
    ),
    change: `policy edited to \`mx: mx2.{d}\`, id kept, MX moved to \`mx2\`; max_age ${SHORT_MAX_AGE} s, phase 2 comes later than that`,
    rfc: {
      sender: 'delivered',
      text: 'the cache ran out (§3.2, §5.1 step 1): the sender fetches again, gets `mx2` and delivers',
    },
    postfix: {
      sender: 'deferred',
      relay: 'mx2',
      why: 'an expired entry is looked up again with its id (responder.py:191-197); the same id answers NOT_CHANGED without a fetch (resolver.py:102-103) and the old body is stored with a fresh timestamp (responder.py:199-201)',
    },
    engine: {
      bounces: false,
      bouncesForCachedSenders: true,
      windowEnd: 'set',
      windowSeconds: SHORT_MAX_AGE,
      cached: [{ id: 'c1', why: 'same-id-change', refuses: ['mx2'] }],
      findings: ['stale-policy-id'],
    },
    late: {
      rfc: 'delivered',
      postfix: 'deferred',
      engine: nothingHeld(['stale-policy-id'], ['mode-downgrade-same-id', 'cached-policy-refuses-mx']),
      why: 'the resolver renews the old body on every lookup while the id stays the same, so it never expires: the RFC bound (max_age after the last possible fetch) is what the engine reports',
    },
    departure:
      'postfix-mta-sts-resolver treats an unchanged id as a fresh fetch: on NOT_CHANGED it stores the old body with a new timestamp (responder.py:199-201), and an expired entry is looked up with its old id (responder.py:191-197), so a policy changed under the same id never reaches it until the id changes; RFC 8461 §3.2 bounds a cached policy by max_age from its last fetch, after which §5.1 step 1 fetches the new body',
  },
];

/** The scenarios of the cache cases, for `World.start`. */
export const CACHE_SCENARIOS: readonly Scenario[] = CACHE_CASES.map((c) => c.scenario);

/**
 * `cache-new-id-move` once more, against the resolver's default `cache_grace` (60 s), with phase 2 a few seconds
 * after phase 1 (cache-grace.e2e.test.ts): the resolver answers from its cache without looking at DNS.
 */
export const GRACE_SCENARIO: CacheCase['scenario'] = scenario(
  'cache-grace-new-id-move',
  'MX moved with a new id, within the default cache_grace',
  {
    sts: sts('c2'),
    policy: { body: policy('enforce', ['mx2.{d}']) },
    mx: MX2,
    expect: { sender: 'deferred', bounces: false, findings: [] },
    // Not run: cache-new-id-move shows delivery at mx2 once the resolver looks the new id up.
    afterCacheFlush: 'delivered',
  },
);
