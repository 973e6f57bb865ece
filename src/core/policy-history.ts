/**
 * Policy history (issue #8 item 1): every policy version a sender could still hold for one domain.
 *
 * RFC 8461 §3.2: a sender caches a policy "for up to [max_age] from the last policy fetch time". §5.1: it looks for
 * a new policy only when the `_mta-sts` id changes (or before failing a message for good), so a version stays in
 * senders' caches until the last moment it could have been fetched plus its own max_age, whatever later versions
 * say. Ids have no order (§3.1): versions are compared by id and meaning, never sorted by id.
 *
 * Only successful sightings are folded (a valid id and a fetched, valid policy): an absent record or a failing
 * fetch adds no version; cached-policies.ts judges those against the history.
 *
 * Pure: observations and the clock in, a new history and what happened out.
 */
import { hashPolicy } from './assess-policy.js';
import type { Policy } from './policy.js';
import type { PolicyMode } from './types.js';

/** How many versions one domain keeps at most; past this the one whose cache ends first is dropped (and said). */
export const MAX_VERSIONS_PER_DOMAIN = 20;

/** One policy version that senders may have fetched. Times are ISO 8601. */
export interface PolicyVersion {
  /** The `_mta-sts` id it was served under. */
  readonly id: string;
  /** `hashPolicy`: SHA-256 of mode, max_age and the sorted mx set (the same hash as `stale-policy-id`). */
  readonly hash: string;
  readonly mode: PolicyMode;
  readonly maxAge: number;
  readonly mx: readonly string[];
  /** The first and the last time this version was observed being served. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  /**
   * The first time another version was seen after `lastSeen`: the version was served no later than that. Kept
   * by `foldSighting` so that pruning the version that replaced it cannot stretch its cache (absent while it is
   * the latest, and in histories written by hand).
   */
  readonly replacedAt?: string;
}

/** The versions of one domain, in the order they were first seen. */
export type PolicyHistory = readonly PolicyVersion[];

/** A successful observation: the TXT id and the policy a sender fetching now would get. */
export interface PolicySighting {
  readonly id: string;
  readonly policy: Policy;
}

/** What a fold did, so callers can report it (a dropped version is never silent). */
export type HistoryEvent =
  | { readonly kind: 'added'; readonly id: string; readonly hash: string }
  | { readonly kind: 'seen-again'; readonly id: string; readonly hash: string }
  /** The id was seen before with another meaning: senders holding the old one never refetch (§5.1). */
  | {
      readonly kind: 'same-id-change';
      readonly id: string;
      readonly hash: string;
      readonly previousHash: string;
    }
  | { readonly kind: 'expired'; readonly id: string; readonly hash: string; readonly heldUntil: string }
  | {
      readonly kind: 'dropped';
      readonly id: string;
      readonly hash: string;
      readonly heldUntil: string;
      readonly reason: string;
    };

export interface FoldResult {
  readonly history: PolicyHistory;
  readonly events: readonly HistoryEvent[];
}

/**
 * The last moment a sender could have fetched `version`. We saw it served at `lastSeen`; it may have stayed in
 * place until we next saw something else. Any other version seen after `lastSeen` bounds that: by its `firstSeen`
 * when that came after, else by its `lastSeen` (A, B, then A again: B may have been served until A came back).
 * Conservative on purpose: a shorter estimate could call a bounce window closed while senders still hold it.
 */
export function servedUntil(history: PolicyHistory, version: PolicyVersion): string {
  const bounds = history
    .filter((v) => v !== version && v.lastSeen > version.lastSeen)
    .map((v) => (v.firstSeen > version.lastSeen ? v.firstSeen : v.lastSeen));
  const { replacedAt } = version;
  if (replacedAt !== undefined && replacedAt > version.lastSeen) bounds.push(replacedAt);
  return bounds.sort()[0] ?? version.lastSeen;
}

/** RFC 8461 §3.2: the end of the longest cache of `version`: last possible fetch plus its own max_age. */
export function heldUntil(history: PolicyHistory, version: PolicyVersion): string {
  const from = Date.parse(servedUntil(history, version));
  return new Date(from + version.maxAge * 1000).toISOString();
}

/** Drop versions whose every cache has expired, then enforce the per-domain bound. */
export function pruneHistory(
  history: PolicyHistory,
  now: Date,
  limit = MAX_VERSIONS_PER_DOMAIN,
  keep?: PolicyVersion,
): FoldResult {
  const events: HistoryEvent[] = [];
  const at = now.toISOString();
  let kept = history.filter((v) => {
    const until = heldUntil(history, v);
    if (v === keep || until > at) return true;
    events.push({ kind: 'expired', id: v.id, hash: v.hash, heldUntil: until });
    return false;
  });
  while (kept.length > Math.max(1, limit)) {
    // The version whose caches end first matters least; the one just seen is never dropped.
    const candidates = kept.filter((v) => v !== keep);
    const until = (v: PolicyVersion): string => heldUntil(kept, v);
    const victim = candidates.reduce((a, b) => (until(b) < until(a) ? b : a));
    events.push({
      kind: 'dropped',
      id: victim.id,
      hash: victim.hash,
      heldUntil: until(victim),
      reason: `more than ${limit} policy versions for one domain; the one whose caches end first is forgotten`,
    });
    kept = kept.filter((v) => v !== victim);
  }
  return { history: kept, events };
}

/**
 * Fold one sighting into the history: a new version, the same version seen again, or the same id with a changed
 * meaning (kept as a separate version: senders holding the old one keep it, §5.1). Then prune.
 */
export function foldSighting(
  history: PolicyHistory,
  sighting: PolicySighting,
  now: Date,
  limit = MAX_VERSIONS_PER_DOMAIN,
): FoldResult {
  const at = now.toISOString();
  const { id, policy } = sighting;
  const hash = hashPolicy(policy);
  const same = history.find((v) => v.id === id && v.hash === hash);
  let next: PolicyVersion[];
  let current: PolicyVersion;
  const events: HistoryEvent[] = [];
  if (same !== undefined) {
    // Served again: it is the latest once more, so an earlier replacedAt no longer applies.
    const { id: sameId, hash: sameHash, mode, maxAge, mx, firstSeen, lastSeen } = same;
    current = {
      id: sameId,
      hash: sameHash,
      mode,
      maxAge,
      mx,
      firstSeen,
      lastSeen: at > lastSeen ? at : lastSeen,
    };
    next = history.map((v) => (v === same ? current : v));
    events.push({ kind: 'seen-again', id, hash });
  } else {
    const { mode, maxAge, mx } = policy;
    current = { id, hash, mode, maxAge, mx: [...mx], firstSeen: at, lastSeen: at };
    next = [...history, current];
    const earlier = history.filter((v) => v.id === id).at(-1);
    events.push(
      earlier === undefined
        ? { kind: 'added', id, hash }
        : { kind: 'same-id-change', id, hash, previousHash: earlier.hash },
    );
  }
  // Every other version was not served at `at`: the first such time after its lastSeen bounds its serving.
  next = next.map((v) =>
    v === current || (v.replacedAt !== undefined && v.replacedAt > v.lastSeen) ? v : { ...v, replacedAt: at },
  );
  const pruned = pruneHistory(next, now, limit, current);
  return { history: pruned.history, events: [...events, ...pruned.events] };
}
