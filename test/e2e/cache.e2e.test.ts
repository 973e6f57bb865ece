/**
 * What senders that already hold a policy do after a change (issue #8 item 5), against the real enforcing sender:
 * Postfix + postfix-mta-sts-resolver, whose in-memory cache is kept from phase 1 to phase 2b and dropped (resolver
 * restarted) only before phase 3, the control.
 *
 * Phase 1 fills the sender's cache and the engine's policy history (`--state`); phase 2 publishes each case's change
 * and sends again; phase 2b, for the short max_age cases, sends once more after the engine's bounce window has
 * closed; phase 3 drops the cache. The engine must give the RFC 8461 verdict for a sender holding the phase-1
 * policy (`bounces`, `bouncesForCachedSenders`, `bounceWindowEnd`, `cached[]`, findings); Postfix's outcome is
 * asserted as observed, and where it departs from the RFC the case says why. See test/e2e/README.md, "Cache
 * scenarios (issue #8)"; the same table is printed at the end of the run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedPolicy } from '../../src/core/cached-policies.js';
import {
  CACHE_CASES,
  CACHE_SCENARIOS,
  SHORT_MAX_AGE,
  type CacheCase,
  type CacheExpectation,
} from './cache-scenarios.js';
import { runEngine, type EngineDomain, type EngineRun } from './harness/engine.js';
import { delivered, deliverAll, type MailOutcome } from './harness/mail.js';
import { assertPrerequisites } from './harness/prerequisites.js';
import { domainOf, mxHostName } from './scenarios.js';
import { World } from './world/world.js';
import { durationParts, timeInto, type Durations } from './harness/durations.js';

const suiteStart = Date.now();
const durations: Durations = {};
/** Slack on bounceWindowEnd: the engine takes its clock once per run, somewhere between our start and end marks. */
const CLOCK_SLACK_MS = 1500;
/** The longest phase 2b may wait for a bounce window to close (short max_age cases only). */
const LATE_WAIT_CAP_MS = 8000;

/** The cache-aware fields of the JSON report (issue #8 item 2), beside the ones the shared harness reads. */
type CacheDomain = EngineDomain & {
  readonly cached?: readonly CachedPolicy[];
  readonly bouncesForCachedSenders?: boolean | null;
  readonly bounceWindowEnd?: string | null;
};

/** One engine run and the wall-clock interval it ran in (its clock lies inside). */
interface TimedRun {
  readonly run: EngineRun | Error;
  readonly start: number;
  readonly end: number;
}

interface Phase {
  readonly mail: Map<string, MailOutcome>;
  readonly engine: TimedRun;
}

let world: World | undefined;
let stateFile = '';
let phase1: Phase | undefined;
let phase2: Phase | undefined;
let phase2b: Phase | undefined;
let phase3: Map<string, MailOutcome> | undefined;
/** Resolver lookups per domain after phase 1 and after phase 2 (`Lookup PERFORMED`, responder.py:193). */
let lookups1 = new Map<string, number>();
let lookups2 = new Map<string, number>();

const LATE_CASES = CACHE_CASES.filter((c) => c.late);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  return timeInto(durations, label, step);
}

function requireWorld(): World {
  if (!world) throw new Error('the world did not start (see the beforeAll error)');
  return world;
}

const deliver = (recipients: readonly string[]) => deliverAll(requireWorld(), recipients);

async function engineRun(label: string): Promise<TimedRun> {
  const w = requireWorld();
  const start = Date.now();
  const run = await runEngine(w, CACHE_SCENARIOS.map(domainOf), stateFile, label).catch((e: unknown) =>
    e instanceof Error ? e : new Error(String(e)),
  );
  return { run, start, end: Date.now() };
}

/** Mail to `local@` every given case's domain, with the engine run beside it (neither sees the other). */
async function runPhase(label: string, local: string, cases: readonly CacheCase[]): Promise<Phase> {
  const [mail, engine] = await Promise.all([
    timed(`${label} mail`, () => deliver(cases.map((c) => `${local}@${domainOf(c.scenario)}`))),
    timed(`${label} engine`, () => engineRun(label)),
  ]);
  return { mail, engine };
}

