/**
 * The DANE referee (issue #7 item 5): a DNSSEC-signed world (NSD serving a signed test root, Unbound validating
 * with it as the only trust anchor) and two real Postfix senders, A with `smtp_tls_security_level = dane` and B
 * with the same plus postfix-mta-sts-resolver. Every scenario's domain gets one message through each while the
 * bundled CLI checks all domains with `--dns-server <Unbound> --dane true`; the engine's per-MX `dane` verdict and
 * `bouncesDane` must agree with the senders, except where a sender's departure from the RFCs is named, and the
 * report's sender profiles `postfix-dane` and `postfix-sts-resolver` (issue #7 item 4) must predict A and B. The
 * table of outcomes is printed at the end and recorded in test/e2e/README.md ("DANE scenarios").
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaneVerdict } from '../../src/core/dane-verdict.js';
import { runCheckIn, type EngineDomain, type EngineRun } from './harness/engine.js';
import { delivered, deliverAll, type MailOutcome, type MailWorld } from './harness/mail.js';
import { assertPrerequisites } from './harness/prerequisites.js';
import {
  DANE_SCENARIOS,
  daneHostName,
  domainOfDane,
  rfcCombined,
  type DaneScenario,
  type Outcome,
} from './dane-scenarios.js';
import { DaneWorld, UNBOUND_ADDRESS } from './world/dane-world.js';
import { durationParts, timeInto, type Durations } from './harness/durations.js';

const suiteStart = Date.now();
const durations: Durations = {};

/** The sender profiles the referee measures (issue #7 item 4), each against the Postfix sender it models. */
export type MeasuredProfile = 'postfix-dane' | 'postfix-sts-resolver';

/** What the DANE part of the JSON report holds (README "DANE (RFC 7672)"), plus `senders` once it exists. */
interface DaneEngineDomain extends EngineDomain {
  readonly bouncesDane?: boolean | null;
  readonly mx: readonly (EngineDomain['mx'][number] & {
    readonly dane?: { status: string; usableTlsa: number; verdict: DaneVerdict; reason: string };
  })[];
  readonly senders?: Readonly<
    Record<string, { bounces: boolean | null; refusedMx?: string[]; reason?: string }>
  >;
}

type DaneEngineRun = EngineRun<DaneEngineDomain>;

let world: DaneWorld | undefined;
let outcomesA = new Map<string, MailOutcome>();
let outcomesB = new Map<string, MailOutcome>();
let engine: DaneEngineRun | Error = new Error('the engine did not run');

function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  return timeInto(durations, label, step);
}

function requireWorld(): DaneWorld {
  if (!world) throw new Error('the DANE world did not start (see the beforeAll error)');
  return world;
}

