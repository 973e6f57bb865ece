/**
 * Findings of the cache-aware verdict (issue #8 item 3): what senders still hold, and until when. One finding per
 * fact: a refusal under the same id is `stale-policy-id` (freshness.ts, which gets the window end from here) or
 * `mode-downgrade-same-id`, a refusal after removal is part of `sts-removed-while-cached`, one after a new id that
 * fails to fetch part of `new-id-fetch-failing`. Pure: the history, the live view and the verdict in.
 */
import type { CachedPolicy, CachedVerdict, LiveView } from './cached-policies.js';
import { makeFinding } from './findings.js';
import type { PolicyHistory } from './policy-history.js';
import type { Finding, PolicyMode } from './types.js';

export interface CacheFindingsInput {
  readonly domain: string;
  readonly history: PolicyHistory;
  readonly live: LiveView;
  readonly verdict: CachedVerdict;
}

const STRENGTH: Readonly<Record<PolicyMode, number>> = { none: 0, testing: 1, enforce: 2 };

/** The latest end among `entries` (ISO strings sort as times). */
const lastEnd = (entries: readonly CachedPolicy[]): string =>
  entries
    .map((e) => e.heldUntil)
    .sort()
    .at(-1) ?? '';

const describe = (e: CachedPolicy): string => `id ${e.id} (mode ${e.mode}, mx ${e.mx.join(', ') || 'none'})`;

/** The live MX hosts refused by `entries`, each once, and whether that is every live MX host. */
function refusal(
  entries: readonly CachedPolicy[],
  live: LiveView,
): { text: string; all: boolean; any: boolean } {
  const hosts = [...new Set(entries.flatMap((e) => e.refuses))];
  if (hosts.length === 0) return { text: '', all: false, any: false };
  const all = live.mxHosts !== null && live.mxHosts.length > 0 && hosts.length >= live.mxHosts.length;
  const text = ` They refuse ${hosts.join(', ')}${all ? ', every MX host, so mail from them bounces' : ''}.`;
  return { text, all, any: true };
}

/** The TXT record is gone while enforcing policies are held (RFC 8461 §8.3 asks for mode none first). */
function removed(domain: string, cached: readonly CachedPolicy[], live: LiveView): Finding[] {
  const held = cached.filter((e) => e.why === 'txt-removed' && e.mode === 'enforce');
  if (held.length === 0) return [];
  const end = lastEnd(held);
  const refused = refusal(held, live);
  const message =
    `The _mta-sts record of ${domain} is gone, but senders that fetched the enforcing policy ${held.map(describe).join('; ')} ` +
    `keep applying it until ${end} (RFC 8461 §3.3).${refused.text}`;
  return [
    makeFinding('sts-removed-while-cached', domain, message, {
      expected: 'mode: none under a new id until the cached policies run out',
      observed: 'no _mta-sts record',
      ...(refused.any ? { severity: 'error' as const } : {}),
    }),
  ];
}

/** A policy that cannot be fetched: holders keep theirs (RFC 8461 §3.3). */
function fetchFailing(input: CacheFindingsInput): Finding[] {
  const { domain, history, live, verdict } = input;
  const held = verdict.cached.filter((e) => e.why === 'fetch-failing');
  if (held.length === 0 || live.txt.status !== 'present') return [];
  const { id } = live.txt;
  const end = lastEnd(held);
  if (!history.some((v) => v.id === id)) {
    const refused = refusal(held, live);
    const message =
      `The _mta-sts id of ${domain} is now ${id}, but its policy cannot be fetched, so senders keep the policy ` +
      `they hold, ${held.map(describe).join('; ')}, until ${end}.${refused.text}`;
    return [
      makeFinding('new-id-fetch-failing', domain, message, {
        expected: `the policy of id ${id}`,
        observed: 'fetch failing',
        ...(refused.any ? { severity: 'error' as const } : {}),
      }),
    ];
  }
  const refusing = held.filter((e) => e.refuses.length > 0);
  if (refusing.length === 0) return [];
  const refused = refusal(refusing, live);
  const message =
    `Senders hold the cached policy ${refusing.map(describe).join('; ')} of ${domain} and cannot fetch another ` +
    `(the policy fetch fails), so they apply it until ${lastEnd(refusing)}.${refused.text}`;
  return [
    makeFinding('cached-policy-refuses-mx', domain, message, {
      expected: refusing.flatMap((e) => e.mx).join(', '),
      observed: [...new Set(refusing.flatMap((e) => e.refuses))].join(', '),
    }),
  ];
}

/** A lower mode under the same id (RFC 8461 §5.1): holders of the stronger policy never learn of it. */
function downgraded(domain: string, cached: readonly CachedPolicy[], live: LiveView): Finding[] {
  if (live.fetch.status !== 'fetched') return [];
  const mode = live.fetch.policy.mode;
  const held = cached.filter((e) => e.why === 'same-id-change' && STRENGTH[e.mode] > STRENGTH[mode]);
  const first = held[0];
  if (first === undefined) return [];
  const message =
    `The policy of ${domain} went from mode ${first.mode} to ${mode} under the same _mta-sts id ${first.id}: ` +
    `senders that cached it keep applying mode ${first.mode} until ${lastEnd(held)}.${refusal(held, live).text}`;
  return [
    makeFinding('mode-downgrade-same-id', domain, message, {
      expected: `an id other than ${first.id}`,
      observed: first.id,
    }),
  ];
}

/** A lower max_age does not shorten caches that already exist (RFC 8461 §3.2). */
function maxAgeLowered(domain: string, cached: readonly CachedPolicy[], live: LiveView): Finding[] {
  if (live.fetch.status !== 'fetched') return [];
  const { maxAge } = live.fetch.policy;
  const longer = cached.filter((e) => e.maxAge > maxAge && e.why !== 'live-unknown');
  if (longer.length === 0) return [];
  const highest = Math.max(...longer.map((e) => e.maxAge));
  const message =
    `max_age of ${domain} went down from ${highest} s to ${maxAge} s: senders that fetched the earlier policy ` +
    `keep it with its old max_age until ${lastEnd(longer)}; only later fetches use ${maxAge} s.`;
  return [
    makeFinding('max-age-lowered', domain, message, {
      expected: `caches of at most ${maxAge} s`,
      observed: `${highest} s`,
    }),
  ];
}

export function cacheFindings(input: CacheFindingsInput): Finding[] {
  const { domain, live, verdict } = input;
  return [
    ...removed(domain, verdict.cached, live),
    ...fetchFailing(input),
    ...downgraded(domain, verdict.cached, live),
    ...maxAgeLowered(domain, verdict.cached, live),
  ];
}

/** The end of the window of a same-id change, for the `stale-policy-id` message; null when none is held. */
export function sameIdWindowEnd(verdict: CachedVerdict): string | null {
  const held = verdict.cached.filter((e) => e.why === 'same-id-change');
  return held.length === 0 ? null : lastEnd(held);
}