function countLookups(): Map<string, number> {
  const log = readFileSync(join(requireWorld().dir, 'resolver', 'resolver.log'), 'utf8');
  const counts = new Map<string, number>();
  for (const m of log.matchAll(/Lookup PERFORMED: domain = (\S+)$/gm)) {
    const d = m[1] ?? '';
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  assertPrerequisites();
  // cache_grace 0: the resolver checks the TXT record on every lookup, so phase 2's verdict is made on phase 2's DNS
  // (with the default 60 s it would answer from its cache without looking; test/e2e/README.md).
  world = await timed('world start', () => World.start(CACHE_SCENARIOS, { resolver: { cacheGrace: 0 } }));
  const w = world;
  stateFile = join(w.dir, 'cache-state.json');
  phase1 = await runPhase('phase 1', 'p1', CACHE_CASES);
  const phase1End = Date.now();
  lookups1 = countLookups();
  await timed('phase 2 publish', () => w.publishPhase2());
  // The short max_age cases need their cached policy (fetched before phase1End) to have run out.
  const expiry = phase1End + SHORT_MAX_AGE * 1000 + 500 - Date.now();
  if (expiry > 0) await timed('phase 2 wait for max_age', () => sleep(expiry));
  phase2 = await runPhase('phase 2', 'p2', CACHE_CASES);
  lookups2 = countLookups();
  // Phase 2b: after the engine's bounce windows of the short cases have closed (nothing changes in the world).
  const ends = LATE_CASES.map((c) => windowEndOf(phase2, c)).filter((t) => !Number.isNaN(t));
  const wait = Math.min(LATE_WAIT_CAP_MS, Math.max(0, ...ends.map((t) => t + 300 - Date.now())));
  await timed('phase 2b wait for the windows', () => sleep(wait));
  phase2b = await runPhase('phase 2b', 'p2b', LATE_CASES);
  // Phase 3, the control: the sender's cache is dropped, the live world alone decides.
  await timed('phase 3 resolver restart', () => w.restartResolver());
  phase3 = await timed('phase 3 mail', () => deliver(CACHE_CASES.map((c) => `p3@${domainOf(c.scenario)}`)));
});

function windowEndOf(phase: Phase | undefined, c: CacheCase): number {
  const run = phase?.engine.run;
  if (!run || run instanceof Error) return Number.NaN;
  const d = run.domains.get(domainOf(c.scenario)) as CacheDomain | undefined;
  return d?.bounceWindowEnd ? Date.parse(d.bounceWindowEnd) : Number.NaN;
}

afterAll(async () => {
  const table = renderTable();
  await timed('teardown', async () => world?.stop());
  const total = Date.now() - suiteStart;
  console.log(`${table}\ne2e cache duration: ${(total / 1000).toFixed(1)} s (${durationParts(durations)})`);
});

function domainReport(t: TimedRun | undefined, c: CacheCase): CacheDomain {
  if (!t) throw new Error('the phase did not run (see the beforeAll error)');
  if (t.run instanceof Error) throw t.run;
  const d = t.run.domains.get(domainOf(c.scenario));
  if (!d) throw new Error(`the engine's report has no entry for ${domainOf(c.scenario)}`);
  return d;
}

function explain(c: CacheCase, outcome: MailOutcome | undefined, report?: CacheDomain): string {
  const mail = outcome ? outcome.lines.join('\n') : '(no status line from Postfix)';
  const engine = report
    ? JSON.stringify(
        {
          bounces: report.bounces,
          bouncesForCachedSenders: report.bouncesForCachedSenders,
          bounceWindowEnd: report.bounceWindowEnd,
          cached: report.cached,
          policy: report.policy,
          mx: report.mx.map((m) => `${m.host} matched=${String(m.matched)} tls=${m.tls}`),
          findings: report.findings.map((f) => `${f.code}: ${f.message}`),
        },
        null,
        1,
      )
    : '';
  return `[${c.scenario.id}] ${c.scenario.title}\n--- Postfix:\n${mail}\n--- engine:\n${engine}`;
}

const norm = (h: string) => h.toLowerCase().replace(/\.$/, '');

/** The engine's verdict for a sender holding the phase-1 policy: does its mail wait? */
const holderVerdict = (d: CacheDomain): 'delivered' | 'deferred' =>
  d.bounces === true || d.bouncesForCachedSenders === true ? 'deferred' : 'delivered';

