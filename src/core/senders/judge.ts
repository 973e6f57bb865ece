/**
 * The machinery every profile shares (issue #7 item 6): the MTA-STS view of a host under the live policy or a
 * cached one, and the step from per-host decisions to a domain verdict. A profile supplies only its host rule,
 * so the evaluation composes profiles instead of branching on them. Pure.
 */
import type { CachedPolicy } from '../cached-policies.js';
import { normalizeHost } from '../mx-pattern.js';
import type { HostDecision, SenderFacts, SenderMx, SenderVerdict, StsView } from './types.js';

/** A profile's rule for one host under one MTA-STS view. */
export type HostRule = (mx: SenderMx, sts: StsView) => HostDecision;

const deliver = (why: string): HostDecision => ({ delivers: true, why });
const refuse = (why: string): HostDecision => ({ delivers: false, why });
const unsure = (why: string): HostDecision => ({ delivers: null, why });
export { deliver, refuse, unsure };

/** Why a host fails MTA-STS, in words. */
function stsFault(mx: SenderMx): string {
  if (mx.matched === false) return 'not listed in the MTA-STS policy (RFC 8461 §4.1)';
  if (mx.tlsOk === false)
    return `MTA-STS requires valid TLS, and the host's TLS is ${mx.tls} (RFC 8461 §4.2)`;
  return 'its MTA-STS checks are not known';
}

/** The live policy as it applies to one host. */
export function liveSts(facts: SenderFacts, mx: SenderMx): StsView {
  const { status, mode } = facts.policy;
  if (status === 'unknown')
    return { policy: 'unknown', patterns: [], passes: null, why: 'the MTA-STS policy is not known' };
  if (status !== 'valid' || mode !== 'enforce')
    return { policy: 'none', patterns: [], passes: null, why: 'no enforcing MTA-STS policy' };
  return {
    policy: 'enforce',
    patterns: facts.policy.mx,
    passes: mx.enforceOk,
    why: mx.enforceOk === true ? 'passes MTA-STS' : stsFault(mx),
  };
}

/** A cached enforcing policy as it applies to one host: it refuses what src/core/cached-policies.ts says. */
export function cachedSts(entry: CachedPolicy, mx: SenderMx): StsView {
  const refused = entry.refuses.map(normalizeHost).includes(normalizeHost(mx.host));
  return {
    policy: 'enforce',
    patterns: entry.mx,
    passes: !refused,
    why: refused ? `refused by the cached policy id ${entry.id}` : 'passes the cached policy',
  };
}

/** What MTA-STS alone decides for a host: an enforcing policy must pass; without one, mail flows (RFC 8461 §5). */
export function stsDecision(sts: StsView): HostDecision {
  if (sts.policy === 'unknown') return unsure(sts.why);
  if (sts.policy === 'none') return deliver(sts.why);
  if (sts.passes === null) return unsure(sts.why);
  return sts.passes ? deliver(sts.why) : refuse(sts.why);
}

/** A host nothing is known about: used when the MX lookup failed, to ask whether anything could refuse at all. */
function unknownHost(facts: SenderFacts): SenderMx {
  const dane = facts.daneChecked
    ? {
        dane: {
          verdict: 'unknown' as const,
          usableTlsa: 0,
          reason: 'the MX lookup failed',
          mxSecurity: 'bogus-or-failed' as const,
          addressSecurity: 'bogus-or-failed' as const,
        },
      }
    : {};
  return { host: facts.domain, matched: null, enforceOk: null, tls: 'not-checked', tlsOk: null, ...dane };
}

type DomainPart = Pick<SenderVerdict, 'bounces' | 'refusedMx' | 'reason'>;

const describe = (entries: readonly { host: string; d: HostDecision }[]): string =>
  entries.map((e) => `${e.host}: ${e.d.why}`).join('; ');

/** From per-host decisions to the domain: mail bounces only when every MX host refuses (RFC 5321 §5.1). */
function combine(facts: SenderFacts, sts: (mx: SenderMx) => StsView, rule: HostRule): DomainPart {
  if (facts.nullMx) return { bounces: false, refusedMx: [], reason: 'a null MX (RFC 7505): no mail is sent' };
  if (!facts.mxKnown) {
    // Nothing is known of the hosts; only a rule that delivers to any host whatever it is says "no bounce".
    const probe = unknownHost(facts);
    const d = rule(probe, sts(probe));
    return d.delivers === true
      ? { bounces: false, refusedMx: [], reason: `the MX lookup failed, but ${d.why}: mail flows` }
      : { bounces: null, refusedMx: [], reason: 'the MX lookup failed' };
  }
  const entries = facts.mx.map((mx) => ({ host: mx.host, d: rule(mx, sts(mx)) }));
  const refused = entries.filter((e) => e.d.delivers === false);
  const delivering = entries.filter((e) => e.d.delivers === true);
  const refusedMx = refused.map((e) => e.host);
  if (delivering.length > 0) {
    const also = refused.length === 0 ? '' : `; refuses ${describe(refused)}`;
    return { bounces: false, refusedMx, reason: `delivers to ${describe(delivering)}${also}` };
  }
  const open = entries.filter((e) => e.d.delivers === null);
  if (open.length > 0) {
    const also = refused.length === 0 ? '' : `; refuses ${describe(refused)}`;
    return { bounces: null, refusedMx, reason: `cannot tell: ${describe(open)}${also}` };
  }
  return { bounces: true, refusedMx, reason: `refuses every MX host: ${describe(refused)}` };
}

/**
 * Senders holding a cached enforcing policy (issue #8 item 2), judged with the same host rule: a cache bounces
 * mail when the rule refuses every host under it, and the holder keeps it after looking for a new policy. A holder
 * that finds a new id fetches it (RFC 8461 §5.1), so `not-yet-refetched` never bounces; with our own lookup
 * failed (`live-unknown`) a refusal is only possible. The same rules as src/core/cached-policies.ts.
 */
function cachedBounces(facts: SenderFacts, rule: HostRule, appliesMtaSts: boolean): boolean | null {
  if (!appliesMtaSts) return false;
  if (facts.cached === null) return null;
  const verdicts = facts.cached
    .filter((entry) => entry.mode === 'enforce')
    .map((entry): boolean | null => {
      const bounces = combine(facts, (mx) => cachedSts(entry, mx), rule).bounces;
      if (entry.why === 'not-yet-refetched') return false;
      if (entry.why === 'live-unknown' && bounces === true) return null;
      return bounces;
    });
  return verdicts.includes(true) ? true : verdicts.includes(null) ? null : false;
}

/** A profile's whole verdict: the live one, and the one for senders holding cached policies. */
export function judgeWith(
  facts: SenderFacts,
  rule: HostRule,
  appliesMtaSts: boolean,
): Omit<SenderVerdict, 'counted'> {
  const live = combine(facts, (mx) => liveSts(facts, mx), rule);
  return { ...live, bouncesForCachedSenders: cachedBounces(facts, rule, appliesMtaSts) };
}
