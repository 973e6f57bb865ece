/**
 * End to end against real mail and DNS software, with a real enforcing sender as the referee (issue #4).
 *
 * Phase 1: every scenario's domain gets one message through Postfix + postfix-mta-sts-resolver while the bundled
 * CLI checks all domains; the engine's `bounces` verdict must agree with whether Postfix delivered (or, for a
 * documented divergence, give the RFC 8461 verdict). Phase 2 changes a policy body and its MX records without a
 * new id and shows both the stale sender cache and the engine's `stale-policy-id`. See test/e2e/README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEngine, type EngineDomain, type EngineRun } from './harness/engine.js';
import { delivered, deliverAll, type MailOutcome } from './harness/mail.js';
import { assertPrerequisites } from './harness/prerequisites.js';
import { SCENARIOS, domainOf, mxHostName, rfcSender, type Expectation, type Scenario } from './scenarios.js';
import { World } from './world/world.js';
import { durationParts, timeInto, type Durations } from './harness/durations.js';

const suiteStart = Date.now();
const durations: Durations = {};

let world: World | undefined;
let stateFile = '';
let outcomes1 = new Map<string, MailOutcome>();
let engine1: EngineRun | Error = new Error('phase 1 did not run');

/** Time one step into `durations`. */
function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  return timeInto(durations, label, step);
}

function requireWorld(): World {
  if (!world) throw new Error('the world did not start (see the beforeAll error)');
  return world;
}

const deliver = (recipients: readonly string[]) => deliverAll(requireWorld(), recipients);

function engineDomain(run: EngineRun | Error, s: Scenario): EngineDomain {
  if (run instanceof Error) throw run;
  const d = run.domains.get(domainOf(s));
  if (!d) throw new Error(`the engine's report has no entry for ${domainOf(s)}`);
  return d;
}

function explain(s: Scenario, outcome: MailOutcome | undefined, report?: EngineDomain): string {
  const mail = outcome ? outcome.lines.join('\n') : '(no status line from Postfix)';
  const engine = report
    ? JSON.stringify(
        {
          bounces: report.bounces,
          policy: report.policy,
          mx: report.mx,
          findings: report.findings.map((f) => `${f.code}: ${f.message}`),
        },
        null,
        1,
      )
    : '';
  return `[${s.id}] ${s.title}\n--- Postfix:\n${mail}\n--- engine:\n${engine}`;
}

/** The per-domain assertions on the engine's report, shared by both phases. */
function expectEngine(
  s: Scenario,
  report: EngineDomain,
  want: Expectation,
  outcome: MailOutcome | undefined,
): void {
  const why = explain(s, outcome, report);
  expect(report.bounces, `bounces\n${why}`).toBe(want.bounces);
  if (want.bouncesIfEnforced !== undefined)
    expect(report.bouncesIfEnforced, `bouncesIfEnforced\n${why}`).toBe(want.bouncesIfEnforced);
  if (want.status) expect(want.status, `status\n${why}`).toContain(report.status);
  if (want.policy) expect(want.policy, `policy.status\n${why}`).toContain(report.policy.status);
  const mxOf = (host: string) => {
    const fqdn = mxHostName(s, host);
    const entry = report.mx.find((m) => m.host.toLowerCase().replace(/\.$/, '') === fqdn);
    if (!entry) throw new Error(`no MX entry for ${fqdn}\n${why}`);
    return entry;
  };
  for (const [host, statuses] of Object.entries(want.mxTls ?? {}))
    expect(statuses, `mx ${host} tls\n${why}`).toContain(mxOf(host).tls);
  for (const [host, matched] of Object.entries(want.matched ?? {}))
    expect(mxOf(host).matched, `mx ${host} matched\n${why}`).toBe(matched);
  const codes = report.findings.map((f) => f.code);
  for (const code of want.findings ?? []) expect(codes, `finding ${code}\n${why}`).toContain(code);
}

beforeAll(async () => {
  assertPrerequisites();
  world = await timed('world start', () => World.start(SCENARIOS));
  const w = world;
  durations['of which certificates'] = w.timings.certificatesMs ?? 0;
  stateFile = join(w.dir, 'engine-state.json');
  const recipients = SCENARIOS.map((s) => `p1@${domainOf(s)}`);
  const domains = SCENARIOS.map(domainOf);
  // The sender and the engine work side by side: neither sees the other.
  [outcomes1, engine1] = await Promise.all([
    timed('phase 1 mail', () => deliver(recipients)),
    timed('phase 1 engine', () => runEngine(w, domains, stateFile, 'phase1')).catch((e: unknown) =>
      e instanceof Error ? e : new Error(String(e)),
    ),
  ]);
});

afterAll(async () => {
  await timed('teardown', async () => world?.stop());
  const total = Date.now() - suiteStart;
  console.log(
    `e2e duration: ${(total / 1000).toFixed(1)} s (${durationParts(durations)}); ${SCENARIOS.length} scenarios`,
  );
});