function expectCache(c: CacheCase, t: TimedRun, want: CacheExpectation, outcome?: MailOutcome): void {
  const d = domainReport(t, c);
  const why = explain(c, outcome, d);
  expect(d.bounces, `bounces\n${why}`).toBe(want.bounces);
  if (want.bouncesIfEnforced !== undefined)
    expect(d.bouncesIfEnforced, `bouncesIfEnforced\n${why}`).toBe(want.bouncesIfEnforced);
  expect(d.bouncesForCachedSenders, `bouncesForCachedSenders\n${why}`).toBe(want.bouncesForCachedSenders);
  if (want.windowEnd === 'null') expect(d.bounceWindowEnd, `bounceWindowEnd\n${why}`).toBeNull();
  else {
    // RFC 8461 §3.2: max_age after the last moment the policy could have been fetched, which is this run at the
    // latest (the engine saw the change only now).
    const end = Date.parse(d.bounceWindowEnd ?? '');
    const w = (want.windowSeconds ?? 0) * 1000;
    expect(end, `bounceWindowEnd ${String(d.bounceWindowEnd)}\n${why}`).toBeGreaterThanOrEqual(
      t.start + w - CLOCK_SLACK_MS,
    );
    expect(end, `bounceWindowEnd ${String(d.bounceWindowEnd)}\n${why}`).toBeLessThanOrEqual(
      t.end + w + CLOCK_SLACK_MS,
    );
  }
  const cached = (d.cached ?? []).map((e) => ({ id: e.id, why: e.why, refuses: e.refuses.map(norm).sort() }));
  const wanted = want.cached.map((e) => ({
    id: e.id,
    why: e.why,
    refuses: e.refuses.map((h) => mxHostName(c.scenario, h)).sort(),
  }));
  expect(cached, `cached[]\n${why}`).toEqual(wanted);
  const codes = d.findings.map((f) => f.code);
  for (const code of want.findings) expect(codes, `finding ${code}\n${why}`).toContain(code);
  for (const code of want.absent ?? []) expect(codes, `no finding ${code}\n${why}`).not.toContain(code);
  for (const [code, severity] of Object.entries(want.severities ?? {}))
    expect(
      d.findings.filter((f) => f.code === code).map((f) => f.severity),
      `severity of ${code}\n${why}`,
    ).toEqual([severity]);
  for (const [host, matched] of Object.entries(want.matched ?? {})) {
    const entry = d.mx.find((m) => norm(m.host) === mxHostName(c.scenario, host));
    expect(entry?.matched, `mx ${host} matched\n${why}`).toBe(matched);
  }
}

function expectMail(
  c: CacheCase,
  outcome: MailOutcome | undefined,
  want: 'delivered' | 'deferred',
  relay: string,
): void {
  expect(delivered(outcome), explain(c, outcome)).toBe(want);
  // The status line names the MX of this phase: the outcome comes from the policy, not from old DNS data.
  expect(outcome?.relay, explain(c, outcome)).toContain(`${mxHostName(c.scenario, relay)}[`);
}

describe('the cache cases', () => {
  it('are distinct, and test/e2e/README.md lists every case and every departure', () => {
    expect(new Set(CACHE_CASES.map((c) => c.scenario.id)).size).toBe(CACHE_CASES.length);
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('## Cache scenarios (issue #8)');
    expect(start, 'README section "Cache scenarios (issue #8)"').toBeGreaterThan(-1);
    const section = readme.slice(start);
    for (const c of CACHE_CASES) expect(section, c.scenario.id).toContain(`\`${c.scenario.id}\``);
    const at = section.indexOf('### Departures from RFC 8461');
    expect(at, 'subsection "Departures from RFC 8461"').toBeGreaterThan(-1);
    const departures = section.slice(at);
    for (const c of CACHE_CASES.filter((x) => x.departure))
      expect(departures, `departure ${c.scenario.id}`).toContain(`\`${c.scenario.id}\``);
  });

  it('a case names a departure exactly when Postfix and the RFC disagree', () => {
    for (const c of CACHE_CASES) {
      const disagree = c.postfix.sender !== c.rfc.sender || (c.late && c.late.postfix !== c.late.rfc);
      expect(Boolean(disagree), c.scenario.id).toBe(c.departure !== undefined);
    }
  });
});

