/**
 * The cache-aware verdict (issue #8 item 2): which policies senders may still apply now, why, which live MX hosts
 * they refuse, and whether that bounces mail.
 *
 * RFC 8461 §3.3: "if no 'live' policy can be discovered via DNS or fetched via HTTPS, but a valid (non-expired)
 * policy exists in the sender's cache, the sender MUST apply that cached policy." §5.1: a sender looks for a new
 * policy when the id changes, and before failing a message for good; otherwise it keeps its cache up to max_age.
 * Pure: the history, the live view and the clock in; data out.
 */
import { findMatchingPattern, normalizeHost } from './mx-pattern.js';
import { hashPolicy } from './assess-policy.js';
import type { Policy } from './policy.js';
import { heldUntil, type PolicyHistory, type PolicyVersion } from './policy-history.js';
import type { PolicyMode } from './types.js';

/**
 * Why senders may still apply a policy other than the live one:
 * - `same-id-change`: the live policy means something else under the same id, so holders never refetch (§5.1);
 *   some senders even keep such an entry past max_age while the id stays the same: heldUntil is the RFC's bound;
 * - `fetch-failing`: the live policy cannot be fetched, so holders keep theirs (§3.3);
 * - `txt-removed`: no valid `_mta-sts` record, so holders keep theirs until max_age (§3.3, §8.3);
 * - `not-yet-refetched`: a new id and a fetchable policy, but holders look only when a delivery would fail or
 *   their cache runs out (§5.1), and may see the old id until the TXT TTL passes (§8.1);
 * - `live-unknown` (ours): our own TXT lookup or policy fetch failed, so we cannot tell which of the above holds.
 */
export type CachedWhy =
  'same-id-change' | 'fetch-failing' | 'txt-removed' | 'not-yet-refetched' | 'live-unknown';

/** What we see now. Map an invalid TXT answer (several records, bad syntax) to `absent`: senders do (§3.1). */
export interface LiveView {
  readonly txt:
    | { readonly status: 'present'; readonly id: string }
    | { readonly status: 'absent' }
    | { readonly status: 'unknown' };
  /** `failing`: fetched and refused (HTTP, TLS, media type, parse); `unknown`: not tried or our probe failed. */
  readonly fetch:
    | { readonly status: 'fetched'; readonly policy: Policy }
    | { readonly status: 'failing' }
    | { readonly status: 'unknown' };
  /** The MX hosts senders use now (the domain itself when it has no MX, RFC 5321 §5.1); null when unknown. */
  readonly mxHosts: readonly string[] | null;
  /** Live MX hosts whose STARTTLS or certificate fails (§4.2): every enforcing policy refuses them. */
  readonly tlsFailing?: readonly string[];
}

export interface CachedPolicy {
  readonly id: string;
  readonly mode: PolicyMode;
  readonly mx: readonly string[];
  readonly maxAge: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** The end of the longest cache: last possible fetch plus max_age (RFC 8461 §3.2). */
  readonly heldUntil: string;
  readonly why: CachedWhy;
  /** Live MX hosts this policy refuses; empty unless it enforces (testing only reports, §5). */
  readonly refuses: readonly string[];
}

export interface CachedVerdict {
  readonly cached: readonly CachedPolicy[];
  /** Some sender holding a cached enforcing policy refuses every live MX and keeps it when it looks again. */
  readonly bouncesForCachedSenders: boolean | null;
  /** When the last such cache runs out; null when nothing bounces. */
  readonly bounceWindowEnd: string | null;
}

function isLive(version: PolicyVersion, live: LiveView): boolean {
  return (
    live.txt.status === 'present' &&
    live.txt.id === version.id &&
    live.fetch.status === 'fetched' &&
    hashPolicy(live.fetch.policy) === version.hash
  );
}

function whyHeld(version: PolicyVersion, live: LiveView): CachedWhy {
  if (live.txt.status === 'unknown') return 'live-unknown';
  if (live.txt.status === 'absent') return 'txt-removed';
  if (live.fetch.status === 'unknown') return 'live-unknown';
  if (live.fetch.status === 'failing') return 'fetch-failing';
  return live.txt.id === version.id ? 'same-id-change' : 'not-yet-refetched';
}

/** RFC 8461 §4.1, §4.2: an enforcing policy refuses hosts no pattern matches and hosts failing TLS. */
function refusedBy(version: PolicyVersion, live: LiveView): string[] {
  if (version.mode !== 'enforce' || live.mxHosts === null) return [];
  const failing = new Set((live.tlsFailing ?? []).map(normalizeHost));
  return live.mxHosts
    .map(normalizeHost)
    .filter((host) => failing.has(host) || findMatchingPattern(version.mx, host) === null);
}

/**
 * Does this cache bounce mail? Only when it refuses every live MX and the sender keeps it after looking for a
 * new policy: a sender that finds a new id and fetches it (§5.1 step 3) delivers under the new one instead.
 */
function bounces(entry: CachedPolicy, live: LiveView): boolean | null {
  if (entry.mode !== 'enforce' || live.mxHosts === null || live.mxHosts.length === 0) return false;
  if (entry.refuses.length < live.mxHosts.length) return false;
  if (entry.why === 'live-unknown') return null;
  return entry.why !== 'not-yet-refetched';
}

/** The policies senders may still apply at `now`, other than the live one, with the bounce verdict. */
export function assessCachedPolicies(history: PolicyHistory, live: LiveView, now: Date): CachedVerdict {
  const at = now.toISOString();
  const cached: CachedPolicy[] = [];
  for (const version of history) {
    const until = heldUntil(history, version);
    if (until <= at || isLive(version, live)) continue;
    const { id, mode, mx, maxAge, firstSeen, lastSeen } = version;
    const why = whyHeld(version, live);
    cached.push({
      id,
      mode,
      mx,
      maxAge,
      firstSeen,
      lastSeen,
      heldUntil: until,
      why,
      refuses: refusedBy(version, live),
    });
  }
  const verdicts = cached.map((entry) => bounces(entry, live));
  const bouncing = cached.filter((_, i) => verdicts[i] === true);
  const blind = live.mxHosts === null && cached.some((e) => e.mode === 'enforce');
  const bouncesForCachedSenders =
    bouncing.length > 0 ? true : blind || verdicts.includes(null) ? null : false;
  const bounceWindowEnd =
    bouncing
      .map((e) => e.heldUntil)
      .sort()
      .at(-1) ?? null;
  return { cached, bouncesForCachedSenders, bounceWindowEnd };
}