/** Programs only this file needs, beyond the shared prerequisites (scripts/e2e/install-deps.sh installs them). */
function assertDanePrerequisites(): void {
  const wanted: Record<string, string> = {
    '/usr/sbin/unbound': 'unbound',
    '/usr/bin/ldns-keygen': 'ldnsutils',
    '/usr/bin/ldns-signzone': 'ldnsutils',
    '/usr/bin/drill': 'ldnsutils',
  };
  const missing = Object.entries(wanted).filter(([path]) => {
    try {
      accessSync(path, constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new Error(
      `the DANE e2e suite needs ${missing.map(([p, pkg]) => `${p} (${pkg})`).join(', ')}: ` +
        'sudo bash scripts/e2e/install-deps.sh',
    );
  }
}

const recipientA = (s: DaneScenario) => `a@${domainOfDane(s)}`;
const recipientB = (s: DaneScenario) => `b@${domainOfDane(s)}`;

const deliver = (w: MailWorld, recipients: readonly string[]) => deliverAll(w, recipients);

/** `check --dane true` against Unbound, over every scenario domain, inside the namespace. */
function runDaneEngine(w: DaneWorld, domains: readonly string[]): Promise<DaneEngineRun> {
  const target = { ns: w.ns, dir: w.dir, caFile: w.caFile };
  return runCheckIn<DaneEngineDomain>(target, domains, 'dane', [
    '--dns-server',
    UNBOUND_ADDRESS,
    '--dane',
    'true',
  ]);
}

function engineDomain(s: DaneScenario): DaneEngineDomain {
  if (engine instanceof Error) throw engine;
  const d = engine.domains.get(domainOfDane(s));
  if (!d) throw new Error(`the engine's report has no entry for ${domainOfDane(s)}`);
  return d;
}

function explain(s: DaneScenario, ...outcomes: (MailOutcome | undefined)[]): string {
  const mail = outcomes
    .map((o) => (o ? o.lines.join('\n') : '(no status line from Postfix)'))
    .join('\n---\n');
  let report: string;
  try {
    const d = engineDomain(s);
    report = JSON.stringify(
      {
        bounces: d.bounces,
        bouncesDane: d.bouncesDane,
        mx: d.mx.map((m) => ({ host: m.host, tls: m.tls, dane: m.dane })),
        findings: d.findings.map((f) => `${f.code}: ${f.message}`),
        senders: d.senders,
      },
      null,
      1,
    );
  } catch (error) {
    report = String(error);
  }
  return `[${s.id}] ${s.title}\n--- Postfix:\n${mail}\n--- engine:\n${report}`;
}

/**
 * The engine's verdict per MX host (relative names as in the scenario): `no MX entry` when the report lists no such
 * host, `-` when the host has no `dane` object.
 */
function daneVerdicts(s: DaneScenario, d: DaneEngineDomain): Record<string, string> {
  const out: Record<string, string> = {};
  for (const mx of s.mx) {
    const fqdn = daneHostName(s, mx);
    const entry = d.mx.find((m) => m.host.toLowerCase().replace(/\.$/, '') === fqdn);
    out[mx.host] = entry === undefined ? 'no MX entry' : (entry.dane?.verdict ?? '-');
  }
  return out;
}

/** The verdicts with which a DANE sender hands mail over (README "DANE (RFC 7672)"). */
const DANE_DELIVERS: ReadonlySet<string> = new Set(['dane-ok', 'no-dane', 'tls-required-unauthenticated']);

/** What a DANE-only sender does by the engine's per-MX verdicts: delivers if any MX host takes the mail. */
function daneOnlyOutcome(d: DaneEngineDomain): Outcome {
  return d.mx.some((m) => m.dane !== undefined && DANE_DELIVERS.has(m.dane.verdict))
    ? 'delivered'
    : 'deferred';
}

/** The `rfc` sender profile's verdict (issue #7 item 4) for the scenario, from the table. */
export function expectedRfcProfile(s: DaneScenario): boolean {
  return s.expect.rfcProfile ?? s.expect.bouncesDane;
}

/** The outcome a Postfix sender is expected to have, from the scenario table. */
export function expectedProfileOutcome(s: DaneScenario, profile: MeasuredProfile): Outcome {
  return profile === 'postfix-dane' ? s.expect.senderA : s.expect.senderB;
}

/**
 * The engine's own prediction for a sender profile: `senders[profile].bounces` of the JSON report (issue #7 item
 * 4), null when the engine says it cannot be known, undefined when the report has no `senders` object yet (then
 * the table's expectation, held against Postfix, stands in for it). A report with `senders` but without the
 * profile is an error: the profile ids are part of the JSON contract.
 */
export function reportedProfileBounces(
  d: DaneEngineDomain,
  profile: MeasuredProfile,
): boolean | null | undefined {
  if (d.senders === undefined) return undefined;
  const entry = d.senders[profile];
  if (entry === undefined) throw new Error(`${d.domain}: the report's senders has no ${profile}`);
  return entry.bounces;
}

function outcomeLine(s: DaneScenario): string {
  const a = delivered(outcomesA.get(recipientA(s)));
  const b = delivered(outcomesB.get(recipientB(s)));
  let prediction = 'engine: (no report)';
  try {
    const d = engineDomain(s);
    const verdicts = Object.entries(daneVerdicts(s, d))
      .map(([h, v]) => `${h} ${v}`)
      .join(', ');
    const profiles = (['postfix-dane', 'postfix-sts-resolver'] as const)
      .map((p) => {
        const r = reportedProfileBounces(d, p);
        return r === undefined ? '' : `, ${p} bounces=${String(r)}`;
      })
      .join('');
    prediction = `engine: ${verdicts}; bouncesDane=${String(d.bouncesDane)}, bounces=${String(d.bounces)}${profiles}`;
  } catch {
    // the line says so
  }
  const rfc = s.rfcEither ? 'either' : rfcCombined(s);
  return `${s.id.padEnd(22)} RFC: ${rfc.padEnd(9)} Postfix A: ${a.padEnd(9)} Postfix B: ${b.padEnd(9)} ${prediction}`;
}

beforeAll(async () => {
  assertPrerequisites();
  assertDanePrerequisites();
  world = await timed('world start', () => DaneWorld.start(DANE_SCENARIOS));
  const w = world;
  durations['of which certificates'] = w.timings.certificatesMs ?? 0;
  durations['of which signing'] = w.timings.signingMs ?? 0;
  const senderA: MailWorld = { ns: w.ns, sender: w.senderA };
  const senderB: MailWorld = { ns: w.ns, sender: w.senderB };
  [outcomesA, outcomesB, engine] = await Promise.all([
    timed('mail A', () => deliver(senderA, DANE_SCENARIOS.map(recipientA))),
    timed('mail B', () => deliver(senderB, DANE_SCENARIOS.map(recipientB))),
    timed('engine', () => runDaneEngine(w, DANE_SCENARIOS.map(domainOfDane))).catch((e: unknown) =>
      e instanceof Error ? e : new Error(String(e)),
    ),
  ]);
});

afterAll(async () => {
  if (world)
    console.log(`DANE scenarios (prediction vs Postfix):\n${DANE_SCENARIOS.map(outcomeLine).join('\n')}`);
  await timed('teardown', async () => world?.stop());
  const total = Date.now() - suiteStart;
  console.log(
    `e2e dane duration: ${(total / 1000).toFixed(1)} s (${durationParts(durations)}); ${DANE_SCENARIOS.length} scenarios`,
  );
});

describe('the DANE scenario table', () => {
  it('has at least 15 scenarios with distinct ids', () => {
    expect(DANE_SCENARIOS.length).toBeGreaterThanOrEqual(15);
    expect(new Set(DANE_SCENARIOS.map((s) => s.id)).size).toBe(DANE_SCENARIOS.length);
  });

  it.each(DANE_SCENARIOS.map((s) => [s.id, s] as const))(
    '%s: a departure is named exactly where a sender departs from the RFC',
    (_id, s) => {
      expect(s.expect.senderA !== s.expect.rfcDane, `${s.id}: departureA`).toBe(s.departureA !== undefined);
      expect(s.expect.senderB !== rfcCombined(s), `${s.id}: departureB`).toBe(s.departureB !== undefined);
      // Without a policy, DANE alone decides: the combined verdict is the DANE-only one.
      if (s.sts === undefined) expect(rfcCombined(s), s.id).toBe(s.expect.rfcDane);
    },
  );

  it('test/e2e/README.md lists every DANE scenario', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## DANE scenarios'));
    expect(section.length).toBeLessThan(readme.length);
    for (const s of DANE_SCENARIOS) expect(section, s.id).toContain(`\`${s.id}\``);
  });
});

describe('the DNSSEC world', () => {
  it('Unbound answers from the test root only: a name outside it is an NXDOMAIN that validates', async () => {
    const w = requireWorld();
    // The test root's signed NSEC proves the name absent; only an answer from it validates with the test anchor.
    const r = await w.ns.exec('drill', ['-D', 'mta-sts-drift.example.', 'A', `@${UNBOUND_ADDRESS}`], {
      timeoutMs: 10_000,
    });
    expect(r.stdout, r.stdout + r.stderr).toMatch(/rcode: NXDOMAIN/);
    expect(r.stdout, r.stdout).toMatch(/flags:[^;]*\bad\b/);
  });
});

describe.each(DANE_SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, s) => {
  it(`Postfix A (dane): ${s.expect.senderA}`, () => {
    requireWorld();
    const outcome = outcomesA.get(recipientA(s));
    expect(delivered(outcome), explain(s, outcome)).toBe(s.expect.senderA);
    const relay = s.mx.find((m) => m.host === s.expect.relayA);
    if (s.expect.relayA !== undefined) {
      if (relay === undefined)
        throw new Error(`${s.id}: relayA ${s.expect.relayA} is not one of its MX hosts`);
      expect(outcome?.relay, explain(s, outcome)).toContain(`${daneHostName(s, relay)}[`);
    }
  });

  it(`Postfix B (dane + postfix-mta-sts-resolver): ${s.expect.senderB}`, () => {
    requireWorld();
    const outcome = outcomesB.get(recipientB(s));
    expect(delivered(outcome), explain(s, outcome)).toBe(s.expect.senderB);
  });

  it(`engine: ${Object.entries(s.expect.dane)
    .map(([h, v]) => `${h} ${v}`)
    .join(', ')}; bouncesDane=${String(s.expect.bouncesDane)}`, () => {
    const d = engineDomain(s);
    const why = explain(s, outcomesA.get(recipientA(s)), outcomesB.get(recipientB(s)));
    expect(daneVerdicts(s, d), `dane verdicts\n${why}`).toEqual(s.expect.dane);
    expect(d.bouncesDane, `bouncesDane\n${why}`).toBe(s.expect.bouncesDane);
    // `bounces` is the `rfc` sender profile's verdict (issue #7 item 4).
    expect(d.bounces, `bounces\n${why}`).toBe(expectedRfcProfile(s));
    const codes = d.findings.map((f) => f.code);
    for (const code of s.expect.findings ?? []) expect(codes, `finding ${code}\n${why}`).toContain(code);
  });

  it(`the engine's bouncesDane agrees with Postfix A${s.departureA ? ' (departure named)' : ''}`, () => {
    const d = engineDomain(s);
    const a = delivered(outcomesA.get(recipientA(s)));
    // A is a DANE-only sender: it delivers when the engine says some MX host takes mail from a DANE sender.
    const daneOnly = daneOnlyOutcome(d);
    // Without a policy that is exactly bouncesDane.
    if (s.sts === undefined) expect(daneOnly === 'deferred', explain(s)).toBe(d.bouncesDane);
    if (s.departureA) expect(a, `named departure: ${s.departureA}\n${explain(s)}`).not.toBe(daneOnly);
    else expect(a, `the engine's DANE verdict disagrees with Postfix A\n${explain(s)}`).toBe(daneOnly);
  });

  it(`the engine's RFC verdict agrees with Postfix B${s.departureB ? ' (departure named)' : ''}`, () => {
    const d = engineDomain(s);
    const b = delivered(outcomesB.get(recipientB(s)));
    const combined: Outcome = d.bouncesDane ? 'deferred' : 'delivered';
    if (s.departureB) expect(b, `named departure: ${s.departureB}\n${explain(s)}`).not.toBe(combined);
    else expect(b, `the engine's bouncesDane disagrees with Postfix B\n${explain(s)}`).toBe(combined);
  });

  it.each(['postfix-dane', 'postfix-sts-resolver'] as const)(
    'sender profile %s predicts its Postfix',
    (profile) => {
      const d = engineDomain(s);
      const outcome =
        profile === 'postfix-dane' ? outcomesA.get(recipientA(s)) : outcomesB.get(recipientB(s));
      const observed = delivered(outcome) === 'deferred';
      expect(
        expectedProfileOutcome(s, profile) === 'deferred',
        `table, ${profile}\n${explain(s, outcome)}`,
      ).toBe(observed);
      const reported = reportedProfileBounces(d, profile);
      if (reported === undefined) return;
      const why = `senders.${profile}.bounces\n${explain(s, outcome)}`;
      expect(reported, why).toBe(observed);
    },
  );
});