describe.each(CACHE_CASES.map((c) => [c.scenario.id, c] as const))('%s', (_id, c) => {
  const d = domainOf(c.scenario);

  it('phase 1: delivered through mx1, the cache and the history are filled', () => {
    const outcome = phase1?.mail.get(`p1@${d}`);
    expectMail(c, outcome, 'delivered', 'mx1');
    const report = domainReport(phase1?.engine, c);
    expect(report.bounces, explain(c, outcome, report)).toBe(false);
    expect(report.bouncesForCachedSenders, explain(c, outcome, report)).toBe(false);
    expect(report.cached, explain(c, outcome, report)).toEqual([]);
  });

  it('phase 2: the resolver looked the domain up again (its verdict saw the new DNS)', () => {
    expect(lookups2.get(d) ?? 0).toBeGreaterThan(lookups1.get(d) ?? 0);
  });

  it(`phase 2, Postfix + resolver with the phase-1 cache: ${c.postfix.sender} at ${c.postfix.relay}`, () => {
    const outcome = phase2?.mail.get(`p2@${d}`);
    // As observed; where it differs from c.rfc.sender, the case names the departure (checked above).
    expectMail(c, outcome, c.postfix.sender, c.postfix.relay);
    const first = c.postfix.refusedFirst;
    if (first !== undefined) {
      const refused = `server certificate verification failed for ${mxHostName(c.scenario, first)}[`;
      expect(
        outcome?.lines.some((l) => l.includes(refused)),
        `${first} tried and refused first\n${explain(c, outcome)}`,
      ).toBe(true);
    }
  });

  it(`phase 2, engine: bounces=${String(c.engine.bounces)}, bouncesForCachedSenders=${String(c.engine.bouncesForCachedSenders)}, findings ${c.engine.findings.join(', ')}`, () => {
    const t = phase2?.engine;
    if (!t) throw new Error('phase 2 did not run');
    expectCache(c, t, c.engine, phase2?.mail.get(`p2@${d}`));
    if (!c.late) {
      // The engine's verdict for a holder of the phase-1 policy is the RFC's (and Postfix's, no departure here).
      expect(holderVerdict(domainReport(t, c))).toBe(c.rfc.sender);
    }
  });

  if (c.late) {
    const late = c.late;
    it(`phase 2b, after the bounce window: Postfix ${late.postfix}, engine holds nothing`, () => {
      const outcome = phase2b?.mail.get(`p2b@${d}`);
      expectMail(c, outcome, late.postfix, c.postfix.relay);
      const t = phase2b?.engine;
      if (!t) throw new Error('phase 2b did not run');
      expectCache(c, t, late.engine, outcome);
      expect(holderVerdict(domainReport(t, c))).toBe(late.rfc);
    });
  }

  it(`phase 3, the sender's cache dropped: ${c.scenario.phase2.afterCacheFlush}`, () => {
    expectMail(c, phase3?.get(`p3@${d}`), c.scenario.phase2.afterCacheFlush, c.postfix.relay);
  });
});

/** The table of test/e2e/README.md, from this run's observations. */
function renderTable(): string {
  const rows: string[][] = [];
  const engineText = (t: TimedRun | undefined, c: CacheCase): string => {
    try {
      const r = domainReport(t, c);
      const window = r.bounceWindowEnd
        ? `window until run end +${Math.round((Date.parse(r.bounceWindowEnd) - (t?.end ?? 0)) / 1000)} s`
        : 'no window';
      const codes = r.findings
        .map((f) => f.code)
        .filter((code) =>
          [
            'sts-removed-while-cached',
            'cached-policy-refuses-mx',
            'new-id-fetch-failing',
            'mode-downgrade-same-id',
            'max-age-lowered',
            'stale-policy-id',
            'mx-not-covered',
            'mail-bounces',
          ].includes(code),
        );
      const held = (r.cached ?? []).map((e) => `${e.id}:${e.why}`).join(' ') || 'none';
      return `bounces=${String(r.bounces)}, forCached=${String(r.bouncesForCachedSenders)}, ${window}, cached ${held}; ${codes.join(', ') || 'no cache finding'}`;
    } catch (e) {
      return `(no report: ${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
    }
  };
  const mail = (m: Map<string, MailOutcome> | undefined, key: string): string => {
    const o = m?.get(key);
    return o ? `${delivered(o)} (${o.relay.split('[')[0] ?? ''})` : 'no outcome';
  };
  for (const c of CACHE_CASES) {
    const d = domainOf(c.scenario);
    rows.push([
      c.scenario.id,
      c.change,
      `${c.rfc.sender}: ${c.rfc.text}`,
      mail(phase2?.mail, `p2@${d}`),
      engineText(phase2?.engine, c),
      mail(phase3, `p3@${d}`),
      c.postfix.why,
    ]);
    if (c.late) {
      rows.push([
        `${c.scenario.id} (2b)`,
        'none (after the engine window)',
        c.late.rfc,
        mail(phase2b?.mail, `p2b@${d}`),
        engineText(phase2b?.engine, c),
        '',
        c.late.why,
      ]);
    }
  }
  const head = [
    'case',
    'phase 2 change',
    'RFC 8461 (holder)',
    'Postfix + resolver',
    'engine',
    'cache dropped',
    'why (Postfix)',
  ];
  return ['Cache scenarios (issue #8):', [head, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n')].join(
    '\n',
  );
}