describe('the scenario table', () => {
  it('has at least 25 scenarios with distinct ids', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))(
    '%s: the sender agrees with the RFC unless a divergence is named',
    (_id, s) => {
      const agrees = s.expect.sender === rfcSender(s.expect.bounces);
      expect(agrees, `${s.id}: divergence ${s.divergence ? 'named but sender agrees' : 'missing'}`).toBe(
        s.divergence === undefined,
      );
    },
  );

  it('test/e2e/README.md lists every scenario and every divergence', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const divergenceTable = readme.slice(readme.indexOf('## Divergences'));
    for (const s of SCENARIOS) expect(readme, s.id).toContain(`\`${s.id}\``);
    for (const s of SCENARIOS.filter((x) => x.divergence))
      expect(divergenceTable, s.id).toContain(`\`${s.id}\``);
  });
});

describe.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, s) => {
  const recipient = `p1@${domainOf(s)}`;

  it(`Postfix + postfix-mta-sts-resolver: ${s.expect.sender}`, () => {
    requireWorld();
    const outcome = outcomes1.get(recipient);
    expect(delivered(outcome), explain(s, outcome)).toBe(s.expect.sender);
  });

  it(`engine: bounces=${String(s.expect.bounces)}${s.divergence ? ' (the RFC verdict; Postfix departs)' : ', agreeing with Postfix'}`, () => {
    const report = engineDomain(engine1, s);
    const outcome = outcomes1.get(recipient);
    expectEngine(s, report, s.expect, outcome);
    // A first run has nothing to compare with: no id-freshness finding yet.
    expect(report.findings.map((f) => f.code)).not.toContain('stale-policy-id');
    const verdict = rfcSender(report.bounces === true);
    if (s.divergence) {
      expect(
        delivered(outcome),
        `documented divergence: ${s.divergence}\n${explain(s, outcome, report)}`,
      ).not.toBe(verdict);
    } else {
      expect(
        delivered(outcome),
        `the engine's bounces verdict disagrees with Postfix\n${explain(s, outcome, report)}`,
      ).toBe(verdict);
    }
  });
});

describe.each(SCENARIOS.filter((s) => s.phase2).map((s) => [s.id, s] as const))(
  'id freshness, phase 2: %s',
  (_id, s) => {
    const p2 = s.phase2;
    if (!p2) throw new Error('unreachable');
    let outcome2: MailOutcome | undefined;
    let outcome3: MailOutcome | undefined;
    let engine2: EngineRun | Error = new Error('phase 2 did not run');

    beforeAll(async () => {
      const w = requireWorld();
      // Same TXT id, new policy body, new MX records; the resolver (the sender's policy cache) keeps running.
      await timed('phase 2 publish', () => w.publishPhase2());
      const recipient = `p2@${domainOf(s)}`;
      const [o, e] = await Promise.all([
        timed('phase 2 mail', () => deliver([recipient])),
        timed('phase 2 engine', () => runEngine(w, SCENARIOS.map(domainOf), stateFile, 'phase2')).catch(
          (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
        ),
      ]);
      outcome2 = o.get(recipient);
      engine2 = e;
      // Control: drop the sender's cache; the live policy (which the engine checked) now applies.
      await timed('phase 3 resolver restart', () => w.restartResolver());
      const recipient3 = `p3@${domainOf(s)}`;
      outcome3 = (await timed('phase 3 mail', () => deliver([recipient3]))).get(recipient3);
    });

    // The new MX record was used: the deferral comes from the cached policy, not from old DNS data.
    const newMx = mxHostName(s, p2.mx[0]?.host ?? '@');

    it(`Postfix keeps the cached policy: ${p2.expect.sender} at ${p2.mx[0]?.host ?? '@'}`, () => {
      expect(delivered(outcome2), explain(s, outcome2)).toBe(p2.expect.sender);
      expect(outcome2?.relay, explain(s, outcome2)).toContain(`${newMx}[`);
    });

    it('the engine reports stale-policy-id from its state, and bounces stays the verdict on the live policy', () => {
      expectEngine(s, engineDomain(engine2, s), p2.expect, outcome2);
    });

    it('no other domain is reported stale', () => {
      if (engine2 instanceof Error) throw engine2;
      const stale = [...engine2.domains.values()].filter(
        (d) => d.domain !== domainOf(s) && d.findings.some((f) => f.code === 'stale-policy-id'),
      );
      expect(stale.map((d) => d.domain)).toEqual([]);
    });

    it(`after the sender's cache is dropped: ${p2.afterCacheFlush}`, () => {
      expect(delivered(outcome3), explain(s, outcome3)).toBe(p2.afterCacheFlush);
      expect(outcome3?.relay, explain(s, outcome3)).toContain(`${newMx}[`);
    });
  },
);
