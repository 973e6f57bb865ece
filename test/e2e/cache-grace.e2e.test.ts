/**
 * The resolver's default `cache_grace` (60 s) against a correct MX move (issue #8 item 5): a new id and a policy
 * listing the new MX, published a few seconds after the sender's last lookup. Within the grace the resolver answers
 * from its cache without any DNS query (responder.py:213-214, "Lookup skipped"), so mail to the new MX waits; the
 * engine, which models bounces rather than delays, says that no sender bounces (`not-yet-refetched`). Its own world
 * (vitest runs each file in its own fork, so its own namespace), with the resolver's configuration left at the
 * defaults the rest of the suite uses. See test/e2e/README.md, "Cache scenarios (issue #8)".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedPolicy } from '../../src/core/cached-policies.js';
import { GRACE_SCENARIO } from './cache-scenarios.js';
import { runEngine, type EngineDomain, type EngineRun } from './harness/engine.js';
import { delivered, deliverAll, type MailOutcome } from './harness/mail.js';
import { assertPrerequisites } from './harness/prerequisites.js';
import { domainOf, mxHostName } from './scenarios.js';
import { World } from './world/world.js';
import { durationParts, timeInto, type Durations } from './harness/durations.js';

type CacheDomain = EngineDomain & {
  readonly cached?: readonly CachedPolicy[];
  readonly bouncesForCachedSenders?: boolean | null;
  readonly bounceWindowEnd?: string | null;
};

const start = Date.now();
const s = GRACE_SCENARIO;
const domain = domainOf(s);
const durations: Durations = {};
let world: World | undefined;
const mail = new Map<string, MailOutcome | undefined>();
let engine2: EngineRun | Error = new Error('phase 2 did not run');
/** The resolver's log lines about the domain during phase 2. */
let phase2Log: string[] = [];

function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  return timeInto(durations, label, step);
}

async function deliver(w: World, recipient: string): Promise<void> {
  mail.set(recipient, (await deliverAll(w, [recipient])).get(recipient));
}

const resolverLog = (w: World): string[] =>
  readFileSync(join(w.dir, 'resolver', 'resolver.log'), 'utf8').split('\n');

beforeAll(async () => {
  assertPrerequisites();
  const w = await timed('world start', () => World.start([s]));
  world = w;
  const state = join(w.dir, 'grace-state.json');
  const engine = (label: string) =>
    runEngine(w, [domain], state, label).catch((e: unknown) =>
      e instanceof Error ? e : new Error(String(e)),
    );
  await timed('phase 1', () => Promise.all([deliver(w, `p1@${domain}`), engine('grace1')]));
  const before = resolverLog(w).length;
  await timed('phase 2 publish', () => w.publishPhase2());
  [, engine2] = await timed('phase 2', () => Promise.all([deliver(w, `p2@${domain}`), engine('grace2')]));
  phase2Log = resolverLog(w)
    .slice(before)
    .filter((l) => l.includes(`domain = ${domain}`));
});

afterAll(async () => {
  await timed('teardown', async () => world?.stop());
  const row = [
    s.id,
    'new id `c2`, policy `mx: mx2.{d}`, MX → `mx2`, a few seconds after phase 1; default cache_grace 60 s',
    `Postfix ${delivered(mail.get(`p2@${domain}`))} (${phase2Log.map((l) => l.replace(/^.*STS: /, '')).join('; ')})`,
    engine2 instanceof Error
      ? 'engine failed'
      : `engine bouncesForCachedSenders=${String((engine2.domains.get(domain) as CacheDomain | undefined)?.bouncesForCachedSenders)}`,
  ];
  console.log(
    `| ${row.join(' | ')} |\ne2e cache grace duration: ${((Date.now() - start) / 1000).toFixed(1)} s (${durationParts(durations)})`,
  );
});

function explain(outcome: MailOutcome | undefined): string {
  return `${outcome ? outcome.lines.join('\n') : '(no status line from Postfix)'}\n--- resolver:\n${phase2Log.join('\n')}`;
}

describe(`${s.id}: ${s.title}`, () => {
  it('phase 1: delivered through mx1 (the resolver caches id c1)', () => {
    const outcome = mail.get(`p1@${domain}`);
    expect(delivered(outcome), explain(outcome)).toBe('delivered');
    expect(outcome?.relay).toContain(`${mxHostName(s, 'mx1')}[`);
  });

  it('phase 2, within the grace: the resolver answers from its cache without a lookup, Postfix defers at mx2', () => {
    const outcome = mail.get(`p2@${domain}`);
    expect(
      phase2Log.some((l) => l.includes('Lookup skipped')),
      explain(outcome),
    ).toBe(true);
    expect(
      phase2Log.some((l) => l.includes('Lookup PERFORMED')),
      explain(outcome),
    ).toBe(false);
    expect(delivered(outcome), explain(outcome)).toBe('deferred');
    expect(outcome?.relay).toContain(`${mxHostName(s, 'mx2')}[`);
  });

  it('phase 2, engine: nothing bounces (a delay is not a bounce), the old policy is not-yet-refetched', () => {
    if (engine2 instanceof Error) throw engine2;
    const d = engine2.domains.get(domain) as CacheDomain | undefined;
    expect(d?.bounces).toBe(false);
    expect(d?.bouncesForCachedSenders).toBe(false);
    expect(d?.bounceWindowEnd).toBeNull();
    expect((d?.cached ?? []).map((e) => [e.id, e.why, e.refuses.map((h) => h.replace(/\.$/, ''))])).toEqual([
      ['c1', 'not-yet-refetched', [mxHostName(s, 'mx2')]],
    ]);
  });

  it('test/e2e/README.md lists the case', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    expect(readme.slice(readme.indexOf('## Cache scenarios (issue #8)'))).toContain(`\`${s.id}\``);
  });
});
